import { describe, expect, it } from 'vitest';
import { fifthsDistance, keyFifths, keyFromSmf, keyName, keySignature, pitchClassFifths, spellTonic } from './keys.js';
import { spellPitch, spellingKey, spelledName, fifthsToPitchClass } from './spelling.js';
import { FLAT_NAMES, SHARP_NAMES, mod12, pcOfName, pitchName } from './pitch.js';
import { MODES, type Mode } from './modes.js';

describe('pitch classes', () => {
  it.each([
    ['C', 0], ['B#', 0], ['C#', 1], ['Db', 1], ['E#', 5], ['Fb', 4], ['Cb', 11], ['Bb', 10], ['Ebb', 2], ['F♯', 6], ['B♭', 10], ['A4', 9],
  ] as const)('pcOfName(%s) = %i', (n, pc) => expect(pcOfName(n)).toBe(pc));
  it('unknown names are null', () => {
    expect(pcOfName('H')).toBeNull();
    expect(pcOfName('')).toBeNull();
  });
  it('mod12, name tables, pitchName', () => {
    expect([-13, -1, 0, 11, 12, 25].map(mod12)).toEqual([11, 11, 0, 11, 0, 1]);
    expect(SHARP_NAMES.map((n) => pcOfName(n))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(FLAT_NAMES.map((n) => pcOfName(n))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect([60, 61, 21, 127].map(pitchName)).toEqual(['C4', 'C#4', 'A0', 'G9']);
  });
});

describe('key signatures', () => {
  it.each([
    ['C', 0], ['G', 1], ['F', -1], ['F#', 6], ['Gb', -6], ['Bb', -2], ['B#', 12], ['E#', 11], ['Cb', -7], ['Fb', -8],
  ] as const)('pitchClassFifths(%s) = %i', (n, f) => expect(pitchClassFifths(n)).toBe(f));
  it('pitchClassFifths: null for non-names', () => {
    expect(pitchClassFifths('H')).toBeNull();
    expect(pitchClassFifths('Cx')).toBeNull();
  });

  // [tonic, mode, fifths]
  it.each([
    ['C', 'major', 0], ['A', 'minor', 0], ['D', 'dorian', 0], ['E', 'phrygian', 0], ['F', 'lydian', 0], ['G', 'mixolydian', 0], ['B', 'locrian', 0],
    ['C', 'minor', -3], ['C', 'harmonic-minor', -3], ['C', 'dorian', -2], ['C', 'phrygian', -4], ['C', 'lydian', 1], ['C', 'mixolydian', -1], ['C', 'locrian', -5],
    ['Eb', 'major', -3], ['F#', 'major', 6], ['Gb', 'major', -6], ['C#', 'major', 7], ['Cb', 'major', -7], ['D#', 'minor', 6], ['Eb', 'minor', -6],
    ['B#', 'major', 0], ['B#', 'minor', -3], ['E#', 'major', -1], ['E#', 'minor', -4], ['Cb', 'minor', 2], ['Fb', 'major', 4],
    ['G#', 'major', -4], ['A#', 'minor', 7], ['Db', 'dorian', -7], ['Fb', 'locrian', -1],
  ] as const)('keyFifths(%s %s) = %i', (tonic, mode, f) => expect(keyFifths({ tonic, mode })).toBe(f));
  it('keyFifths throws on a non-name tonic', () => expect(() => keyFifths({ tonic: 'H', mode: 'major' })).toThrow(RangeError));

  it('keyFromSmf inverts keyFifths for major and minor', () => {
    for (let sf = -7; sf <= 7; sf++)
      for (const mi of [0, 1]) {
        const k = keyFromSmf(sf, mi)!;
        expect(keyFifths(k)).toBe(sf);
        expect(k.mode).toBe(mi ? 'minor' : 'major');
      }
    expect(keyFromSmf(8, 0)).toBeNull();
    expect(keyFromSmf(1.5, 0)).toBeNull();
  });

  // keySignature (pitch-class tonic) and spellTonic, C..B per mode
  const SIGS: Record<Mode, number[]> = {
    major: [0, -5, 2, -3, 4, -1, 6, 1, -4, 3, -2, 5],
    minor: [-3, 4, -1, 6, 1, -4, 3, -2, 5, 0, -5, 2],
    'harmonic-minor': [-3, 4, -1, 6, 1, -4, 3, -2, 5, 0, -5, 2],
    dorian: [-2, 5, 0, -5, 2, -3, 4, -1, 6, 1, -4, 3],
    phrygian: [-4, 3, -2, 5, 0, -5, 2, -3, 4, -1, 6, 1],
    lydian: [1, -4, 3, -2, 5, 0, -5, 2, -3, 4, -1, 6],
    mixolydian: [-1, 6, 1, -4, 3, -2, 5, 0, -5, 2, -3, 4],
    locrian: [-5, 2, -3, 4, -1, -6, 1, -4, 3, -2, 5, 0],
  };
  it.each(MODES)('keySignature / spellTonic in %s', (mode) => {
    const sigs = Array.from({ length: 12 }, (_, t) => keySignature(t, mode));
    expect(sigs).toEqual(SIGS[mode]);
    expect(sigs.every((f) => f >= -6 && f <= 6)).toBe(true);
    for (let t = 0; t < 12; t++) {
      const name = spellTonic(t, mode);
      expect(pcOfName(name)).toBe(t);
      expect(keyFifths({ tonic: name, mode })).toBe(sigs[t]);
    }
  });
  it('spellTonic and keyName examples', () => {
    expect(spellTonic(3, 'minor')).toBe('D#');
    expect(spellTonic(3, 'major')).toBe('Eb');
    expect(spellTonic(6, 'major')).toBe('F#');
    expect(spellTonic(1, 'minor')).toBe('C#');
    expect(spellTonic(10, 'minor')).toBe('Bb');
    expect(keyName({ tonic: 10, mode: 'minor' })).toBe('Bb minor');
  });
  it('fifthsDistance', () => {
    expect(fifthsDistance({ tonic: 0, mode: 'major' }, { tonic: 9, mode: 'minor' })).toBe(0);
    expect(fifthsDistance({ tonic: 0, mode: 'major' }, { tonic: 7, mode: 'major' })).toBe(1);
    expect(fifthsDistance({ tonic: 0, mode: 'major' }, { tonic: 6, mode: 'major' })).toBe(6);
    expect(fifthsDistance({ tonic: 11, mode: 'major' }, { tonic: 1, mode: 'major' })).toBe(2);
  });
});

describe('spelling', () => {
  // [midi, key tonic, mode, spelled]
  it.each([
    [63, 'Eb', 'major', 'Eb4'], [63, 'E', 'major', 'D#4'], [68, 'E', 'major', 'G#4'], [68, 'Eb', 'major', 'Ab4'],
    [71, 'Eb', 'major', 'B4'], [61, 'D', 'minor', 'C#4'], [70, 'D', 'minor', 'Bb4'], [66, 'Gb', 'major', 'Gb4'],
    [71, 'Gb', 'major', 'Cb5'], [72, 'C#', 'major', 'B#4'], [65, 'C#', 'major', 'E#4'], [65, 'F#', 'major', 'E#4'],
    [64, 'Cb', 'major', 'Fb4'], [60, 'C', 'major', 'C4'], [66, 'C', 'major', 'F#4'],
    [60, 'C#', 'minor', 'B#3'], [67, 'G#', 'minor', 'F##4'], [62, 'D#', 'harmonic-minor', 'C##4'], [64, 'F', 'minor', 'E4'], [68, 'A', 'minor', 'G#4'], [66, 'A', 'minor', 'F#4'], [70, 'D', 'dorian', 'Bb4'], [61, 'E', 'phrygian', 'C#4'],
  ] as const)('%i in %s %s → %s', (midi, tonic, mode, name) => expect(spelledName(spellPitch(midi, spellingKey({ tonic, mode })))).toBe(name));
  it('spellingKey and fifthsToPitchClass', () => {
    expect(spellingKey(undefined)).toEqual({ fifths: 0, mode: 'major' });
    expect(spellingKey({ tonic: 'Eb', mode: 'minor' })).toEqual({ fifths: -6, mode: 'minor' });
    expect([12, 11, -8, -7, 0, 6].map((p) => fifthsToPitchClass(p))).toEqual([
      { step: 'B', alter: 1 }, { step: 'E', alter: 1 }, { step: 'F', alter: -1 }, { step: 'C', alter: -1 }, { step: 'C', alter: 0 }, { step: 'F', alter: 1 },
    ]);
  });
});
