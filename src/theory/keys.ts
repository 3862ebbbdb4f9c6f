/**
 * purpose: keys — key signatures as circle-of-fifths counts, both from a pitch-class tonic (planning) and from
 * a spelled tonic (SMF FF 59 sf/mi, MusicXML <fifths>), and how a tonic is spelled in its key.
 */
import { MODE_TABLE, type Mode } from './modes.js';
import { FLAT_NAMES, SHARP_NAMES, mod12, type PitchClassName } from './pitch.js';

/** A key with a pitch-class tonic (0 = C). */
export interface Key {
  tonic: number;
  mode: Mode;
}

/** A key with a spelled tonic, as in a Score key event. */
export interface SpelledKey {
  tonic: string;
  mode: Mode;
}

const LETTER_FIFTHS: Readonly<Record<string, number>> = { F: -1, C: 0, G: 1, D: 2, A: 3, E: 4, B: 5 };

/**
 * Position of a spelled pitch class on the line of fifths: C=0, G=1, F=−1, F#=6, Bb=−2, B#=12, Fb=−8.
 * `null` for anything that is not a letter with #/b accidentals.
 * @example pitchClassFifths('E#') // → 11
 */
export function pitchClassFifths(name: string): number | null {
  const letter = LETTER_FIFTHS[name[0]];
  if (letter === undefined) return null;
  let f = letter;
  for (const ch of name.slice(1)) {
    if (ch === '#') f += 7;
    else if (ch === 'b') f -= 7;
    else return null;
  }
  return f;
}

/**
 * Key-signature fifths of a spelled key, −7…7. Theoretical keys beyond seven accidentals (G# major = 8 sharps)
 * are written as their enharmonic equivalent (Ab major, −4): neither SMF nor common notation uses them.
 * Throws RangeError on a tonic that is not a pitch-class name (Score keys are schema-checked, so that is a bug).
 * @example keyFifths({ tonic: 'B#', mode: 'major' }) // → 0
 */
export function keyFifths(key: SpelledKey): number {
  const pc = pitchClassFifths(key.tonic);
  if (pc === null) throw new RangeError(`not a pitch class name: ${key.tonic}`);
  let f = pc + MODE_TABLE[key.mode].fifths;
  while (f > 7) f -= 12;
  while (f < -7) f += 12;
  return f;
}

const MAJOR_BY_FIFTHS = ['Cb', 'Gb', 'Db', 'Ab', 'Eb', 'Bb', 'F', 'C', 'G', 'D', 'A', 'E', 'B', 'F#', 'C#'] as const;
const MINOR_BY_FIFTHS = ['Ab', 'Eb', 'Bb', 'F', 'C', 'G', 'D', 'A', 'E', 'B', 'F#', 'C#', 'G#', 'D#', 'A#'] as const;

/**
 * The key an SMF key signature names (sf −7…7, mi 1 = minor); `null` for an out-of-range sf.
 * @example keyFromSmf(-3, 1) // → { tonic: 'C', mode: 'minor' }
 */
export function keyFromSmf(sf: number, mi: number): { tonic: PitchClassName; mode: Mode } | null {
  if (!Number.isInteger(sf) || sf < -7 || sf > 7) return null;
  return mi === 1 ? { tonic: MINOR_BY_FIFTHS[sf + 7], mode: 'minor' } : { tonic: MAJOR_BY_FIFTHS[sf + 7], mode: 'major' };
}

/**
 * Sharps (+) or flats (−) in the signature of a pitch-class key, −6…+6: the key as spellTonic spells it, so
 * F locrian is −6 (Gb major's signature) while B lydian is +6.
 * @example keySignature(0, 'minor') // → -3
 */
export function keySignature(tonic: number, mode: Mode): number {
  return spelledFifths(spellTonic(tonic, mode), mode);
}

const spelledFifths = (name: string, mode: Mode): number => (pitchClassFifths(name) as number) + MODE_TABLE[mode].fifths;

/**
 * Steps around the circle of fifths between two keys' signatures (0…6).
 * @example fifthsDistance({ tonic: 0, mode: 'major' }, { tonic: 9, mode: 'minor' }) // → 0
 */
export function fifthsDistance(a: Key, b: Key): number {
  const d = Math.abs(keySignature(a.tonic, a.mode) - keySignature(b.tonic, b.mode));
  return Math.min(d, 12 - d);
}

/**
 * A tonic spelled the way its key signature is written: of the sharp and the flat name, the one whose
 * signature has fewer accidentals; sharps at the six-accidental tie (F# major, D# minor).
 * @example spellTonic(3, 'phrygian') // → 'D#'
 */
export function spellTonic(tonic: number, mode: Mode): PitchClassName {
  const sharp = SHARP_NAMES[mod12(tonic)];
  const flat = FLAT_NAMES[mod12(tonic)];
  return Math.abs(spelledFifths(sharp, mode)) <= Math.abs(spelledFifths(flat, mode)) ? sharp : flat;
}

/**
 * "Eb major"-style name of a key.
 * @example keyName({ tonic: 10, mode: 'minor' }) // → 'Bb minor'
 */
export function keyName(key: Key): string {
  return `${spellTonic(key.tonic, key.mode)} ${key.mode}`;
}
