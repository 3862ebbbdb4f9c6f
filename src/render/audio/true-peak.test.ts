import { describe, it, expect } from 'vitest';
import { peaks, truePeakAt, truePeakAbove, blockBounds, StereoPeakScanner } from './true-peak.js';
import { Rng } from '../../util/rng.js';

/** The definition: the largest |value| of every sample and its three interpolated points, no skipping. */
function bruteForce(x: Float32Array): number {
  let best = 0;
  for (let m = 0; m < x.length; m++) best = Math.max(best, truePeakAt(x, m));
  return best;
}

// Signals where inter-sample peaks matter, and dense loud ones where most blocks are near the peak.
const rng = new Rng(5);
const n = 6000;
const SIGNALS: Array<[string, Float32Array]> = [
  ['white noise', Float32Array.from({ length: n }, () => rng.next() * 2 - 1)],
  ['sine near Nyquist (phase between samples)', Float32Array.from({ length: n }, (_, i) => 0.7 * Math.sin(Math.PI * 0.93 * i + 0.4))],
  ['fs/4 sine at 45° (true peak 3 dB over the samples)', Float32Array.from({ length: n }, (_, i) => 0.5 * Math.sin((Math.PI / 2) * i + Math.PI / 4))],
  ['clipped square', Float32Array.from({ length: n }, (_, i) => (Math.floor(i / 7) % 2 ? 0.99 : -0.99))],
  ['loud chord with a transient', Float32Array.from({ length: n }, (_, i) => 0.3 * Math.sin(i * 0.05) + 0.25 * Math.sin(i * 0.0751) + 0.2 * Math.sin(i * 0.1013) + (i === 3001 ? 0.4 : 0))],
  ['quiet noise with one spike at the edge', Float32Array.from({ length: n }, (_, i) => (i === 3 ? 0.9 : 0.01 * Math.sin(i)))],
];

describe('true peak with the central-tap bound (truePeakAbove)', () => {
  for (const [name, x] of SIGNALS) {
    it(`gives exactly the unskipped true peak: ${name}`, () => {
      expect(peaks(x).truePeak).toBe(bruteForce(x));
    });
  }

  it('returns the exact value whenever it is above the threshold, and never more than the threshold otherwise', () => {
    const [, x] = SIGNALS[0];
    const bounds = blockBounds(x);
    for (const thr of [0.2, 0.6, 0.9, 1.2]) {
      for (let m = 0; m < x.length; m++) {
        const exact = truePeakAt(x, m);
        const got = truePeakAbove(x, m, thr, bounds[m >> 4]);
        if (exact > thr) expect(got).toBe(exact);
        else expect(got).toBeLessThanOrEqual(thr);
      }
    }
  });

  it('the streaming scanner finds the same peak and the same limiter candidates fed in uneven pieces', () => {
    const [, l] = SIGNALS[4];
    const [, r] = SIGNALS[1];
    const sc = new StereoPeakScanner(3);
    sc.begin(0);
    for (let at = 0; at < n; ) {
      const k = Math.min(n - at, 37 + (at % 500));
      sc.feed(l, r, at, k);
      at += k;
    }
    sc.end();
    const best = Math.max(bruteForce(l), bruteForce(r));
    expect(sc.best).toBe(best);
    const want: number[] = [];
    for (let m = 0; m < n; m++) if (Math.max(truePeakAt(l, m), truePeakAt(r, m)) > best * Math.pow(10, -3 / 20)) want.push(m);
    expect(Array.from(sc.candidates().idx)).toEqual(want);
  });
});
