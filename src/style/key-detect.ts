/**
 * purpose: key finding by the Krumhansl–Schmuckler algorithm (Krumhansl 1990, "Cognitive Foundations of Musical
 * Pitch"): correlate a duration-weighted pitch-class histogram with the 24 rotated Krumhansl–Kessler key
 * profiles and take the best. An optional hint (e.g. the final bass note, which in common-practice music is
 * almost always the tonic) adds a small bonus to keys with that tonic.
 */
import type { KeyContext } from './api.js';
import { mod12 } from '../theory/index.js';

/** Krumhansl & Kessler (1982) probe-tone ratings, tonic first. */
const KK_MAJOR = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88];
const KK_MINOR = [6.33, 2.68, 3.52, 5.38, 2.6, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17];

export interface KeyEstimate extends KeyContext {
  /** Pearson correlation of the winning profile (−1..1). */
  correlation: number;
  /** Margin over the runner-up key; small margins mean an ambiguous key. */
  margin: number;
}

function correlate(hist: ArrayLike<number>, profile: readonly number[], rot: number): number {
  let mx = 0;
  let my = 0;
  for (let i = 0; i < 12; i++) {
    mx += hist[i];
    my += profile[i];
  }
  mx /= 12;
  my /= 12;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < 12; i++) {
    const x = hist[(i + rot) % 12] - mx;
    const y = profile[i] - my;
    sxy += x * y;
    sxx += x * x;
    syy += y * y;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}

/** Duration-weighted pitch-class histogram of notes. */
export function pitchClassHistogram(notes: ReadonlyArray<{ pitch: number; duration: number }>): Float64Array {
  const h = new Float64Array(12);
  for (const n of notes) h[mod12(n.pitch)] += n.duration > 0 ? n.duration : 0;
  return h;
}

/**
 * Best key for a pitch-class histogram. `tonicHint` (a pitch class) adds `hintWeight` to the correlation of keys
 * on that tonic.
 * @example detectKey(pitchClassHistogram(cMajorScale)) // => { tonic: 0, mode: 'major', … }
 */
export function detectKey(hist: ArrayLike<number>, opts: { tonicHint?: number; hintWeight?: number } = {}): KeyEstimate {
  const scores: Array<{ tonic: number; mode: 'major' | 'minor'; r: number; s: number }> = [];
  for (let t = 0; t < 12; t++) {
    for (const mode of ['major', 'minor'] as const) {
      const r = correlate(hist, mode === 'major' ? KK_MAJOR : KK_MINOR, t);
      const bonus = opts.tonicHint !== undefined && opts.tonicHint === t ? (opts.hintWeight ?? 0.1) : 0;
      scores.push({ tonic: t, mode, r, s: r + bonus });
    }
  }
  scores.sort((a, b) => b.s - a.s || a.tonic - b.tonic);
  const best = scores[0];
  return { tonic: best.tonic, mode: best.mode, correlation: best.r, margin: best.s - scores[1].s };
}
