/**
 * purpose: the Bayesian preference model over the offset vector. The listener has an ideal taste θ ∈ [-1, 1]^8;
 * a take with offsets x pleases them by u(x) = −‖x − θ‖² (an ideal point: too fast is as bad as too slow), and
 * they prefer take a to b with probability σ(β·(u(a) − u(b))) — Bradley–Terry / logistic. Because
 * u(a) − u(b) = 2θ·(a − b) − (‖a‖² − ‖b‖²) is LINEAR in θ, the model is a Bayesian logistic regression, and
 * its posterior is well approximated by a Gaussian at the MAP (Laplace approximation; Newton's method, a
 * 16-parameter fit in well under a millisecond). Per context (film / game × emotion region) θ_c = θ + δ_c with a
 * tighter prior on δ_c: a context departs from the listener's overall taste only as far as its own data says.
 * Pure.
 */
import { OFFSET_KEYS } from '../cue/taste.js';
import { cholesky, identity, inverseSpd, solveCholesky, type Matrix } from '../util/linalg.js';
import type { Comparison } from './evidence.js';

export const DIM = OFFSET_KEYS.length;

export interface ModelSettings {
  /** Assumed sensitivity β of a listener's choices (higher = more decisive). */
  beta: number;
  /** Prior sd of the ideal taste (uniform on [-1, 1] has sd 0.58). */
  priorSd: number;
  /** Prior sd of a context's departure from the overall taste. */
  contextSd: number;
}
export const DEFAULT_MODEL: ModelSettings = { beta: 2.5, priorSd: 0.55, contextSd: 0.3 };

export interface Posterior {
  /** Posterior mean of the ideal taste in this context (clamped to the offsets' bounds). */
  mean: number[];
  /** Posterior covariance (DIM × DIM). */
  cov: Matrix;
  /** Posterior sd per offset. */
  sd: number[];
  /** Decayed weight of all evidence used, and of the evidence heard in this context. */
  evidence: number;
  contextEvidence: number;
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/**
 * Fit the posterior of the ideal taste for `context` (a contextKey, or undefined for the overall taste).
 * @example fitPosterior([], undefined).sd[0] // 0.55 (the prior: nothing heard yet)
 */
export function fitPosterior(comparisons: readonly Comparison[], context: string | undefined, settings: ModelSettings = DEFAULT_MODEL): Posterior {
  const inContext = context === undefined ? [] : comparisons.filter((c) => c.context === context);
  const contextEvidence = inContext.reduce((s, c) => s + c.weight, 0);
  const useContext = contextEvidence > 0;
  const n = useContext ? 2 * DIM : DIM;
  const prior = Array.from({ length: n }, (_, i) => 1 / (i < DIM ? settings.priorSd : settings.contextSd) ** 2);
  // Features: 2(a − b) on θ (and on δ_c when heard in the context); offset ‖a‖² − ‖b‖² is fixed.
  const rows = comparisons.map((c) => {
    const d = c.a.map((x, i) => 2 * (x - c.b[i]));
    const x = useContext ? [...d, ...(c.context === context ? d : d.map(() => 0))] : d;
    const off = c.a.reduce((s, v) => s + v * v, 0) - c.b.reduce((s, v) => s + v * v, 0);
    return { x, off, w: c.weight };
  });
  const beta = settings.beta;
  const loss = (q: number[]) => {
    let l = 0;
    for (let i = 0; i < n; i++) l += 0.5 * prior[i] * q[i] * q[i];
    for (const r of rows) {
      let z = -r.off;
      for (let i = 0; i < n; i++) z += r.x[i] * q[i];
      const bz = beta * z;
      l += r.w * (bz > 0 ? Math.log1p(Math.exp(-bz)) : -bz + Math.log1p(Math.exp(bz)));
    }
    return l;
  };
  let p = new Array<number>(n).fill(0);
  let h: Matrix = identity(n);
  for (let it = 0; it < 25; it++) {
    const g = p.map((v, i) => prior[i] * v);
    h = identity(n).map((row, i) => row.map((_, j) => (i === j ? prior[i] : 0)));
    for (const r of rows) {
      let z = -r.off;
      for (let i = 0; i < n; i++) z += r.x[i] * p[i];
      const s = sigmoid(beta * z);
      const gi = -r.w * (1 - s) * beta;
      const hi = r.w * s * (1 - s) * beta * beta;
      for (let i = 0; i < n; i++) {
        if (r.x[i] === 0) continue;
        g[i] += gi * r.x[i];
        const hx = hi * r.x[i];
        for (let j = 0; j < n; j++) h[i][j] += hx * r.x[j];
      }
    }
    const step = solveCholesky(cholesky(h), g);
    // Damped Newton: halve the step until the loss falls (saturated comparisons can make a full step overshoot).
    const before = loss(p);
    let t = 1;
    let next = p.map((v, i) => v - step[i]);
    while (t > 1e-4 && loss(next) > before + 1e-12) {
      t /= 2;
      next = p.map((v, i) => v - t * step[i]);
    }
    const move = Math.max(...next.map((v, i) => Math.abs(v - p[i])));
    p = next;
    if (move < 1e-6) break;
  }
  const full = inverseSpd(h);
  const mean = Array.from({ length: DIM }, (_, i) => p[i] + (useContext ? p[DIM + i] : 0));
  const cov = Array.from({ length: DIM }, (_, i) =>
    Array.from({ length: DIM }, (_, j) => full[i][j] + (useContext ? full[DIM + i][DIM + j] + full[i][DIM + j] + full[DIM + i][j] : 0)),
  );
  return {
    mean: mean.map((m) => Math.max(-1, Math.min(1, m))),
    cov,
    sd: cov.map((row, i) => Math.sqrt(Math.max(row[i], 0))),
    evidence: comparisons.reduce((s, c) => s + c.weight, 0),
    contextEvidence,
  };
}
