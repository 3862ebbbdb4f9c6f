import { describe, it, expect } from 'vitest';
import { kWeightingCoefficients, integratedLoudness, measureLoudness } from './loudness.js';
import { truePeak, toDb } from './true-peak.js';

function sine(freq: number, amp: number, seconds: number, sr: number, phase = 0): Float32Array {
  const x = new Float32Array(Math.round(seconds * sr));
  for (let i = 0; i < x.length; i++) x[i] = amp * Math.sin((2 * Math.PI * freq * i) / sr + phase);
  return x;
}
const dbfs = (db: number) => Math.pow(10, db / 20);

describe('K-weighting (ITU-R BS.1770-4 Tables 1 and 2)', () => {
  it('reproduces the spec coefficients at 48 kHz', () => {
    const [shelf, hp] = kWeightingCoefficients(48000);
    expect(shelf.b0).toBeCloseTo(1.53512485958697, 10);
    expect(shelf.b1).toBeCloseTo(-2.69169618940638, 10);
    expect(shelf.b2).toBeCloseTo(1.19839281085285, 10);
    expect(shelf.a1).toBeCloseTo(-1.69065929318241, 10);
    expect(shelf.a2).toBeCloseTo(0.73248077421585, 10);
    expect(hp.a1).toBeCloseTo(-1.99004745483398, 10);
    expect(hp.a2).toBeCloseTo(0.99007225036621, 10);
  });
});

describe('integrated loudness', () => {
  // Derivation: a full-scale sine has mean square 1/2 (−3.01 dB). The spec's −0.691 offset cancels the
  // K-filter's gain at 997 Hz (+0.691 dB), so one channel of a 0 dBFS 997 Hz sine reads −3.01 LUFS
  // (BS.1770-4 §2.1: "a 0 dB FS 1 kHz sine … in the left, centre or right channel … produce[s] −3.01 LKFS").
  // The same sine in both L and R doubles the summed power (+3.01 dB) → 0.00 LUFS; at −20 dBFS → −20.00 LUFS.
  for (const sr of [44100, 48000]) {
    it(`reads −20.0 LUFS for a −20 dBFS 997 Hz sine in both channels at ${sr} Hz`, () => {
      const x = sine(997, dbfs(-20), 5, sr);
      expect(integratedLoudness([x, x], sr)).toBeCloseTo(-20, 1);
    });
  }

  it('reads −23.01 LUFS when only one channel carries the −20 dBFS sine', () => {
    const sr = 48000;
    const x = sine(997, dbfs(-20), 5, sr);
    expect(integratedLoudness([x, new Float32Array(x.length)], sr)).toBeCloseTo(-23.01, 1);
  });

  it('ignores silence (absolute gate) and much quieter passages (relative gate)', () => {
    const sr = 48000;
    const loud = sine(997, dbfs(-20), 4, sr);
    const withSilence = new Float32Array(loud.length * 2);
    withSilence.set(loud);
    expect(integratedLoudness([withSilence, withSilence], sr)).toBeCloseTo(-20, 0);
    const quiet = sine(997, dbfs(-45), 4, sr); // 25 LU down: below the −10 LU relative gate
    const mixed = new Float32Array(loud.length * 2);
    mixed.set(loud);
    mixed.set(quiet, loud.length);
    expect(Math.abs(integratedLoudness([mixed, mixed], sr) - -20)).toBeLessThan(0.3);
  });

  it('weights a 40 Hz tone down against 997 Hz (RLB high-pass) and a 10 kHz tone up (+4 dB shelf)', () => {
    const sr = 48000;
    const at = (f: number) => integratedLoudness([sine(f, 0.1, 3, sr), sine(f, 0.1, 3, sr)], sr);
    expect(at(40)).toBeLessThan(at(997) - 0.5);
    expect(at(10000) - at(997)).toBeGreaterThan(3);
    expect(at(10000) - at(997)).toBeLessThan(5);
  });

  it('is −Infinity for silence', () => {
    const z = new Float32Array(48000);
    expect(integratedLoudness([z, z], 48000)).toBe(-Infinity);
  });
});

describe('true peak (4× oversampled)', () => {
  it('finds the inter-sample peak of a sine at fs/4 sampled 45° off its crest', () => {
    const sr = 48000;
    const x = sine(sr / 4, 1, 0.1, sr, Math.PI / 4); // every sample is ±0.7071, the waveform reaches ±1
    // 10 ms raised-cosine fades: an abrupt start would itself ring (Gibbs) above the sine's crest.
    const fade = 480;
    for (let i = 0; i < fade; i++) {
      const g = 0.5 - 0.5 * Math.cos((Math.PI * i) / fade);
      x[i] *= g;
      x[x.length - 1 - i] *= g;
    }
    let sp = 0;
    for (const v of x) sp = Math.max(sp, Math.abs(v));
    expect(toDb(sp)).toBeCloseTo(-3.01, 1);
    expect(toDb(truePeak(x))).toBeGreaterThan(-0.1);
    expect(toDb(truePeak(x))).toBeLessThan(0.05);
  });

  it('equals the sample peak for a slow sine', () => {
    const x = sine(100, 0.5, 0.5, 44100);
    expect(toDb(truePeak(x))).toBeCloseTo(toDb(0.5), 2);
  });

  it('measureLoudness reports both channels', () => {
    const sr = 44100;
    const l = sine(997, dbfs(-20), 3, sr);
    const r = sine(997, dbfs(-6), 3, sr);
    const m = measureLoudness(l, r, sr);
    expect(m.samplePeakDb).toBeCloseTo(-6, 1);
    expect(m.truePeakDb).toBeCloseTo(-6, 1);
    expect(m.integratedLufs).toBeGreaterThan(-9.1);
  });
});
