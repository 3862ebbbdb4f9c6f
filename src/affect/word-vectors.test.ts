import { describe, expect, it } from 'vitest';
import { loadTextModel } from './node.js';
import { compileTextModel } from './text-model.js';
import { tokenize } from './text-features.js';
import { bakeWordValues, meanWordVector, vectorWords, wordValueMean } from './word-vectors.js';

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
    for (const words of [['storm', 'sea'], ['calm'], ['calm', 'unknown', 'storm', 'storm'], []]) {
      const x = meanWordVector(words, vectors, dims);
      const direct = [0, 1].map((k) => x.reduce((s, v, d) => s + weights[d][k] * ((v - mean[d]) / std[d]), 0));
      const baked = wordValueMean(words, table, offset);
      expect(baked[0]).toBeCloseTo(direct[0], 10);
      expect(baked[1]).toBeCloseTo(direct[1], 10);
    }
  });

  it('a negated word carries no vector (its NOT_ term carries the meaning)', () => {
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
