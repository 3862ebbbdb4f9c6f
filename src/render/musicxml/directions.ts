/**
 * purpose: the <direction>s of a part — for the first part the score's tempo marks (a ramp written "accel."/"rit."
 * up to the next mark; the SMF carries the exact ramp), rehearsal marks for sections and cues, and words for
 * hits and other markers; for every pitched part its printed dynamics (dynamics.ts).
 */
import type { Score } from '../../score/index.js';
import { dynamicMarks } from './dynamics.js';
import { addDirection, type BarGrid, type DirectionsByBar } from './items.js';
import { esc, num } from './xml.js';

/**
 * Tempo marks, ramp playback, rehearsal marks and words, by bar index (first part only).
 *
 * @example
 * directionsFor(score, barGrid(score)).get(0)![0].xml('') // '<direction placement="above"><direction-type><metronome …'
 */
export function directionsFor(score: Score, grid: Pick<BarGrid, 'barAt'>): DirectionsByBar {
  const out: DirectionsByBar = new Map();
  const add = (tick: number, xml: (offset: string) => string) => addDirection(out, grid, tick, xml);
  const tempo = score.tempo.filter((e, i, a) => a[i + 1]?.tick !== e.tick);
  tempo.forEach((e, i) => {
    const next = tempo[i + 1];
    const shown = Math.round(e.bpm);
    add(e.tick, (off) => `<direction placement="above"><direction-type><metronome parentheses="no"><beat-unit>quarter</beat-unit><per-minute>${shown}</per-minute></metronome></direction-type>${off}<sound tempo="${num(e.bpm)}"/></direction>`);
    if (e.ramp === 'linear' && next && next.bpm !== e.bpm) {
      const word = next.bpm > e.bpm ? 'accel.' : 'rit.';
      add(e.tick, (off) => `<direction placement="above"><direction-type><words font-style="italic">${word}</words></direction-type>${off}</direction>`);
    }
  });
  for (const s of score.sections) add(s.tick, (off) => `<direction placement="above"><direction-type><rehearsal>${esc(s.name)}</rehearsal></direction-type>${off}</direction>`);
  for (const m of score.markers) {
    const el = m.kind === 'cue' ? `<rehearsal>${esc(m.text)}</rehearsal>` : `<words>${esc(m.kind === 'marker' ? m.text : `${m.kind}: ${m.text}`)}</words>`;
    add(m.tick, (off) => `<direction placement="above"><direction-type>${el}</direction-type>${off}</direction>`);
  }
  const hitMarkers = new Set(score.markers.filter((m) => m.kind === 'hit').map((m) => `${m.tick}\u0000${m.text}`));
  for (const h of score.hits) {
    if (hitMarkers.has(`${h.tick}\u0000${h.label}`)) continue;
    add(h.tick, (off) => `<direction placement="above"><direction-type><words>hit: ${esc(h.label)}</words></direction-type>${off}</direction>`);
  }
  return out;
}

/**
 * Printed dynamics (below the staff) where a part's bar-by-bar level changes, added to its directions.
 *
 * @example
 * const dirs = new Map();
 * addDynamicMarks(dirs, grid, track.notes);
 * dirs.get(0)![0].xml('') // '<direction placement="below"><direction-type><dynamics><mf/></dynamics></direction-type></direction>'
 */
export function addDynamicMarks(directions: DirectionsByBar, grid: Pick<BarGrid, 'bars' | 'barAt'>, notes: ReadonlyArray<{ tick: number; velocity: number }>): void {
  for (const d of dynamicMarks(notes, grid.bars)) {
    addDirection(directions, grid, d.tick, (off) => `<direction placement="below"><direction-type><dynamics><${d.mark}/></dynamics></direction-type>${off}</direction>`);
  }
}
