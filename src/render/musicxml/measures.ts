/**
 * purpose: one part as MusicXML <measure>s — each bar's <attributes> where something changes (divisions, key
 * signature and mode, time signature, the first bar's clef or grand staff), its laid-out items, and the
 * barline (double bar before a new section, final bar at the end).
 */
import type { KeyEvent, Score } from '../../score/index.js';
import { MODE_TABLE, keyFifths } from '../../theory/index.js';
import type { Bar, BarGrid, Item } from './items.js';
import { clefFor } from './staves.js';
import { twoStaves } from './layout.js';
import { writtenFifths, type PartPlan } from './parts.js';
import { writeItem } from './write-items.js';

export interface PartWriting {
  grid: BarGrid;
  /** Divisions per quarter (written in the first bar). */
  divisions: number;
  /** Ticks → divisions, as text. */
  dur: (ticks: number) => string;
  /** Section starts (a double bar precedes each). */
  sections: Score['sections'];
}

/**
 * The <part> element of a planned part (parts.ts), from its items per bar (layout.ts). A transposing part
 * gets <transpose> and its written key; a part an octave off (guitar, bass) the octave clef.
 *
 * @example
 * writePart(part, layoutPart(grid, part, dirs, true), { grid, divisions: 4, dur, sections: score.sections })[0] // '  <part id="P1">'
 */
export function writePart(part: PartPlan, items: readonly Item[][], w: PartWriting): string[] {
  const { grid, divisions, dur } = w;
  const nBars = grid.bars.length;
  const { id } = part;
  const perc = part.percussion;
  const track = { role: part.tracks[0].role, notes: part.tracks.flatMap((t) => t.notes) };
  const tr = part.transpose;
  const out: string[] = [`  <part id="${id}">`];
  let prevKey: number | null = null;
  let prevMeter = '';
  for (const bar of grid.bars) {
    out.push(`    <measure number="${bar.index + 1}">`);
    const attrs: string[] = [];
    if (bar.index === 0) attrs.push(`<divisions>${divisions}</divisions>`);
    const kf = writtenFifths(keyFifths(grid.keyAt(bar.start) ?? { tonic: 'C', mode: 'major' }), tr?.fifths ?? 0);
    const kev = grid.keyAt(bar.start);
    if (!perc && (bar.index === 0 || kf !== prevKey)) {
      const mode = kev ? xmlMode(kev.mode) : null;
      attrs.push(`<key><fifths>${kf}</fifths>${mode ? `<mode>${mode}</mode>` : ''}</key>`);
      prevKey = kf;
    }
    const meterKey = `${bar.numerator}/${bar.denominator}`;
    if (meterKey !== prevMeter) attrs.push(`<time><beats>${bar.numerator}</beats><beat-type>${bar.denominator}</beat-type></time>`);
    prevMeter = meterKey;
    if (bar.index === 0) {
      if (perc) attrs.push('<clef><sign>percussion</sign></clef>');
      else if (twoStaves(part)) attrs.push('<staves>2</staves><clef number="1"><sign>G</sign><line>2</line></clef><clef number="2"><sign>F</sign><line>4</line></clef>');
      else if (part.clef) attrs.push(`<clef><sign>${part.clef.sign}</sign><line>${part.clef.line}</line>${part.clef.octaveChange ? `<clef-octave-change>${part.clef.octaveChange}</clef-octave-change>` : ''}</clef>`);
      else attrs.push(clefFor(track));
      if (tr) attrs.push(`<transpose><diatonic>${tr.diatonic}</diatonic><chromatic>${tr.chromatic}</chromatic>${tr.octaveChange ? `<octave-change>${tr.octaveChange}</octave-change>` : ''}</transpose>`);
    }
    if (attrs.length) out.push(`      <attributes>${attrs.join('')}</attributes>`);
    for (const it of items[bar.index]) out.push(...writeItem(it, id, dur));
    const barline = barlineFor(w.sections, bar, nBars);
    if (barline) out.push(`      ${barline}`);
    out.push('    </measure>');
  }
  out.push('  </part>');
  return out;
}

/**
 * <mode> is written for major and minor only: MusicXML 4 allows the church modes too, but MuseScore 3 reports
 * them as import errors, and the key signature (all a player reads) is the same either way.
 */
function xmlMode(mode: KeyEvent['mode']): string | null {
  return mode === 'major' ? 'major' : MODE_TABLE[mode].smfMinor ? 'minor' : null;
}

function barlineFor(sections: Score['sections'], bar: Bar, nBars: number): string | null {
  if (bar.index === nBars - 1) return '<barline location="right"><bar-style>light-heavy</bar-style></barline>';
  // A double bar where a new section starts.
  if (sections.some((s) => s.tick === bar.end)) return '<barline location="right"><bar-style>light-light</bar-style></barline>';
  return null;
}
