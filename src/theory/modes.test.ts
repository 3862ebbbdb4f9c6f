import { describe, expect, it } from 'vitest';
import { MODES, MODE_TABLE, MODE_SCALES, getMode, isMinorMode, modeQuality, parentMajor, scalePcs } from './modes.js';
import { mod12 } from './pitch.js';

// [mode, steps, quality, rotation, aboveParent, fifths, smfMinor]
const TABLE = [
  ['major', [0, 2, 4, 5, 7, 9, 11], 'major', 0, 0, 0, false],
  ['minor', [0, 2, 3, 5, 7, 8, 10], 'minor', 5, 9, -3, true],
  ['dorian', [0, 2, 3, 5, 7, 9, 10], 'minor', 1, 2, -2, false],
  ['phrygian', [0, 1, 3, 5, 7, 8, 10], 'minor', 2, 4, -4, false],
  ['lydian', [0, 2, 4, 6, 7, 9, 11], 'major', 3, 5, 1, false],
  ['mixolydian', [0, 2, 4, 5, 7, 9, 10], 'major', 4, 7, -1, false],
  ['locrian', [0, 1, 3, 5, 6, 8, 10], 'minor', 6, 11, -5, false],
  ['harmonic-minor', [0, 2, 3, 5, 7, 8, 11], 'minor', 5, 9, -3, true],
] as const;

describe('MODE_TABLE', () => {
  it.each(TABLE)('%s', (name, steps, quality, rotation, aboveParent, fifths, smfMinor) => {
    expect(MODE_TABLE[name]).toEqual({ name, steps, quality, rotation, aboveParent, fifths, smfMinor });
    expect(MODE_SCALES[name]).toEqual(steps);
    expect(isMinorMode(name)).toBe(quality === 'minor');
    expect(modeQuality(name)).toBe(quality);
  });
  it('lists every mode once, in schema order', () => expect(MODES).toEqual(TABLE.map((r) => r[0])));
  it('church modes are rotations of the major scale', () => {
    const major = MODE_TABLE.major.steps;
    for (const m of MODES.filter((x) => x !== 'harmonic-minor')) {
      const { rotation, aboveParent, steps } = MODE_TABLE[m];
      expect(major[rotation]).toBe(aboveParent);
      expect(steps).toEqual(major.map((_, i) => mod12(major[(i + rotation) % 7] - aboveParent)));
    }
  });
  it('getMode: row or null', () => {
    expect(getMode('dorian')?.fifths).toBe(-2);
    expect(getMode('aeolian')).toBeNull();
    expect(getMode('toString')).toBeNull();
  });
  it('scalePcs and parentMajor', () => {
    expect(scalePcs({ tonic: 2, mode: 'dorian' })).toEqual([2, 4, 5, 7, 9, 11, 0]);
    expect(scalePcs({ tonic: 9, mode: 'harmonic-minor' })).toEqual([9, 11, 0, 2, 4, 5, 8]);
    expect(MODES.map((m) => parentMajor(0, m))).toEqual([0, 3, 10, 8, 7, 5, 1, 3]);
  });
});
