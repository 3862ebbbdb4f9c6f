/**
 * purpose: rhythm sampling — (1) note rhythms for a melody from the duration × metrical-position model, tilted
 * toward shorter or longer notes by density (arousal: faster, denser rhythms read as more aroused, Gabrielsson &
 * Lindström 2010); (2) per-bar onset patterns from the bar-pattern model for `sampleRhythm`. The shared corpora
 * hold no drum tracks, so the default models' bar patterns are the onset patterns of folk melodies and chorale
 * textures; compose maps them onto drums. A model trained on MIDI with a channel-10 track learns real drum bars.
 */
import { Rng } from '../util/rng.js';
import type { BarPattern, MeterContext, RhythmRequest } from './api.js';
import type { VocabModel } from './fit.js';
import type { Ppm } from './ppm.js';
import { barBeats, isCompound, meterKey, metricalWeight } from '../theory/index.js';
import { DURATION_ALPHABET, durationBeats, positionIndex, rhythmSymbol } from './viewpoints.js';

const EPS = 1e-6;

/** The model for a metre, else one with the same bar length and grouping, else the best-trained one. */
export function pickByMeter<T>(models: ReadonlyMap<string, T>, meter: MeterContext, size: (t: T) => number): T | undefined {
  const exact = models.get(meterKey(meter));
  if (exact) return exact;
  const want = barBeats(meter);
  const compound = isCompound(meter);
  let best: T | undefined;
  let bestScore = -Infinity;
  for (const [k, m] of models) {
    const [n, d] = k.split('/').map(Number);
    const mc = { numerator: n, denominator: d };
    const score = (Math.abs(barBeats(mc) - want) < EPS ? 2e9 : 0) + (isCompound(mc) === compound ? 1e9 : 0) + size(m);
    if (score > bestScore) {
      bestScore = score;
      best = m;
    }
  }
  return best;
}

/** Length of a phrase's final note: half a bar in even simple metres, a dotted beat in compound, else a bar. */
export function finalNoteBeats(meter: MeterContext, total: number): number {
  const bar = barBeats(meter);
  let f: number;
  if (isCompound(meter)) f = 1.5;
  else if (meter.numerator % 2 === 0 && meter.numerator >= 4) f = bar / 2;
  else if (meter.numerator === 2) f = bar / 2;
  else f = bar;
  return Math.min(f, total);
}

export interface NoteSpan {
  beat: number;
  duration: number;
}

/**
 * Onsets and durations filling `bars` bars exactly: sampled from the rhythm model with a density tilt, ending
 * in a long final note (phrase-final lengthening).
 */
export function sampleNoteRhythm(ppm: Ppm | undefined, meter: MeterContext, bars: number, density: number, rng: Rng): NoteSpan[] {
  const bar = barBeats(meter);
  const total = bars * bar;
  const fin = finalNoteBeats(meter, total);
  const body = total - fin;
  const out: NoteSpan[] = [];
  const hist: number[] = [];
  const probs = new Float64Array(DURATION_ALPHABET);
  const w = new Float64Array(DURATION_ALPHABET);
  // density 0.5 leaves the model's own distribution; each 0.1 step scales a halving of duration by ~1.3.
  const gamma = 2.6 * (Math.min(1, Math.max(0, density)) - 0.5);
  let t = 0;
  while (t < body - EPS) {
    const pos = t - Math.floor((t + EPS) / bar) * bar;
    const pi = positionIndex(pos);
    if (ppm) ppm.rangeDistribution(hist, hist.length, pi * DURATION_ALPHABET, DURATION_ALPHABET, probs);
    else for (let d = 0; d < DURATION_ALPHABET; d++) probs[d] = [0, 0, 1, 0, 4, 0, 1, 6, 0, 1, 3, 0, 0, 1, 0, 0][d];
    for (let d = 0; d < DURATION_ALPHABET; d++) {
      const beats = durationBeats(d);
      w[d] = t + beats <= body + EPS ? probs[d] * Math.pow(2, -gamma * Math.log2(beats) * 1.5) : 0;
    }
    let d = rng.weightedIndex(w);
    let dur: number;
    if (d < 0) {
      dur = body - t;
      d = 0;
    } else dur = durationBeats(d);
    out.push({ beat: t, duration: dur });
    hist.push(rhythmSymbol(pi, d));
    t += dur;
  }
  out.push({ beat: body, duration: fin });
  return out;
}

/** Per-bar onset patterns (values = metrical accent 0..1) from the bar-pattern model. */
export function sampleBarPatterns(models: ReadonlyMap<string, VocabModel<number>>, req: RhythmRequest): BarPattern[] {
  const meter = req.meter;
  const six = Math.round(barBeats(meter) * 4);
  const rng = new Rng(req.rng.nextUint32());
  const bars = Math.max(0, Math.floor(req.bars));
  const density = Math.min(1, Math.max(0, Number.isFinite(req.density) ? req.density : 0.5));
  const model = pickByMeter(models, meter, (m) => m.vocab.items.length);
  const accents = Array.from({ length: six }, (_, i) => metricalWeight(i / 4, meter));
  const toPattern = (mask: number): BarPattern => accents.map((a, i) => (i < 31 && mask & (1 << i) ? Math.round(a * 100) / 100 : 0));
  const target = 1 + density * (six * 0.75 - 1);
  const out: BarPattern[] = [];
  if (!model || six > 31) {
    // No learnt patterns for this metre: onsets on the metrical grid down to a density-dependent level.
    const thr = 0.9 - density * 0.65;
    for (let b = 0; b < bars; b++) out.push(accents.map((a) => (a >= thr ? a : 0)));
    return out;
  }
  const { vocab, ppm } = model;
  const A = ppm.alphabet;
  const dist = new Float64Array(A);
  const w = new Float64Array(A);
  const hist: number[] = [];
  const bitsOf = (m: number) => {
    let c = 0;
    for (let x = m; x; x &= x - 1) c++;
    return c;
  };
  for (let b = 0; b < bars; b++) {
    ppm.distribution(hist, hist.length, dist);
    for (let s = 0; s < A; s++) {
      const mask = s < vocab.items.length ? vocab.items[s] : -1;
      if (mask <= 0 || mask >= 1 << six) {
        w[s] = 0;
        continue;
      }
      const z = (bitsOf(mask) - target) / Math.max(1, six * 0.2);
      w[s] = dist[s] * Math.exp(-z * z);
    }
    const s = rng.weightedIndex(w);
    const mask = s >= 0 ? vocab.items[s] : 1;
    out.push(toPattern(mask));
    hist.push(s >= 0 ? s : -1);
  }
  return out;
}
