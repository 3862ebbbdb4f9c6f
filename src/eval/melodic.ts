/**
 * purpose: the melodic checks, measured on the lead line (lines.ts): bar-level interval and contour
 * repetition, motif self-similarity (interval + rhythm units of 1–2 bars), leading-tone resolution.
 * All are shares 0–1 (NaN when the score gives nothing to measure).
 */
import type { Score } from '../score/index.js';
import { MeterMap } from '../score/index.js';
import { keyAt, leadLine, notesByBar, share, type LineNote } from './lines.js';
import { mod12 } from '../theory/index.js';

const intervalsOf = (ns: readonly LineNote[]): number[] => ns.slice(1).map((n, i) => n.pitch - ns[i].pitch);

/**
 * Bar-level interval repetition: among lead bars with at least 2 onsets, the share whose sequence of
 * successive intervals inside the bar (semitones, signed; the interval into the bar is not included)
 * equals that of some earlier such bar exactly. Transposition-invariant, rhythm-blind.
 * @example intervalRepetition(score) // 0.5 for a 2-bar tune whose bar 2 transposes bar 1
 */
export function intervalRepetition(score: Score): number {
  return repeatedBarShare(score, (ns) => intervalsOf(ns).join(','));
}

/**
 * Bar-level contour repetition: as intervalRepetition, but on the sign of each interval (up / down / same),
 * so a bar that keeps the shape with different interval sizes counts too.
 * @example contourRepetition(score) // ≥ intervalRepetition(score) always
 */
export function contourRepetition(score: Score): number {
  return repeatedBarShare(score, (ns) => intervalsOf(ns).map(Math.sign).join(','));
}

function repeatedBarShare(score: Score, key: (ns: LineNote[]) => string): number {
  const bars = [...notesByBar(score, leadLine(score)).entries()].sort((a, b) => a[0] - b[0]);
  const seen = new Set<string>();
  let n = 0;
  let rep = 0;
  for (const [, ns] of bars) {
    if (ns.length < 2) continue;
    const k = key(ns);
    n++;
    if (seen.has(k)) rep++;
    else seen.add(k);
  }
  return share(rep, n);
}

/**
 * Motif self-similarity: the share of lead bars (bars with at least one lead onset) covered by a unit that
 * repeats an earlier unit in intervals AND rhythm, transposition-invariant. Units are
 *   - one bar with ≥ 3 onsets: onset offsets from the barline + the intervals between its notes;
 *   - two consecutive bars with ≥ 3 onsets together: offsets from the first barline + all intervals, including
 *     the one across the barline (so a one- or two-note bar counts only as part of a longer idea).
 * A unit starting at bar b repeats when an identical unit starts at an earlier bar a < b (overlap allowed);
 * every bar of the repeating unit is covered. A sequence (the idea transposed) counts; a varied rhythm does not.
 * @example motifSelfSimilarity(score) // 0.5 for a 2-bar tune whose bar 2 repeats bar 1 a step higher
 */
export function motifSelfSimilarity(score: Score): number {
  const map = new MeterMap(score.meters);
  const byBar = notesByBar(score, leadLine(score));
  const bars = [...byBar.keys()].sort((a, b) => a - b);
  if (bars.length === 0) return NaN;
  const unitKey = (start: number, len: number): string | undefined => {
    const ns: LineNote[] = [];
    for (let b = start; b < start + len; b++) ns.push(...(byBar.get(b) ?? []));
    if (ns.length < 3) return undefined;
    const t0 = map.tickAtBar(start);
    return `${len}|${ns.map((n) => n.tick - t0).join(',')}|${intervalsOf(ns).join(',')}`;
  };
  const covered = new Set<number>();
  const last = bars[bars.length - 1];
  for (const len of [1, 2]) {
    const first = new Map<string, number>();
    for (let b = bars[0]; b <= last; b++) {
      const k = unitKey(b, len);
      if (k === undefined) continue;
      const a = first.get(k);
      if (a === undefined) first.set(k, b);
      else for (let i = 0; i < len; i++) if (byBar.has(b + i)) covered.add(b + i);
    }
  }
  return share(covered.size, bars.length);
}

/**
 * Leading-tone resolution: among lead notes on the raised 7th degree (pitch class tonic + 11 of the key in
 * force at the note, in any mode) that are followed by another lead note of a different pitch, the share whose
 * next different pitch is exactly one semitone higher (the tonic in the same octave). Repeated leading tones
 * count once, at the last repetition.
 * @example leadingToneResolution(score) // 1 for B4 → C5 in C major, 0 for B4 → G4
 */
export function leadingToneResolution(score: Score): number {
  const line = leadLine(score);
  let n = 0;
  let ok = 0;
  for (let i = 0; i < line.length - 1; i++) {
    const k = keyAt(score, line[i].tick);
    if (!k || mod12(line[i].pitch - k.tonic) !== 11) continue;
    const next = line[i + 1];
    if (next.pitch === line[i].pitch) continue; // judged at the last repetition
    n++;
    if (next.pitch === line[i].pitch + 1) ok++;
  }
  return share(ok, n);
}
