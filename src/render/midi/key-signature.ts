/**
 * purpose: a Score key (tonic spelling + mode) ⇄ the circle-of-fifths count used by SMF key signatures
 * (FF 59: sf = −7…7, mi = 0 major / 1 minor) and MusicXML <key><fifths>.
 */
import type { KeyEvent, Mode } from '../../score/index.js';

const LETTER_FIFTHS: Record<string, number> = { F: -1, C: 0, G: 1, D: 2, A: 3, E: 4, B: 5 };

/** Fifths of a mode relative to its parallel major (C dorian has the key signature of Bb major: −2). */
const MODE_OFFSET: Record<Mode, number> = {
  major: 0,
  lydian: 1,
  mixolydian: -1,
  dorian: -2,
  minor: -3,
  'harmonic-minor': -3,
  phrygian: -4,
  locrian: -5,
};

/** Fifths of a spelled pitch class: C=0, G=1, F=−1, F#=6, Bb=−2, B#=12, Fb=−8. */
export function pitchClassFifths(name: string): number {
  const letter = LETTER_FIFTHS[name[0]];
  if (letter === undefined) throw new RangeError(`not a pitch class name: ${name}`);
  let f = letter;
  for (const ch of name.slice(1)) {
    if (ch === '#') f += 7;
    else if (ch === 'b') f -= 7;
    else throw new RangeError(`not a pitch class name: ${name}`);
  }
  return f;
}

/**
 * Key signature fifths for a key. Theoretical keys beyond 7 accidentals (G# major = 8 sharps) are written
 * as their enharmonic equivalent (Ab major, −4), since neither SMF nor common notation uses them.
 */
export function keyFifths(key: Pick<KeyEvent, 'tonic' | 'mode'>): number {
  let f = pitchClassFifths(key.tonic) + MODE_OFFSET[key.mode];
  while (f > 7) f -= 12;
  while (f < -7) f += 12;
  return f;
}

/** The SMF "mi" flag: only major and minor exist in SMF; minor-ish modes with a minor third are not flagged. */
export const isMinorMode = (mode: Mode): boolean => mode === 'minor' || mode === 'harmonic-minor';

const MAJOR_BY_FIFTHS = ['Cb', 'Gb', 'Db', 'Ab', 'Eb', 'Bb', 'F', 'C', 'G', 'D', 'A', 'E', 'B', 'F#', 'C#'] as const;
const MINOR_BY_FIFTHS = ['Ab', 'Eb', 'Bb', 'F', 'C', 'G', 'D', 'A', 'E', 'B', 'F#', 'C#', 'G#', 'D#', 'A#'] as const;

/** Inverse for SMF key signatures; null for out-of-range sf. */
export function keyFromSmf(sf: number, mi: number): Pick<KeyEvent, 'tonic' | 'mode'> | null {
  if (!Number.isInteger(sf) || sf < -7 || sf > 7) return null;
  return mi === 1 ? { tonic: MINOR_BY_FIFTHS[sf + 7], mode: 'minor' } : { tonic: MAJOR_BY_FIFTHS[sf + 7], mode: 'major' };
}
