/** purpose: a taste moves the music but never turns one emotion into another — for ANY bounded taste, grief stays minor, slower, lower and softer than joy. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { paramsFor, modeFor } from './emotion-map.js';
import { resolveCue } from './resolve.js';
import { parseCueSpec } from './spec.js';
import { brightenMode, NEUTRAL_TASTE, OFFSET_KEYS, TasteSchema, type Taste } from './taste.js';
import { isMinorMode } from '../theory/index.js';

const grief = { valence: -0.7, arousal: -0.6, tension: 0.3 };
const joy = { valence: 0.7, arousal: 0.6, tension: 0.2 };
const fear = { valence: -0.6, arousal: 0.8, tension: 0.7 };
const tender = { valence: 0.6, arousal: -0.5, tension: 0.1 };

const anyTaste = fc.tuple(...OFFSET_KEYS.map(() => fc.double({ min: -1, max: 1, noNaN: true }))).map((v) => TasteSchema.parse(Object.fromEntries(OFFSET_KEYS.map((k, i) => [k, v[i]]))));

describe('taste on top of the emotion map', () => {
  it('grief under any taste is still minor, slower, lower and softer than joy under any taste', () => {
    fc.assert(
      fc.property(anyTaste, anyTaste, (a: Taste, b: Taste) => {
        const g = resolveCue(parseCueSpec({ duration: 30, emotion: grief }), { taste: a });
        const j = resolveCue(parseCueSpec({ duration: 30, emotion: joy }), { taste: b });
        expect(isMinorMode(g.key.mode)).toBe(true);
        expect(isMinorMode(j.key.mode)).toBe(false);
        expect(g.baseBpm).toBeLessThan(j.baseBpm);
        const pg = paramsFor(grief, 'orchestral', false, a), pj = paramsFor(joy, 'orchestral', false, b);
        expect(pg.register).toBeLessThan(pj.register);
        expect(pg.velocity).toBeLessThan(pj.velocity);
        expect(pg.density).toBeLessThan(pj.density);
        expect(pg.harmonicRhythm).toBeLessThanOrEqual(pj.harmonicRhythm);
      }),
      { numRuns: 300 },
    );
  });

  it('fear stays faster and louder than tenderness, and a still cue gets no percussion, under any taste', () => {
    fc.assert(
      fc.property(anyTaste, anyTaste, (a: Taste, b: Taste) => {
        const f = paramsFor(fear, 'orchestral', false, a), t = paramsFor(tender, 'orchestral', false, b);
        expect(f.tempo).toBeGreaterThan(t.tempo);
        expect(f.velocity).toBeGreaterThan(t.velocity);
        expect(t.percussion).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('a bright-loving listener gets brighter grief, not joy', () => {
    const bright: Taste = { ...NEUTRAL_TASTE, brightness: 1, tempo: 1, register: 1 };
    const plain = resolveCue(parseCueSpec({ duration: 30, emotion: grief }));
    const lit = resolveCue(parseCueSpec({ duration: 30, emotion: grief }), { taste: bright });
    expect(modeFor(grief)).toBe('minor');
    expect(lit.key.mode).toBe('dorian');
    expect(lit.baseBpm).toBeGreaterThan(plain.baseBpm);
    expect(paramsFor(grief, 'orchestral', false, bright).dissonance).toBeLessThan(paramsFor(grief, 'orchestral').dissonance);
  });

  it('no taste and the neutral taste leave the emotion map exactly as it was; spec values always win', () => {
    expect(paramsFor(fear, 'rock', false, NEUTRAL_TASTE)).toEqual({ ...paramsFor(fear, 'rock'), repetition: 0.7 });
    const fixed = resolveCue(parseCueSpec({ duration: 30, emotion: grief, tempo: 90, mode: 'minor' }), { taste: { ...NEUTRAL_TASTE, tempo: 1, brightness: 1 } });
    expect([fixed.baseBpm, fixed.key.mode]).toEqual([90, 'minor']);
  });

  it('brightness moves one step inside the mode family and never across it', () => {
    expect(brightenMode('dorian', 1)).toBe('dorian');
    expect(brightenMode('minor', -1)).toBe('harmonic-minor');
    expect(brightenMode('mixolydian', -1)).toBe('mixolydian');
    expect(brightenMode('major', 0.3)).toBe('major');
  });
});
