/**
 * purpose: the little dense linear algebra of the learned models (the preference model's ≤ 16 × 16 matrices, the scene-context ridge solve): Cholesky
 * factor, SPD inverse, the leading eigenvector (the least certain direction) and Gaussian draws. Pure.
 */
import type { Rng } from './rng.js';

export type Matrix = number[][];

/** @example identity(2) // [[1, 0], [0, 1]] */
export function identity(n: number, scale = 1): Matrix {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? scale : 0)));
}

/**
 * Lower-triangular L with L·Lᵀ = A (A symmetric positive definite; a tiny jitter keeps near-singular A usable).
 * @example cholesky([[4, 2], [2, 3]]) // [[2, 0], [1, 1.414…]]
 */
export function cholesky(a: Matrix): Matrix {
  const n = a.length;
  const l = identity(n, 0);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i][j];
      for (let k = 0; k < j; k++) s -= l[i][k] * l[j][k];
      if (i === j) l[i][i] = Math.sqrt(Math.max(s, 1e-12));
      else l[i][j] = s / l[j][j];
    }
  }
  return l;
}

/** Solve A·x = b given A's Cholesky factor. @example solveCholesky(cholesky([[4, 0], [0, 1]]), [8, 2]) // [2, 2] */
export function solveCholesky(l: Matrix, b: readonly number[]): number[] {
  const n = l.length;
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i][k] * y[k];
    y[i] = s / l[i][i];
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= l[k][i] * x[k];
    x[i] = s / l[i][i];
  }
  return x;
}

/** Inverse of a symmetric positive-definite matrix. @example inverseSpd([[2, 0], [0, 4]]) // [[0.5, 0], [0, 0.25]] */
export function inverseSpd(a: Matrix): Matrix {
  const l = cholesky(a);
  const n = a.length;
  const cols = Array.from({ length: n }, (_, j) => solveCholesky(l, Array.from({ length: n }, (_, i) => (i === j ? 1 : 0))));
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (cols[j][i] + cols[i][j]) / 2));
}

/**
 * Largest eigenvalue and its unit eigenvector of a symmetric PSD matrix (power iteration from `start`, default
 * a fixed vector, so the answer is deterministic; with tied eigenvalues it stays near the start).
 * @example topEigen([[3, 0], [0, 1]]).value // 3 (vector ±[1, 0])
 */
export function topEigen(a: Matrix, iterations = 60, start?: readonly number[]): { value: number; vector: number[] } {
  const n = a.length;
  let v = start ? [...start] : Array.from({ length: n }, (_, i) => 1 / Math.sqrt(n) + i * 1e-3);
  let value = 0;
  for (let it = 0; it < iterations; it++) {
    const w = a.map((row) => row.reduce((s, x, j) => s + x * v[j], 0));
    const norm = Math.hypot(...w);
    if (!(norm > 0)) return { value: 0, vector: v };
    v = w.map((x) => x / norm);
    value = norm;
  }
  // Sign convention: the largest component positive (deterministic direction).
  let big = 0;
  for (let i = 1; i < n; i++) if (Math.abs(v[i]) > Math.abs(v[big])) big = i;
  if (v[big] < 0) v = v.map((x) => -x);
  return { value, vector: v };
}

/** A standard normal draw (Box–Muller) from the seeded stream. @example gaussian(new Rng(1)) // ≈ N(0, 1) */
export function gaussian(rng: Rng): number {
  const u = Math.max(rng.next(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/** A draw from N(mean, L·Lᵀ). @example sampleGaussian([0, 0], identity(2), new Rng(1)).length // 2 */
export function sampleGaussian(mean: readonly number[], l: Matrix, rng: Rng): number[] {
  const z = mean.map(() => gaussian(rng));
  return mean.map((m, i) => m + l[i].reduce((s, x, k) => s + x * z[k], 0));
}
