/**
 * purpose: the combined pitch predictor — IDyOM-style combination of the interval and scale-degree viewpoints
 * (Pearce 2005 §6.2.4; Conklin & Witten 1995 "multiple viewpoint systems"). Each viewpoint's distribution is
 * mapped onto the candidate pitches (the 49 pitches within two octaves of the previous note; a degree's
 * probability is shared equally by the pitches carrying it) and the two are combined by a weighted geometric
 * mean whose weights favour the more certain model: w = (H / H_max)^(−bias).
 */
/** Any model that predicts a symbol distribution from a history (Ppm, PpmCounts). */
export interface SymbolPredictor {
  distribution(hist: ArrayLike<number>, end: number, out: Float64Array, maxOrder?: number): Float64Array;
}
import { DEGREE_ALPHABET, INTERVAL_ALPHABET, INTERVAL_RANGE } from './viewpoints.js';
import { mod12 } from '../theory/index.js';

export const PITCH_WINDOW = INTERVAL_ALPHABET;

export class PitchPredictor {
  private readonly pInt = new Float64Array(INTERVAL_ALPHABET);
  private readonly pDeg = new Float64Array(DEGREE_ALPHABET);

  constructor(
    readonly interval: SymbolPredictor,
    readonly degree: SymbolPredictor,
    readonly bias = 1,
  ) {}

  /**
   * Distribution over pitches prev−24 … prev+24 (out[j] is pitch prev − 24 + j) for the note at index `end` of
   * the aligned interval/degree histories. Sums to 1.
   */
  distribution(intHist: ArrayLike<number>, degHist: ArrayLike<number>, end: number, prevPitch: number, tonic: number, out: Float64Array, maxOrder?: number): Float64Array {
    this.interval.distribution(intHist, end, this.pInt, maxOrder);
    this.degree.distribution(degHist, end, this.pDeg, maxOrder);
    return combinePitch(this.pInt, this.pDeg, prevPitch, tonic, this.bias, out);
  }
}

// Module-local copies: hot loops should not go through imported bindings.
const IA = INTERVAL_ALPHABET;
const DA = DEGREE_ALPHABET;
const IR = INTERVAL_RANGE;
const LOG2_IA = Math.log(IA);
const LOG2_DA = Math.log(DA);
const logI = new Float64Array(IA);
const logD = new Float64Array(DA);

/** Combines an interval and a degree distribution into one over pitches prev−24 … prev+24. */
export function combinePitch(pInt: Float64Array, pDeg: Float64Array, prevPitch: number, tonic: number, bias: number, out: Float64Array): Float64Array {
  // Natural logs once per symbol; the entropies reuse them.
  let hI = 0;
  for (let i = 0; i < IA; i++) {
    const l = Math.log(pInt[i]);
    logI[i] = l;
    hI -= pInt[i] * l;
  }
  let hD = 0;
  for (let i = 0; i < DA; i++) {
    const l = Math.log(pDeg[i]);
    logD[i] = l;
    hD -= pDeg[i] * l;
  }
  // IDyOM's entropy weighting: w = (H / H_max)^(−bias).
  const wI = Math.pow(Math.max(1e-3, hI / LOG2_IA), -bias);
  const wD = Math.pow(Math.max(1e-3, hD / LOG2_DA), -bias);
  const wsum = wI + wD;
  const a = wI / wsum;
  const b = wD / wsum;
  const base = prevPitch - IR;
  // Pitches in the window per degree: 4, and 5 for the degree of the previous note (it recurs at ±12, ±24).
  const prevDeg = mod12(prevPitch - tonic);
  const log4 = Math.log(4);
  const log5 = Math.log(5);
  let d = mod12(base - tonic);
  let total = 0;
  for (let j = 0; j < IA; j++) {
    const v = Math.exp(a * logI[j] + b * (logD[d] - (d === prevDeg ? log5 : log4)));
    out[j] = v;
    total += v;
    d = d === 11 ? 0 : d + 1;
  }
  const inv = 1 / total;
  for (let j = 0; j < IA; j++) out[j] *= inv;
  return out;
}
