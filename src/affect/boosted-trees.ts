/**
 * purpose: gradient-boosted regression trees over a few dozen dense features — the scene-context model's second
 * stage (train-scene-model.ts), which learns the interactions a linear model cannot (pleasant words AND a threat in
 * the action lines; a grim heading AND a calm scene) from what the ridge stage got wrong on held-out scenes. Pure
 * and deterministic: squared loss, exact greedy splits, row subsampling from a seeded Rng.
 * Trees are stored flat: per node [feature, threshold, left, right]; a leaf has feature −1 and its value in the
 * threshold slot. A row goes left when its feature value is ≤ the threshold.
 */
import { Rng } from '../util/rng.js';

/** One tree: nodes as flat quadruples (see the file comment); node 0 is the root. */
export type FlatTree = number[];

export interface BoostOptions {
  rounds: number;
  /** Shrinkage per tree. */
  rate: number;
  depth: number;
  /** Fewest rows in a leaf. */
  minLeaf: number;
  /** Share of the rows each tree is grown on. */
  subsample: number;
  seed: number;
}

export const DEFAULT_BOOST: BoostOptions = { rounds: 100, rate: 0.05, depth: 3, minLeaf: 10, subsample: 0.7, seed: 1 };

const q5 = (x: number) => Math.round(x * 1e5) / 1e5;

/** The value one tree gives a feature row. */
export function treeValue(tree: FlatTree, f: readonly number[]): number {
  let n = 0;
  for (;;) {
    const j = tree[n * 4];
    if (j < 0) return tree[n * 4 + 1];
    n = f[j] <= tree[n * 4 + 1] ? tree[n * 4 + 2] : tree[n * 4 + 3];
  }
}

/**
 * The sum of the trees' values for a feature row (the rate is already in the leaf values).
 * @example boostedValue([[0, 0.5, 1, 2, -1, -0.1, 0, 0, -1, 0.2, 0, 0]], [0.9]) // 0.2
 */
export function boostedValue(trees: readonly FlatTree[], f: readonly number[]): number {
  let s = 0;
  for (const t of trees) s += treeValue(t, f);
  return s;
}

/** Grows one least-squares tree on rows `idx` of X for targets g (indexed like X). */
function growTree(X: readonly (readonly number[])[], g: readonly number[], idx: readonly number[], depth: number, minLeaf: number, rate: number): FlatTree {
  const nodes: number[] = [];
  const nFeatures = X[0]?.length ?? 0;
  const build = (rows: readonly number[], d: number): number => {
    const at = nodes.length / 4;
    nodes.push(-1, 0, 0, 0);
    let total = 0;
    for (const i of rows) total += g[i];
    const m = rows.length;
    const leaf = () => {
      nodes[at * 4 + 1] = q5((rate * total) / Math.max(1, m));
      return at;
    };
    if (d <= 0 || m < 2 * minLeaf) return leaf();
    let best = { gain: total * total / m + 1e-12, j: -1, thr: 0 };
    for (let j = 0; j < nFeatures; j++) {
      const sorted = [...rows].sort((a, b) => X[a][j] - X[b][j] || a - b);
      let left = 0;
      for (let k = 0; k < m - 1; k++) {
        left += g[sorted[k]];
        const nl = k + 1;
        if (nl < minLeaf || m - nl < minLeaf) continue;
        const x0 = X[sorted[k]][j], x1 = X[sorted[k + 1]][j];
        if (x1 <= x0) continue;
        const gain = (left * left) / nl + ((total - left) * (total - left)) / (m - nl);
        // The stored (rounded) threshold must still fall between the two values, or the split applied is not the one measured.
        const thr = q5((x0 + x1) / 2);
        if (gain > best.gain && thr >= x0 && thr < x1) best = { gain, j, thr };
      }
    }
    if (best.j < 0) return leaf();
    const l = rows.filter((i) => X[i][best.j] <= best.thr);
    const r = rows.filter((i) => X[i][best.j] > best.thr);
    if (!l.length || !r.length) return leaf();
    nodes[at * 4] = best.j;
    nodes[at * 4 + 1] = best.thr;
    nodes[at * 4 + 2] = build(l, d - 1);
    nodes[at * 4 + 3] = build(r, d - 1);
    return at;
  };
  build(idx, depth);
  return nodes;
}

/**
 * Boosts trees on rows `idx` of X toward the residuals y (indexed like X): each tree fits what the trees before it
 * left, on a seeded subsample of the rows.
 */
export function fitBoostedTrees(X: readonly (readonly number[])[], y: readonly number[], idx: readonly number[], opts: BoostOptions = DEFAULT_BOOST): FlatTree[] {
  const rng = new Rng(opts.seed);
  const current = new Map<number, number>(idx.map((i) => [i, 0]));
  const trees: FlatTree[] = [];
  const take = Math.max(1, Math.round(opts.subsample * idx.length));
  for (let t = 0; t < opts.rounds; t++) {
    const rows = rng.shuffle([...idx]).slice(0, take).sort((a, b) => a - b);
    const g = new Array<number>(X.length).fill(0);
    for (const i of rows) g[i] = y[i] - current.get(i)!;
    const tree = growTree(X, g, rows, opts.depth, opts.minLeaf, opts.rate);
    trees.push(tree);
    for (const i of idx) current.set(i, current.get(i)! + treeValue(tree, X[i]));
  }
  return trees;
}

/**
 * Whether a stored tree is well formed for rows of `nFeatures`: quadruples, split features in range, and every
 * child after its parent and inside the tree, so `treeValue` always ends at a leaf (a damaged file cannot loop it).
 */
export function isValidTree(tree: readonly number[], nFeatures: number): boolean {
  if (tree.length === 0 || tree.length % 4 !== 0) return false;
  const count = tree.length / 4;
  for (let n = 0; n < count; n++) {
    const j = tree[n * 4];
    if (j === -1) continue;
    if (!Number.isInteger(j) || j < 0 || j >= nFeatures) return false;
    for (const c of [tree[n * 4 + 2], tree[n * 4 + 3]]) if (!Number.isInteger(c) || c <= n || c >= count) return false;
  }
  return true;
}
