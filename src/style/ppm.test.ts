import { describe, expect, it } from 'vitest';
import { ByteReader, ByteWriter } from './codec.js';
import { Ppm, PpmCounts, decodePpm, encodePpm, trainPpm } from './ppm.js';
import { Rng } from '../util/rng.js';

/** A little "style": a repeated motif with variations over an alphabet of 6 symbols. */
function styleSeqs(n: number, rng: Rng): number[][] {
  const motifs = [
    [0, 1, 2, 3, 2, 1],
    [0, 2, 4, 2, 0, 5],
    [3, 3, 2, 1, 0, 0],
  ];
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    const s: number[] = [];
    for (let j = 0; j < 8; j++) s.push(...motifs[rng.int(0, 2)]);
    if (rng.chance(0.3)) s[rng.int(0, s.length - 1)] = rng.int(0, 5);
    out.push(s);
  }
  return out;
}

function crossEntropy(ppm: Ppm, seqs: number[][]): number {
  let bits = 0;
  let n = 0;
  for (const s of seqs)
    for (let i = 0; i < s.length; i++) {
      bits -= Math.log2(ppm.probability(s, i, s[i]));
      n++;
    }
  return bits / n;
}

describe('PPM (escape C, interpolated)', () => {
  const rng = new Rng(3);
  const train = styleSeqs(40, rng);
  const ppm = new Ppm(trainPpm(train, { order: 5, alphabet: 6 }));

  it('gives a proper distribution in every context', () => {
    const out = new Float64Array(6);
    for (const s of train.slice(0, 5))
      for (let i = 0; i <= s.length; i++) {
        ppm.distribution(s, i, out);
        const sum = out.reduce((a, b) => a + b, 0);
        expect(sum).toBeCloseTo(1, 10);
        for (let k = 0; k < 6; k++) {
          expect(out[k]).toBeGreaterThan(0);
          expect(ppm.probability(s, i, k)).toBeCloseTo(out[k], 12);
        }
      }
  });

  it('predicts held-out music of its style better than shuffled music', () => {
    const held = styleSeqs(10, new Rng(99));
    const shuffled = held.map((s) => new Rng(5).shuffle([...s]));
    const inStyle = crossEntropy(ppm, held);
    expect(inStyle).toBeLessThan(crossEntropy(ppm, shuffled) - 0.5);
    expect(inStyle).toBeLessThan(Math.log2(6));
  });

  it('uses the longest context: a deterministic continuation gets high probability', () => {
    // After 0 1 2 3 2 the corpus always continues with 1.
    expect(ppm.probability([0, 1, 2, 3, 2], 5, 1)).toBeGreaterThan(0.8);
  });

  it('negative symbols are boundaries that no context crosses', () => {
    const a = ppm.probability([0, 1, 2, -1, 3], 5, 2);
    const b = ppm.probability([3], 1, 2);
    expect(a).toBeCloseTo(b, 12);
  });

  it('removing counts equals never adding them (exact k-fold)', () => {
    const c = new PpmCounts({ order: 4, alphabet: 6 });
    for (const s of train) c.update(s, 1);
    for (const s of train.slice(0, 10)) c.update(s, -1);
    const direct = new Ppm(trainPpm(train.slice(10), { order: 4, alphabet: 6 }));
    for (const s of train.slice(0, 3)) for (let i = 0; i < s.length; i++) expect(c.probability(s, i, s[i])).toBeCloseTo(direct.probability(s, i, s[i]), 12);
  });

  it('survives encoding as a trie with identical predictions; pruning drops rare contexts', () => {
    const w = new ByteWriter();
    encodePpm(ppm.data, w);
    const back = new Ppm(decodePpm(new ByteReader(w.bytes())));
    expect(back.data.keys.length).toBe(ppm.data.keys.length);
    for (const s of train.slice(0, 3)) for (let i = 0; i < s.length; i++) expect(back.probability(s, i, s[i])).toBe(ppm.probability(s, i, s[i]));
    const pruned = trainPpm(train, { order: 5, alphabet: 6, minCount: 5 });
    expect(pruned.keys.length).toBeLessThan(ppm.data.keys.length);
    expect(Math.min(...Array.from(pruned.total))).toBeGreaterThanOrEqual(1);
  });

  it('rangeDistribution matches distribution on its slice', () => {
    const full = new Float64Array(6);
    const part = new Float64Array(3);
    const s = train[0];
    ppm.distribution(s, 7, full);
    ppm.rangeDistribution(s, 7, 2, 3, part);
    for (let j = 0; j < 3; j++) expect(part[j]).toBeCloseTo(full[2 + j], 12);
  });
});
