/**
 * purpose: the composer's hot-path pitch helpers on top of src/theory: diatonic degrees ⇄ MIDI pitches and
 * folding pitches into a range. Plain arrays instead of tonal objects: composeCue calls these tens of thousands
 * of times. Modes, keys, spelling and metre live in src/theory.
 */
import { MODE_SCALES, mod12, type Key, type Mode } from '../theory/index.js';


/** Semitone offset of a diatonic degree (any integer; 7 = octave) in a mode. */
export function degreeOffset(mode: Mode, degree: number): number {
  const steps = MODE_SCALES[mode];
  const oct = Math.floor(degree / 7);
  return steps[((degree % 7) + 7) % 7] + 12 * oct;
}

/** MIDI pitch of a diatonic degree, with `tonicMidi` the pitch of degree 0. */
export function degreeToPitch(key: Key, degree: number, alter: number, tonicMidi: number): number {
  return tonicMidi + degreeOffset(key.mode, degree) + alter;
}

/** Nearest diatonic degree of a pitch (non-scale tones become the degree below with alter +1). */
export function pitchToDegree(key: Key, pitch: number, tonicMidi: number): { degree: number; alter: number } {
  const rel = pitch - tonicMidi;
  const oct = Math.floor(rel / 12);
  const pc = rel - oct * 12;
  const steps = MODE_SCALES[key.mode];
  let best = 0;
  for (let i = 0; i < 7; i++) if (steps[i] <= pc) best = i;
  return { degree: best + 7 * oct, alter: pc - steps[best] };
}

/** Move a pitch by octaves into [lo, hi] (closest octave when the range is narrower than an octave). */
export function foldIntoRange(pitch: number, lo: number, hi: number): number {
  let p = pitch;
  while (p < lo) p += 12;
  while (p > hi) p -= 12;
  if (p < lo) p = lo + mod12(pitch - lo) <= hi ? lo + mod12(pitch - lo) : p + 12;
  return Math.max(0, Math.min(127, p));
}

/** The pitch with a pitch class in `pcs` closest to `target`, inside [lo, hi] when possible. */
export function nearestPitchWithPc(target: number, pcs: readonly number[], lo = 0, hi = 127): number {
  let best = target;
  let bestD = Infinity;
  for (const pc of pcs) {
    const base = target - mod12(target - pc);
    for (const cand of [base, base + 12]) {
      const c = cand < lo ? cand + 12 * Math.ceil((lo - cand) / 12) : cand > hi ? cand - 12 * Math.ceil((cand - hi) / 12) : cand;
      const d = Math.abs(c - target) + (c < lo || c > hi ? 100 : 0);
      if (d < bestD) {
        bestD = d;
        best = c;
      }
    }
  }
  return Math.max(0, Math.min(127, best));
}
