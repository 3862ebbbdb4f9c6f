/**
 * purpose: learn the scene-context model (scene-model.ts) from labelled scenes: pure, deterministic (rows in,
 * model block out). Ridge regression per target (valence, arousal, tension) over [standardised dense scene
 * features, s · L2-normalised binary scene terms (words by where they stand: action, dialogue, heading)],
 * solved in its dual form — (K + λI)α = y − ȳ with K = ZZᵀ, n × n for n scenes — because terms far outnumber
 * scenes; the primal weights are Zᵀα. λ and the term scale s per target are chosen by 5-fold cross-validation
 * on the TRAIN rows only (folds by position mod 5), scored by Spearman ρ (the figure the targets use). The test
 * split is never seen here. Terms must occur in ≥ 2 training scenes. The fitted weights are then stretched by
 * the least-squares slope of the labels on the cross-validated predictions (ridge compresses the range), and the
 * blend analyze.ts applies (`blend`) is fitted on those held-out predictions: labels ≈ a·line + b·scene + e.
 */
import { cholesky, solveCholesky } from '../util/linalg.js';
import { mean } from '../util/math.js';
import { spearman } from './scene-dataset.js';
import { fromLink, standardise, toLink, type SceneLink, type SceneModelFile } from './scene-model.js';
import { bakeWordValues, meanWordVector } from './word-vectors.js';
import { encodeInt16 } from './int16-block.js';
import { boostedValue, fitBoostedTrees, type BoostOptions, type FlatTree } from './boosted-trees.js';

export interface SceneTrainRow {
  features: number[];
  terms: string[];
  /** The situation's vector words (scene-features.ts sceneVectorWords). */
  words?: string[];
  /** The scene's word count (tokens of its action and dialogue): how much text the model read. */
  tokens?: number;
  /** Screen time from the item's start to the labelled scene's end, seconds: how long the tension integrator ran. */
  seconds?: number;
  target: [number, number, number];
}

/** Word vectors for the scene block: `keys` is the text model's word-vector table, in order (what the block bakes for). */
export interface SceneVectors {
  map: ReadonlyMap<string, Float64Array>;
  dims: number;
  keys: readonly string[];
}

/** The hyper-parameter grid searched by cross-validation (a caller may narrow it, e.g. a nested evaluation). */
export interface SceneGrid {
  lambdas?: readonly number[];
  termScales?: readonly number[];
  vectorScales?: readonly number[];
}

const LAMBDAS = [3, 10, 30, 100, 300, 1000];
const TERM_SCALES = [0, 2, 4, 8, 16, 32];
const VECTOR_SCALES = [0, 0.5, 1, 2];
/** Per target, the link scales cross-validation chooses from by default: each target on its own scale (the shipped block). */
export const DEFAULT_LINKS: ReadonlyArray<readonly SceneLink[]> = [['identity'], ['identity'], ['identity']];
/**
 * Tension may also be fitted on its square root (`--tension-sqrt`): its labels are bounded at 0 and skewed (most
 * scenes calm, a tail of threat), and on the root scale a scene with no evidence of threat regresses to a calmer
 * level while a threat still reaches the top. On the shipped data it lifts cross-validated and test-split tension
 * ρ but reads the development scenes worse, so it is not the default (models/affect/README.md). For valence and
 * arousal it lowered cross-validated ρ.
 */
export const SQRT_TENSION_LINKS: ReadonlyArray<readonly SceneLink[]> = [['identity'], ['identity'], ['identity', 'sqrt']];
const FOLDS = 5;
const MIN_TERM_DOCS = 2;
/** The boosted-tree stage is kept for a target only when it lifts nested cross-validated ρ by more than this. */
const BOOST_MIN_GAIN = 0.005;
/**
 * Features the trees may not split on: the dialogue's own affect (off_v, which averages the lines in, and the dlg_*
 * statistics). The dataset over-samples pleasant lines in dark situations, and trees free to split on them learn
 * at once that pleasant words are bad news (a tea party with polite lines read −0.64); the ridge reads the dialogue
 * only through its interactions with the situation (inc_*, sarcasm), and so must they.
 */
export const TREE_EXCLUDED = (name: string): boolean => name === 'off_v' || name.startsWith('dlg_');
const q5 = (x: number) => Math.round(x * 1e5) / 1e5;

/** Least squares y ≈ a·line + b·scene + e (normal equations, 3 × 3), rounded; a and b are kept in [0, 1.5]. */
function fitBlend(line: readonly number[], scene: readonly number[], y: readonly number[]): [number, number, number] {
  const X = line.map((l, i) => [l, scene[i], 1]);
  const A = [0, 1, 2].map((p) => [0, 1, 2].map((q) => X.reduce((s, x) => s + x[p] * x[q], 0) + (p === q ? 1e-6 : 0)));
  const rhs = [0, 1, 2].map((p) => X.reduce((s, x, i) => s + x[p] * y[i], 0));
  const [a, b, e] = solveSpd(A, rhs);
  return [q5(Math.max(0, Math.min(1.5, a))), q5(Math.max(0, Math.min(1.5, b))), q5(e)];
}

/** The 10th percentile of the training scenes' word counts: below it, a unit is shorter than what the model learned from. */
function minWords(rows: readonly SceneTrainRow[]): number {
  const w = rows.map((r) => r.tokens ?? 0).filter((x) => x > 0).sort((a, b) => a - b);
  return w.length ? w[Math.floor(0.1 * (w.length - 1))] : 0;
}

/** The median screen time the tension integrator had in a training item (start of the item to the end of its labelled scene). */
function medianSeconds(rows: readonly SceneTrainRow[]): number {
  const w = rows.map((r) => r.seconds ?? 0).filter((x) => x > 0).sort((a, b) => a - b);
  return w.length ? q5(w[Math.floor((w.length - 1) / 2)]) : 0;
}

/** Solves A x = b for symmetric positive definite A (Cholesky). */
const solveSpd = (A: number[][], b: number[]): number[] => solveCholesky(cholesky(A), b);

interface Prepared {
  /** Standardised dense rows. */
  Z: number[][];
  /** Term ids (into vocab) and the row's norm 1/sqrt(#distinct terms, in vocabulary or not). */
  T: Array<{ ids: number[]; norm: number }>;
  /** Standardised mean word vector of the situation (empty rows without vectors). */
  E: number[][];
}

/** Dense and term kernels between row sets a and b. */
function kernels(p: Prepared, a: readonly number[], b: readonly number[]): { dense: number[][]; terms: number[][]; vectors: number[][] } {
  const dense = a.map((i) => b.map((j) => p.Z[i].reduce((s, v, k) => s + v * p.Z[j][k], 0)));
  const vectors = a.map((i) => b.map((j) => p.E[i].reduce((s, v, k) => s + v * p.E[j][k], 0)));
  const sets = p.T.map((t) => new Set(t.ids));
  const terms = a.map((i) => b.map((j) => {
    let c = 0;
    for (const id of p.T[i].ids) if (sets[j].has(id)) c++;
    return c * p.T[i].norm * p.T[j].norm;
  }));
  return { dense, terms, vectors };
}

export function trainSceneModel(rows: readonly SceneTrainRow[], names: readonly string[], opts: { data: string; log?: (l: string) => void; vectors?: SceneVectors; bases?: ReadonlyArray<string | null>; grid?: SceneGrid; /** Targets (0 V, 1 A, 2 T) that may read the word-vector block (default all). */ vectorTargets?: readonly number[]; /** The boosted-tree stage's settings (e.g. DEFAULT_BOOST); absent or false: ridge only, the default (see models/affect/README.md for why). */ boost?: BoostOptions | false; /** Per target, the link scales cross-validation may choose from (default DEFAULT_LINKS: identity; SQRT_TENSION_LINKS lets tension take a root scale); a target `bases` fixes as a correction stays on the identity scale. */ links?: ReadonlyArray<readonly SceneLink[]> }): SceneModelFile {
  const log = opts.log ?? (() => {});
  const grid = { lambdas: LAMBDAS, termScales: TERM_SCALES, vectorScales: VECTOR_SCALES, ...opts.grid };
  const n = rows.length;
  const mu = names.map((_, j) => mean(rows.map((r) => r.features[j])));
  const sd = names.map((_, j) => Math.sqrt(mean(rows.map((r) => (r.features[j] - mu[j]) ** 2))));
  const df = new Map<string, number>();
  for (const r of rows) for (const t of new Set(r.terms)) df.set(t, (df.get(t) ?? 0) + 1);
  const vocab = [...df.entries()].filter(([, c]) => c >= MIN_TERM_DOCS).map(([t]) => t).sort();
  const vid = new Map(vocab.map((t, i) => [t, i]));
  const vecs = opts.vectors;
  const rawE = vecs ? rows.map((r) => meanWordVector(r.words ?? [], vecs.map, vecs.dims)) : rows.map(() => []);
  const eMu = vecs ? Array.from({ length: vecs.dims }, (_, d) => mean(rawE.map((e) => e[d]))) : [];
  const eSd = vecs ? Array.from({ length: vecs.dims }, (_, d) => Math.sqrt(mean(rawE.map((e) => (e[d] - eMu[d]) ** 2)))) : [];
  const prep: Prepared = {
    E: rawE.map((e) => e.map((x, d) => (eSd[d] > 0 ? (x - eMu[d]) / eSd[d] : 0))),
    Z: rows.map((r) => r.features.map((v, j) => standardise(v, mu[j], sd[j]))),
    T: rows.map((r) => {
      const uniq = [...new Set(r.terms)];
      return { ids: uniq.map((t) => vid.get(t)).filter((x): x is number => x !== undefined), norm: uniq.length ? 1 / Math.sqrt(uniq.length) : 0 };
    }),
  };
  const all = rows.map((_, i) => i);
  const K = kernels(prep, all, all);
  const kij = (i: number, j: number, s: number, v: number) => K.dense[i][j] + s * s * K.terms[i][j] + v * v * K.vectors[i][j];
  const fit = (sel: readonly number[], y: readonly number[], lambda: number, s: number, v: number) => {
    const my = mean(sel.map((i) => y[i]));
    const A = sel.map((i, a) => sel.map((j, b) => kij(i, j, s, v) + (a === b ? lambda : 0)));
    const alpha = solveSpd(A, sel.map((i) => y[i] - my));
    return { my, alpha };
  };
  /** A fitted model's value at row i (fitted on rows `sel`). */
  const at = (m: { my: number; alpha: number[] }, sel: readonly number[], i: number, s: number, v: number) => m.my + sel.reduce((acc, j, a) => acc + m.alpha[a] * kij(i, j, s, v), 0);
  const lineIdx = ['off_v', 'off_a', 'off_t'].map((x) => names.indexOf(x));
  if (lineIdx.some((i) => i < 0)) throw new Error('scene features need off_v, off_a and off_t');
  const out = { blend: [] as Array<[number, number, number]>, stretch: [] as number[], lambda: [] as number[], scale: [] as number[], vscale: [] as number[], cv: [] as number[], intercept: [] as number[], dense: names.map(() => [] as number[]), terms: vocab.map(() => [] as number[]), vec: [] as number[][] };
  // Each target is either a CORRECTION to its offline reading (off_v/off_a: where the situation gives no evidence,
  // the scene keeps its line-by-line value) or predicted directly (the offline value stays a feature) — whichever
  // cross-validates better on train. Tension is always direct: the offline tension is a leaky integrator over screen
  // time, and the training scenes are seconds long, so a correction would learn "+0.3 always" and add it on top of
  // the tension a real script's long scenes have already built up.
  // `bases` (per target: a feature name to correct, or null for direct) fixes the choice instead of cross-validating it.
  const candidates = opts.bases ? opts.bases.map((b) => [b]) : ['off_v', 'off_a', null].map((b) => [...new Set([b, null])]);
  for (const b of candidates.flat()) if (b !== null && names.indexOf(b) < 0) throw new Error(`scene features need ${b}`);
  const baseIdx: number[] = [];
  const links: SceneLink[] = [];
  const boost = opts.boost ?? false;
  // Excluded features are held constant here, so no tree splits on them (prediction reads the full row).
  const allowed = names.map((nm) => !TREE_EXCLUDED(nm));
  const raw = boost ? rows.map((r) => r.features.map((x, j) => (allowed[j] ? x : 0))) : [];
  const boostOut = { trees: [] as FlatTree[][], cv: [] as number[] };
  for (let k = 0; k < 3; k++) {
    const gold = rows.map((r) => r.target[k]);
    let best = { lambda: LAMBDAS[0], s: 0, v: 0, rho: -Infinity, stretch: 1, b: -1, link: 'identity' as SceneLink, oof: [] as number[] };
    for (const cand of candidates[k]) {
    const bi = cand === null ? -1 : names.indexOf(cand);
    const base = rows.map((r) => (bi >= 0 ? r.features[bi] : 0));
    // A correction is fitted on the value's own scale; a direct prediction may be fitted on a link scale (SCENE_LINKS).
    for (const link of bi >= 0 ? ['identity' as const] : (opts.links ?? DEFAULT_LINKS)[k]) {
    const y = rows.map((r, i) => toLink(link, r.target[k] - base[i]));
    for (const v of vecs && (opts.vectorTargets ?? [0, 1, 2]).includes(k) ? grid.vectorScales : [0])
    for (const s of grid.termScales) {
      for (const lambda of grid.lambdas) {
        const pred = new Array<number>(n);
        for (let f = 0; f < FOLDS; f++) {
          const tr = all.filter((i) => i % FOLDS !== f);
          const m = fit(tr, y, lambda, s, v);
          for (let i = f; i < n; i += FOLDS) pred[i] = at(m, tr, i, s, v);
        }
        const rho = spearman(pred.map((p, i) => fromLink(link, p) + base[i]), gold);
        log(`  ${['valence', 'arousal', 'tension'][k]} ${cand ? `correction to ${cand}` : 'direct'}${link === 'identity' ? '' : ` (${link} link)`} terms×${s}${vecs ? ` vectors×${v}` : ''} λ=${lambda}: cv ρ=${rho.toFixed(4)}`);
        if (rho > best.rho + 1e-9) {
          // Ridge shrinks toward the mean; the least-squares slope of the labels on the held-out predictions undoes
          // it, so a party reads as joyful as its labels, not half as.
          const mp = mean(pred), my = mean(y);
          let sxy = 0, sxx = 0;
          pred.forEach((p, i) => ((sxy += (p - mp) * (y[i] - my)), (sxx += (p - mp) ** 2)));
          const stretch = sxx > 0 ? Math.max(1, Math.min(3, sxy / sxx)) : 1;
          // The held-out prediction as the stretched model would give it (what the line/scene blend is fitted on).
          best = { lambda, s, v, rho, stretch, b: bi, link, oof: pred.map((p, i) => base[i] + fromLink(link, my + stretch * (p - mp))) };
        }
      }
    }
    }
    }
    baseIdx.push(best.b);
    links.push(best.link);
    const yValue = rows.map((r) => r.target[k] - (best.b >= 0 ? r.features[best.b] : 0));
    const y = yValue.map((x) => toLink(best.link, x));
    // Second stage: boosted trees fitted to what the ridge got wrong on scenes it had not seen (its held-out
    // predictions), so they learn the interactions it misses rather than its training fit. Whether they help is
    // measured by nested cross-validation: in each outer fold, the ridge's inner held-out predictions on the
    // training rows give the residuals the trees grow on, and the outer fold is scored.
    let oof = best.oof;
    let trees: FlatTree[] = [];
    let boostRho = best.rho;
    if (boost) {
      const nested = new Array<number>(n);
      for (let f = 0; f < FOLDS; f++) {
        const tr = all.filter((i) => i % FOLDS !== f);
        const inner = new Map<number, number>();
        for (let g = 0; g < FOLDS; g++) {
          const fitRows = tr.filter((_, a) => a % FOLDS !== g);
          const m = fit(fitRows, y, best.lambda, best.s, best.v);
          tr.forEach((i, a) => { if (a % FOLDS === g) inner.set(i, at(m, fitRows, i, best.s, best.v)); });
        }
        const mp = mean(tr.map((i) => inner.get(i)!)), my = mean(tr.map((i) => y[i]));
        const resid = new Array<number>(n).fill(0);
        // The label minus the inner held-out prediction (base + link⁻¹(ȳ + stretch·(p − p̄)), as best.oof is formed), on the value's scale.
        for (const i of tr) resid[i] = yValue[i] - fromLink(best.link, my + best.stretch * (inner.get(i)! - mp));
        const t = fitBoostedTrees(raw, resid, tr, boost);
        for (let i = f; i < n; i += FOLDS) nested[i] = best.oof[i] + boostedValue(t, raw[i]);
      }
      boostRho = spearman(nested, gold);
      log(`  ${['valence', 'arousal', 'tension'][k]} + boosted trees (nested cv): ρ=${boostRho.toFixed(4)} (ridge ${best.rho.toFixed(4)})`);
      if (boostRho > best.rho + BOOST_MIN_GAIN) {
        oof = nested;
        trees = fitBoostedTrees(raw, gold.map((g, i) => g - best.oof[i]), all, boost);
      }
    }
    boostOut.trees.push(trees);
    boostOut.cv.push(q5(boostRho));
    // The blend of the line reading and the scene model (analyze.ts): label ≈ a·line + b·scene + e, least squares on
    // the held-out predictions; a is the share the line reading keeps in a scene of one dramatic unit.
    out.blend.push(fitBlend(rows.map((r) => r.features[lineIdx[k]]), oof, gold));
    const m = fit(all, y, best.lambda, best.s, best.v);
    // Primal weights: dense w = Zᵀα (prediction adds ȳ + w·z); term weight = s²·Σ α_i x_it (x_it = row norm).
    const wd = names.map((_, j) => best.stretch * m.alpha.reduce((acc, a, i) => acc + a * prep.Z[i][j], 0));
    const wt = new Array<number>(vocab.length).fill(0);
    m.alpha.forEach((a, i) => {
      for (const id of prep.T[i].ids) wt[id] += best.stretch * best.s * best.s * a * prep.T[i].norm;
    });
    // Word-vector block: weight on the standardised mean vector = v²·Σ α_i e_i (stretched), baked per word below.
    if (vecs) out.vec.push(Array.from({ length: vecs.dims }, (_, d) => best.stretch * best.v * best.v * m.alpha.reduce((acc, a, i) => acc + a * prep.E[i][d], 0)));
    out.vscale.push(best.v);
    out.lambda.push(best.lambda);
    out.stretch.push(q5(best.stretch));
    out.scale.push(best.s);
    out.cv.push(q5(best.rho));
    out.intercept.push(q5(m.my));
    wd.forEach((w, j) => out.dense[j].push(q5(w)));
    wt.forEach((w, j) => out.terms[j].push(q5(w)));
  }
  const keep = vocab.map((t, j) => [t, out.terms[j]] as const).filter(([, w]) => w.some((x) => x !== 0));
  let vectors: SceneModelFile['vectors'];
  if (vecs && out.vscale.some((v) => v > 0)) {
    const weights = Array.from({ length: vecs.dims }, (_, d) => [out.vec[0][d], out.vec[1][d], out.vec[2][d]]);
    const sub = new Map(vecs.keys.map((w) => [w, vecs.map.get(w) ?? new Float64Array(vecs.dims)] as const));
    const baked = bakeWordValues(sub, weights, eMu, eSd);
    vectors = { offset: baked.offset.map(q5) as [number, number, number], values: encodeInt16(vecs.keys.flatMap((w) => baked.values.get(w)!), 1e4) };
  }
  const hasTrees = boostOut.trees.some((t) => t.length > 0);
  const linked = links.some((l) => l !== 'identity');
  // The no-evidence level of the model's own output: the label mean, or on a sqrt link the square of the mean root (the link-scale intercept).
  const noEvidence = [0, 1, 2].map((k) => q5(links[k] === 'identity' ? mean(rows.map((r) => r.target[k])) : fromLink(links[k], out.intercept[k]))) as [number, number, number];
  return {
    // A new id where the block reads more than v1 did (trees, a link scale), so the file and every analysis's notes say which kind read the script.
    id: hasTrees ? (linked ? 'scene-context-ridge-trees-link-v3' : 'scene-context-ridge-trees-v2') : linked ? 'scene-context-ridge-link-v3' : 'scene-context-ridge-v1',
    names: [...names],
    mean: mu.map(q5),
    std: sd.map(q5),
    weights: out.dense as Array<[number, number, number]>,
    intercept: out.intercept as [number, number, number],
    base: baseIdx as [number, number, number],
    ...(linked ? { link: links as [SceneLink, SceneLink, SceneLink] } : {}),
    terms: { keys: keep.map(([t]) => t).join('\n'), values: keep.flatMap(([, w]) => w) },
    ...(vectors ? { vectors } : {}),
    ...(hasTrees ? { boost: { trees: boostOut.trees as [FlatTree[], FlatTree[], FlatTree[]] } } : {}),
    blend: { line: out.blend.map((x) => x[0]) as [number, number, number], scene: out.blend.map((x) => x[1]) as [number, number, number], offset: out.blend.map((x) => x[2]) as [number, number, number], minWords: minWords(rows), unitSeconds: medianSeconds(rows), mean: noEvidence, ...(linked ? { level: [0, 1, 2].map((k) => q5(out.blend[k][0] * mean(rows.map((r) => r.features[lineIdx[k]])) + out.blend[k][1] * noEvidence[k] + out.blend[k][2])) as [number, number, number] } : {}) },
    provenance: { data: opts.data, license: 'MIT (data/affect-scenes was written and labelled by the Leitmotif project)', command: `npm run train:affect -- --scene-only${linked ? ' --tension-sqrt' : ''}` },
    training: { nTrain: n, lambda: out.lambda as [number, number, number], termScale: out.scale as [number, number, number], ...(vecs ? { vectorScale: out.vscale as [number, number, number] } : {}), stretch: out.stretch as [number, number, number], cvSpearman: out.cv as [number, number, number], ...(boost ? { boost: { ...boost, cvSpearman: boostOut.cv as [number, number, number] } } : {}) },
  };
}
