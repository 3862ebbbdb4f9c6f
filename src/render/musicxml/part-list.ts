/**
 * purpose: the head of a MusicXML document — XML declaration and doctype, work title, encoding software, and the
 * part-list: one <score-part> per part in score order (parts.ts) with its name and abbreviation, MIDI channel,
 * program, volume and pan (drums as one unpitched instrument per GM key they play), and a bracket round each
 * section of two or more parts.
 */
import type { Score } from '../../score/index.js';
import { drumDisplay } from './drums.js';
import { sectionGroups, type PartPlan } from './parts.js';
import { esc, num } from './xml.js';

/**
 * Everything before the first <part>.
 *
 * @example
 * scoreHeader(score, planParts(score.tracks), 'Leitmotif')[2] // '<score-partwise version="4.0">'
 */
export function scoreHeader(score: Pick<Score, 'title'>, parts: readonly PartPlan[], software: string): string[] {
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8" standalone="no"?>');
  out.push('<!DOCTYPE score-partwise PUBLIC "-//Recordare//DTD MusicXML 4.0 Partwise//EN" "http://www.musicxml.org/dtds/partwise.dtd">');
  out.push('<score-partwise version="4.0">');
  out.push(`  <work><work-title>${esc(score.title)}</work-title></work>`);
  out.push('  <identification>');
  out.push(`    <encoding><software>${esc(software)}</software></encoding>`);
  out.push('  </identification>');
  // Staff size by the number of staves, as a copyist shrinks a full score so a system fits the page (Gould,
  // "Behind Bars", p. 483: 7 mm for solo parts, down to about 5 mm for large scores); 40 tenths is a staff height.
  const staves = parts.reduce((n, p) => n + (p.piano ? 2 : 1), 0);
  const mm = staves <= 4 ? 7 : staves <= 8 ? 6.2 : staves <= 12 ? 5.2 : 4.5;
  out.push(`  <defaults><scaling><millimeters>${mm}</millimeters><tenths>40</tenths></scaling></defaults>`);
  out.push('  <part-list>');
  const groups = sectionGroups(parts);
  parts.forEach((p, i) => {
    groups.forEach((g, gi) => {
      if (g.from === i) out.push(`    <part-group type="start" number="${gi + 1}"><group-symbol>bracket</group-symbol><group-barline>yes</group-barline></part-group>`);
    });
    out.push(...partListEntry(p));
    groups.forEach((g, gi) => {
      if (g.to === i) out.push(`    <part-group type="stop" number="${gi + 1}"/>`);
    });
  });
  out.push('  </part-list>');
  return out;
}

function partListEntry(part: PartPlan): string[] {
  const { id } = part;
  const t = part.tracks[0];
  const vol = num((t.volume / 127) * 100);
  const pan = num(t.pan * 90);
  const out = [`    <score-part id="${id}">`, `      <part-name>${esc(part.name)}</part-name>`, `      <part-abbreviation>${esc(part.abbreviation)}</part-abbreviation>`];
  if (part.percussion) {
    const pitches = [...new Set(part.tracks.flatMap((tr) => tr.notes.map((n) => n.pitch)))].sort((a, b) => a - b);
    for (const p of pitches) out.push(`      <score-instrument id="${id}-I${p + 1}"><instrument-name>${esc(drumDisplay(p).name)}</instrument-name></score-instrument>`);
    for (const p of pitches) {
      out.push(`      <midi-instrument id="${id}-I${p + 1}"><midi-channel>10</midi-channel><midi-program>${t.program + 1}</midi-program><midi-unpitched>${p + 1}</midi-unpitched><volume>${vol}</volume><pan>${pan}</pan></midi-instrument>`);
    }
  } else {
    out.push(`      <score-instrument id="${id}-I1"><instrument-name>${esc(part.name)}</instrument-name></score-instrument>`);
    out.push(`      <midi-instrument id="${id}-I1"><midi-channel>${t.channel + 1}</midi-channel><midi-program>${t.program + 1}</midi-program><volume>${vol}</volume><pan>${pan}</pan></midi-instrument>`);
  }
  out.push('    </score-part>');
  return out;
}
