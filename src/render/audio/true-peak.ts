/**
 * purpose: true-peak (inter-sample peak) measurement by 4× oversampling, per ITU-R BS.1770-4 Annex 2.
 *
 * The Annex's reference design is a 48-tap polyphase interpolator (12 taps per phase). We use the same
 * structure with a longer Kaiser-windowed sinc (24 taps per phase, β = 7) so that content close to Nyquist is
 * interpolated with less droop (the 12-tap filter under-reads by up to ~0.5 dB there). Phase 0 of a sinc
 * interpolator centred on a sample is the sample itself, so only phases 1–3 are computed.
 */
export const OVERSAMPLE = 4;
const TAPS = 24;
const HALF = TAPS / 2;
const BETA = 7;

function besselI0(x: number): number {
  let sum = 1, term = 1;
  for (let k = 1; k < 40; k++) {
    term *= (x / (2 * k)) ** 2;
    sum += term;
    if (term < 1e-12 * sum) break;
  }
  return sum;
}

/**
 * PHASES[p-1][i] multiplies x[m + HALF - i] to give the band-limited value at the instant m + p/4.
 * Built once when the module loads.
 */
const PHASES: Float64Array[] = [];
/** Σ|c| per phase: bounds how far an interpolated value can exceed the local sample peak. */
export const PHASE_ABS_GAIN: number[] = [];
for (let p = 1; p < OVERSAMPLE; p++) {
  const c = new Float64Array(TAPS);
  let sum = 0;
  for (let i = 0; i < TAPS; i++) {
    // c[i] multiplies x[m + HALF - i]; t is the distance from that sample to the instant m + p/4.
    const t = p / OVERSAMPLE + i - HALF;
    const u = t / HALF;
    const w = Math.abs(u) >= 1 ? 0 : besselI0(BETA * Math.sqrt(1 - u * u)) / besselI0(BETA);
    const s = t === 0 ? 1 : Math.sin(Math.PI * t) / (Math.PI * t);
    c[i] = s * w;
    sum += c[i];
  }
  let abs = 0;
  for (let i = 0; i < TAPS; i++) {
    c[i] /= sum; // unity gain at DC
    abs += Math.abs(c[i]);
  }
  PHASES.push(c);
  PHASE_ABS_GAIN.push(abs);
}
/** Worst-case ratio between an interpolated value and the largest |sample| in its 24-sample window. */
export const MAX_INTERP_GAIN = Math.max(...PHASE_ABS_GAIN);

/**
 * The 8 central taps (x[m−3 … m+4]) carry most of each phase's weight; FAR_ABS_GAIN[p] is Σ|c| of the other
 * 16. So |value| ≤ |Σ central c·x| + FAR_ABS_GAIN[p] · (max |x| of the window): a bound a third of the cost of
 * the value itself, which rules out most samples of a loud block without the full 24-tap sum.
 */
const CENTRAL_FROM = HALF - 4, CENTRAL_TO = HALF + 4; // c[i] for i in [CENTRAL_FROM, CENTRAL_TO)
const FAR_ABS_GAIN: number[] = PHASES.map((c) => c.reduce((acc, v, i) => (i >= CENTRAL_FROM && i < CENTRAL_TO ? acc : acc + Math.abs(v)), 0));
const [C1, C2, C3] = PHASES;
const [F1, F2, F3] = FAR_ABS_GAIN;
// The bound is summed in another order than the value it bounds: a hair of slack covers the float rounding.
const SLACK = 1 + 1e-9;

/**
 * `truePeakAt(x, m)` where that could exceed `thr`, else a value ≤ `thr` (|x[m]|): callers that only keep values
 * above a threshold get exactly the same result. `bound` is max |x| over the window x[m−11 … m+12] (the
 * block bound of m's block does). Windows that reach past the buffer's ends are always computed in full.
 */
export function truePeakAbove(x: Float32Array, m: number, thr: number, bound: number): number {
  const a = Math.abs(x[m]);
  if (a > thr || m < HALF || m + HALF >= x.length) return truePeakAt(x, m);
  // The central taps of phase p multiply x[m + HALF − i] for i in [HALF − 4, HALF + 4): x[m + 4] … x[m − 3].
  const x0 = x[m + 4], x1 = x[m + 3], x2 = x[m + 2], x3 = x[m + 1], x4 = x[m], x5 = x[m - 1], x6 = x[m - 2], x7 = x[m - 3];
  const i = CENTRAL_FROM;
  const p1 = C1[i] * x0 + C1[i + 1] * x1 + C1[i + 2] * x2 + C1[i + 3] * x3 + C1[i + 4] * x4 + C1[i + 5] * x5 + C1[i + 6] * x6 + C1[i + 7] * x7;
  if ((Math.abs(p1) + F1 * bound) * SLACK > thr) return truePeakAt(x, m);
  const p2 = C2[i] * x0 + C2[i + 1] * x1 + C2[i + 2] * x2 + C2[i + 3] * x3 + C2[i + 4] * x4 + C2[i + 5] * x5 + C2[i + 6] * x6 + C2[i + 7] * x7;
  if ((Math.abs(p2) + F2 * bound) * SLACK > thr) return truePeakAt(x, m);
  const p3 = C3[i] * x0 + C3[i + 1] * x1 + C3[i + 2] * x2 + C3[i + 3] * x3 + C3[i + 4] * x4 + C3[i + 5] * x5 + C3[i + 6] * x6 + C3[i + 7] * x7;
  if ((Math.abs(p3) + F3 * bound) * SLACK > thr) return truePeakAt(x, m);
  return a;
}

/**
 * Largest |value| among the sample x[m] and the three interpolated points between x[m] and x[m+1]
 * (interpolation window x[m-11 … m+12], clamped at the ends by treating outside samples as zero).
 */
export function truePeakAt(x: Float32Array, m: number): number {
  let best = Math.abs(x[m]);
  const n = x.length;
  const lo = m - HALF + 1; // oldest sample in the window
  for (let p = 0; p < OVERSAMPLE - 1; p++) {
    const c = PHASES[p];
    let acc = 0;
    if (lo >= 0 && m + HALF < n) {
      // fast path: whole window inside the buffer
      for (let i = 0; i < TAPS; i++) acc += c[i] * x[m + HALF - i];
    } else {
      for (let i = 0; i < TAPS; i++) {
        const j = m + HALF - i;
        if (j >= 0 && j < n) acc += c[i] * x[j];
      }
    }
    const a = Math.abs(acc);
    if (a > best) best = a;
  }
  return best;
}

/**
 * True peak (linear) of one channel. Works in 16-sample blocks: a block whose bound Σ|c|·(max |x| around it)
 * cannot beat the peak found so far is skipped whole, which makes it close to a plain sample-peak scan on music.
 */
export function truePeak(x: Float32Array): number {
  return peaks(x).truePeak;
}

/**
 * Sample peak and true peak of one channel from one scan of the samples (the block maxima give both the
 * sample peak and the skip bounds); exactly the values `truePeak` and a max-|x| loop give.
 */
export function peaks(x: Float32Array): { samplePeak: number; truePeak: number } {
  const n = x.length;
  if (n === 0) return { samplePeak: 0, truePeak: 0 };
  const bm = blockMaxima(x);
  // Seed with the sample peak so the skip test bites from the first block.
  let sp = 0;
  for (let b = 0; b < bm.length; b++) if (bm[b] > sp) sp = bm[b];
  let best = sp;
  // In slices through small functions, so V8 optimises them with full type feedback (one long loop compiled
  // mid-run was deoptimised several times per render).
  for (let b = 0; b < bm.length; b += 4096) best = scanBlocks(x, bm, b, Math.min(bm.length, b + 4096), best);
  return { samplePeak: sp, truePeak: best };
}

/** The true peak over blocks [from, to) that could beat `best` (and `best` itself when none does). */
function scanBlocks(x: Float32Array, bm: Float32Array, from: number, to: number, best: number): number {
  const nb = bm.length;
  for (let b = from; b < to; b++) {
    let bound = bm[b];
    if (b > 0 && bm[b - 1] > bound) bound = bm[b - 1];
    if (b + 1 < nb && bm[b + 1] > bound) bound = bm[b + 1];
    if (bound * MAX_INTERP_GAIN > best) best = blockTruePeak(x, b * BLOCK, Math.min(x.length, (b + 1) * BLOCK), best, bound);
  }
  return best;
}

function blockTruePeak(x: Float32Array, from: number, to: number, best: number, bound: number): number {
  for (let m = from; m < to; m++) {
    const tp = truePeakAbove(x, m, best, bound);
    if (tp > best) best = tp;
  }
  return best;
}

/** max |x| of each 16-sample block (in slices through a small function, for the reason given in `peaks`). */
function blockMaxima(x: Float32Array): Float32Array {
  const nb = Math.ceil(x.length / BLOCK);
  const bm = new Float32Array(nb);
  for (let b = 0; b < nb; b += 4096) maximaRun(x, bm, b, Math.min(nb, b + 4096));
  return bm;
}

function maximaRun(x: Float32Array, bm: Float32Array, from: number, to: number): void {
  const n = x.length;
  for (let b = from; b < to; b++) {
    let m = 0;
    const end = Math.min(n, (b + 1) * BLOCK);
    for (let i = b * BLOCK; i < end; i++) {
      const v = x[i];
      if (v > m) m = v;
      else if (-v > m) m = -v;
    }
    bm[b] = m;
  }
}

const BLOCK = 16;

/**
 * For each 16-sample block b, the max |x| over blocks b−1 … b+1: covers every sample any interpolation inside
 * block b can touch (the window reaches 11 back and 12 ahead).
 */
export function blockBounds(x: Float32Array): Float32Array {
  const bm = blockMaxima(x);
  const nb = bm.length;
  const out = new Float32Array(nb);
  for (let b = 0; b < nb; b++) {
    let m = bm[b];
    if (b > 0 && bm[b - 1] > m) m = bm[b - 1];
    if (b + 1 < nb && bm[b + 1] > m) m = bm[b + 1];
    out[b] = m;
  }
  return out;
}

export function toDb(linear: number): number {
  return linear > 0 ? 20 * Math.log10(linear) : -Infinity;
}

/**
 * Streaming true peak of a stereo signal fed in pieces (the interpolation window spans piece boundaries:
 * the last 24 samples are kept), with the same 16-sample block skipping as `truePeak`. Optionally it also
 * collects limiter candidates — every frame whose true peak (max over L/R) is within `candidateDb` of the
 * running peak — pruning as the peak grows, so at the end exactly the frames within `candidateDb` of the final
 * true peak remain (the set `peakCandidates` would find given the final peak, without a second pass).
 * Frame indices are those passed to `feed`; a piece's neighbours outside what was fed count as zero.
 */
export class StereoPeakScanner {
  /** True peak (linear) so far. */
  best = 0;
  /** Largest |sample| so far. */
  samplePeak = 0;
  private wl = new Float32Array(0);
  private wr = new Float32Array(0);
  private readonly hl = new Float32Array(HIST);
  private readonly hr = new Float32Array(HIST);
  private nextIndex = 0;
  private idx = new Int32Array(0);
  private pk = new Float32Array(0);
  private nc = 0;
  private readonly candRatio: number;

  constructor(candidateDb: number | null = null) {
    this.candRatio = candidateDb === null ? Infinity : Math.pow(10, -Math.abs(candidateDb) / 20);
  }

  /** Start a new stretch at frame `index` (preceded by silence). Call `end` first to close the previous one. */
  begin(index: number): void {
    this.hl.fill(0);
    this.hr.fill(0);
    this.nextIndex = index;
  }

  /** Frames [from, from + n) of L and R; they follow the previously fed frames. */
  feed(L: Float32Array, R: Float32Array, from: number, n: number): void {
    const len = HIST + n;
    if (this.wl.length < len) {
      this.wl = new Float32Array(len);
      this.wr = new Float32Array(len);
    }
    const wl = this.wl.subarray(0, len), wr = this.wr.subarray(0, len);
    wl.set(this.hl);
    wr.set(this.hr);
    wl.set(L.subarray(from, from + n), HIST);
    wr.set(R.subarray(from, from + n), HIST);
    let sp = this.samplePeak;
    for (let i = HIST; i < len; i++) {
      const a = Math.abs(wl[i]), b = Math.abs(wr[i]);
      if (a > sp) sp = a;
      if (b > sp) sp = b;
    }
    this.samplePeak = sp;
    if (sp > this.best) this.best = sp;
    this.scan(wl, wr, HIST / 2, len - HIST / 2, this.nextIndex - HIST);
    this.hl.set(wl.subarray(len - HIST));
    this.hr.set(wr.subarray(len - HIST));
    this.nextIndex += n;
  }

  /** Close the current stretch: the frames just after it are silence. */
  end(): void {
    const z = new Float32Array(HIST / 2);
    const keep = this.nextIndex;
    this.feed(z, z, 0, z.length);
    this.nextIndex = keep;
  }

  private scan(wl: Float32Array, wr: Float32Array, lo: number, hi: number, base: number): void {
    const bl = blockBounds(wl), br = blockBounds(wr);
    const collect = this.candRatio !== Infinity;
    for (let b = Math.floor(lo / BLOCK); b * BLOCK < hi; b++) {
      const thr = collect ? this.best * this.candRatio : this.best;
      const l = bl[b] * MAX_INTERP_GAIN > thr, r = br[b] * MAX_INTERP_GAIN > thr;
      if (!l && !r) continue;
      const end = Math.min(hi, (b + 1) * BLOCK);
      for (let m = Math.max(lo, b * BLOCK); m < end; m++) {
        const t = collect ? this.best * this.candRatio : this.best;
        const p = Math.max(l ? truePeakAbove(wl, m, t, bl[b]) : 0, r ? truePeakAbove(wr, m, t, br[b]) : 0);
        if (p > this.best) this.best = p;
        if (collect && p > this.best * this.candRatio) this.push(base + m, p);
      }
    }
  }

  private push(i: number, p: number): void {
    if (this.nc === this.idx.length) {
      this.prune();
      if (this.nc > this.idx.length / 2 || this.idx.length === 0) {
        const n = Math.max(1024, this.idx.length * 2);
        const idx = new Int32Array(n), pk = new Float32Array(n);
        idx.set(this.idx.subarray(0, this.nc));
        pk.set(this.pk.subarray(0, this.nc));
        this.idx = idx;
        this.pk = pk;
      }
    }
    this.idx[this.nc] = i;
    this.pk[this.nc++] = p;
  }

  private prune(): void {
    const thr = this.best * this.candRatio;
    let k = 0;
    for (let j = 0; j < this.nc; j++) {
      if (this.pk[j] > thr) {
        this.idx[k] = this.idx[j];
        this.pk[k++] = this.pk[j];
      }
    }
    this.nc = k;
  }

  /** Frames within `candidateDb` of the final true peak, ascending, with their true peaks. */
  candidates(): { idx: Int32Array; peak: Float32Array } {
    this.prune();
    return { idx: this.idx.slice(0, this.nc), peak: this.pk.slice(0, this.nc) };
  }
}

const HIST = 24;
