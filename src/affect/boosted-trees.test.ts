import { describe, expect, it } from 'vitest';
import { boostedValue, fitBoostedTrees, isValidTree, treeValue } from './boosted-trees.js';
import { Rng } from '../util/rng.js';

describe('boosted trees', () => {
  it('reads a stored tree: left when the feature is ≤ the threshold', () => {
    const tree = [0, 0.5, 1, 2, -1, -0.1, 0, 0, -1, 0.2, 0, 0];
    expect(treeValue(tree, [0.5])).toBe(-0.1);
    expect(treeValue(tree, [0.9])).toBe(0.2);
    expect(boostedValue([tree, tree], [0.9])).toBeCloseTo(0.4, 12);
    expect(boostedValue([], [0.9])).toBe(0);
  });

  it('learns an interaction a linear model cannot (high only where both features are high), deterministically', () => {
    const rng = new Rng(7);
    const X = Array.from({ length: 400 }, () => [rng.range(-1, 1), rng.range(-1, 1), rng.range(-1, 1)]);
    const y = X.map(([a, b]) => (a > 0 && b > 0 ? 1 : 0));
    const idx = X.map((_, i) => i);
    const opts = { rounds: 60, rate: 0.2, depth: 2, minLeaf: 5, subsample: 0.7, seed: 3 };
    const trees = fitBoostedTrees(X, y, idx, opts);
    expect(boostedValue(trees, [0.6, 0.6, 0])).toBeGreaterThan(0.8);
    for (const p of [[-0.6, 0.6, 0], [0.6, -0.6, 0], [-0.6, -0.6, 0.9]]) expect(Math.abs(boostedValue(trees, p))).toBeLessThan(0.2);
    expect(fitBoostedTrees(X, y, idx, opts)).toEqual(trees);
    expect(fitBoostedTrees(X, y, idx, { ...opts, seed: 4 })).not.toEqual(trees);
    for (const t of trees) expect(isValidTree(t, 3)).toBe(true);
  });

  it('fits only the rows it is given', () => {
    const X = [[0], [1], [2], [3]];
    const trees = fitBoostedTrees(X, [0, 0, 100, 100], [0, 1], { rounds: 5, rate: 1, depth: 1, minLeaf: 1, subsample: 1, seed: 1 });
    expect(boostedValue(trees, [3])).toBe(0);
  });

  it('refuses a damaged tree: a cycle, a child out of range, a feature out of range, a ragged array', () => {
    expect(isValidTree([0, 0.5, 0, 0], 1)).toBe(false);
    expect(isValidTree([0, 0.5, 1, 5, -1, 0, 0, 0], 1)).toBe(false);
    expect(isValidTree([3, 0.5, 1, 2, -1, 0, 0, 0, -1, 0, 0, 0], 2)).toBe(false);
    expect(isValidTree([-1, 0, 0], 1)).toBe(false);
    expect(isValidTree([], 1)).toBe(false);
    expect(isValidTree([-1, 0.3, 0, 0], 1)).toBe(true);
  });
});
