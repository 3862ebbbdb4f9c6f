/**
 * purpose: Score → MusicXML 4.0 (score-partwise), one part per track, deterministic text.
 *
 * Measures follow the meter map; notes crossing a barline are split and tied; lengths are written as note
 * types with dots or triplets (durations.ts); simultaneous notes of equal length are chords, overlapping ones of
 * different lengths go to separate voices joined with <backup> (voices.ts); pitches are spelled from the key
 * (spelling.ts) with accidentals as a copyist writes them (key signature, then per bar and octave); drums are
 * unpitched notes on a percussion staff (drums.ts). The first part carries tempo marks with <sound tempo>
 * (a ramp is written "accel."/"rit." up to the next mark, as on paper: notation programs print every
 * <sound tempo> as a visible mark, so a beat-by-beat ramp would bury the page in numbers — the SMF carries the
 * exact ramp), rehearsal marks for sections and cue markers, and words for hit points and other markers.
 * Note velocities go into the `dynamics` attribute (percent of forte = 90) for playback, and printed
 * dynamics follow each part's bar-by-bar level (dynamics.ts).
 *
 * The parts of the job: items.ts (the bar grid and the laid-out items), part-list.ts (header and part-list),
 * layout.ts (a track as per-bar items), directions.ts (tempo, rehearsal marks, words, dynamics), measures.ts
 * (<measure>s with attributes and barlines), write-items.ts (<note>, <backup>, <direction> text).
 */
import { normalizeScore, PPQ, type Score } from '../../score/index.js';
import { barGrid, type Bar, type Item } from './items.js';
import { scoreHeader } from './part-list.js';
import { layoutPart } from './layout.js';
import { directionsFor } from './directions.js';
import { writePart } from './measures.js';
import { gcd } from './xml.js';
import { planParts } from './parts.js';

export interface ScoreToMusicXmlOptions {
  /** Software name written into <encoding> (default "Leitmotif"). */
  software?: string;
  /**
   * Write the rhythm a copyist would (quantize.ts; default true). With false every note keeps its exact
   * tick and length, however odd the notation gets (tuplets, untyped remainders).
   */
  quantize?: boolean;
}

/** Divisions: the coarsest grid every written duration, bar length and direction offset lies on (in ticks). */
function divisionTicks(parts: readonly Item[][][], bars: readonly Bar[]): number {
  let g = PPQ;
  for (const p of parts) for (const bar of p) for (const it of bar) {
    if (it.kind === 'note' || it.kind === 'backup') g = gcd(g, it.ticks);
  }
  for (const b of bars) g = gcd(g, b.end - b.start);
  for (const p of parts) for (const bar of p) for (const it of bar) if (it.kind === 'direction') g = gcd(g, it.tick);
  return g;
}

/**
 * A Score as a MusicXML 4.0 score-partwise document (deterministic text).
 *
 * @example
 * const xml = scoreToMusicXml(score);
 * xml.startsWith('<?xml version="1.0"') // true
 */
export function scoreToMusicXml(input: Score, opts: ScoreToMusicXmlOptions = {}): string {
  const score = normalizeScore(input);
  const grid = barGrid(score);
  const quantize = opts.quantize !== false;
  const plans = planParts(score.tracks);
  const parts = plans.map((plan, pi) => layoutPart(grid, plan, pi === 0 ? directionsFor(score, grid) : new Map(), quantize));
  const g = divisionTicks(parts, grid.bars);
  const writing = { grid, divisions: PPQ / g, dur: (ticks: number) => String(ticks / g), sections: score.sections };

  const out = scoreHeader(score, plans, opts.software ?? 'Leitmotif');
  plans.forEach((plan, pi) => out.push(...writePart(plan, parts[pi], writing)));
  out.push('</score-partwise>');
  return out.join('\n') + '\n';
}
