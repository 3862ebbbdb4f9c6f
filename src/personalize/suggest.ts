/**
 * purpose: what to play next. One take: a Thompson draw from the posterior (explores exactly as much as the
 * model is unsure; converges to the posterior mean as evidence grows). Two takes for a pairwise choice: both
 * centred on the posterior mean and pulled apart along the leading eigenvector of the posterior covariance —
 * the combination of offsets the model is least sure of (at a cold start, one offset at a time) — by an amount that shrinks with that uncertainty, so
 * the pick is as informative as one comparison can be. Pure and seeded.
 */
import { OFFSET_KEYS, vectorTaste, type OffsetKey, type Taste } from '../cue/taste.js';
import type { Rng } from '../util/rng.js';
import { cholesky, sampleGaussian, topEigen } from '../util/linalg.js';
import type { Posterior } from './preference-model.js';
import { sampleCategorical, type CategoricalPosterior } from './categorical.js';

/** Tempered Thompson sampling: draws at this fraction of the posterior spread (less regret, still exploring). */
export const TEMPER = 0.6;

const clip = (v: number[]) => v.map((x) => Math.max(-1, Math.min(1, x)));

/** A Thompson draw of the offset vector. @example thompsonOffsets(fitPosterior([], undefined), new Rng(1)).length // 8 */
export function thompsonOffsets(post: Posterior, rng: Rng, temper = TEMPER): number[] {
  const draw = sampleGaussian(post.mean, cholesky(post.cov), rng);
  return clip(draw.map((x, i) => post.mean[i] + temper * (x - post.mean[i])));
}

/**
 * Two offset vectors for an A/B pick, differing along the least certain direction (and the direction itself).
 * @example const [a, b] = pairOffsets(fitPosterior([], undefined)).takes; // a ≠ b
 */
export function pairOffsets(post: Posterior, rng?: Rng, inert: readonly number[] = []): { takes: [number[], number[]]; direction: number[]; spread: number } {
  // Only offsets this cue can express take part (an inaudible difference would teach the model noise).
  const n = post.cov.length;
  const on = (i: number) => !inert.includes(i);
  const cov = post.cov.map((row, i) => row.map((x, j) => (on(i) && on(j) ? x : 0)));
  // Start from the single most uncertain offset (ties broken by the seed): where the posterior is still round
  // — a cold start — the pair differs in ONE offset, which a listener can hear and a director can name.
  const diag = cov.map((row, i) => row[i] * (1 + 1e-3 * (rng ? rng.next() : (n - i) / n)));
  const k = diag.indexOf(Math.max(...diag));
  const { value, vector } = topEigen(cov, 60, diag.map((_, i) => (i === k ? 1 : 0)));
  const spread = Math.max(0.15, Math.min(0.6, 1.2 * Math.sqrt(value)));
  let a = clip(post.mean.map((m, i) => m + spread * vector[i]));
  let b = clip(post.mean.map((m, i) => m - spread * vector[i]));
  // At a bound one side clips onto the mean: shift the pair inward so they still differ by 2 × spread.
  if (a.every((x, i) => Math.abs(x - post.mean[i]) < 1e-9)) a = clip(b.map((x, i) => x + 2 * spread * vector[i]));
  if (b.every((x, i) => Math.abs(x - post.mean[i]) < 1e-9)) b = clip(a.map((x, i) => x - 2 * spread * vector[i]));
  return { takes: [a, b], direction: vector, spread };
}

/**
 * Full tastes to play: one Thompson take, or an A/B pair (the categorical parts drawn once, shared by both
 * takes, so the pair differs only where the model is least sure), never differing in offsets `inert` for this cue.
 * @example suggestTastes(post, cats, new Rng(1), 2).length // 2
 */
export function suggestTastes(post: Posterior, cats: CategoricalPosterior, rng: Rng, variants: 1 | 2 = 1, inert: readonly OffsetKey[] = []): Taste[] {
  const rest = sampleCategorical(cats, rng.fork('categorical'));
  if (variants === 1) return [vectorTaste(thompsonOffsets(post, rng.fork('thompson')), rest)];
  const { takes } = pairOffsets(post, rng.fork('pair'), inert.map((k) => OFFSET_KEYS.indexOf(k)));
  return takes.map((v) => vectorTaste(v, rest));
}
