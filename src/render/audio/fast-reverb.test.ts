import { describe, it, expect } from 'vitest';
import { SpessaSynthProcessor } from 'spessasynth_core';
import { accelerateReverb, sleepyChorus } from './fast-reverb.js';
import { Rng } from '../../util/rng.js';

function maxDiff(a: Float32Array, b: Float32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('fast Dattorro reverb', () => {
  for (const sr of [44100, 48000]) {
    it(`matches spessasynth's own loop within 1e-7 at ${sr} Hz, across blocks, reverb characters and a sleep through silence`, () => {
      const ref = new SpessaSynthProcessor(sr, { eventsEnabled: false });
      const fast = new SpessaSynthProcessor(sr, { eventsEnabled: false });
      expect(accelerateReverb(fast)).toBe(true);
      for (const s of [ref, fast]) {
        s.reverbProcessor.character = 0;
        s.reverbProcessor.level = 100;
        s.reverbProcessor.time = 100;
      }
      const rng = new Rng(7);
      const n = 128;
      const blocks = 7000; // ~20 s: a burst, a tail that decays to nothing (the reverb sleeps), a second burst
      const outs = [0, 1].map(() => [new Float32Array(n * blocks), new Float32Array(n * blocks)]);
      let slept = 0;
      for (let b = 0; b < blocks; b++) {
        if (b === 20) for (const s of [ref, fast]) s.reverbProcessor.character = 4; // hall: other damping/diffusion
        const loud = b < 10 || (b >= 6900 && b < 6905);
        const input = Float32Array.from({ length: n }, () => (loud ? rng.range(-0.5, 0.5) : 0));
        ref.reverbProcessor.process(input, outs[0][0], outs[0][1], b * n, n);
        fast.reverbProcessor.process(input, outs[1][0], outs[1][1], b * n, n);
        if ((fast.reverbProcessor as unknown as { dattorro: { lmDormant: boolean } }).dattorro.lmDormant) slept++;
      }
      expect(maxDiff(outs[1][0], outs[0][0])).toBeLessThan(1e-7);
      expect(maxDiff(outs[1][1], outs[0][1])).toBeLessThan(1e-7);
      expect(slept).toBeGreaterThan(100); // it really skipped blocks
      let energy = 0;
      for (const v of outs[0][0].subarray(n * 30, n * 200)) energy += v * v;
      expect(energy).toBeGreaterThan(0); // the tail really rang, so the comparison covered the feedback path
      let second = 0;
      for (const v of outs[1][0].subarray(n * 6900)) second += v * v;
      expect(second).toBeGreaterThan(0); // and it woke up for the second burst
    });
  }
});

describe('WebAssembly reverb loop', () => {
  for (const sr of [44100, 96000]) {
    it(`is bit-identical to the JavaScript loop at ${sr} Hz, for blocks of any length, through a sleep and a character change`, () => {
      const js = new SpessaSynthProcessor(sr, { eventsEnabled: false });
      const wasm = new SpessaSynthProcessor(sr, { eventsEnabled: false });
      expect(accelerateReverb(js, { wasm: false })).toBe(true);
      expect(accelerateReverb(wasm)).toBe(true);
      expect((wasm.reverbProcessor as unknown as { dattorro: { lmKernel?: unknown } }).dattorro.lmKernel).toBeDefined();
      for (const s of [js, wasm]) {
        s.reverbProcessor.character = 0;
        s.reverbProcessor.level = 100;
        s.reverbProcessor.time = 100;
      }
      const rng = new Rng(11);
      const total = 128 * 3000;
      const outs = [0, 1].map(() => [new Float32Array(total), new Float32Array(total)]);
      let pos = 0, b = 0;
      while (pos < total) {
        // Block lengths as the engine makes them (128, cut short at events, down to 1) and one longer than the kernel's.
        const n = Math.min(total - pos, b % 50 === 7 ? 700 : b % 9 === 3 ? 1 + rng.int(0, 127) : 128);
        if (b === 40) for (const s of [js, wasm]) s.reverbProcessor.character = 4;
        const loud = pos < 128 * 12 || (pos > 128 * 2900 && pos < 128 * 2904);
        const input = Float32Array.from({ length: n }, () => (loud ? rng.range(-0.5, 0.5) : 0));
        js.reverbProcessor.process(input, outs[0][0], outs[0][1], pos, n);
        wasm.reverbProcessor.process(input, outs[1][0], outs[1][1], pos, n);
        pos += n;
        b++;
      }
      for (const c of [0, 1]) {
        let same = true;
        for (let i = 0; i < total && same; i++) same = Object.is(outs[0][c][i], outs[1][c][i]);
        expect(same).toBe(true);
      }
      let energy = 0;
      for (const v of outs[1][0].subarray(128 * 2900)) energy += v * v;
      expect(energy).toBeGreaterThan(0); // it rang after the second burst too
    });
  }
});

describe('sleepy chorus', () => {
  it('gives the same output as the original through sound, silence and sound again', () => {
    const ref = new SpessaSynthProcessor(44100, { eventsEnabled: false });
    const fast = new SpessaSynthProcessor(44100, { eventsEnabled: false });
    expect(sleepyChorus(fast)).toBe(true);
    const rng = new Rng(3);
    const n = 128;
    const blocks = 1200;
    const o = [0, 1].map(() => [new Float32Array(n * blocks), new Float32Array(n * blocks), new Float32Array(n), new Float32Array(n)]);
    const wet = [new Float32Array(n * blocks), new Float32Array(n * blocks)];
    for (let b = 0; b < blocks; b++) {
      const loud = (b >= 100 && b < 110) || b >= 1100;
      const input = Float32Array.from({ length: n }, () => (loud ? rng.range(-0.5, 0.5) : 0));
      [ref, fast].forEach((s, k) => {
        o[k][2].fill(0);
        o[k][3].fill(0);
        s.chorusProcessor.process(input, o[k][0], o[k][1], o[k][2], o[k][3], b * n, n);
        wet[k].set(o[k][2], b * n);
      });
    }
    expect(maxDiff(o[1][0], o[0][0])).toBeLessThan(1e-7);
    expect(maxDiff(o[1][1], o[0][1])).toBeLessThan(1e-7);
    expect(maxDiff(wet[1], wet[0])).toBeLessThan(1e-7);
  });
});
