/**
 * purpose: spell a MIDI pitch in a key (step, alter, octave) the way a copyist would.
 *
 * Line-of-fifths spelling (Temperley, "The Cognition of Basic Musical Structures", ch. 5): every spelling of a
 * pitch class sits on the line of fifths …Fb Cb Gb Db Ab Eb Bb F C G D A E B F# C# G# D# A# E# B#…; choose the
 * one nearest the centre of the key signature's seven notes. So Eb major spells Eb not D#, E major G# not Ab.
 * Ties (a tritone from the centre) go, in minor-third modes, to the raised 6th/7th — the leading tone keeps its
 * letter even when that needs B# or F## (C# minor, G# minor) — then to the plainer spelling (B natural in Eb
 * major, not Cb), then to sharps in sharp keys and flats in flat keys.
 */
import { keyFifths, type SpelledKey } from './keys.js';
import { LETTER_PC, mod12 } from './pitch.js';
import { MODE_TABLE, isMinorMode, type Mode } from './modes.js';

export interface SpelledPitch {
  step: 'C' | 'D' | 'E' | 'F' | 'G' | 'A' | 'B';
  alter: number;
  octave: number;
}

const LETTERS_BY_FIFTH = ['F', 'C', 'G', 'D', 'A', 'E', 'B'] as const;

/**
 * Spelled pitch class at a line-of-fifths position (0 = C, 1 = G, −1 = F, 6 = F#, −2 = Bb).
 * @example fifthsToPitchClass(12) // → { step: 'B', alter: 1 }
 */
export function fifthsToPitchClass(p: number): { step: SpelledPitch['step']; alter: number } {
  const i = p + 1;
  return { step: LETTERS_BY_FIFTH[((i % 7) + 7) % 7], alter: Math.floor(i / 7) };
}

export interface SpellingKey {
  fifths: number;
  mode: Mode;
}

/**
 * The spelling context of a Score key (C major when there is none).
 * @example spellingKey({ tonic: 'Eb', mode: 'minor' }) // → { fifths: -6, mode: 'minor' }
 */
export const spellingKey = (k: SpelledKey | undefined): SpellingKey =>
  k ? { fifths: keyFifths(k), mode: k.mode } : { fifths: 0, mode: 'major' };

/**
 * Step, alter and octave of a MIDI pitch in a key.
 * @example spellPitch(63, spellingKey({ tonic: 'E', mode: 'major' })) // → { step: 'D', alter: 1, octave: 4 }
 */
export function spellPitch(midi: number, key: SpellingKey): SpelledPitch {
  const chroma = mod12(midi);
  const base = (chroma * 7) % 12; // 7·7 ≡ 1 (mod 12): the fifths position of the chroma, modulo 12
  const centre = key.fifths + 2;
  // Where the tonic sits relative to the signature's major tonic on the line of fifths (dorian +2, lydian −1).
  const tonic = key.fifths - MODE_TABLE[key.mode].fifths;
  const raised = isMinorMode(key.mode) ? new Set([tonic + 5, tonic + 3]) : new Set<number>();
  let best = NaN;
  let bestScore: number[] = [];
  for (let k = -3; k <= 3; k++) {
    const p = base + 12 * k;
    const pc = fifthsToPitchClass(p);
    const score = [Math.abs(p - centre), raised.has(p) ? 0 : 1, Math.abs(pc.alter), key.fifths >= 0 ? -p : p];
    if (Number.isNaN(best) || lexLess(score, bestScore)) {
      best = p;
      bestScore = score;
    }
  }
  const { step, alter } = fifthsToPitchClass(best);
  const octave = Math.round((midi - alter - LETTER_PC[step]) / 12) - 1;
  return { step, alter, octave };
}

function lexLess(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}

/**
 * "Eb4"-style name, for messages and tests.
 * @example spelledName({ step: 'E', alter: -1, octave: 4 }) // → 'Eb4'
 */
export const spelledName = (s: SpelledPitch): string => `${s.step}${s.alter > 0 ? '#'.repeat(s.alter) : 'b'.repeat(-s.alter)}${s.octave}`;
