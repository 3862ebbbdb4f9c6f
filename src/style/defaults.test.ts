import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng.js';
import { loadDefaultStyleModels } from './index.js';

describe('committed default models', () => {
  it('load (cached) with provenance and evaluation, and sample', () => {
    const m = loadDefaultStyleModels();
    expect(loadDefaultStyleModels()).toBe(m);
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
