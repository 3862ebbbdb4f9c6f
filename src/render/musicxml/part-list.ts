/**
 * purpose: the head of a MusicXML document — XML declaration and doctype, work title, encoding software, and the
 * part-list: one <score-part> per track with its MIDI channel, program, volume and pan (drums as one unpitched
 * instrument per GM key they play).
 */
import type { Score, Track } from '../../score/index.js';
import { drumDisplay } from './drums.js';
import { isPercussion } from './staves.js';
import { esc, num } from './xml.js';

/**
 * Everything before the first <part>.
 *
 * @example
 * scoreHeader(score, 'Leitmotif')[2] // '<score-partwise version="4.0">'
 */
export function scoreHeader(score: Pick<Score, 'title' | 'tracks'>, software: string): string[] {
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8" standalone="no"?>');
  out.push('<!DOCTYPE score-partwise PUBLIC "-//Recordare//DTD MusicXML 4.0 Partwise//EN" "http://www.musicxml.org/dtds/partwise.dtd">');
  out.push('<score-partwise version="4.0">');
  out.push(`  <work><work-title>${esc(score.title)}</work-title></work>`);
  out.push('  <identification>');
  out.push(`    <encoding><software>${esc(software)}</software></encoding>`);
  out.push('  </identification>');
  out.push('  <part-list>');
  score.tracks.forEach((t, i) => out.push(...partListEntry(t, i)));
  out.push('  </part-list>');
  return out;
}

function partListEntry(t: Track, i: number): string[] {
  const id = `P${i + 1}`;
  const vol = num((t.volume / 127) * 100);
  const pan = num(t.pan * 90);
  const out = [`    <score-part id="${id}">`, `      <part-name>${esc(t.name)}</part-name>`];
  if (isPercussion(t)) {
    const pitches = [...new Set(t.notes.map((n) => n.pitch))].sort((a, b) => a - b);
    for (const p of pitches) out.push(`      <score-instrument id="${id}-I${p + 1}"><instrument-name>${esc(drumDisplay(p).name)}</instrument-name></score-instrument>`);
    for (const p of pitches) {
      out.push(`      <midi-instrument id="${id}-I${p + 1}"><midi-channel>10</midi-channel><midi-program>${t.program + 1}</midi-program><midi-unpitched>${p + 1}</midi-unpitched><volume>${vol}</volume><pan>${pan}</pan></midi-instrument>`);
    }
  } else {
    out.push(`      <score-instrument id="${id}-I1"><instrument-name>${esc(t.name)}</instrument-name></score-instrument>`);
    out.push(`      <midi-instrument id="${id}-I1"><midi-channel>${t.channel + 1}</midi-channel><midi-program>${t.program + 1}</midi-program><volume>${vol}</volume><pan>${pan}</pan></midi-instrument>`);
  }
  out.push('    </score-part>');
  return out;
}
