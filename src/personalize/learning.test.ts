/** purpose: the preference model learns simulated listeners from pairwise picks faster than no personalisation and ε-greedy, asks about what it is least sure of, and follows a change of taste. */
import { describe, expect, it } from 'vitest';
import { median } from '../util/math.js';
import { bayesLearner, epsilonGreedyLearner, noneLearner, runListener } from './simulate.js';
import { fitPosterior } from './preference-model.js';
import { pairOffsets } from './suggest.js';
import type { Comparison } from './evidence.js';

const N = 15;
const medianAt = (make: () => ReturnType<typeof noneLearner>, t: number, changeAt?: number) =>
  median(Array.from({ length: N }, (_, i) => runListener(make(), 'pairwise', 500 + i, 30, changeAt).match[t]));

describe('learning a listener from pairwise picks', () => {
  it('beats no personalisation after 5 picks and reaches 80 % of the oracle within 20 (median listener)', () => {
    const none5 = medianAt(noneLearner, 5);
    expect(medianAt(bayesLearner, 5)).toBeGreaterThan(none5);
    expect(medianAt(bayesLearner, 20)).toBeGreaterThanOrEqual(0.8);
    expect(medianAt(bayesLearner, 20)).toBeGreaterThan(medianAt(() => epsilonGreedyLearner(0.2), 20));
  });

  it('follows a listener whose taste changes (old evidence decays)', () => {
    expect(medianAt(bayesLearner, 30, 15)).toBeGreaterThan(medianAt(noneLearner, 30, 15));
  });

  it('pulls an A/B pair apart along the offset it knows least', () => {
    // Much evidence about tempo (index 0) and nothing about repetition (index 7).
    const comps: Comparison[] = Array.from({ length: 20 }, (_, i) => ({ a: [0.5, 0, 0, 0, 0, 0, 0, 0], b: [i % 2 ? -0.5 : 0.9, 0, 0, 0, 0, 0, 0, 0], weight: 1, context: 'film:dark-calm' }));
    const post = fitPosterior(comps, 'film:dark-calm');
    expect(post.mean[0]).toBeGreaterThan(0.2);
    expect(post.sd[0]).toBeLessThan(post.sd[7]);
    const { takes: [a, b] } = pairOffsets(post);
    expect(Math.abs(a[0] - b[0])).toBeLessThan(0.05);
    expect(Math.max(...a.map((x, i) => Math.abs(x - b[i])))).toBeGreaterThan(0.3);
  });

  it('keeps a context apart only as far as its own evidence says', () => {
    const fast: Comparison = { a: [0.8, 0, 0, 0, 0, 0, 0, 0], b: [-0.8, 0, 0, 0, 0, 0, 0, 0], weight: 1, context: 'game:dark-active' };
    const slow: Comparison = { ...fast, a: fast.b, b: fast.a, context: 'film:dark-calm' };
    const comps = [...Array(10).fill(fast), ...Array(10).fill(slow)];
    expect(fitPosterior(comps, 'game:dark-active').mean[0]).toBeGreaterThan(0.1);
    expect(fitPosterior(comps, 'film:dark-calm').mean[0]).toBeLessThan(-0.1);
    expect(Math.abs(fitPosterior(comps, undefined).mean[0])).toBeLessThan(0.05);
  });
});
