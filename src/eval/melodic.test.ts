/** purpose: exact cases for the melodic checks (melodic.ts) on tiny hand-built tunes. */
import { describe, expect, it } from 'vitest';
import { contourRepetition, intervalRepetition, leadingToneResolution, motifSelfSimilarity } from './melodic.js';
import { line, tinyScore, type Line } from './test-fixtures.js';

const tune = (l: Line, key: { tonic: 'C' | 'A' | 'G'; mode: 'major' | 'minor' | 'harmonic-minor' } = { tonic: 'C', mode: 'major' }) =>
  tinyScore([{ role: 'melody', notes: line(l) }], { key });

// 4/4 bars of quarter notes
const bar = (...ps: number[]): Array<[number, number]> => ps.map((p) => [p, 1]);

describe('bar-level interval and contour repetition', () => {
  it.each([
    ['bar 2 repeats bar 1 exactly', [...bar(60, 62, 64, 60), ...bar(60, 62, 64, 60)], 0.5, 0.5],
    ['bar 2 transposes bar 1 (same intervals)', [...bar(60, 62, 64, 60), ...bar(62, 64, 66, 62)], 0.5, 0.5],
    ['bar 2 keeps only the contour', [...bar(60, 62, 64, 60), ...bar(60, 64, 67, 55)], 0, 0.5],
    ['no repetition', [...bar(60, 62, 64, 60), ...bar(67, 65, 64, 62)], 0, 0],
    ['three bars, two repeat the first', [...bar(60, 62, 64, 65), ...bar(62, 64, 66, 67), ...bar(64, 66, 68, 69)], 2 / 3, 2 / 3],
  ] as const)('%s', (_n, l, iv, ct) => {
    const s = tune(l);
    expect(intervalRepetition(s)).toBeCloseTo(iv, 9);
    expect(contourRepetition(s)).toBeCloseTo(ct, 9);
  });
  it('bars with a single note are not measured', () => {
    expect(intervalRepetition(tune([[60, 4], [62, 4]]))).toBeNaN();
  });
});

describe('motifSelfSimilarity', () => {
  it.each([
    ['a tune with a repeated bar', [...bar(60, 62, 64, 60), ...bar(60, 62, 64, 60)], 0.5],
    ['sequence a step higher counts (transposition-invariant)', [...bar(60, 62, 64, 60), ...bar(62, 64, 66, 62)], 0.5],
    ['same intervals, different rhythm does not', [...bar(60, 62, 64, 60), [60, 2], [62, 0.5], [64, 0.5], [60, 1]], 0],
    ['2-bar idea (long note + 2 notes) repeated', [[60, 4], [62, 2], [64, 2], [60, 4], [62, 2], [64, 2]], 0.5],
    ['nothing repeats', [...bar(60, 62, 64, 60), ...bar(67, 65, 64, 62)], 0],
  ] as const)('%s', (_n, l, want) => {
    expect(motifSelfSimilarity(tune(l))).toBeCloseTo(want, 9);
  });
});

describe('leadingToneResolution', () => {
  it.each([
    ['B4 → C5 in C major', [[71, 1], [72, 1]], { tonic: 'C', mode: 'major' }, 1],
    ['B4 → G4 in C major', [[71, 1], [67, 1]], { tonic: 'C', mode: 'major' }, 0],
    ['repeated B4 B4 → C5 counts once', [[71, 1], [71, 1], [72, 1]], { tonic: 'C', mode: 'major' }, 1],
    ['G#4 → A4 in A harmonic minor', [[68, 1], [69, 1]], { tonic: 'A', mode: 'harmonic-minor' }, 1],
    ['G4 in A minor is not a leading tone', [[67, 1], [69, 1]], { tonic: 'A', mode: 'minor' }, NaN],
    ['B4 → C6 (octave displaced) is not resolved', [[71, 1], [84, 1]], { tonic: 'C', mode: 'major' }, 0],
    ['one of two resolves', [[71, 1], [72, 1], [83, 1], [79, 1]], { tonic: 'C', mode: 'major' }, 0.5],
  ] as const)('%s', (_n, l, key, want) => {
    const r = leadingToneResolution(tune(l, key));
    if (Number.isNaN(want)) expect(r).toBeNaN();
    else expect(r).toBeCloseTo(want, 9);
  });
  it('follows key changes', () => {
    const s = tune([[71, 1], [72, 1], [66, 1], [67, 1]]);
    s.keys.push({ tick: 960, tonic: 'G', mode: 'major' });
    expect(leadingToneResolution(s)).toBe(1);
  });
});
