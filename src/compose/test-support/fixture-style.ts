/**
 * purpose: a tiny, hand-written StyleModel for compose/'s tests only (fresh clones have no trained models or
 * corpora). It honours the sampling contract (ranges, strong-beat constraints, endOn, fixed rhythm, density)
 * with a diatonic random walk and a first-order chord table; it is NOT what the product composes with.
 */
import type { StyleModel, MelodyRequest, MelodyResult, ProgressionRequest, ProgressionResult, RhythmRequest, BarPattern } from '../../style/api.js';
import { MODE_SCALES, isMinorMode, mod12 } from '../../theory/index.js';

const MAJOR_NEXT: Record<string, string[]> = { I: ['IV', 'V', 'vi', 'ii'], ii: ['V', 'V7'], iii: ['vi', 'IV'], IV: ['V', 'I', 'ii'], V: ['I', 'vi'], V7: ['I'], vi: ['ii', 'IV', 'V'] };
const MINOR_NEXT: Record<string, string[]> = { i: ['iv', 'VI', 'V', 'iio'], iio: ['V', 'V7'], III: ['VI', 'iv'], iv: ['V', 'i', 'VII'], V: ['i', 'VI'], V7: ['i'], VI: ['iv', 'iio', 'V'], VII: ['III', 'i'] };

export function fixtureStyleModel(id = 'fixture'): StyleModel {
  return {
    id,
    name: 'compose test fixture',
    sampleMelody(req: MelodyRequest): MelodyResult {
      const rng = req.rng;
      const barQ = (req.meter.numerator * 4) / req.meter.denominator;
      const total = barQ * req.bars;
      const d = req.density ?? 0.5;
      let rhythm = req.rhythm;
      if (!rhythm) {
        rhythm = [];
        let b = 0;
        while (b < total - 1e-9) {
          const choices = [0.5, 1, 2];
          const w = [d, 0.6, 1 - d];
          let dur = choices[rng.weightedIndex(w)];
          if (b + dur > total) dur = total - b;
          rhythm.push({ beat: b, duration: dur });
          b += dur;
        }
      }
      const scale = MODE_SCALES[req.key.mode].map((s) => mod12(s + req.key.tonic));
      const [lo, hi] = req.range;
      const inScale: number[] = [];
      for (let p = lo; p <= hi; p++) if (scale.includes(mod12(p))) inScale.push(p);
      let idx = Math.floor(inScale.length / 2);
      const notes = rhythm.map((r, i) => {
        idx = Math.max(0, Math.min(inScale.length - 1, idx + rng.pick([-2, -1, -1, 1, 1, 2, 0])));
        let pitch = inScale[idx];
        const c = req.constraints?.find((k) => Math.abs(k.beat - r.beat) < 1e-6);
        const allowed = i === rhythm!.length - 1 && req.endOn ? req.endOn : c?.pitchClasses;
        if (allowed && allowed.length) {
          let best = pitch, bd = Infinity;
          for (let p = lo; p <= hi; p++) if (allowed.includes(mod12(p)) && Math.abs(p - pitch) < bd) {
            bd = Math.abs(p - pitch);
            best = p;
          }
          pitch = best;
          idx = inScale.findIndex((q) => q >= pitch);
          if (idx < 0) idx = inScale.length - 1;
        }
        return { beat: r.beat, duration: r.duration, pitch };
      });
      return { notes, backtracks: 0, longestCopiedRun: Math.min(3, notes.length), satisfied: true };
    },
    sampleProgression(req: ProgressionRequest): ProgressionResult {
      const minor = isMinorMode(req.mode);
      const table = minor ? MINOR_NEXT : MAJOR_NEXT;
      const chords: string[] = [req.start && table[req.start] ? req.start : minor ? 'i' : 'I'];
      while (chords.length < req.length) chords.push(req.rng.pick(table[chords[chords.length - 1]] ?? [minor ? 'i' : 'I']));
      return { chords };
    },
    sampleRhythm(req: RhythmRequest): BarPattern[] {
      const n = Math.round((req.meter.numerator * 16) / req.meter.denominator);
      const out: BarPattern[] = [];
      for (let b = 0; b < req.bars; b++) out.push(Array.from({ length: n }, (_, i) => (i === 0 ? 1 : i % 4 === 0 ? 0.7 : i % 2 === 0 && req.rng.chance(req.density) ? 0.4 : req.rng.chance(req.density * 0.3) ? 0.2 : 0)));
      return out;
    },
    longestCopiedRun(notes) {
      return Math.min(2, notes.length);
    },
  };
}

export const fixtureModels = () => ({ melody: fixtureStyleModel('fixture-melody'), harmony: fixtureStyleModel('fixture-harmony') });
