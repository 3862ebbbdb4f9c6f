import { describe, it, expect } from 'vitest';
import { DcBlocker } from './dc-blocker.js';

describe('DC blocker', () => {
  const sr = 44100;
  it('removes a constant offset within a fraction of a second', () => {
    const l = new Float32Array(sr).fill(0.1), r = new Float32Array(sr).fill(-0.1);
    new DcBlocker(sr).process(l, r, sr);
    const tail = (x: Float32Array) => x.subarray(sr / 2).reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    expect(tail(l)).toBeLessThan(3e-4); // under 0.3 % of the offset after half a second (−50 dB)
    expect(tail(r)).toBeLessThan(3e-4);
  });
  it('leaves a 40 Hz tone within 0.05 dB', () => {
    const n = 2 * sr;
    const l = Float32Array.from({ length: n }, (_, i) => Math.sin((2 * Math.PI * 40 * i) / sr));
    const r = l.slice();
    new DcBlocker(sr).process(l, r, n);
    const rms = (x: Float32Array) => Math.sqrt(x.subarray(sr).reduce((s, v) => s + v * v, 0) / sr);
    expect(20 * Math.log10(rms(l) / Math.SQRT1_2)).toBeGreaterThan(-0.05);
  });
  it('is the same filter chunk by chunk as in one go, and linear (stems still sum to the mix)', () => {
    const a = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i / 7) + 0.2);
    const b = Float32Array.from({ length: 1000 }, (_, i) => Math.cos(i / 3) - 0.1);
    const sum = a.map((v, i) => v + b[i]);
    const run = (x: Float32Array, chunk: number) => {
      const l = x.slice(), r = x.slice();
      const dc = new DcBlocker(sr);
      for (let i = 0; i < x.length; i += chunk) dc.process(l.subarray(i), r.subarray(i), Math.min(chunk, x.length - i));
      return l;
    };
    const whole = run(sum, 1000), chunked = run(sum, 128);
    whole.forEach((v, i) => expect(chunked[i]).toBeCloseTo(v, 6));
    const fa = run(a, 1000), fb = run(b, 1000);
    whole.forEach((v, i) => expect(fa[i] + fb[i]).toBeCloseTo(v, 5));
  });
});

describe('DcBlocker on silence', () => {
  it('gives bit for bit what filtering every chunk gives: silence at rest, ringing after a note, and −0', () => {
    // The filter without the silence skip, as the reference.
    const R = Math.exp((-2 * Math.PI * 2) / 44100);
    const st = [0, 0];
    const reference = (x: Float32Array) => {
      let [x1, y1] = st;
      for (let i = 0; i < x.length; i++) {
        const y = x[i] - x1 + R * y1;
        x1 = x[i];
        y1 = Math.abs(y) < 1e-20 ? 0 : y;
        x[i] = y1;
      }
      st[0] = x1;
      st[1] = y1;
    };
    const tone = () => Float32Array.from({ length: 64 }, (_, i) => 0.3 + 0.2 * Math.sin(i));
    // −0 at rest first (the skip must not keep it), then silence at rest (skipped), a tone, its ringing.
    const chunks = [Float32Array.of(-0, 0, -0), new Float32Array(64), tone(), new Float32Array(64), new Float32Array(64)];
    const dc = new DcBlocker(44100);
    for (const c of chunks) {
      const a = c.slice(), b = c.slice();
      dc.process(a, a.slice(), a.length);
      reference(b);
      expect(Array.from(new Int32Array(a.buffer))).toEqual(Array.from(new Int32Array(b.buffer)));
    }
  });
});
