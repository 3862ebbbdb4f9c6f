/**
 * purpose: the nine chord types the Roman-numeral parser and the chord labeller share, as intervals above the
 * root, and the coarse triad quality (major/minor/diminished/augmented/sus) the composer voices by.
 */

/**
 * Chord types: triads maj/min/dim/aug; sevenths dom7 (major-minor), maj7, min7, hdim7 (ø7), dim7 (°7).
 * @example CHORD_TYPES.length // → 9
 */
export const CHORD_TYPES = ['maj', 'min', 'dim', 'aug', 'dom7', 'maj7', 'min7', 'hdim7', 'dim7'] as const;
export type ChordType = (typeof CHORD_TYPES)[number];

/**
 * Semitones above the root of each chord type, root first.
 * @example CHORD_INTERVALS.hdim7 // → [0, 3, 6, 10]
 */
export const CHORD_INTERVALS: Readonly<Record<ChordType, readonly number[]>> = {
  maj: [0, 4, 7],
  min: [0, 3, 7],
  dim: [0, 3, 6],
  aug: [0, 4, 8],
  dom7: [0, 4, 7, 10],
  maj7: [0, 4, 7, 11],
  min7: [0, 3, 7, 10],
  hdim7: [0, 3, 6, 10],
  dim7: [0, 3, 6, 9],
};

/** Coarse quality of the triad under a chord ('sus' when the third is replaced). */
export type TriadQuality = 'major' | 'minor' | 'diminished' | 'augmented' | 'sus';

/**
 * Triad quality of a chord type.
 * @example triadQualityOf('hdim7') // → 'diminished'
 */
export function triadQualityOf(type: ChordType): Exclude<TriadQuality, 'sus'> {
  if (type === 'maj' || type === 'dom7' || type === 'maj7') return 'major';
  if (type === 'aug') return 'augmented';
  if (type === 'dim' || type === 'dim7' || type === 'hdim7') return 'diminished';
  return 'minor';
}
