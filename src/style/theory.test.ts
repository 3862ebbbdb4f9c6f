import { describe, expect, it } from 'vitest';
import { detectKey, pitchClassHistogram } from './key-detect.js';
import { allowedPitchClasses } from './theory.js';
import { MODE_SCALES, mod12 } from '../theory/index.js';
import type { Mode } from '../score/schema.js';

const scaleNotes = (tonic: number, mode: Mode) =>
  [...MODE_SCALES[mode], 12].flatMap((d, i) => [{ pitch: 60 + tonic + d, duration: i === 0 || d === 7 || d === 12 ? 2 : 1 }]);

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

// Roman numerals and chord labelling are tested in src/theory/roman.test.ts.
describe('allowed pitch classes', () => {
  it('minor keys allow the raised sixth and seventh', () => {
    expect(allowedPitchClasses({ tonic: 9, mode: 'minor' }).map((p) => mod12(p - 9))).toEqual(expect.arrayContaining([0, 2, 3, 5, 7, 8, 9, 10, 11]));
    expect(allowedPitchClasses({ tonic: 0, mode: 'major' })).toEqual([0, 2, 4, 5, 7, 9, 11]);
  });
});
