import { describe, expect, it } from 'vitest';
import { detectKey, pitchClassHistogram } from './key-detect.js';
import { isChromaticRoman, parseRoman, romanName, romanToPitchClasses, labelChord } from './roman.js';
import { SCALES, allowedPitchClasses, mod12 } from './theory.js';
import type { Mode } from '../score/schema.js';

const scaleNotes = (tonic: number, mode: Mode) =>
  [...SCALES[mode], 12].flatMap((d, i) => [{ pitch: 60 + tonic + d, duration: i === 0 || d === 7 || d === 12 ? 2 : 1 }]);

describe('Krumhansl–Schmuckler key detection', () => {
  it.each(Array.from({ length: 12 }, (_, t) => t))('finds major and minor scales on tonic %i', (t) => {
    expect(detectKey(pitchClassHistogram(scaleNotes(t, 'major')))).toMatchObject({ tonic: t, mode: 'major' });
    expect(detectKey(pitchClassHistogram(scaleNotes(t, 'harmonic-minor')))).toMatchObject({ tonic: t, mode: 'minor' });
  });

  it('a tonic hint settles a relative-key ambiguity', () => {
    const h = pitchClassHistogram([0, 2, 4, 5, 7, 9, 11].map((p) => ({ pitch: p, duration: 1 })));
    expect(detectKey(h, { tonicHint: 9, hintWeight: 0.3 })).toMatchObject({ tonic: 9, mode: 'minor' });
  });
});

describe('Roman numerals', () => {
  it.each([
    ['I', 'major', [0, 4, 7]],
    ['V7', 'major', [7, 11, 2, 5]],
    ['ii', 'major', [2, 5, 9]],
    ['viio7', 'minor', [11, 2, 5, 8]],
    ['bVI', 'major', [8, 0, 3]],
    ['VI', 'minor', [8, 0, 3]],
    ['V/V', 'major', [2, 6, 9]],
    ['V7/IV', 'major', [0, 4, 7, 10]],
    ['N6', 'minor', [1, 5, 8]],
    ['iv', 'major', [5, 8, 0]],
    ['iiø7', 'minor', [2, 5, 8, 0]],
  ] as const)('%s in %s', (r, mode, pcs) => {
    expect(parseRoman(r, mode)!.pcs).toEqual(pcs);
  });

  it('names chords and round-trips every diatonic and applied chord', () => {
    expect(romanName(7, 'maj', 'major')).toBe('V');
    expect(romanName(2, 'maj', 'major')).toBe('V/V');
    expect(romanName(8, 'maj', 'major')).toBe('bVI');
    expect(romanName(1, 'maj', 'minor')).toBe('N6');
    expect(romanName(11, 'dim7', 'minor')).toBe('viio7');
    for (const fam of ['major', 'minor'] as const)
      for (let r = 0; r < 12; r++)
        for (const q of ['maj', 'min', 'dim', 'dom7', 'dim7'] as const) {
          const name = romanName(r, q, fam);
          const back = parseRoman(name, fam);
          expect(back, name).toBeDefined();
          expect(back!.root, name).toBe(r);
        }
    expect(parseRoman('XYZ', 'major')).toBeUndefined();
    expect(romanToPitchClasses('V', { tonic: 2, mode: 'major' })).toEqual([9, 1, 4]);
    expect(isChromaticRoman('bVI', 'major')).toBe(true);
    expect(isChromaticRoman('V', 'minor')).toBe(false);
  });

  it('labels chord tones against the key', () => {
    const w = new Float64Array(12);
    for (const pc of [7, 11, 2, 5]) w[pc] = 1;
    expect(labelChord(w, 0, 'major', 7)).toEqual({ root: 7, quality: 'dom7' });
  });

  it('minor keys allow the raised sixth and seventh', () => {
    expect(allowedPitchClasses({ tonic: 9, mode: 'minor' }).map((p) => mod12(p - 9))).toEqual(expect.arrayContaining([0, 2, 3, 5, 7, 8, 9, 10, 11]));
    expect(allowedPitchClasses({ tonic: 0, mode: 'major' })).toEqual([0, 2, 4, 5, 7, 9, 11]);
  });
});
