/**
 * purpose: pitch classes — `mod12`, the sharp/flat name tables and name ⇄ pitch-class conversion.
 *
 * Pitch classes are integers 0–11 with 0 = C. "Not found" is `null` everywhere in src/theory (tonal's
 * "no value is a value" rule, without tonal's empty objects): callers choose their own fallback.
 */

/**
 * Pitch class of any integer (negative too).
 * @example mod12(-1) // → 11
 */
export const mod12 = (x: number): number => ((x % 12) + 12) % 12;

/**
 * Every tonic spelling a Score key may use (the schema's enum), single accidentals only.
 * @example PITCH_CLASS_NAMES.includes('B#') // → true
 */
export const PITCH_CLASS_NAMES = ['C', 'C#', 'Db', 'D', 'D#', 'Eb', 'E', 'F', 'F#', 'Gb', 'G', 'G#', 'Ab', 'A', 'A#', 'Bb', 'B', 'Cb', 'E#', 'Fb', 'B#'] as const;
export type PitchClassName = (typeof PITCH_CLASS_NAMES)[number];

/**
 * Pitch-class names with sharps, index = pitch class.
 * @example SHARP_NAMES[10] // → 'A#'
 */
export const SHARP_NAMES: readonly PitchClassName[] = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'];

/**
 * Pitch-class names with flats, index = pitch class.
 * @example FLAT_NAMES[10] // → 'Bb'
 */
export const FLAT_NAMES: readonly PitchClassName[] = ['C', 'Db', 'D', 'Eb', 'E', 'F', 'Gb', 'G', 'Ab', 'A', 'Bb', 'B'];

/**
 * Semitones above C of each natural letter.
 * @example LETTER_PC.B // → 11
 */
export const LETTER_PC: Readonly<Record<string, number>> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };

/**
 * Pitch class of a spelled name ("F#", "Bb", "B#", "Cb", "Ebb"); any octave digits after it are ignored.
 * `null` when it does not start with a letter A–G.
 * @example pcOfName('B#') // → 0
 */
export function pcOfName(name: string): number | null {
  const base = LETTER_PC[name[0]];
  if (base === undefined) return null;
  let acc = 0;
  for (const ch of name.slice(1)) acc += ch === '#' || ch === '♯' ? 1 : ch === 'b' || ch === '♭' ? -1 : 0;
  return mod12(base + acc);
}

/**
 * Scientific pitch name of a MIDI note with sharps (middle C = C4) — for messages and debugging, not notation
 * (notation spells in the key: see spellPitch).
 * @example pitchName(61) // → 'C#4'
 */
export function pitchName(p: number): string {
  return `${SHARP_NAMES[mod12(p)]}${Math.floor(p / 12) - 1}`;
}
