/**
 * purpose: chords for the composer — Roman numerals (what the harmony style model speaks) realised in a key by
 * src/theory's one parser, plus the fallbacks the composer uses. An unknown symbol yields null and the caller
 * falls back (tonal's "not found is a value" rule), so a model emitting something exotic never crashes a cue.
 * Conventions (case = quality, natural-minor degrees in minor, applied chords): see src/theory/roman.ts.
 */
import { realiseRoman, tonicNumeral, type Key, type RomanChord } from '../theory/index.js';

/** A realised chord: absolute root, pitch classes (root first) and bass; `quality` is the coarse triad quality. */
export type Chord = RomanChord;

/**
 * The chord of a numeral in a key; null when the symbol is unknown.
 * @example parseRoman('VI', { tonic: 0, mode: 'minor' })?.pcs // → [8, 0, 3]
 */
export function parseRoman(symbol: string, key: Key): Chord | null {
  return realiseRoman(symbol, key);
}

/** Tonic triad of a key: the fallback when a symbol does not parse. */
export function tonicChord(key: Key): Chord {
  return parseRoman(tonicSymbol(key), key) as Chord;
}

export function dominantChord(key: Key, seventh = true): Chord {
  return parseRoman(seventh ? 'V7' : 'V', key) as Chord;
}

/** Roman numeral for the tonic in this key's mode. */
export function tonicSymbol(key: Key): string {
  return tonicNumeral(key.mode);
}
