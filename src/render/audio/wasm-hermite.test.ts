import { describe, it, expect } from 'vitest';
import { hermiteKernel, OUT_FLOATS } from './wasm-hermite.js';
import { Rng } from '../../util/rng.js';

/** spessasynth's 4-tap Hermite formula in float64, as the JavaScript oscillator computes it. */
function hermiteAt(d: Float32Array, cursor: number): number {
  const y0 = cursor | 0, t = cursor - y0;
  const xm1 = d[y0], xa = d[y0 + 1], xb = d[y0 + 2], xc = d[y0 + 3];
  const c = (xb - xm1) * 0.5, v = xa - xb, w = c + v, a = w + v + (xc - xa) * 0.5, b = w + a;
  return ((a * t - b) * t + c) * t + xa;
}

describe('the WebAssembly SIMD Hermite kernel', () => {
  const k = hermiteKernel();
  it('is available in this runtime (Node 20 has WebAssembly SIMD)', () => expect(k).not.toBeNull());

  it('gives the JavaScript formula within float32 rounding and advances the cursor exactly as repeated addition does', () => {
    const rng = new Rng(3);
    const data = Float32Array.from({ length: 50_000 }, () => rng.next() * 2 - 1);
    const src = k!.place(data);
    for (const step of [0.25, 0.9999, 1, 1.4142, 2.7, 3.99]) {
      let cursor = 17.3;
      const n = 128;
      const next = k!.hermite(src, cursor, step, 0, n);
      let worst = 0;
      for (let i = 0; i < n; i++) {
        worst = Math.max(worst, Math.abs(k!.out[i] - hermiteAt(data, cursor)));
        cursor += step;
      }
      expect(next).toBe(cursor);
      expect(worst).toBeLessThan(1e-6);
    }
  });

  it('does only whole groups of four (the caller finishes the rest) and keeps each sample it placed', () => {
    const data = Float32Array.from({ length: 300 }, (_, i) => Math.sin(i / 7));
    const src = k!.place(data);
    expect(k!.place(data)).toBe(src); // placed once
    k!.out.fill(-9, 0, 8);
    const next = k!.hermite(src, 10, 1, 0, 7);
    expect(next).toBe(14); // four samples
    expect(k!.out[4]).toBe(-9);
  });

  it('grows its memory for many samples, and the output block stays usable after growing', () => {
    const big = Array.from({ length: 40 }, (_, s) => Float32Array.from({ length: 40_000 }, (_, i) => Math.sin((i + s) / 11)));
    const at = big.map((d) => k!.place(d)); // 6.4 MB: several memory growths
    expect(new Set(at).size).toBe(big.length);
    const last = big[big.length - 1];
    k!.hermite(at[at.length - 1], 100.5, 1.5, 0, OUT_FLOATS);
    expect(Math.abs(k!.out[OUT_FLOATS - 1] - hermiteAt(last, 100.5 + 1.5 * (OUT_FLOATS - 1)))).toBeLessThan(1e-5);
    // an earlier sample's data is still where it was put
    k!.hermite(at[0], 5.25, 1, 0, 4);
    expect(Math.abs(k!.out[0] - hermiteAt(big[0], 5.25))).toBeLessThan(1e-6);
  });
});

describe('the kernel bus panner', () => {
  const k = hermiteKernel()!;
  it('adds gl·sum, gr·sum and g·sum into its staging in float64 (odd lengths too), skips the send at g = 0, and clears the bus', () => {
    for (const [n, g] of [[128, 0.25], [77, 0], [1, 0.5]] as const) {
      const f = k.f64, bus = k.busAt(3) / 8, l = k.stageAt(2) / 8, r = l + OUT_FLOATS, rev = k.revAt / 8;
      const before = { l: [] as number[], r: [] as number[], rev: [] as number[] };
      for (let i = 0; i < n; i++) {
        f[bus + i] = Math.sin(i + 1) * 0.3;
        f[l + i] = i * 1e-3;
        f[r + i] = -i * 1e-3;
        f[rev + i] = 0.5;
        before.l.push(f[l + i]);
        before.r.push(f[r + i]);
        before.rev.push(f[rev + i]);
      }
      const sums = Array.from({ length: n }, (_, i) => f[bus + i]);
      k.pan(k.busAt(3), n, 0.7, 0.6, g, k.stageAt(2), k.stageAt(2) + OUT_FLOATS * 8, k.revAt);
      for (let i = 0; i < n; i++) {
        expect(f[l + i]).toBe(before.l[i] + 0.7 * sums[i]);
        expect(f[r + i]).toBe(before.r[i] + 0.6 * sums[i]);
        expect(f[rev + i]).toBe(g === 0 ? 0.5 : before.rev[i] + g * sums[i]);
        expect(f[bus + i]).toBe(0);
      }
      expect(f[l + n]).toBe(0); // nothing past n (the staging there was never written)
      for (let i = 0; i < n; i++) f[l + i] = f[r + i] = f[rev + i] = 0;
    }
  });
});

describe('the kernel voice filter', () => {
  const k = hermiteKernel()!;
  /** fast-voice.ts filterSum, in JavaScript. */
  function filterSumJs(buf: Float32Array, f: { a0: number; a1: number; a2: number; a3: number; a4: number; x1: number; x2: number; y1: number; y2: number }, gain: number, inc: number, sum: Float64Array, n: number): void {
    for (let i = 0; i < n; i++) {
      const input = buf[i];
      const y = f.a0 * input + f.a1 * f.x1 + f.a2 * f.x2 - f.y2 * f.a4 - f.a3 * f.y1;
      f.x2 = f.x1;
      f.x1 = input;
      f.y2 = f.y1;
      f.y1 = y;
      sum[i] += y * gain;
      gain += inc;
    }
  }
  it('filters and sums bit for bit as the JavaScript loop does, carrying its state from block to block', () => {
    const rng = new Rng(9);
    const coef = { a0: 0.0675, a1: 0.135, a2: 0.0675, a3: -1.143, a4: 0.4128 };
    const js = { ...coef, x1: 0, x2: 0, y1: 0, y2: 0 }, wasm = { ...coef, x1: 0, x2: 0, y1: 0, y2: 0 };
    const want = new Float64Array(128);
    const at = k.busAt(5) / 8;
    for (let block = 0; block < 3; block++) {
      const n = block === 1 ? 77 : 128;
      for (let i = 0; i < n; i++) k.out[i] = rng.next() * 2 - 1;
      const input = k.out.slice(0, n);
      for (let i = 0; i < n; i++) want[i] = k.f64[at + i] = 0.01 * i;
      filterSumJs(input, js, 0.8 - block * 0.1, -1e-4, want, n);
      k.filterSum(wasm, 0.8 - block * 0.1, -1e-4, k.busAt(5), n);
      for (let i = 0; i < n; i++) expect(k.f64[at + i]).toBe(want[i]);
      expect([wasm.x1, wasm.x2, wasm.y1, wasm.y2]).toEqual([js.x1, js.x2, js.y1, js.y2]);
    }
    for (let i = 0; i < 128; i++) k.f64[at + i] = 0;
  });
  it('adds an unfiltered gain ramp as gainSum does', () => {
    for (let i = 0; i < 64; i++) k.out[i] = Math.sin(i);
    const at = k.busAt(6) / 8;
    k.gainSum(0.5, 1e-3, k.busAt(6), 64);
    let g = 0.5;
    for (let i = 0; i < 64; i++, g += 1e-3) expect(k.f64[at + i]).toBe(0 + k.out[i] * g);
    for (let i = 0; i < 64; i++) k.f64[at + i] = 0;
  });
});
