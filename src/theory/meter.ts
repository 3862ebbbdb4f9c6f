/**
 * purpose: metre — the one definition of a compound metre, the bar's beat (pulse) grouping, its strong beats
 * and the metrical weight of a position. All lengths are in quarter notes.
 */

/** A time signature. */
export interface Meter {
  numerator: number;
  denominator: number;
}

/**
 * Compound metre: the beat is a dotted note, three of the denominator's units (6/8, 9/8, 12/8, 6/16…). 3/8 is
 * simple (one beat of three eighths is felt as a single pulse, written as three), and 6/4 counts as simple here
 * (six quarter beats; the composer groups it 3+3 through its strong beats).
 * @example isCompound({ numerator: 6, denominator: 8 }) // → true
 */
export function isCompound(m: Meter): boolean {
  return m.denominator >= 8 && m.numerator % 3 === 0 && m.numerator > 3;
}

/**
 * Bar length in quarter notes.
 * @example barBeats({ numerator: 6, denominator: 8 }) // → 3
 */
export function barBeats(m: Meter): number {
  return (m.numerator * 4) / m.denominator;
}

/**
 * Beat (pulse) length in quarter notes: a dotted quarter in compound metres.
 * @example beatLength({ numerator: 12, denominator: 8 }) // → 1.5
 */
export function beatLength(m: Meter): number {
  return isCompound(m) ? (3 * 4) / m.denominator : 4 / m.denominator;
}

/**
 * "n/d" key of a metre (model tables are keyed by it).
 * @example meterKey({ numerator: 7, denominator: 8 }) // → '7/8'
 */
export function meterKey(m: Meter): string {
  return `${m.numerator}/${m.denominator}`;
}

/** The beat grid of a bar, in quarter notes. */
export interface MeterInfo {
  numerator: number;
  denominator: number;
  /** Bar length in quarter-note beats. */
  barQ: number;
  /** Beat (pulse) length in quarter notes: a dotted quarter in compound meters. */
  pulseQ: number;
  /** Positions of the pulses in the bar (quarter-note beats). */
  pulses: number[];
  /** Metrically strong pulses: the downbeat, and the middle of even bars (3+2 in five, 4+3 in seven). */
  strong: number[];
}

/**
 * Beat grouping and strong beats of a metre.
 * @example meterInfo(6, 8) // → { numerator: 6, denominator: 8, barQ: 3, pulseQ: 1.5, pulses: [0, 1.5], strong: [0] }
 */
export function meterInfo(numerator: number, denominator: number): MeterInfo {
  const m = { numerator, denominator };
  const barQ = barBeats(m);
  const pulseQ = beatLength(m);
  const pulses: number[] = [];
  for (let b = 0; b < barQ - 1e-9; b += pulseQ) pulses.push(b);
  const strong = [0];
  if (pulses.length >= 4 && pulses.length % 2 === 0) strong.push(pulses[pulses.length / 2]);
  else if (pulses.length === 5) strong.push(pulses[3]);
  else if (pulses.length === 7) strong.push(pulses[4]);
  return { numerator, denominator, barQ, pulseQ, pulses, strong };
}

/**
 * Metrical weight of a position (quarter notes from the bar line) on a 0..1 scale, after Lerdahl & Jackendoff's
 * metrical grid: downbeat 1, the middle of even bars of four or more beats 0.8, other beats 0.65, beat
 * subdivisions (halves; thirds in compound metres) 0.45, finer 0.3.
 * @example metricalWeight(2, { numerator: 4, denominator: 4 }) // → 0.8
 */
export function metricalWeight(pos: number, meter: Meter): number {
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
