/**
 * purpose: the pitch search behind sampleMelody — depth-first over the notes of a fixed rhythm. At each note the
 * candidates (pitches in range whose class the note's mask allows, within an octave of the previous note when
 * possible) are weighted by the combined interval/degree predictor, tempered and bent towards the range's
 * centre and the requested peak, then drawn without replacement; a candidate completing a copied window of the
 * corpus is rejected, and a note with no candidate left backs up to the previous one. Past its budget the
 * search keeps its deepest prefix and completes it greedily (constraints kept, copying allowed).
 */
import type { Rng } from '../util/rng.js';
import { copyToken, type MelodicIndex } from '../originality/melodic-index.js';
import { MIN_IOI } from '../originality/definition.js';
import { PITCH_WINDOW, type PitchPredictor, type SymbolPredictor } from './pitch-predictor.js';
import type { NoteSpan } from './sample-rhythm.js';
import { mod12 } from '../theory/index.js';
import { INTERVAL_RANGE, intervalSymbol } from './viewpoints.js';

const MAX_STEP = 12;

export interface MelodySearchSetup {
  spans: readonly NoteSpan[];
  /** Allowed pitch classes per note, as 12-bit masks (bit pc). */
  masks: Int32Array;
  range: readonly [number, number];
  tonic: number;
  predictor: PitchPredictor;
  /** The degree model alone, for a first note with no previous pitch. */
  degree: SymbolPredictor;
  /** Pitches heard before the melody (they seed the histories). */
  context: readonly number[];
  /** Length of the melody in beats (for the peak's position). */
  totalBeats: number;
  temperature: number;
  peakAt?: number;
  /** Longest copied run allowed, or null to allow copying. */
  copyWindow: number | null;
  index: Pick<MelodicIndex, 'hasWindow'>;
  rng: Rng;
}

export interface SearchOutcome {
  /** Every note placed without a copied window. */
  complete: boolean;
  backtracks: number;
  /** The deepest copy-free prefix reached (undefined if not even the first note was placed). */
  bestPrefix?: Int32Array;
}

/**
 * One melody's search state: pitches, the interval/degree histories behind them, the copy tokens, and per note
 * the candidates not yet tried.
 *
 * @example
 * const search = new MelodySearch(setup);
 * const out = search.run(400 + 40 * setup.spans.length);
 * if (!out.complete) search.completeGreedily(out.bestPrefix);
 * search.pitches // one MIDI pitch per span
 */
export class MelodySearch {
  readonly pitches: Int32Array;
  private readonly n: number;
  private readonly c0: number;
  private readonly intHist: Int32Array;
  private readonly degHist: Int32Array;
  private readonly tokens: Int32Array;
  private readonly dist = new Float64Array(PITCH_WINDOW);
  private readonly degDist = new Float64Array(12);
  // Per-level candidate lists (pitch, weight), consumed as the search goes.
  private readonly candP: Int32Array[];
  private readonly candW: Float64Array[];
  private readonly candN: Int32Array;
  private readonly centre: number;
  private readonly half: number;

  constructor(private readonly s: MelodySearchSetup) {
    const n = s.spans.length;
    const ctx = s.context;
    const c0 = ctx.length;
    const [lo, hi] = s.range;
    this.n = n;
    this.c0 = c0;
    this.intHist = new Int32Array(c0 + n);
    this.degHist = new Int32Array(c0 + n);
    for (let i = 0; i < c0; i++) {
      this.intHist[i] = i === 0 ? -1 : intervalSymbol(ctx[i] - ctx[i - 1]);
      this.degHist[i] = mod12(ctx[i] - s.tonic);
    }
    this.pitches = new Int32Array(n);
    this.tokens = new Int32Array(Math.max(0, n - 1));
    this.candP = new Array(n);
    this.candW = new Array(n);
    this.candN = new Int32Array(n);
    this.centre = (lo + hi) / 2;
    this.half = Math.max(1, (hi - lo) / 2);
  }

  private prevPitch(i: number): number {
    return i > 0 ? this.pitches[i - 1] : this.c0 > 0 ? this.s.context[this.c0 - 1] : -1;
  }

  /** The candidates for note i, weighted, given the notes before it. */
  private fillCandidates(i: number): void {
    const { masks, range, tonic, temperature, peakAt, spans } = this.s;
    const [lo, hi] = range;
    const n = this.n;
    const h = this.c0 + i;
    const prev = this.prevPitch(i);
    let pLo = lo;
    let pHi = hi;
    if (prev >= 0) {
      pLo = Math.max(lo, prev - MAX_STEP);
      pHi = Math.min(hi, prev + MAX_STEP);
      let any = false;
      for (let p = pLo; p <= pHi && !any; p++) if (masks[i] & (1 << mod12(p))) any = true;
      if (!any) {
        pLo = lo;
        pHi = hi;
      }
      this.s.predictor.distribution(this.intHist, this.degHist, h, prev, tonic, this.dist);
    } else this.s.degree.distribution(this.degHist, h, this.degDist);
    const t = n > 1 ? spans[i].beat / this.s.totalBeats : 0;
    const P = this.candP[i] ?? (this.candP[i] = new Int32Array(hi - lo + 1));
    const W = this.candW[i] ?? (this.candW[i] = new Float64Array(hi - lo + 1));
    let k = 0;
    for (let p = pLo; p <= pHi; p++) {
      if (!(masks[i] & (1 << mod12(p)))) continue;
      let prob: number;
      if (prev >= 0) {
        const j = p - prev + INTERVAL_RANGE;
        prob = j >= 0 && j < PITCH_WINDOW ? this.dist[j] : 1e-9;
      } else prob = this.degDist[mod12(p - tonic)] / 4;
      let w = temperature === 1 ? prob : Math.pow(prob, 1 / temperature);
      const z = (p - this.centre) / this.half;
      // Stay inside the range comfortably; lean high near the requested peak and lower away from it.
      w *= Math.exp(-0.6 * z * z);
      if (peakAt !== undefined && Number.isFinite(peakAt)) {
        const shape = 1 - Math.min(1, Math.abs(t - peakAt) / 0.5);
        w *= Math.exp(2.2 * (shape - 0.45) * z);
      }
      P[k] = p;
      W[k] = w > 0 ? w : 1e-12;
      k++;
    }
    this.candN[i] = k;
  }

  /** Whether note i completes a window of the corpus longer than allowed. */
  private copies(i: number): boolean {
    const window = this.s.copyWindow;
    if (window === null || i < window) return false;
    return this.s.index.hasWindow(this.tokens, i - window, window);
  }

  /** Set note i to pitch p and extend the histories and copy tokens. */
  private place(i: number, p: number): void {
    this.pitches[i] = p;
    const h = this.c0 + i;
    const prev = this.prevPitch(i);
    this.intHist[h] = prev >= 0 ? intervalSymbol(p - prev) : -1;
    this.degHist[h] = mod12(p - this.s.tonic);
    if (i > 0) this.tokens[i - 1] = copyToken(p - this.pitches[i - 1], this.ioi(i - 1), this.ioi(i));
  }

  /** Inter-onset interval of note j (the copy definition's duration; the last note keeps its length). */
  private ioi(j: number): number {
    const sp = this.s.spans;
    return j + 1 < sp.length ? Math.max(MIN_IOI, sp[j + 1].beat - sp[j].beat) : sp[j].duration;
  }

  /** Draw one untried candidate for note i in proportion to its weight (−1 when none is left). */
  private drawFrom(i: number): number {
    const k = this.candN[i];
    if (k === 0) return -1;
    const W = this.candW[i];
    let sum = 0;
    for (let j = 0; j < k; j++) sum += W[j];
    let r = this.s.rng.next() * sum;
    let j = 0;
    for (; j < k - 1; j++) {
      if (r < W[j]) break;
      r -= W[j];
    }
    const p = this.candP[i][j];
    // Remove j (swap with last) so a retry never draws it again.
    this.candP[i][j] = this.candP[i][k - 1];
    W[j] = W[k - 1];
    this.candN[i] = k - 1;
    return p;
  }

  /** Depth-first search with backtracking, at most `budget` draws. */
  run(budget: number): SearchOutcome {
    const n = this.n;
    let backtracks = 0;
    let steps = 0;
    let deepest = -1;
    let bestPrefix: Int32Array | undefined;
    let i = 0;
    this.fillCandidates(0);
    while (i < n && steps < budget) {
      steps++;
      const p = this.drawFrom(i);
      if (p < 0) {
        if (i === 0) break;
        backtracks++;
        i--;
        continue;
      }
      this.place(i, p);
      if (this.copies(i)) continue;
      if (i > deepest) {
        deepest = i;
        bestPrefix = this.pitches.slice(0, i + 1);
      }
      i++;
      if (i < n) this.fillCandidates(i);
    }
    return { complete: i >= n, backtracks, bestPrefix };
  }

  /** Best effort: the prefix, completed note by note with the heaviest candidate (copying allowed). */
  completeGreedily(prefix: Int32Array | undefined): void {
    const [lo, hi] = this.s.range;
    const start = prefix ? prefix.length : 0;
    if (prefix) for (let j = 0; j < start; j++) this.place(j, prefix[j]);
    for (let j = start; j < this.n; j++) {
      this.fillCandidates(j);
      let best = -1;
      let bw = -1;
      for (let q = 0; q < this.candN[j]; q++) {
        if (this.candW[j][q] > bw) {
          bw = this.candW[j][q];
          best = this.candP[j][q];
        }
      }
      this.place(j, best >= 0 ? best : Math.min(hi, Math.max(lo, j > 0 ? this.pitches[j - 1] : Math.round(this.centre))));
    }
  }
}
