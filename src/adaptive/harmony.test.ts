/**
 * Stingers must sound the chord the bed plays. compose/ writes Roman numerals in its own convention (case is
 * quality; minor keys count from the natural-minor scale; applied chords), so harmony.ts must read them with
 * the same parser (src/theory), not tonal's Progression.fromRomanNumerals (which ignores case and counts from
 * the major scale).
 */
import { describe, expect, it } from 'vitest';
import { harmonyOf, realiseStinger } from './harmony.js';
import { StingerSchema } from './graph.js';

const sorted = (xs: readonly number[]) => [...xs].sort((a, b) => a - b);

// [numeral, tonic, mode, root, sorted chord tones]
const CASES: Array<[string, number, 'major' | 'minor', number, number[]]> = [
  ['i', 0, 'minor', 0, [0, 3, 7]], // C minor, not C major
  ['VI', 0, 'minor', 8, [0, 3, 8]], // Ab major, not A major
  ['III', 0, 'minor', 3, [3, 7, 10]], // Eb major
  ['VII', 0, 'minor', 10, [2, 5, 10]], // Bb major
  ['iv', 0, 'minor', 5, [0, 5, 8]], // F minor
  ['V', 0, 'minor', 7, [2, 7, 11]], // G major with the raised leading tone
  ['iiø7', 0, 'minor', 2, [0, 2, 5, 8]], // D F Ab C, not the tonic triad
  ['V7/iv', 0, 'minor', 0, [0, 4, 7, 10]], // C7
  ['V/v', 0, 'minor', 2, [2, 6, 9]], // D major
  ['viio7', 0, 'minor', 11, [2, 5, 8, 11]], // B D F Ab
  ['N6', 0, 'minor', 1, [1, 5, 8]], // Db major
  ['vi', 0, 'major', 9, [0, 4, 9]], // A minor
  ['bVI', 0, 'major', 8, [0, 3, 8]], // Ab major
  ['V7/V', 0, 'major', 2, [0, 2, 6, 9]], // D7
  ['V7', 2, 'minor', 9, [1, 4, 7, 9]], // A7 in D minor
];

describe('stinger harmony reads compose numerals with the theory parser', () => {
  it.each(CASES)('%s in %i %s', (sym, tonic, mode, root, tones) => {
    const h = harmonyOf(sym, tonic, mode);
    expect(h.root).toBe(root);
    expect(sorted(h.tones)).toEqual(tones);
  });

  it('a stinger over C minor i sounds Eb, not E natural', () => {
    const st = StingerSchema.parse({ notes: [{ degree: 0, beats: 1 }, { degree: 2, beats: 1 }, { degree: 4, beats: 1 }], register: 64 });
    const pcs = realiseStinger(st, harmonyOf('i', 0, 'minor')).map((n) => n.pitch % 12);
    expect(pcs).toContain(3);
    expect(pcs).not.toContain(4);
  });

  it('chord symbols still work, and unknown symbols give the tonic triad', () => {
    expect(harmonyOf('Am', 0, 'major')).toMatchObject({ root: 9, tones: [9, 0, 4] });
    expect(harmonyOf('???', 2, 'minor')).toMatchObject({ root: 2, tones: [2, 5, 9] });
  });
});
