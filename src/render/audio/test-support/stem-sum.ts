/**
 * purpose: test support — how far the stems' sum is from the mix, in dB relative to the mix (stems must sum to
 * the mix: shared-effects stems plus the fx return). Shared by the film-audio tests.
 */
import { expect } from 'vitest';
import type { WavInfo } from '../index.js';

/**
 * @example
 * stemSumErrorDb(mix, stems) // e.g. −120 (dB): the stems add up to the mix
 */
export function stemSumErrorDb(mix: WavInfo, stems: readonly WavInfo[]): number {
  const L = new Float64Array(mix.frames), R = new Float64Array(mix.frames);
  for (const w of stems) {
    expect(w.frames).toBe(mix.frames);
    for (let i = 0; i < w.frames; i++) {
      L[i] += w.data[0][i];
      R[i] += w.data[1][i];
    }
  }
  let err = 0, sig = 0;
  for (let i = 0; i < mix.frames; i++) {
    err += (L[i] - mix.data[0][i]) ** 2 + (R[i] - mix.data[1][i]) ** 2;
    sig += mix.data[0][i] ** 2 + mix.data[1][i] ** 2;
  }
  return 10 * Math.log10(err / sig);
}
