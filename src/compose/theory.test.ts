import { describe, it, expect } from 'vitest';
import { parseRoman } from './chords.js';
import { voiceLead, isParallelPerfect } from './voicing.js';
import { planForm, findClimaxBar } from './form.js';
import { changeKey, invert, transposeDiatonic, motifToLine } from './motif.js';
import { pitchToDegree, degreeToPitch } from './theory.js';
import { meterInfo } from '../theory/index.js';
import { Rng } from '../util/rng.js';

const C = { tonic: 0, mode: 'major' as const };
const a = { tonic: 9, mode: 'minor' as const };

describe('chords: Roman numerals in a key', () => {
  it.each([
    ['I', C, [0, 4, 7], 0],
    ['V7', C, [7, 11, 2, 5], 7],
    ['ii', C, [2, 5, 9], 2],
    ['V', a, [4, 8, 11], 4], // raised leading tone in minor
    ['viio7', a, [8, 11, 2, 5], 8],
    ['VI', a, [5, 9, 0], 5],
    ['V/V', C, [2, 6, 9], 2],
    ['I6', C, [0, 4, 7], 4], // first inversion: third in the bass
    ['N6', C, [1, 5, 8], 5],
  ] as const)('%s', (sym, key, pcs, bass) => {
    const c = parseRoman(sym, key)!;
    expect(c.pcs).toEqual(pcs);
    expect(c.bass).toBe(bass);
  });
  it('unknown symbols are a value (null), not an exception', () => {
    expect(parseRoman('xyz', C)).toBeNull();
    expect(parseRoman('', C)).toBeNull();
  });
});

describe('voice leading', () => {
  it('keeps common tones, moves by step, never crosses, opens below C3', () => {
    const I = parseRoman('I', C)!, IV = parseRoman('IV', C)!, V = parseRoman('V', C)!;
    let prev = voiceLead({ chord: I, prev: null, voices: 4, lo: 40, hi: 76, bass: 36 });
    for (const ch of [IV, V, I, IV, V, I]) {
      const v = voiceLead({ chord: ch, prev, voices: 4, lo: 40, hi: 76, bass: 36 });
      for (let i = 1; i < v.length; i++) {
        expect(v[i]).toBeGreaterThan(v[i - 1]);
        if (v[i - 1] < 48) expect(v[i] - v[i - 1]).toBeGreaterThanOrEqual(7);
      }
      const motion = v.reduce((s, p, i) => s + Math.abs(p - prev[i]), 0);
      expect(motion).toBeLessThanOrEqual(8);
      for (const p of v) expect(ch.pcs).toContain(p % 12);
      prev = v;
    }
  });
  it('detects parallel fifths and octaves', () => {
    expect(isParallelPerfect(48, 55, 50, 57)).toBe(true);
    expect(isParallelPerfect(48, 60, 50, 62)).toBe(true);
    expect(isParallelPerfect(48, 55, 50, 59)).toBe(false);
  });
});

describe('form', () => {
  it('places the climax at the tension peak of a curve, else two-thirds through', () => {
    expect(findClimaxBar({ valence: 0, arousal: 0, tension: 0.5 }, 30)).toBe(19);
    const curve = [{ at: 0, valence: 0, arousal: 0, tension: 0 }, { at: 0.25, valence: 0, arousal: 0.5, tension: 1 }, { at: 1, valence: 0, arousal: 0, tension: 0 }];
    expect([9, 10]).toContain(findClimaxBar({ valence: 0, arousal: 0, tension: 0.5, curve }, 40));
  });
  it('plans intro, phrases with cadences, contrast and an ending that cover every bar', () => {
    const f = planForm({ bars: 37, secondsPerBar: 2, emotion: { valence: 0.5, arousal: 0.2, tension: 0.3 }, home: C, rng: new Rng(1), keyFixed: false });
    let next = 0;
    for (const p of f.phrases) {
      expect(p.startBar).toBe(next);
      next += p.bars;
    }
    expect(next).toBe(37);
    expect(f.phrases[0].kind).toBe('intro');
    expect(f.phrases.some((p) => p.idea === 'B')).toBe(true);
    expect(f.phrases[f.phrases.length - 1].final).toBe(true);
    const body = f.phrases.filter((p) => p.idea !== 'none');
    expect(body[body.length - 1].cadence).toBe('authentic');
  });
});

describe('motif transformations keep rhythm and contour', () => {
  const line = motifToLine([{ degree: 0, alter: 0, beats: 1, rest: false }, { degree: 2, alter: 0, beats: 0.5, rest: false }, { degree: 4, alter: 0, beats: 0.5, rest: false }, { degree: 3, alter: 0, beats: 2, rest: false }], C, 60);
  it('degrees, sequence, inversion, mode change', () => {
    expect(line.map((n) => n.pitch)).toEqual([60, 64, 67, 65]);
    expect(transposeDiatonic(line, 1, C).map((n) => n.pitch)).toEqual([62, 65, 69, 67]);
    expect(invert(line, C).map((n) => n.pitch)).toEqual([60, 57, 53, 55]);
    expect(changeKey(line, C, { tonic: 0, mode: 'minor' }).map((n) => n.pitch)).toEqual([60, 63, 67, 65]);
    expect(transposeDiatonic(line, 1, C).map((n) => n.duration)).toEqual([1, 0.5, 0.5, 2]);
  });
  it('degree ⇄ pitch round trip', () => {
    for (let p = 48; p < 84; p++) {
      const d = pitchToDegree(a, p, 57);
      expect(degreeToPitch(a, d.degree, d.alter, 57)).toBe(p);
    }
  });
  it('meters: strong beats and pulses', () => {
    expect(meterInfo(4, 4).strong).toEqual([0, 2]);
    expect(meterInfo(6, 8).pulses).toEqual([0, 1.5]);
    expect(meterInfo(3, 4).strong).toEqual([0]);
  });
});
