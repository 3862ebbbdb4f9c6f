/**
 * purpose: the ONE definition of "copied" that the composer's guard, the sampler, `leitmotif check` and
 * provenance.json all use (README "What counts as copied").
 *
 * A line is a sequence of events, each with an inter-onset interval (IOI: time to the next event's onset; the
 * last event keeps its sounding length, a rest is absorbed into the event before it). Between two consecutive
 * events we record one token; a run of n events is n−1 tokens, and it is "copied" when those tokens occur
 * consecutively in one corpus piece's line (never across two pieces):
 *   melody  the skyline (highest pitch per onset) of every melody-role track merged, so a tune handed from the
 *           flutes to the violins is one line; token = (pitch interval, IOI ratio)
 *   bass    the lowest pitch per onset of every bass-role track merged; token = (pitch interval, IOI ratio)
 *   harmony the Roman numerals (relative to the key in force) per chord change; token = (numeral, IOI ratio)
 * Pitch intervals make it transposition-invariant, IOI ratios (on a 1/12-octave log scale) tempo-invariant;
 * a rhythm change is not a copy. The guard's limit is `MAX_COPY` events (a run of 7 is a copy).
 */
import { copyToken } from './melodic-index.js';

/** Longest run of events (default) a generated line may share with the training corpus. */
export const MAX_COPY = 6;

/** n-gram lengths (events) whose corpus share `check` reports. */
export const NGRAM_LENGTHS = [5, 6, 7, 8, 9, 10] as const;

export type LineName = 'melody' | 'bass' | 'harmony';
export const LINE_NAMES: readonly LineName[] = ['melody', 'bass', 'harmony'];

/** Shortest IOI in beats (a grace note or a near-chord counts as a 48th-note), as the corpus readers' iois. */
export const MIN_IOI = 1 / 12;

/** A pitched event of a line: `duration` is its IOI in beats. */
export interface CopyNote {
  pitch: number;
  duration: number;
}

/** A chord change: `duration` is the time to the next change in beats. */
export interface CopyChord {
  roman: string;
  duration: number;
}

/**
 * Timed notes (any order, any overlap) → one event per onset with IOI durations.
 * @example ioiLine([{ onset: 0, duration: 0.5, pitch: 60 }, { onset: 1, duration: 1, pitch: 62 }]) // [{ pitch: 60, duration: 1 }, { pitch: 62, duration: 1 }]
 */
export function ioiLine(notes: ReadonlyArray<{ onset: number; duration: number; pitch: number }>, pick: 'top' | 'bottom' = 'top'): CopyNote[] {
  const at = new Map<number, { onset: number; duration: number; pitch: number }>();
  for (const n of notes) {
    const k = Math.round(n.onset * 960);
    const cur = at.get(k);
    if (!cur || (pick === 'top' ? n.pitch > cur.pitch : n.pitch < cur.pitch)) at.set(k, n);
  }
  const sorted = [...at.values()].sort((a, b) => a.onset - b.onset);
  return sorted.map((n, i) => ({ pitch: n.pitch, duration: i + 1 < sorted.length ? Math.max(MIN_IOI, sorted[i + 1].onset - n.onset) : n.duration }));
}

/** The id of every numeral an index has not seen (and of any beyond the 511th): it matches nothing. */
const UNKNOWN_NUMERAL = 511;

/** Numeral ids of a harmony index; numerals it has never seen share one id that matches nothing. */
export class RomanVocab {
  private readonly ids = new Map<string, number>();
  constructor(readonly items: readonly string[]) {
    items.forEach((r, i) => this.ids.set(r, i));
  }
  id(roman: string): number {
    return Math.min(this.ids.get(roman) ?? UNKNOWN_NUMERAL, UNKNOWN_NUMERAL);
  }
  /** A vocabulary of every numeral in the lines, sorted (deterministic). */
  static of(lines: ReadonlyArray<ReadonlyArray<CopyChord>>): RomanVocab {
    const set = new Set<string>();
    for (const l of lines) for (const c of l) set.add(c.roman);
    return new RomanVocab([...set].sort());
  }
}

/**
 * Harmony as pseudo-notes for the token stream: numeral id in place of the pitch, so a token carries (numeral,
 * IOI ratio) — copyToken's interval slot holds the *current* numeral, not a difference.
 */
export function harmonyTokens(chords: ReadonlyArray<CopyChord>, vocab: RomanVocab): Int32Array {
  const out = new Int32Array(Math.max(0, chords.length - 1));
  for (let i = 1; i < chords.length; i++) out[i - 1] = chordToken(vocab.id(chords[i].roman), vocab.id(chords[i - 1].roman), chords[i - 1].duration, chords[i].duration);
  return out;
}

/** Token of a chord change: (previous numeral, numeral, IOI ratio) packed into one non-negative int. */
export function chordToken(id: number, prevId: number, prevDuration: number, duration: number): number {
  const r = prevDuration > 0 && duration > 0 ? Math.round(12 * Math.log2(duration / prevDuration)) : 0;
  const rc = Math.max(-63, Math.min(63, r)) + 64;
  return (Math.min(id, UNKNOWN_NUMERAL) * 512 + Math.min(prevId, UNKNOWN_NUMERAL)) * 128 + rc;
}

/** Tokens of a pitched line (n − 1 of them). */
export function noteTokens(notes: ReadonlyArray<CopyNote>): Int32Array {
  const out = new Int32Array(Math.max(0, notes.length - 1));
  for (let i = 1; i < notes.length; i++) out[i - 1] = copyToken(notes[i].pitch - notes[i - 1].pitch, notes[i - 1].duration, notes[i].duration);
  return out;
}
