/**
 * purpose: constrained melody sampling. Rhythm from the duration × position model (or the caller's rhythm),
 * pitches from the combined interval/degree predictor, under hard constraints — pitches in range, in the key's
 * pitch classes (theory.allowedPitchClasses) unless a constraint names others, pitch classes at constrained beats,
 * the final note's pitch class — and the max-order anti-plagiarism constraint (Papadopoulos, Roy & Pachet 2014):
 * no window of maxCopy+1 consecutive notes may occur in the corpus (transposition-invariant tokens of interval +
 * duration ratio, see originality/melodic-index.ts).
 *
 * Search: depth-first over notes; at each note the candidates are drawn without replacement in proportion to
 * their (tempered, contour-biased) probability, candidates completing a copied window are rejected, and a note
 * with no candidate left backs up to the previous note. A budget bounds the search; past it the deepest prefix
 * is completed greedily (constraints kept, copying allowed) and `satisfied` is false. It never hangs.
 */
import { LeitmotifError } from '../util/errors.js';
import { Rng } from '../util/rng.js';
import type { MelodyNote, MelodyRequest, MelodyResult } from './api.js';
import type { MelodicIndex } from '../originality/melodic-index.js';
import { copyToken } from '../originality/melodic-index.js';
import { PitchPredictor, PITCH_WINDOW } from './pitch-predictor.js';
import type { Ppm } from './ppm.js';
import { pickByMeter, sampleNoteRhythm, type NoteSpan } from './sample-rhythm.js';
import { allowedPitchClasses } from './theory.js';
import { barBeats, mod12, modeQuality } from '../theory/index.js';
import { INTERVAL_RANGE, intervalSymbol } from './viewpoints.js';

export interface MelodyParts {
  interval: Ppm;
  degree: { major?: Ppm; minor?: Ppm };
  rhythm: ReadonlyMap<string, Ppm>;
  index: MelodicIndex;
  bias: number;
}

const EPS = 1e-6;
const MAX_STEP = 12;

function validate(req: MelodyRequest): void {
  const bad = (msg: string) => new LeitmotifError('LM_ERR_BAD_OPTION', `sampleMelody: ${msg}`);
  if (!Number.isInteger(req.bars) || req.bars < 1 || req.bars > 512) throw bad(`bars must be an integer 1–512, got ${req.bars}`);
  const [lo, hi] = req.range;
  if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < 0 || hi > 127 || lo > hi) throw bad(`range must be two MIDI numbers lo ≤ hi, got [${lo}, ${hi}]`);
  if (!(req.meter.numerator >= 1 && req.meter.denominator >= 1)) throw bad('meter must have a positive numerator and denominator');
  if (!Number.isInteger(req.key.tonic) || req.key.tonic < 0 || req.key.tonic > 11) throw bad(`key.tonic must be 0–11, got ${req.key.tonic}`);
}

function pcMask(pcs: readonly number[]): number {
  let m = 0;
  for (const p of pcs) m |= 1 << mod12(p);
  return m;
}

export function sampleMelodyWith(parts: MelodyParts, req: MelodyRequest): MelodyResult {
  validate(req);
  const rng = new Rng(req.rng.nextUint32());
  const meter = req.meter;
  const total = req.bars * barBeats(meter);
  let satisfied = true;

  // 1. Rhythm.
  let spans: NoteSpan[];
  if (req.rhythm && req.rhythm.length > 0) {
    spans = req.rhythm.filter((r) => Number.isFinite(r.beat) && r.duration > 0).map((r) => ({ beat: r.beat, duration: r.duration }));
    spans.sort((a, b) => a.beat - b.beat);
  } else {
    const ppm = pickByMeter(parts.rhythm, meter, (p) => p.data.keys.length);
    spans = sampleNoteRhythm(ppm, meter, req.bars, req.density ?? 0.5, rng);
  }
  const n = spans.length;
  if (n === 0) return { notes: [], backtracks: 0, longestCopiedRun: 0, satisfied: true };

  // 2. Allowed pitch classes per note.
  const keyMask = pcMask(allowedPitchClasses(req.key));
  const masks = new Int32Array(n).fill(keyMask);
  const fixed = new Uint8Array(n);
  for (const c of req.constraints ?? []) {
    const i = spans.findIndex((s) => s.beat <= c.beat + EPS && c.beat < s.beat + s.duration - EPS);
    if (i < 0) continue;
    const m = pcMask(c.pitchClasses);
    const next = fixed[i] ? masks[i] & m : m;
    if (next === 0) satisfied = false;
    else masks[i] = next;
    fixed[i] = 1;
  }
  if (req.endOn && req.endOn.length > 0) {
    const m = pcMask(req.endOn);
    const next = fixed[n - 1] ? masks[n - 1] & m : m;
    if (next === 0) satisfied = false;
    masks[n - 1] = next || m;
  }
  const [lo, hi] = req.range;
  for (let i = 0; i < n; i++) {
    let ok = false;
    for (let p = lo; p <= hi && !ok; p++) if (masks[i] & (1 << mod12(p))) ok = true;
    if (!ok) {
      satisfied = false;
      masks[i] = 0xfff; // nothing in range carries the asked pitch classes: keep the range, drop the class
    }
  }

  // 3. Models and histories (context notes first).
  const family = modeQuality(req.key.mode);
  const degree = parts.degree[family] ?? parts.degree[family === 'major' ? 'minor' : 'major']!;
  const predictor = new PitchPredictor(parts.interval, degree, parts.bias);
  const ctx = (req.context ?? []).filter((p) => Number.isInteger(p) && p >= 0 && p <= 127).slice(-16);
  const c0 = ctx.length;
  const intHist = new Int32Array(c0 + n);
  const degHist = new Int32Array(c0 + n);
  for (let i = 0; i < c0; i++) {
    intHist[i] = i === 0 ? -1 : intervalSymbol(ctx[i] - ctx[i - 1]);
    degHist[i] = mod12(ctx[i] - req.key.tonic);
  }
  const maxCopy = req.maxCopy === undefined ? 6 : req.maxCopy;
  const checkCopy = Number.isFinite(maxCopy);
  const window = Math.max(1, Math.floor(maxCopy));
  const temperature = req.temperature && req.temperature > 0 ? req.temperature : 1;
  const centre = (lo + hi) / 2;
  const half = Math.max(1, (hi - lo) / 2);
  const peakAt = req.peakAt;

  const pitches = new Int32Array(n);
  const tokens = new Int32Array(Math.max(0, n - 1));
  const dist = new Float64Array(PITCH_WINDOW);
  const degDist = new Float64Array(12);
  // Per-level candidate lists (pitch, weight), consumed as the search goes.
  const candP: Int32Array[] = new Array(n);
  const candW: Float64Array[] = new Array(n);
  const candN = new Int32Array(n);

  const fillCandidates = (i: number) => {
    const h = c0 + i;
    const prev = i > 0 ? pitches[i - 1] : c0 > 0 ? ctx[c0 - 1] : -1;
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
      predictor.distribution(intHist, degHist, h, prev, req.key.tonic, dist);
    } else degree.distribution(degHist, h, degDist);
    const t = n > 1 ? spans[i].beat / total : 0;
    const P = candP[i] ?? (candP[i] = new Int32Array(hi - lo + 1));
    const W = candW[i] ?? (candW[i] = new Float64Array(hi - lo + 1));
    let k = 0;
    for (let p = pLo; p <= pHi; p++) {
      if (!(masks[i] & (1 << mod12(p)))) continue;
      let prob: number;
      if (prev >= 0) {
        const j = p - prev + INTERVAL_RANGE;
        prob = j >= 0 && j < PITCH_WINDOW ? dist[j] : 1e-9;
      } else prob = degDist[mod12(p - req.key.tonic)] / 4;
      let w = temperature === 1 ? prob : Math.pow(prob, 1 / temperature);
      const z = (p - centre) / half;
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
    candN[i] = k;
  };

  const copies = (i: number): boolean => {
    if (!checkCopy || i < window) return false;
    return parts.index.hasWindow(tokens, i - window, window);
  };

  const place = (i: number, p: number) => {
    pitches[i] = p;
    const h = c0 + i;
    const prev = i > 0 ? pitches[i - 1] : c0 > 0 ? ctx[c0 - 1] : -1;
    intHist[h] = prev >= 0 ? intervalSymbol(p - prev) : -1;
    degHist[h] = mod12(p - req.key.tonic);
    if (i > 0) tokens[i - 1] = copyToken(p - pitches[i - 1], spans[i - 1].duration, spans[i].duration);
  };

  const drawFrom = (i: number): number => {
    const k = candN[i];
    if (k === 0) return -1;
    const W = candW[i];
    let sum = 0;
    for (let j = 0; j < k; j++) sum += W[j];
    let r = rng.next() * sum;
    let j = 0;
    for (; j < k - 1; j++) {
      if (r < W[j]) break;
      r -= W[j];
    }
    const p = candP[i][j];
    // Remove j (swap with last) so a retry never draws it again.
    candP[i][j] = candP[i][k - 1];
    W[j] = W[k - 1];
    candN[i] = k - 1;
    return p;
  };

  let backtracks = 0;
  const budget = 400 + 40 * n;
  let steps = 0;
  let deepest = -1;
  let bestPrefix: Int32Array | undefined;
  let i = 0;
  fillCandidates(0);
  while (i < n && steps < budget) {
    steps++;
    const p = drawFrom(i);
    if (p < 0) {
      if (i === 0) break;
      backtracks++;
      i--;
      continue;
    }
    place(i, p);
    if (copies(i)) continue;
    if (i > deepest) {
      deepest = i;
      bestPrefix = pitches.slice(0, i + 1);
    }
    i++;
    if (i < n) fillCandidates(i);
  }

  if (i < n) {
    // Best effort: the deepest prefix, completed greedily with every pitch constraint but copying allowed.
    satisfied = false;
    const start = bestPrefix ? bestPrefix.length : 0;
    if (bestPrefix) for (let j = 0; j < start; j++) place(j, bestPrefix[j]);
    for (let j = start; j < n; j++) {
      fillCandidates(j);
      let best = -1;
      let bw = -1;
      for (let q = 0; q < candN[j]; q++) {
        if (candW[j][q] > bw) {
          bw = candW[j][q];
          best = candP[j][q];
        }
      }
      place(j, best >= 0 ? best : Math.min(hi, Math.max(lo, j > 0 ? pitches[j - 1] : Math.round(centre))));
    }
  }

  const notes: MelodyNote[] = spans.map((s, j) => ({ beat: s.beat, duration: s.duration, pitch: pitches[j] }));
  const longestCopiedRun = parts.index.longestCopiedRun(notes);
  if (checkCopy && longestCopiedRun > window) satisfied = false;
  return { notes, backtracks, longestCopiedRun, satisfied };
}
