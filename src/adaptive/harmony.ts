/**
 * purpose: the harmony the runtime needs to fit a stinger over the bed: the current chord's root and tones,
 * the key's scale, and motif realisation (scale steps above the chord root, strong notes snapped to chord tones
 * — the way a composer re-harmonises a stinger so it never clashes with the bed).
 */
import { Chord, Note } from 'tonal';
import type { Stinger } from './graph.js';
import { PPQ } from '../score/schema.js';
import { MODE_SCALES, mod12, realiseRoman, type Mode } from '../theory/index.js';

export interface Harmony {
  /** Key tonic pitch class 0..11. */
  tonic: number;
  mode: Mode;
  /** Chord root pitch class and chord pitch classes (root first). */
  root: number;
  tones: number[];
  symbol: string;
}

const pcOf = (name: string): number => {
  const c = Note.chroma(name);
  return typeof c === 'number' && Number.isFinite(c) ? c : -1;
};

const cache = new Map<string, { root: number; tones: number[] } | null>();

/** Diatonic triad on a scale degree of a key. */
export function diatonicTriad(tonic: number, mode: Mode, degree: number): number[] {
  const st = MODE_SCALES[mode] ?? MODE_SCALES.major;
  return [0, 2, 4].map((k) => (tonic + st[(degree + k) % 7]) % 12);
}

/**
 * Chord symbols ("Am7", "F#dim") or Roman numerals ("V7", "iv", "VI", "V7/iv") relative to the key; unknown ⇒
 * the tonic triad. Numerals go through src/theory's parser, the one compose/ writes them with.
 */
export function harmonyOf(symbol: string, tonic: number, mode: Mode): Harmony {
  const t = mod12(Math.round(tonic));
  const key = `${symbol}|${t}|${mode}`;
  let parsed = cache.get(key);
  if (parsed === undefined) {
    parsed = parseChord(symbol, t, mode);
    if (cache.size > 4096) cache.clear();
    cache.set(key, parsed);
  }
  if (!parsed) return { tonic: t, mode, root: t, tones: diatonicTriad(t, mode, 0), symbol };
  return { tonic: t, mode, root: parsed.root, tones: parsed.tones, symbol };
}

function parseChord(symbol: string, tonic: number, mode: Mode): { root: number; tones: number[] } | null {
  if (!symbol) return null;
  const c = Chord.get(symbol);
  if (c.empty) {
    const r = realiseRoman(symbol, { tonic, mode });
    return r && { root: r.root, tones: r.pcs };
  }
  if (!c.tonic) return null;
  const root = pcOf(c.tonic);
  const tones = c.notes.map(pcOf).filter((p) => p >= 0);
  return root >= 0 && tones.length ? { root, tones } : null;
}

/** Chord guess for pre-composed material: the lowest note at the bar's start, harmonised diatonically. */
export function harmonyFromNotes(pitches: readonly number[], tonic: number, mode: Mode): Harmony {
  if (pitches.length === 0) return { tonic, mode, root: tonic, tones: diatonicTriad(tonic, mode, 0), symbol: '' };
  const bass = Math.min(...pitches) % 12;
  const st = MODE_SCALES[mode] ?? MODE_SCALES.major;
  const deg = st.indexOf((bass - tonic + 12) % 12);
  const tones = deg >= 0 ? diatonicTriad(tonic, mode, deg) : [bass, (bass + 4) % 12, (bass + 7) % 12];
  return { tonic, mode, root: bass, tones, symbol: '' };
}

export interface RealisedNote {
  tick: number;
  duration: number;
  pitch: number;
  velocity: number;
}

/**
 * Realise a stinger over a harmony: degrees are scale steps of the key counted from the chord root, placed
 * near `register`; the first note and every note of a beat or longer lands on the nearest chord tone.
 */
export function realiseStinger(st: Stinger, h: Harmony): RealisedNote[] {
  const steps = MODE_SCALES[h.mode] ?? MODE_SCALES.major;
  const rel = (h.root - h.tonic + 12) % 12;
  // The chord root's position in the scale (nearest step below when it is chromatic, e.g. a secondary dominant).
  let rootIdx = 0;
  for (let i = 0; i < 7; i++) if (steps[i] <= rel) rootIdx = i;
  const rootPitch = nearestPitch(h.root, st.register);
  const out: RealisedNote[] = [];
  let tick = 0;
  for (const [i, n] of st.notes.entries()) {
    const dur = Math.max(1, Math.round(n.beats * PPQ));
    if (!n.rest) {
      const idx = rootIdx + n.degree;
      const oct = Math.floor(idx / 7);
      const stepPc = steps[((idx % 7) + 7) % 7] + 12 * oct;
      let pitch = rootPitch + (stepPc - steps[rootIdx]) + n.alter;
      if (i === 0 || n.beats >= 1) pitch = snapToTones(pitch, h.tones);
      pitch = Math.max(0, Math.min(127, pitch));
      out.push({ tick, duration: dur, pitch, velocity: n.velocity ?? st.velocity });
    }
    tick += dur;
  }
  return out;
}

function nearestPitch(pc: number, around: number): number {
  const base = around - mod12(around - pc);
  return around - base > 6 ? base + 12 : base;
}

/** Nearest pitch whose class is a chord tone (ties go up, toward brightness). */
export function snapToTones(pitch: number, tones: readonly number[]): number {
  if (tones.length === 0) return pitch;
  for (let d = 0; d <= 6; d++) {
    if (tones.includes(mod12(pitch + d))) return pitch + d;
    if (tones.includes(mod12(pitch - d))) return pitch - d;
  }
  return pitch;
}
