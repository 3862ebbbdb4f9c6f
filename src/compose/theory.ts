/**
 * purpose: small pure music-theory helpers the composer needs on its hot path (scales, degrees, key names,
 * range folding). Plain arrays instead of tonal objects: composeCue calls these tens of thousands of times.
 */
import { MODE_SCALES, type Mode } from '../score/schema.js';
import type { PITCH_CLASS_NAMES } from '../score/schema.js';

export type PitchClassName = (typeof PITCH_CLASS_NAMES)[number];

export interface Key {
  /** 0–11, 0 = C. */
  tonic: number;
  mode: Mode;
}

export const MODE_STEPS = MODE_SCALES;

export const MAJOR_STEPS = MODE_STEPS.major;

/** Modes with a minor third over the tonic (the "dark" family; Gabrielsson & Lindström 2010: minor ⇒ sadness/threat). */
export function isMinorMode(mode: Mode): boolean {
  return mode === 'minor' || mode === 'dorian' || mode === 'phrygian' || mode === 'locrian' || mode === 'harmonic-minor';
}

export const mod12 = (x: number): number => ((x % 12) + 12) % 12;

export function scalePcs(key: Key): number[] {
  return MODE_STEPS[key.mode].map((s) => mod12(key.tonic + s));
}

/** Semitone offset of a diatonic degree (any integer; 7 = octave) in a mode. */
export function degreeOffset(mode: Mode, degree: number): number {
  const steps = MODE_STEPS[mode];
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
  const steps = MODE_STEPS[key.mode];
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

const SHARP_NAMES: PitchClassName[] = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'];
/** Conventional tonic spellings (fewest accidentals) for major-family and minor-family keys. */
const MAJOR_SPELL: PitchClassName[] = ['C', 'Db', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'];
const MINOR_SPELL: PitchClassName[] = ['C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'G#', 'A', 'Bb', 'B'];

export function spellTonic(tonic: number, mode: Mode): PitchClassName {
  return (isMinorMode(mode) ? MINOR_SPELL : MAJOR_SPELL)[mod12(tonic)];
}

export function keyName(key: Key): string {
  return `${spellTonic(key.tonic, key.mode)} ${key.mode}`;
}

const NAME_PC: Record<string, number> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };
export function pcOfName(name: string): number {
  const base = NAME_PC[name[0]];
  let acc = 0;
  for (const ch of name.slice(1)) acc += ch === '#' ? 1 : ch === 'b' ? -1 : 0;
  return mod12(base + acc);
}

export function pitchName(p: number): string {
  return `${SHARP_NAMES[mod12(p)]}${Math.floor(p / 12) - 1}`;
}

/** Quarter-note beats per bar and the strong beats (quarter-note positions) of a meter. */
export interface MeterInfo {
  numerator: number;
  denominator: number;
  /** Bar length in quarter-note beats. */
  barQ: number;
  /** Beat (pulse) length in quarter notes: a dotted quarter in compound meters. */
  pulseQ: number;
  /** Positions of the pulses in the bar (quarter-note beats). */
  pulses: number[];
  /** Metrically strong pulses (downbeat, and the middle of even bars). */
  strong: number[];
}

export function meterInfo(numerator: number, denominator: number): MeterInfo {
  const barQ = (numerator * 4) / denominator;
  const compound = denominator === 8 && numerator % 3 === 0 && numerator > 3;
  const pulseQ = compound ? 1.5 : 4 / denominator;
  const pulses: number[] = [];
  for (let b = 0; b < barQ - 1e-9; b += pulseQ) pulses.push(b);
  const strong = [0];
  if (pulses.length >= 4 && pulses.length % 2 === 0) strong.push(pulses[pulses.length / 2]);
  else if (pulses.length === 5) strong.push(pulses[3]);
  else if (pulses.length === 7) strong.push(pulses[4]);
  return { numerator, denominator, barQ, pulseQ, pulses, strong };
}
