/** purpose: exact cases for ranges, re-struck sustains and percussion patterns (orchestration.ts, src/theory/instruments.ts). */
import { describe, expect, it } from 'vitest';
import { outOfRange, percussionPattern, reStruckSustains } from './orchestration.js';
import { isSustainingProgram, programRange } from '../theory/index.js';
import { line, tinyScore } from './test-fixtures.js';

describe('programRange (MUSIC.md figures)', () => {
  it.each([
    [73, [60, 96]], [40, [55, 100]], [42, [36, 76]], [43, [28, 55]], [60, [41, 77]], [56, [55, 82]], [58, [28, 58]], [0, [21, 108]],
  ] as const)('program %i', (p, want) => expect(programRange(p)).toEqual(want));
  it('every program has a range', () => {
    for (let p = 0; p < 128; p++) {
      const [lo, hi] = programRange(p);
      expect(lo).toBeLessThan(hi);
    }
  });
  it('sustaining programs', () => {
    expect([48, 52, 16, 89, 40, 60].every(isSustainingProgram)).toBe(true);
    expect([0, 45, 46, 47, 33, 11].some(isSustainingProgram)).toBe(false);
  });
});

describe('outOfRange', () => {
  it('counts notes outside the program range, ignores percussion', () => {
    const s = tinyScore([
      { role: 'melody', program: 73, notes: line([[59, 1], [60, 1], [96, 1], [97, 1]]) }, // flute: 59 and 97 outside
      { role: 'percussion', program: 0, notes: line([[10, 1]]) },
    ]);
    const r = outOfRange(s);
    expect(r).toMatchObject({ outside: 2, notes: 4, share: 0.5 });
    expect(r.byTrack).toEqual({ 'melody 0 (73)': 2 });
  });
});

describe('reStruckSustains', () => {
  it.each([
    ['whole note re-struck on the next downbeat (strings)', 48, [[60, 4], [60, 4]], 1],
    ['ended a 32nd early, still re-struck', 48, [[60, 3.875], [-1, 0.125], [60, 4]], 1],
    ['ended an 8th early: a real articulation', 48, [[60, 3.5], [-1, 0.5], [60, 4]], 0],
    ['different pitch', 48, [[60, 4], [62, 4]], 0],
    ['re-strike inside the bar is not at a barline', 48, [[60, 2], [60, 2]], 0],
    ['piano may re-strike', 0, [[60, 4], [60, 4]], 0],
  ] as const)('%s', (_n, program, l, want) => {
    expect(reStruckSustains(tinyScore([{ role: 'pad', program, notes: line(l) }])).restruck).toBe(want);
  });
});

describe('percussionPattern', () => {
  const kick = 36;
  const snare = 38;
  it.each([
    ['rock backbeat every bar', [[kick, 1], [snare, 1], [kick, 1], [snare, 1], [kick, 1], [snare, 1], [kick, 1], [snare, 1]], 1, 1],
    ['snare on 2 only in bar 1, backbeat in bar 2', [[kick, 1], [snare, 1], [kick, 2], [kick, 1], [40, 1], [kick, 1], [40, 1]], 0.5, 1],
    ['percussion in bar 1 only', [[kick, 4], [-1, 4]], 0, 0.5],
  ] as const)('%s', (_n, l, back, any) => {
    const s = tinyScore([{ role: 'percussion', notes: line(l) }]);
    s.endTick = 2 * 1920;
    const r = percussionPattern(s);
    expect(r.backbeat).toBeCloseTo(back, 9);
    expect(r.barsWithPercussion).toBeCloseTo(any, 9);
  });
});
