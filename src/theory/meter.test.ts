import { describe, expect, it } from 'vitest';
import { barBeats, beatLength, isCompound, meterInfo, meterKey, metricalWeight } from './meter.js';

// [n, d, compound, barQ, pulseQ, pulses, strong]
const METERS: Array<[number, number, boolean, number, number, number[], number[]]> = [
  [2, 4, false, 2, 1, [0, 1], [0]],
  [3, 4, false, 3, 1, [0, 1, 2], [0]],
  [4, 4, false, 4, 1, [0, 1, 2, 3], [0, 2]],
  [5, 4, false, 5, 1, [0, 1, 2, 3, 4], [0, 3]],
  [6, 4, false, 6, 1, [0, 1, 2, 3, 4, 5], [0, 3]],
  [7, 4, false, 7, 1, [0, 1, 2, 3, 4, 5, 6], [0, 4]],
  [2, 2, false, 4, 2, [0, 2], [0]],
  [3, 2, false, 6, 2, [0, 2, 4], [0]],
  [3, 8, false, 1.5, 0.5, [0, 0.5, 1], [0]],
  [6, 8, true, 3, 1.5, [0, 1.5], [0]],
  [9, 8, true, 4.5, 1.5, [0, 1.5, 3], [0]],
  [12, 8, true, 6, 1.5, [0, 1.5, 3, 4.5], [0, 3]],
  [5, 8, false, 2.5, 0.5, [0, 0.5, 1, 1.5, 2], [0, 1.5]],
  [7, 8, false, 3.5, 0.5, [0, 0.5, 1, 1.5, 2, 2.5, 3], [0, 2]],
  [6, 16, true, 1.5, 0.75, [0, 0.75], [0]],
  [1, 4, false, 1, 1, [0], [0]],
];

describe('metre table', () => {
  it.each(METERS)('%i/%i', (numerator, denominator, compound, barQ, pulseQ, pulses, strong) => {
    const m = { numerator, denominator };
    expect(isCompound(m)).toBe(compound);
    expect(barBeats(m)).toBe(barQ);
    expect(beatLength(m)).toBe(pulseQ);
    expect(meterKey(m)).toBe(`${numerator}/${denominator}`);
    expect(meterInfo(numerator, denominator)).toEqual({ numerator, denominator, barQ, pulseQ, pulses, strong });
  });
});

describe('metricalWeight', () => {
  const w = (pos: number, numerator: number, denominator: number) => metricalWeight(pos, { numerator, denominator });
  it.each([
    [0, 4, 4, 1], [2, 4, 4, 0.8], [1, 4, 4, 0.65], [3, 4, 4, 0.65], [0.5, 4, 4, 0.45], [0.25, 4, 4, 0.3],
    [1, 3, 4, 0.65], [1.5, 6, 8, 0.65], [0.5, 6, 8, 0.45], [0.25, 6, 8, 0.3], [3, 12, 8, 0.8], [1.5, 12, 8, 0.65],
    [0.5, 3, 8, 0.65], [0.25, 3, 8, 0.45],
  ] as const)('pos %f in %i/%i = %f', (pos, n, d, weight) => expect(w(pos, n, d)).toBe(weight));
});
