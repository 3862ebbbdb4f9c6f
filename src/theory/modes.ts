/**
 * purpose: the eight modes as one table — one row per mode holding every fact the stages need (scale steps,
 * quality, parent major, key-signature offset, SMF minor flag), so no stage keeps its own list.
 *
 * "Minor" has ONE meaning here: a minor third above the tonic (minor, harmonic minor, dorian, phrygian,
 * locrian). That is the family the style models are trained on and the valence cue the composer uses
 * (Gabrielsson & Lindström 2010: minor ⇒ sadness/threat). The SMF key-signature "mi" flag is a different fact
 * (only minor and harmonic minor are written as minor keys) and has its own field, `smfMinor`.
 */
import { mod12 } from './pitch.js';

/**
 * Mode names, in the order the Score schema lists them.
 * @example MODES[1] // → 'minor'
 */
export const MODES = ['major', 'minor', 'dorian', 'phrygian', 'lydian', 'mixolydian', 'locrian', 'harmonic-minor'] as const;
export type Mode = (typeof MODES)[number];

/** Major-ish or minor-ish: the third above the tonic. */
export type ModeQuality = 'major' | 'minor';

export interface ModeInfo {
  name: Mode;
  /** Semitones of the seven scale degrees above the tonic. */
  steps: readonly number[];
  /** 'minor' iff the third above the tonic is minor (steps[2] === 3). */
  quality: ModeQuality;
  /** Degree (0-based) of the parent major scale this mode starts on: dorian 1, minor 5. */
  rotation: number;
  /** Semitones from the parent major's tonic up to this mode's tonic: dorian 2 (D dorian ⊂ C major). */
  aboveParent: number;
  /** Key-signature fifths of the mode on C: C dorian = Bb major = −2. */
  fifths: number;
  /** Written as a minor key in an SMF key signature (mi = 1). */
  smfMinor: boolean;
}

const row = (name: Mode, steps: number[], rotation: number, fifths: number): ModeInfo => ({
  name,
  steps,
  quality: steps[2] === 3 ? 'minor' : 'major',
  rotation,
  aboveParent: [0, 2, 4, 5, 7, 9, 11][rotation],
  fifths,
  smfMinor: name === 'minor' || name === 'harmonic-minor',
});

/**
 * Every fact about every mode. Harmonic minor borrows natural minor's signature (its raised 7th is an accidental).
 * @example MODE_TABLE.dorian.fifths // → -2
 */
export const MODE_TABLE: Readonly<Record<Mode, ModeInfo>> = {
  major: row('major', [0, 2, 4, 5, 7, 9, 11], 0, 0),
  minor: row('minor', [0, 2, 3, 5, 7, 8, 10], 5, -3),
  dorian: row('dorian', [0, 2, 3, 5, 7, 9, 10], 1, -2),
  phrygian: row('phrygian', [0, 1, 3, 5, 7, 8, 10], 2, -4),
  lydian: row('lydian', [0, 2, 4, 6, 7, 9, 11], 3, 1),
  mixolydian: row('mixolydian', [0, 2, 4, 5, 7, 9, 10], 4, -1),
  locrian: row('locrian', [0, 1, 3, 5, 6, 8, 10], 6, -5),
  'harmonic-minor': row('harmonic-minor', [0, 2, 3, 5, 7, 8, 11], 5, -3),
};

/**
 * Scale steps per mode (MODE_TABLE[m].steps as a plain lookup, for hot loops).
 * @example MODE_SCALES.phrygian[1] // → 1
 */
export const MODE_SCALES: Readonly<Record<Mode, readonly number[]>> = Object.fromEntries(MODES.map((m) => [m, MODE_TABLE[m].steps])) as Record<Mode, readonly number[]>;

/**
 * The mode's row; `null` for a name that is not a mode.
 * @example getMode('aeolian') // → null
 */
export function getMode(name: string): ModeInfo | null {
  return Object.prototype.hasOwnProperty.call(MODE_TABLE, name) ? MODE_TABLE[name as Mode] : null;
}

/**
 * Minor-third mode (the one meaning of "minor" in src/theory).
 * @example isMinorMode('dorian') // → true
 */
export const isMinorMode = (mode: Mode): boolean => MODE_TABLE[mode].quality === 'minor';

/**
 * The mode's quality: the family the style models are trained per.
 * @example modeQuality('mixolydian') // → 'major'
 */
export const modeQuality = (mode: Mode): ModeQuality => MODE_TABLE[mode].quality;

/**
 * Absolute pitch classes of a key's scale.
 * @example scalePcs({ tonic: 2, mode: 'dorian' }) // → [2, 4, 5, 7, 9, 11, 0]
 */
export function scalePcs(key: { tonic: number; mode: Mode }): number[] {
  return MODE_TABLE[key.mode].steps.map((s) => mod12(key.tonic + s));
}

/**
 * Pitch class of the major scale that shares this key's signature.
 * @example parentMajor(2, 'dorian') // → 0
 */
export function parentMajor(tonic: number, mode: Mode): number {
  return mod12(tonic - MODE_TABLE[mode].aboveParent);
}
