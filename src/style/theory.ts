/**
 * purpose: the little music theory the style models need: scales per mode, mode families, which pitch classes a
 * key allows, and pitch-class helpers. Everything is relative to a tonic pitch class (0 = C).
 */
import { MODE_SCALES, type Mode } from '../score/schema.js';
import type { KeyContext, MeterContext } from './api.js';

export const SCALES = MODE_SCALES;

/** Models are trained per family: the third of the scale decides which statistics apply. */
export type ModeFamily = 'major' | 'minor';

export function modeFamily(mode: Mode): ModeFamily {
  return mode === 'major' || mode === 'lydian' || mode === 'mixolydian' ? 'major' : 'minor';
}

export function mod12(n: number): number {
  return ((n % 12) + 12) % 12;
}

/**
 * Pitch classes (absolute, 0–11) a melody in `key` may use when no explicit constraint says otherwise.
 * The scale of the mode; in 'minor' also the raised 6th and 7th (melodic/harmonic minor practice: the leading
 * tone is part of the key, Piston "Harmony" ch. 4).
 */
export function allowedPitchClasses(key: KeyContext): number[] {
  const rel = new Set<number>(SCALES[key.mode]);
  if (key.mode === 'minor') {
    rel.add(9);
    rel.add(11);
  }
  return [...rel].map((d) => mod12(d + key.tonic)).sort((a, b) => a - b);
}

/** Bar length in quarter-note beats. */
export function barBeats(meter: MeterContext): number {
  return (meter.numerator * 4) / meter.denominator;
}

/** Compound metres (6/8, 9/8, 12/8…) group the bar in dotted beats. */
export function isCompound(meter: MeterContext): boolean {
  return meter.denominator >= 8 && meter.numerator % 3 === 0 && meter.numerator > 3;
}

export function meterKey(meter: MeterContext): string {
  return `${meter.numerator}/${meter.denominator}`;
}

/**
 * Metrical weight of a position (in quarter beats from the bar line) on a 0..1 scale, after Lerdahl & Jackendoff's
 * metrical grid: downbeat 1, strong beats 0.8, other beats 0.65, beat halves 0.45, finer 0.3.
 */
export function metricalWeight(pos: number, meter: MeterContext): number {
  const eps = 1e-6;
  if (Math.abs(pos) < eps) return 1;
  const bar = barBeats(meter);
  const beat = isCompound(meter) ? 1.5 : 4 / meter.denominator;
  const onBeat = Math.abs(pos / beat - Math.round(pos / beat)) < eps;
  if (onBeat) {
    const beatsPerBar = Math.round(bar / beat);
    const idx = Math.round(pos / beat);
    if (beatsPerBar % 2 === 0 && beatsPerBar >= 4 && idx === beatsPerBar / 2) return 0.8;
    return 0.65;
  }
  const half = isCompound(meter) ? beat / 3 : beat / 2;
  if (Math.abs(pos / half - Math.round(pos / half)) < eps) return 0.45;
  return 0.3;
}
