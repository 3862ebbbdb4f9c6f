import { describe, it, expect } from 'vitest';
import { SpessaSynthProcessor } from 'spessasynth_core';
import { accelerateReverb } from './fast-reverb.js';
import { Rng } from '../../util/rng.js';

describe('fast Dattorro reverb', () => {
  for (const sr of [44100, 48000]) {
    it(`is bit-identical to spessasynth's own loop at ${sr} Hz, across blocks and reverb characters`, () => {
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
      const outs = [0, 1].map(() => [new Float32Array(n * 40), new Float32Array(n * 40)]);
      for (let b = 0; b < 40; b++) {
        if (b === 20) for (const s of [ref, fast]) s.reverbProcessor.character = 4; // hall: other damping/diffusion
        const input = Float32Array.from({ length: n }, () => (b < 10 ? rng.range(-0.5, 0.5) : 0)); // burst, then tail
        ref.reverbProcessor.process(input, outs[0][0], outs[0][1], b * n, n);
        fast.reverbProcessor.process(input, outs[1][0], outs[1][1], b * n, n);
      }
      expect(outs[1][0]).toEqual(outs[0][0]);
      expect(outs[1][1]).toEqual(outs[0][1]);
      let energy = 0;
      for (const v of outs[0][0].subarray(n * 30)) energy += v * v;
      expect(energy).toBeGreaterThan(0); // the tail really rang, so the comparison covered the feedback path
    });
  }
});
