import { describe, it, expect } from 'vitest';
import { master, limiterCurve } from './master.js';
import { integratedLoudness } from './loudness.js';
import { truePeak, toDb } from './true-peak.js';

const SR = 44100;

/** A soft 440 Hz tone (−30 dBFS) with a loud 2 kHz burst every second: normalising to −16 LUFS needs limiting. */
function peakyProgramme(seconds = 6, burst = 0.9): [Float32Array, Float32Array] {
  const n = seconds * SR;
  const l = new Float32Array(n), r = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const t = i / SR;
    let v = 0.0316 * Math.sin(2 * Math.PI * 440 * t);
    const k = t % 1;
    if (k < 0.01) v += burst * Math.sin(2 * Math.PI * 2000 * t) * Math.sin((Math.PI * k) / 0.01);
    l[i] = v;
    r[i] = 0.8 * v;
  }
  return [l, r];
}

function apply(x: Float32Array, curve: Float32Array | null, gainDb: number): Float32Array {
  const g = Math.pow(10, gainDb / 20);
  return Float32Array.from(x, (v, i) => v * (curve ? curve[i] : g));
}

describe('mastering gain chain', () => {
  it('normalises to the LUFS target and keeps the true peak under −1 dBTP, limiting transparently', () => {
    const [l, r] = peakyProgramme(6, 0.25); // needs a few dB of limiting at −16 LUFS
    const m = master(l, r, { sampleRate: SR, targetLufs: -16 });
    const L = apply(l, m.curve, m.gainDb), R = apply(r, m.curve, m.gainDb);
    expect(Math.abs(integratedLoudness([L, R], SR) - -16)).toBeLessThan(0.5);
    expect(Math.abs(m.integratedLufs - -16)).toBeLessThan(0.5);
    expect(toDb(Math.max(truePeak(L), truePeak(R)))).toBeLessThanOrEqual(-1);
    expect(m.truePeakDb).toBeLessThanOrEqual(-1);
    expect(m.limiterReductionDb).toBeGreaterThan(0);
    expect(m.limiterReductionDb).toBeLessThanOrEqual(6.01);
  });

  it('reduces gain instead of limiting more than 6 dB, and says so through the stats', () => {
    const [l, r] = peakyProgramme();
    const m = master(l, r, { sampleRate: SR, targetLufs: -6 }); // far too loud for this crest factor
    expect(m.truePeakDb).toBeLessThanOrEqual(-1);
    expect(m.limiterReductionDb).toBeLessThanOrEqual(6.01);
    expect(m.integratedLufs).toBeLessThan(-6.5);
  });

  it('with normalisation off keeps the level of a quiet signal and only attenuates a hot one', () => {
    const [l, r] = peakyProgramme();
    const quiet = master(l.map((v) => v * 0.1), r.map((v) => v * 0.1), { sampleRate: SR, targetLufs: null });
    expect(quiet.gainDb).toBe(0);
    expect(quiet.curve).toBeNull();
    const hot = master(l.map((v) => v * 1.5), r, { sampleRate: SR, targetLufs: null });
    expect(hot.gainDb).toBeLessThan(0);
    expect(hot.truePeakDb).toBeLessThanOrEqual(-1);
  });

  it('limiter curve never exceeds the required gain and recovers to 1 away from peaks', () => {
    const [l, r] = peakyProgramme(3);
    const { curve, minGain } = limiterCurve(l, r, 1, 0.5, SR);
    expect(minGain).toBeLessThan(1);
    let maxGain = 0;
    for (let i = 0; i < curve.length; i++) maxGain = Math.max(maxGain, curve[i]);
    expect(maxGain).toBeLessThanOrEqual(1);
    expect(curve[Math.round(0.7 * SR)]).toBeGreaterThan(0.99); // 0.7 s: between bursts, released
    let over = 0;
    for (let i = 0; i < l.length; i++) over = Math.max(over, Math.abs(l[i] * curve[i]), Math.abs(r[i] * curve[i]));
    expect(over).toBeLessThanOrEqual(0.5 + 1e-6);
  });

  it('leaves silence alone', () => {
    const z = new Float32Array(SR);
    const m = master(z, z, { sampleRate: SR, targetLufs: -16 });
    expect(m.gainDb).toBe(0);
    expect(m.integratedLufs).toBe(-Infinity);
  });
});
