/**
 * purpose: spell a MIDI pitch in a key (step, alter, octave) the way a copyist would.
 *
 * Line-of-fifths spelling (Temperley, "The Cognition of Basic Musical Structures", ch. 5): every spelling of a
 * pitch class sits on the line of fifths …Fb Cb Gb Db Ab Eb Bb F C G D A E B F# C# G# D# A# E# B#…; choose the
 * one nearest the centre of the key signature's seven notes. So Eb major spells Eb not D#, E major G# not Ab.
 * Ties (a tritone from the centre) go to the plainer spelling (B natural in Eb major, not Cb), then in
 * minor-third modes to the raised 6th/7th (C# in D minor), then to sharps in sharp keys and flats in flat keys.
 */
import type { KeyEvent, Mode } from '../../score/index.js';
import { keyFifths } from '../midi/key-signature.js';

export interface SpelledPitch {
  step: 'C' | 'D' | 'E' | 'F' | 'G' | 'A' | 'B';
  alter: number;
  octave: number;
}

const LETTERS_BY_FIFTH = ['F', 'C', 'G', 'D', 'A', 'E', 'B'] as const;
const LETTER_PC: Record<SpelledPitch['step'], number> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };

/** Where the tonic sits relative to the key signature's major tonic on the line of fifths. */
const TONIC_OFFSET: Record<Mode, number> = { major: 0, lydian: -1, mixolydian: 1, dorian: 2, minor: 3, 'harmonic-minor': 3, phrygian: 4, locrian: 5 };
const MINOR_THIRD_MODES = new Set<Mode>(['minor', 'harmonic-minor', 'dorian', 'phrygian', 'locrian']);

/** Spelled pitch class at a line-of-fifths position (0 = C, 1 = G, −1 = F, 6 = F#, −2 = Bb). */
export function fifthsToPitchClass(p: number): { step: SpelledPitch['step']; alter: number } {
  const i = p + 1;
  return { step: LETTERS_BY_FIFTH[((i % 7) + 7) % 7], alter: Math.floor(i / 7) };
}

export interface SpellingKey {
  fifths: number;
  mode: Mode;
}

export const spellingKey = (k: Pick<KeyEvent, 'tonic' | 'mode'> | undefined): SpellingKey =>
  k ? { fifths: keyFifths(k), mode: k.mode } : { fifths: 0, mode: 'major' };

export function spellPitch(midi: number, key: SpellingKey): SpelledPitch {
  const chroma = ((midi % 12) + 12) % 12;
  const base = (chroma * 7) % 12; // 7·7 ≡ 1 (mod 12): the fifths position of the chroma, modulo 12
  const centre = key.fifths + 2;
  const tonic = key.fifths + TONIC_OFFSET[key.mode];
  const raised = MINOR_THIRD_MODES.has(key.mode) ? new Set([tonic + 5, tonic + 3]) : new Set<number>();
  let best = NaN;
  let bestScore: number[] = [];
  for (let k = -3; k <= 3; k++) {
    const p = base + 12 * k;
    const pc = fifthsToPitchClass(p);
    const score = [Math.abs(p - centre), Math.abs(pc.alter), raised.has(p) ? 0 : 1, key.fifths >= 0 ? -p : p];
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

/** "Eb4"-style name, for messages and tests. */
export const spelledName = (s: SpelledPitch): string => `${s.step}${s.alter > 0 ? '#'.repeat(s.alter) : 'b'.repeat(-s.alter)}${s.octave}`;
