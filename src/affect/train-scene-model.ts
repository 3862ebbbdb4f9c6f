/**
 * purpose: learn the scene-context model (scene-model.ts) from labelled scenes: pure, deterministic (rows in,
 * model block out). Ridge regression per target (valence, arousal, tension) over [standardised dense scene
 * features, s · L2-normalised binary scene terms (words by where they stand: action, dialogue, heading)],
 * solved in its dual form — (K + λI)α = y − ȳ with K = ZZᵀ, n × n for n scenes — because terms far outnumber
 * scenes; the primal weights are Zᵀα. λ and the term scale s per target are chosen by 5-fold cross-validation
 * on the TRAIN rows only (folds by position mod 5), scored by Spearman ρ (the figure the targets use). The test
 * split is never seen here. Terms must occur in ≥ 2 training scenes. The fitted weights are then stretched by
 * the least-squares slope of the labels on the cross-validated predictions (ridge compresses the range).
 */
import { cholesky, solveCholesky } from '../util/linalg.js';
import { mean } from '../util/math.js';
import { spearman } from './scene-dataset.js';
import { standardise, type SceneModelFile } from './scene-model.js';

export interface SceneTrainRow {
  features: number[];
  terms: string[];
  target: [number, number, number];
}

const LAMBDAS = [3, 10, 30, 100, 300, 1000];
const TERM_SCALES = [0, 2, 4, 8, 16];
const FOLDS = 5;
const MIN_TERM_DOCS = 2;
const q5 = (x: number) => Math.round(x * 1e5) / 1e5;

/** Solves A x = b for symmetric positive definite A (Cholesky). */
const solveSpd = (A: number[][], b: number[]): number[] => solveCholesky(cholesky(A), b);

interface Prepared {
  /** Standardised dense rows. */
  Z: number[][];
  /** Term ids (into vocab) and the row's norm 1/sqrt(#distinct terms, in vocabulary or not). */
  T: Array<{ ids: number[]; norm: number }>;
}

/** Dense and term kernels between row sets a and b. */
function kernels(p: Prepared, a: readonly number[], b: readonly number[]): { dense: number[][]; terms: number[][] } {
  const dense = a.map((i) => b.map((j) => p.Z[i].reduce((s, v, k) => s + v * p.Z[j][k], 0)));
  const sets = p.T.map((t) => new Set(t.ids));
  const terms = a.map((i) => b.map((j) => {
    let c = 0;
    for (const id of p.T[i].ids) if (sets[j].has(id)) c++;
    return c * p.T[i].norm * p.T[j].norm;
  }));
  return { dense, terms };
}

export function trainSceneModel(rows: readonly SceneTrainRow[], names: readonly string[], opts: { data: string; log?: (l: string) => void }): SceneModelFile {
  const log = opts.log ?? (() => {});
  const n = rows.length;
  const mu = names.map((_, j) => mean(rows.map((r) => r.features[j])));
  const sd = names.map((_, j) => Math.sqrt(mean(rows.map((r) => (r.features[j] - mu[j]) ** 2))));
  const df = new Map<string, number>();
  for (const r of rows) for (const t of new Set(r.terms)) df.set(t, (df.get(t) ?? 0) + 1);
  const vocab = [...df.entries()].filter(([, c]) => c >= MIN_TERM_DOCS).map(([t]) => t).sort();
  const vid = new Map(vocab.map((t, i) => [t, i]));
  const prep: Prepared = {
    Z: rows.map((r) => r.features.map((v, j) => standardise(v, mu[j], sd[j]))),
    T: rows.map((r) => {
      const uniq = [...new Set(r.terms)];
      return { ids: uniq.map((t) => vid.get(t)).filter((x): x is number => x !== undefined), norm: uniq.length ? 1 / Math.sqrt(uniq.length) : 0 };
    }),
  };
  const all = rows.map((_, i) => i);
  const K = kernels(prep, all, all);
  const fit = (sel: readonly number[], y: readonly number[], lambda: number, s: number) => {
    const my = mean(sel.map((i) => y[i]));
    const A = sel.map((i, a) => sel.map((j, b) => K.dense[i][j] + s * s * K.terms[i][j] + (a === b ? lambda : 0)));
    const alpha = solveSpd(A, sel.map((i) => y[i] - my));
    return { my, alpha };
  };
  const out = { stretch: [] as number[], lambda: [] as number[], scale: [] as number[], cv: [] as number[], intercept: [] as number[], dense: names.map(() => [] as number[]), terms: vocab.map(() => [] as number[]) };
  // The model learns the CORRECTION to the offline reading (off_v/off_a/off_t): where the situation gives no
  // evidence, the scene keeps its line-by-line value instead of drifting to the dataset's average.
  const baseIdx = ['off_v', 'off_a', 'off_t'].map((b) => names.indexOf(b));
  if (baseIdx.some((i) => i < 0)) throw new Error('scene features need off_v, off_a, off_t');
  for (let k = 0; k < 3; k++) {
    const base = rows.map((r) => r.features[baseIdx[k]]);
    const y = rows.map((r, i) => r.target[k] - base[i]);
    const gold = rows.map((r) => r.target[k]);
    let best = { lambda: LAMBDAS[0], s: 0, rho: -Infinity, stretch: 1 };
    for (const s of TERM_SCALES) {
      for (const lambda of LAMBDAS) {
        const pred = new Array<number>(n);
        for (let f = 0; f < FOLDS; f++) {
          const tr = all.filter((i) => i % FOLDS !== f);
          const m = fit(tr, y, lambda, s);
          for (let i = f; i < n; i += FOLDS) pred[i] = m.my + tr.reduce((acc, j, a) => acc + m.alpha[a] * (K.dense[i][j] + s * s * K.terms[i][j]), 0);
        }
        const rho = spearman(pred.map((p, i) => p + base[i]), gold);
        log(`  ${['valence', 'arousal', 'tension'][k]} terms×${s} λ=${lambda}: cv ρ=${rho.toFixed(4)}`);
        if (rho > best.rho + 1e-9) {
          // Ridge shrinks toward the mean; the least-squares slope of the labels on the held-out predictions undoes
          // it (monotone: ρ is unchanged), so a party reads as joyful as its labels, not half as.
          const mp = mean(pred), my = mean(y);
          let sxy = 0, sxx = 0;
          pred.forEach((p, i) => ((sxy += (p - mp) * (y[i] - my)), (sxx += (p - mp) ** 2)));
          best = { lambda, s, rho, stretch: sxx > 0 ? Math.max(1, Math.min(3, sxy / sxx)) : 1 };
        }
      }
    }
    const m = fit(all, y, best.lambda, best.s);
    // Primal weights: dense w = Zᵀα (prediction adds ȳ + w·z); term weight = s²·Σ α_i x_it (x_it = row norm).
    const wd = names.map((_, j) => best.stretch * m.alpha.reduce((acc, a, i) => acc + a * prep.Z[i][j], 0));
    const wt = new Array<number>(vocab.length).fill(0);
    m.alpha.forEach((a, i) => {
      for (const id of prep.T[i].ids) wt[id] += best.stretch * best.s * best.s * a * prep.T[i].norm;
    });
    out.lambda.push(best.lambda);
    out.stretch.push(q5(best.stretch));
    out.scale.push(best.s);
    out.cv.push(q5(best.rho));
    out.intercept.push(q5(m.my));
    wd.forEach((w, j) => out.dense[j].push(q5(w)));
    wt.forEach((w, j) => out.terms[j].push(q5(w)));
  }
  const keep = vocab.map((t, j) => [t, out.terms[j]] as const).filter(([, w]) => w.some((x) => x !== 0));
  return {
    id: 'scene-context-ridge-v1',
    names: [...names],
    mean: mu.map(q5),
    std: sd.map(q5),
    weights: out.dense as Array<[number, number, number]>,
    intercept: out.intercept as [number, number, number],
    base: baseIdx as [number, number, number],
    terms: { keys: keep.map(([t]) => t).join('\n'), values: keep.flatMap(([, w]) => w) },
    provenance: { data: opts.data, license: 'MIT (data/affect-scenes was written and labelled by the Leitmotif project)', command: 'npm run train:affect' },
    training: { nTrain: n, lambda: out.lambda as [number, number, number], termScale: out.scale as [number, number, number], stretch: out.stretch as [number, number, number], cvSpearman: out.cv as [number, number, number] },
  };
}
