/**
 * purpose: the mastering gain chain — loudness normalisation to a LUFS target with a true-peak ceiling.
 * Its output is a per-sample gain curve that is applied identically to the mix and to every stem, so the
 * stems still sum to the mix after mastering (a gain that varies in time is still linear per sample).
 *
 * Policy (when normalising up would push the true peak over the ceiling):
 *  1. up to `maxLimitDb` (default 6 dB) of peak reduction is done by a transparent look-ahead limiter: the gain
 *     ramps down over ~1.5 ms before a peak (look-ahead, so no overshoot and no clipped waveform) and recovers
 *     with a 120 ms release, so only the few loudest transients are touched;
 *  2. anything beyond that is taken off the static gain instead (the mix then lands below the LUFS target, and
 *     the stats say so) — heavier limiting would audibly flatten orchestral dynamics.
 * The limiter lowers loudness a little, so the static gain is re-solved (a few iterations) until the limited
 * mix meets the target within 0.05 LU; then the true peak is verified on the final signal and the static gain is
 * trimmed if interpolation still finds an overshoot.
 */
import { integratedFromWeighted, kWeightPair, LoudnessMeter } from './loudness.js';
import { truePeak, truePeakAt, blockBounds, peaks, MAX_INTERP_GAIN, toDb } from './true-peak.js';

export interface MasterOptions {
  sampleRate: number;
  /** Integrated loudness target in LUFS, or null to leave the level alone (only the ceiling applies). */
  targetLufs: number | null;
  /** True-peak ceiling, dBTP. Default −1. */
  ceilingDb?: number;
  /** Most peak reduction the limiter may do, dB. Default 6. */
  maxLimitDb?: number;
}

export interface MasterResult {
  /** Static gain in dB applied everywhere. */
  gainDb: number;
  /** Per-sample gain (static gain × limiter), or null when the gain is static. */
  curve: Float32Array | null;
  /** Largest limiter reduction, dB (0 when the limiter did nothing). */
  limiterReductionDb: number;
  integratedLufs: number;
  truePeakDb: number;
  samplePeakDb: number;
  /** Input (pre-gain) loudness, LUFS. */
  inputLufs: number;
}

const dbToLin = (db: number) => Math.pow(10, db / 20);

function scaled(x: Float32Array, g: Float32Array): Float32Array {
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i] * g[i];
  return out;
}

function peakAbs(x: Float32Array): number {
  let p = 0;
  for (let i = 0; i < x.length; i++) { const a = Math.abs(x[i]); if (a > p) p = a; }
  return p;
}

/** Samples whose 4× true peak (max over L/R) exceeds `threshold`, with that peak. */
export interface PeakCandidates {
  idx: Int32Array;
  peak: Float32Array;
}

export function peakCandidates(left: Float32Array, right: Float32Array, threshold: number): PeakCandidates {
  const bl = blockBounds(left);
  const br = blockBounds(right);
  const idx: number[] = [];
  const peak: number[] = [];
  for (let b = 0; b < bl.length; b++) {
    const l = bl[b] * MAX_INTERP_GAIN > threshold; // otherwise provably below the threshold: skip the block
    const r = br[b] * MAX_INTERP_GAIN > threshold;
    if (!l && !r) continue;
    const end = Math.min(left.length, (b + 1) * 16);
    for (let i = b * 16; i < end; i++) {
      const p = Math.max(l ? truePeakAt(left, i) : 0, r ? truePeakAt(right, i) : 0);
      if (p > threshold) {
        idx.push(i);
        peak.push(p);
      }
    }
  }
  return { idx: Int32Array.from(idx), peak: Float32Array.from(peak) };
}

/**
 * Limiter gain (≤ 1 per sample) that keeps gain·truePeak ≤ ceiling.
 * Offline, so the envelope is built non-causally: required gain r[n] from the 4× oversampled peak at n,
 * a forward one-pole pass for release (120 ms) and a backward one-pole pass for attack (1.5 ms time constant:
 * the look-ahead). Each pass only ever lowers the curve, so the result never exceeds r[n].
 */
export function limiterCurveFromCandidates(n: number, cands: PeakCandidates, gain: number, ceiling: number, sampleRate: number): { curve: Float32Array; minGain: number } {
  const r = new Float32Array(n).fill(1);
  let minGain = 1;
  const { idx, peak } = cands;
  for (let k = 0; k < idx.length; k++) {
    const p = peak[k] * gain;
    if (p > ceiling) {
      const g = ceiling / p;
      r[idx[k]] = g;
      if (g < minGain) minGain = g;
    }
  }
  if (minGain === 1) return { curve: r, minGain };
  const release = Math.exp(-1 / (0.12 * sampleRate));
  const attack = Math.exp(-1 / (0.0015 * sampleRate));
  // `red` decays geometrically; flushed below 1e-30 (1 − red is 1 in float32 long before) so it never becomes a
  // slow denormal number over a long quiet stretch.
  let red = 0;
  for (let i = 0; i < n; i++) {
    red *= release;
    if (red < 1e-30) red = 0;
    const want = 1 - r[i];
    if (want > red) red = want;
    r[i] = 1 - red;
  }
  red = 0;
  for (let i = n - 1; i >= 0; i--) {
    red *= attack;
    if (red < 1e-30) red = 0;
    const want = 1 - r[i];
    if (want > red) red = want;
    r[i] = 1 - red;
  }
  return { curve: r, minGain };
}

/** Limiter curve for a signal scaled by `gain` (convenience over the two functions above). */
export function limiterCurve(left: Float32Array, right: Float32Array, gain: number, ceiling: number, sampleRate: number): { curve: Float32Array; minGain: number } {
  return limiterCurveFromCandidates(left.length, peakCandidates(left, right, ceiling / gain), gain, ceiling, sampleRate);
}

export function master(left: Float32Array, right: Float32Array, opts: MasterOptions): MasterResult {
  const sr = opts.sampleRate;
  const ceilingDb = opts.ceilingDb ?? -1;
  // Aim 0.05 dB under the ceiling so dither/rounding on the way to PCM cannot poke over it.
  const ceiling = dbToLin(ceilingDb - 0.05);
  const ceilDb = toDb(ceiling);
  const maxLimitDb = opts.maxLimitDb ?? 6;
  // Input loudness from streamed hop energies: no K-weighted copies unless the limiter needs them below.
  const meter = new LoudnessMeter(sr);
  meter.feed(left, right, 0, Math.min(left.length, right.length));
  const inputLufs = meter.integrated();
  const pl = peaks(left), pr = peaks(right);
  const sp = Math.max(pl.samplePeak, pr.samplePeak);
  const tp = Math.max(pl.truePeak, pr.truePeak);
  const tpDb = toDb(tp);
  let gainDb: number;
  if (tp === 0) gainDb = 0; // silence: nothing to normalise
  else if (opts.targetLufs === null || !Number.isFinite(inputLufs)) gainDb = Math.min(0, ceilDb - tpDb); // keep level, protect ceiling
  else gainDb = Math.min(opts.targetLufs - inputLufs, ceilDb + maxLimitDb - tpDb); // beyond 6 dB of limiting: less gain

  if (tp === 0 || tpDb + gainDb <= ceilDb) {
    // Static gain: the result is exact arithmetic on the measurements.
    return {
      gainDb,
      curve: null,
      limiterReductionDb: 0,
      integratedLufs: inputLufs + gainDb,
      truePeakDb: tpDb + gainDb,
      samplePeakDb: toDb(sp) + gainDb,
      inputLufs,
    };
  }

  // Every sample the limiter could ever touch lies within maxLimitDb of the true peak; find them once.
  const cands = peakCandidates(left, right, tp * dbToLin(-(maxLimitDb + 0.5)));
  const kw = kWeightPair(left, right, sr);
  // Limit, measure, raise the static gain by the loudness the limiter took, re-limit.
  const target = opts.targetLufs as number;
  let curve: Float32Array = new Float32Array(0);
  let limiterReductionDb = 0;
  let prev: { gainDb: number; lufs: number } | null = null;
  for (let iter = 0; iter < 8; iter++) {
    const g = dbToLin(gainDb);
    const lim = limiterCurveFromCandidates(left.length, cands, g, ceiling, sr);
    curve = lim.curve;
    for (let i = 0; i < curve.length; i++) curve[i] *= g;
    limiterReductionDb = -toDb(lim.minGain);
    const lufs = integratedFromWeighted(kw, sr, curve);
    const deficit = target - lufs;
    const capped = gainDb >= ceilDb + maxLimitDb - tpDb - 1e-9;
    if (Math.abs(deficit) < 0.03 || (deficit > 0 && capped)) break;
    // Secant step: limiting makes loudness grow slower than the gain (slope < 1), so a plain step under-shoots.
    let slope = 1;
    if (prev && gainDb !== prev.gainDb) slope = Math.min(1, Math.max(0.2, (lufs - prev.lufs) / (gainDb - prev.gainDb)));
    prev = { gainDb, lufs };
    gainDb = Math.min(gainDb + deficit / slope, ceilDb + maxLimitDb - tpDb);
  }

  // Verify exactly on the finished signal; trim the static gain if interpolation still finds an overshoot.
  const L = scaled(left, curve), R = scaled(right, curve);
  const finalTp = Math.max(truePeak(L), truePeak(R));
  const finalMeter = new LoudnessMeter(sr);
  finalMeter.feed(L, R, 0, L.length);
  let trimDb = 0;
  if (finalTp > ceiling) {
    const trim = ceiling / finalTp;
    trimDb = toDb(trim);
    for (let i = 0; i < curve.length; i++) curve[i] *= trim;
  }
  return {
    gainDb: gainDb + trimDb,
    curve,
    limiterReductionDb,
    integratedLufs: finalMeter.integrated() + trimDb,
    truePeakDb: toDb(finalTp) + trimDb,
    samplePeakDb: toDb(Math.max(peakAbs(L), peakAbs(R))) + trimDb,
    inputLufs,
  };
}
