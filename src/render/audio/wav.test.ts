import { describe, it, expect } from 'vitest';
import { encodeWav, encodeWavSegments, parseWav, put24, put24Interleaved } from './wav.js';
import { Rng } from '../../util/rng.js';

const ramp = (n: number, scale: number) => Float32Array.from({ length: n }, (_, i) => scale * Math.sin(i / 7));

describe('WAV encode/parse', () => {
  for (const bits of [16, 24, 32] as const) {
    it(`round-trips ${bits}-bit stereo with the right header`, () => {
      const l = ramp(1000, 0.9), r = ramp(1000, -0.5);
      const bytes = encodeWav([l, r], 48000, bits);
      const w = parseWav(bytes);
      expect(w.sampleRate).toBe(48000);
      expect(w.channels).toBe(2);
      expect(w.bitDepth).toBe(bits);
      expect(w.format).toBe(bits === 32 ? 3 : 1);
      expect(w.frames).toBe(1000);
      const tol = bits === 16 ? 3 / 32768 : bits === 24 ? 2 / 8388608 : 1e-7;
      for (let i = 0; i < 1000; i++) {
        expect(Math.abs(w.data[0][i] - l[i])).toBeLessThanOrEqual(tol);
        expect(Math.abs(w.data[1][i] - r[i])).toBeLessThanOrEqual(tol);
      }
      // RIFF size field is the file length minus 8.
      expect(new DataView(bytes.buffer).getUint32(4, true)).toBe(bytes.length - 8);
    });
  }

  it('applies a per-sample gain curve and clamps instead of wrapping', () => {
    const l = new Float32Array([0.5, 0.5, 2, -2]);
    const g = new Float32Array([1, 0.5, 1, 1]);
    const w = parseWav(encodeWav([l, l], 44100, 24, g));
    expect(w.data[0][0]).toBeCloseTo(0.5, 5);
    expect(w.data[0][1]).toBeCloseTo(0.25, 5);
    expect(w.data[0][2]).toBeCloseTo(1, 5);
    expect(w.data[0][3]).toBeCloseTo(-1, 5);
  });

  it('is byte-identical for the same input (seeded dither)', () => {
    const l = ramp(500, 0.3);
    expect(encodeWav([l, l], 44100, 16)).toEqual(encodeWav([l, l], 44100, 16));
  });

  it('encodes segments at offsets byte-identically to the summed full-length signal (24/16/32-bit, overlaps, gain curve)', () => {
    const frames = 1000;
    const a = [ramp(200, 0.5), ramp(200, -0.4)], b = [ramp(300, 0.9), ramp(300, 0.2)];
    const curve = Float32Array.from({ length: frames }, (_, i) => 1 - i / 2000);
    for (const segs of [[{ offset: 700, channels: b }, { offset: 50, channels: a }], [{ offset: 50, channels: a }, { offset: 150, channels: b }]]) {
      const full = [new Float32Array(frames), new Float32Array(frames)];
      for (const sg of segs) for (let c = 0; c < 2; c++) for (let i = 0; i < sg.channels[c].length && sg.offset + i < frames; i++) full[c][sg.offset + i] += sg.channels[c][i];
      for (const bits of [24, 16, 32] as const) {
        for (const gain of [0.8, curve]) expect(encodeWavSegments(frames, 2, segs, 44100, bits, gain)).toEqual(encodeWav(full, 44100, bits, gain));
      }
    }
  });

  it('rejects non-WAV bytes', () => {
    expect(() => parseWav(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]))).toThrow(/RIFF/);
  });
});

describe('put24 (the 24-bit writer)', () => {
  // The byte-at-a-time loop put24 replaced, as the reference: clamp, round half away from zero, little-endian.
  function reference(out: Uint8Array, dataOffset: number, channels: Float32Array[], at: number, count: number, g: Float32Array | null, gk: number): void {
    for (let i = 0; i < count; i++) {
      for (let c = 0; c < 2; c++) {
        let v = channels[c][i] * (g ? g[at + i] : gk) * 8388607;
        if (v > 8388607) v = 8388607;
        else if (v < -8388608) v = -8388608;
        const q = v >= 0 ? (v + 0.5) | 0 : -((0.5 - v) | 0);
        const p = dataOffset + (at + i) * 6 + c * 3;
        out[p] = q;
        out[p + 1] = q >> 8;
        out[p + 2] = q >> 16;
      }
    }
  }
  it('writes the same bytes as a byte-by-byte loop, at any alignment, with and without a gain curve', () => {
    const rng = new Rng(3);
    for (const [at, count, offset] of [[0, 1001, 44], [1, 1000, 44], [3, 7, 44], [0, 2, 45], [5, 999, 47], [0, 0, 44]]) {
      const ch = [0, 1].map(() => Float32Array.from({ length: count }, () => (rng.next() - 0.5) * 2.4)); // some beyond ±1: clamped
      ch[0][0] = count ? 0.5 / 8388607 : 0; // exactly half an LSB: rounds away from zero
      const curve = Float32Array.from({ length: at + count }, () => 0.5 + rng.next());
      for (const g of [null, curve]) {
        const a = new Uint8Array(offset + (at + count) * 6 + 3);
        const b = new Uint8Array(a.length);
        put24(a, offset, 2, ch, at, count, g, 0.8);
        reference(b, offset, ch, at, count, g, 0.8);
        expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
      }
    }
  });
});

describe('put24Interleaved (the streaming writer)', () => {
  it('writes the same bytes as put24 of the de-interleaved signal, odd lengths and offsets, with and without a curve', () => {
    const rng = new Rng(5);
    for (const [count, o] of [[1001, 0], [2, 0], [1, 0], [999, 4], [7, 3]]) {
      const x = Float32Array.from({ length: 2 * count }, (_, i) => (i % 7 === 0 ? 0 : (rng.next() - 0.5) * 2.4));
      const l = x.filter((_, i) => i % 2 === 0), r = x.filter((_, i) => i % 2 === 1);
      const curve = Float32Array.from({ length: count }, () => 0.5 + rng.next());
      for (const g of [null, curve]) {
        const a = new Uint8Array(o + 6 * count), b = new Uint8Array(o + 6 * count);
        put24Interleaved(a, o, 2, x, count, g, 0.7);
        put24(b, o, 2, [l, r], 0, count, g, 0.7);
        expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
      }
    }
  });
});
