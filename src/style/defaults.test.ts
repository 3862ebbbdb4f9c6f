import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng.js';
import { loadDefaultStyleModels, loadStyleModel, defaultStyleModelPaths } from './node.js';
import { styleModelFromBytes } from './load.js';
import { readFileSync } from 'node:fs';

describe('committed default models', () => {
  it('load (fresh each call, no module cache) with provenance and evaluation, and sample', () => {
    const m = loadDefaultStyleModels();
    expect(loadDefaultStyleModels()).not.toBe(m);
    expect(m.melody.name).toBe('folk-melody');
    expect(m.harmony.name).toBe('bach-chorale-harmony');
    for (const model of [m.melody, m.harmony]) {
      expect(model.info.corpus.files.length).toBeGreaterThan(0);
      expect(model.info.corpus.files.every((f) => /^[0-9a-f]{64}$/.test(f.sha256) && f.licence.length > 10)).toBe(true);
      const pitch = model.crossEntropy.pitch.bitsPerEvent!;
      expect(pitch).toBeGreaterThan(1);
      expect(pitch).toBeLessThan(3.5);
    }
    const r = m.melody.sampleMelody({ key: { tonic: 2, mode: 'dorian' }, meter: { numerator: 6, denominator: 8 }, bars: 8, range: [62, 86], endOn: [2], rng: new Rng(1) });
    expect(r.satisfied).toBe(true);
    expect(r.longestCopiedRun).toBeLessThanOrEqual(6);
    expect(m.harmony.sampleProgression({ mode: 'minor', length: 8, cadence: 'authentic', rng: new Rng(1) }).chords.at(-1)).toBe('i');
  });
});

describe('style model decoding is the same from a path and from bytes', () => {
  it('styleModelFromBytes(file bytes) equals loadStyleModel(path)', () => {
    const p = defaultStyleModelPaths().harmony;
    expect(styleModelFromBytes(new Uint8Array(readFileSync(p)), p).id).toBe(loadStyleModel(p).id);
    expect(() => styleModelFromBytes(new TextEncoder().encode('{not json'), 'x.lmstyle.json')).toThrow(/x.lmstyle.json is not valid JSON/);
  });
});
