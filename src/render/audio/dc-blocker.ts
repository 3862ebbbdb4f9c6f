/**
 * purpose: remove DC offset from rendered audio before it is measured and mastered — a one-pole high-pass
 * (y[n] = x[n] − x[n−1] + R·y[n−1], R = e^(−2π·fc/fs); J. O. Smith, "Introduction to Digital Filters", DC blocker)
 * at 2 Hz: −0.04 dB at 20 Hz, so nothing audible changes, while a sample-offset or reverb DC bias (ambient mixes
 * carried one near −20 dBFS) decays within about 80 ms. The filter is linear and time-invariant, and the mix
 * and every stem get the same one from the same start, so the stems still sum to the mix.
 */

/** Cut-off, Hz. */
export const DC_BLOCK_HZ = 2;

/** A stateful DC blocker for one stereo signal, fed in consecutive chunks. */
export class DcBlocker {
  private readonly r: number;
  private x1 = [0, 0];
  private y1 = [0, 0];

  constructor(sampleRate: number, cutoffHz = DC_BLOCK_HZ) {
    this.r = Math.exp((-2 * Math.PI * cutoffHz) / sampleRate);
  }

  /**
   * Filter `frames` samples of L and R in place.
   *
   * @example
   * const dc = new DcBlocker(44100);
   * const l = new Float32Array(44100).fill(0.1), r = new Float32Array(44100).fill(0.1);
   * dc.process(l, r, 44100); // l[44099] ≈ 0
   */
  process(l: Float32Array, r: Float32Array, frames: number): void {
    // At rest and fed exact +0 (a stem's silent chunk, most of a film): the output is +0 again, and so is the
    // state — leave the chunk as it is.
    const restL = this.x1[0] === 0 && this.y1[0] === 0 && allPlusZero(l, frames);
    const restR = this.x1[1] === 0 && this.y1[1] === 0 && allPlusZero(r, frames);
    if (restL && restR) return;
    if (l === r) {
      // One array for both: filtered twice, left's pass then right's, as two separate channels would be.
      [this.x1[0], this.y1[0]] = run1(l, frames, this.r, this.x1[0], this.y1[0]);
      [this.x1[1], this.y1[1]] = run1(r, frames, this.r, this.x1[1], this.y1[1]);
      return;
    }
    if (restL || restR) {
      const c = restL ? 1 : 0;
      const [x1, y1] = run1(c === 0 ? l : r, frames, this.r, this.x1[c], this.y1[c]);
      this.x1[c] = x1;
      this.y1[c] = y1;
      return;
    }
    // Both channels in one loop: two independent recursions side by side (each alone waits on its previous
    // output); per channel the arithmetic is the same as run1's.
    const R = this.r;
    let xl = this.x1[0], yl = this.y1[0], xr = this.x1[1], yr = this.y1[1];
    for (let i = 0; i < frames; i++) {
      const a = l[i], b = r[i];
      const u = a - xl + R * yl;
      const v = b - xr + R * yr;
      xl = a;
      xr = b;
      // Flush denormals: a long silence after a note must not slow the loop down.
      yl = Math.abs(u) < 1e-20 ? 0 : u;
      yr = Math.abs(v) < 1e-20 ? 0 : v;
      l[i] = yl;
      r[i] = yr;
    }
    this.x1[0] = xl;
    this.y1[0] = yl;
    this.x1[1] = xr;
    this.y1[1] = yr;
  }
}

/** One channel in place; returns its new state [x1, y1]. */
function run1(x: Float32Array, frames: number, R: number, x1: number, y1: number): [number, number] {
  for (let i = 0; i < frames; i++) {
    const xi = x[i];
    const y = xi - x1 + R * y1;
    x1 = xi;
    y1 = Math.abs(y) < 1e-20 ? 0 : y; // flush denormals
    x[i] = y1;
  }
  return [x1, y1];
}

/** Whether x[0, n) holds only +0 (bit pattern 0; −0 is not, since the filter would turn it into +0). */
function allPlusZero(x: Float32Array, n: number): boolean {
  const bits = new Int32Array(x.buffer, x.byteOffset, n);
  for (let i = 0; i < n; i++) if (bits[i] !== 0) return false;
  return true;
}
