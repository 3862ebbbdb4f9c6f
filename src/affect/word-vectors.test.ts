import { describe, expect, it } from 'vitest';
import { loadTextModel } from './node.js';
import { compileTextModel } from './text-model.js';
import { tokenize } from './text-features.js';
import { bakeWordValues, meanWordVector, sentenceVectorWords, sifWeights, vectorWords, wordValueMean } from './word-vectors.js';

describe('baked word-vector values', () => {
  it('equal the linear model over the standardised mean vector they were baked from', () => {
    const dims = 3;
    const vectors = new Map<string, Float64Array>([
      ['storm', Float64Array.from([0.9, -0.1, 0.2])],
      ['calm', Float64Array.from([-0.5, 0.7, 0.1])],
      ['sea', Float64Array.from([0.1, 0.2, -0.9])],
    ]);
    const weights = [[0.4, -1], [2, 0.3], [-0.7, 0.5]];
    const mean = [0.1, 0.2, -0.3];
    const std = [0.5, 2, 0.25];
    const { offset, values } = bakeWordValues(vectors, weights, mean, std);
    const table = { index: new Map([...values.keys()].map((w, i) => [w, i])), values: [...values.values()].flat(), width: 2 };
    const weight = new Map([['storm', 0.9], ['calm', 0.25], ['sea', 0.5]]);
    const rowWeights = [...values.keys()].map((w) => weight.get(w)!);
    for (const words of [['storm', 'sea'], ['calm'], ['calm', 'unknown', 'storm', 'storm'], []]) {
      for (const weighted of [false, true]) {
        const x = meanWordVector(words, vectors, dims, weighted ? (w) => weight.get(w) ?? 0 : undefined);
        const direct = [0, 1].map((k) => x.reduce((s, v, d) => s + weights[d][k] * ((v - mean[d]) / std[d]), 0));
        const baked = wordValueMean(words, table, offset, weighted ? rowWeights : undefined);
        expect(baked[0]).toBeCloseTo(direct[0], 10);
        expect(baked[1]).toBeCloseTo(direct[1], 10);
      }
    }
  });

  it('SIF weights: a frequent word weighs less than a rare one, an unseen word most', () => {
    const sentences = [['the', 'storm'], ['the', 'calm'], ['the', 'sea', 'the']];
    const w = sifWeights(sentences, ['the', 'storm', 'sea', 'gale'], 0.05);
    expect(w.get('the')!).toBeLessThan(w.get('storm')!);
    expect(w.get('storm')).toBe(w.get('sea'));
    expect(w.get('gale')!).toBeGreaterThan(w.get('storm')!);
    expect(w.get('gale')!).toBeLessThanOrEqual(1);
  });

  it('the sentence model pools negated words too ("not afraid" is still about fear)', () => {
    expect(sentenceVectorWords(tokenize('She is not afraid, she is calm.'))).toEqual(['she', 'is', 'not', 'afraid', 'she', 'is', 'calm']);
  });

  it('in the scene features a negated word carries no vector', () => {
    expect(vectorWords(tokenize('She is not happy, she is sad.'))).toEqual(['she', 'is', 'not', 'she', 'is', 'sad']);
  });
});

describe('the shipped model gives words no lexicon or training sentence covers a meaning', () => {
  const model = loadTextModel();
  // None of these words is in EmoBank's training terms, VADER, AFINN or the GoEmotions lexicon.
  const festive = 'The fireworks over the banquet in the meadow.';
  const grim = 'The gunfire, the carnage, the wreckage.';
  it('the words are unknown to every other part of the model', () => {
    const f = model.file;
    const known = new Set([...f.terms.keys.split('\n'), ...f.lexicons.vader.keys.split('\n'), ...f.lexicons.afinn.keys.split('\n'), ...f.lexicons.ge.keys.split('\n')]);
    for (const w of ['fireworks', 'banquet', 'meadow', 'gunfire', 'carnage', 'wreckage']) expect(known.has(w), w).toBe(false);
  });

  it('reads the festive sentence as more pleasant than the grim one only through the vectors', () => {
    expect(model.file.wordVectors?.source).toMatch(/GloVe/);
    const gap = model.predict(festive).valence - model.predict(grim).valence;
    const { wordVectors: _wv, scene: _s, ...plain } = model.file;
    const without = compileTextModel(plain);
    const gapWithout = without.predict(festive).valence - without.predict(grim).valence;
    // Without the vectors only punctuation and bigrams like "the banquet" differ; with them the gap is far wider.
    expect(gap).toBeGreaterThan(0.3);
    expect(gap).toBeGreaterThan(gapWithout + 0.2);
  });
});
