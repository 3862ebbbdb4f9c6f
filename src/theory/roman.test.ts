/**
 * Exact tables: every numeral the composer emits (compose/phrase.ts, plan) and every numeral in the committed
 * harmony model's vocabulary (models/style/harmony.lmstyle.json, roman:major and roman:minor), realised in
 * C major and C minor. Pitch classes are written with fixed names (C Db D Eb E F F# G Ab A Bb B), root first;
 * "/X" is the bass when it is not the root.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseRoman, realiseRoman, tonicNumeral } from './roman.js';
import { romanName, isChromaticRoman, labelChord, isDiatonic } from './roman-name.js';
import { CHORD_TYPES } from './chord.js';
import { MODES, type Mode } from './modes.js';

const NAMES = ['C', 'Db', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'];
function show(symbol: string, tonic: number, mode: Mode): string | null {
  const c = realiseRoman(symbol, { tonic, mode });
  if (!c) return null;
  return c.pcs.map((p) => NAMES[p]).join(' ') + (c.bass !== c.root ? `/${NAMES[c.bass]}` : '');
}

// [numeral, in C major, in C minor]
const VOCABULARY: Array<[string, string, string]> = [
  ["I", 'C E G', 'C E G'],
  ["V", 'G B D', 'G B D'],
  ["IV", 'F A C', 'F A C'],
  ["vi", 'A C E', 'Ab B Eb'],
  ["ii", 'D F A', 'D F A'],
  ["V7", 'G B D F', 'G B D F'],
  ["ii7", 'D F A C', 'D F A C'],
  ["vi7", 'A C E G', 'Ab B Eb F#'],
  ["iii", 'E G B', 'Eb F# Bb'],
  ["V/V", 'D F# A', 'D F# A'],
  ["Imaj7", 'C E G B', 'C E G B'],
  ["V7/V", 'D F# A C', 'D F# A C'],
  ["iii7", 'E G B D', 'Eb F# Bb Db'],
  ["V/vi", 'E Ab B', 'Eb G Bb'],
  ["IVmaj7", 'F A C E', 'F A C E'],
  ["viio", 'B D F', 'B D F'],
  ["viiø7", 'B D F A', 'B D F A'],
  ["V/ii", 'A Db E', 'A Db E'],
  ["V7/IV", 'C E G Bb', 'C E G Bb'],
  ["v", 'G Bb D', 'G Bb D'],
  ["V7/ii", 'A Db E G', 'A Db E G'],
  ["bVII", 'Bb D F', 'A Db E'],
  ["V7/vi", 'E Ab B D', 'Eb G Bb Db'],
  ["viio/V", 'F# A C', 'F# A C'],
  ["iv", 'F Ab C', 'F Ab C'],
  ["iiiø7", 'E G Bb D', 'Eb F# A Db'],
  ["viio/ii", 'Db E G', 'Db E G'],
  ["viio/IV", 'E G Bb', 'E G Bb'],
  ["v7", 'G Bb D F', 'G Bb D F'],
  ["bVIImaj7", 'Bb D F A', 'A Db E Ab'],
  ["i", 'C Eb G', 'C Eb G'],
  ["viio/vi", 'Ab B D', 'G Bb Db'],
  ["#ivø7", 'F# A C E', 'F# A C E'],
  ["vii7", 'B D F# A', 'Bb Db F Ab'],
  ["viio7/vi", 'Ab B D F', 'G Bb Db E'],
  ["V7/iii", 'B Eb F# A', 'Bb D F Ab'],
  ["viø7", 'A C Eb G', 'Ab B D F#'],
  ["V/iii", 'B Eb F#', 'Bb D F'],
  ["vii", 'B D F#', 'Bb Db F'],
  ["viio7/ii", 'Db E G Bb', 'Db E G Bb'],
  ["#iv7", 'F# A Db E', 'F# A Db E'],
  ["viio7", 'B D F Ab', 'B D F Ab'],
  ["viio7/iii", 'Eb F# A C', 'D F Ab B'],
  ["bIII", 'Eb G Bb', 'D F# A'],
  ["viio7/V", 'F# A C Eb', 'F# A C Eb'],
  ["IV7", 'F A C Eb', 'F A C Eb'],
  ["N6", 'Db F Ab/F', 'Db F Ab/F'],
  ["bIIImaj7", 'Eb G Bb D', 'D F# A Db'],
  ["vo7", 'G Bb Db E', 'G Bb Db E'],
  ["i7", 'C Eb G Bb', 'C Eb G Bb'],
  ["vø7", 'G Bb Db F', 'G Bb Db F'],
  ["VI+", 'A Db F', 'Ab C E'],
  ["bIImaj7", 'Db F Ab C', 'Db F Ab C'],
  ["viio/iii", 'Eb F# A', 'D F Ab'],
  ["I+", 'C E Ab', 'C E Ab'],
  ["Vmaj7", 'G B D F#', 'G B D F#'],
  ["bVI", 'Ab C Eb', 'G B D'],
  ["bVImaj7", 'Ab C Eb G', 'G B D F#'],
  ["bvii", 'Bb Db F', 'A C E'],
  ["iio7", 'D F Ab B', 'D F Ab B'],
  ["iv7", 'F Ab C Eb', 'F Ab C Eb'],
  ["vo", 'G Bb Db', 'G Bb Db'],
  ["ivo7", 'F Ab B D', 'F Ab B D'],
  ["#IV", 'F# Bb Db', 'F# Bb Db'],
  ["II+", 'D F# Bb', 'D F# Bb'],
  ["III+", 'E Ab C', 'Eb G B'],
  ["bIII7", 'Eb G Bb Db', 'D F# A C'],
  ["bVII7", 'Bb D F Ab', 'A Db E G'],
  ["bvii7", 'Bb Db F Ab', 'A C E G'],
  ["bviio", 'Bb Db E', 'Bb Db E'],
  ["bviø7", 'Ab B D F#', 'G Bb Db F'],
  ["iio", 'D F Ab', 'D F Ab'],
  ["IImaj7", 'D F# A Db', 'D F# A Db'],
  ["bVI7", 'Ab C Eb F#', 'G B D F'],
  ["bviio7", 'Bb Db E G', 'Bb Db E G'],
  ["iiø7", 'D F Ab C', 'D F Ab C'],
  ["io", 'C Eb F#', 'C Eb F#'],
  ["ivo", 'F Ab B', 'F Ab B'],
  ["iø7", 'C Eb F# Bb', 'C Eb F# Bb'],
  ["vio", 'A C Eb', 'Ab B D'],
  ["III", 'E Ab B', 'Eb G Bb'],
  ["VII", 'B Eb F#', 'Bb D F'],
  ["VI", 'A Db E', 'Ab C Eb'],
  ["V/VII", 'F# Bb Db', 'F A C'],
  ["V7/VII", 'F# Bb Db E', 'F A C Eb'],
  ["V7/III", 'B Eb F# A', 'Bb D F Ab'],
  ["V/v", 'D F# A', 'D F# A'],
  ["V7/iv", 'C E G Bb', 'C E G Bb'],
  ["V7/v", 'D F# A C', 'D F# A C'],
  ["#viø7", 'Bb Db E Ab', 'A C Eb G'],
  ["VImaj7", 'A Db E Ab', 'Ab C Eb G'],
  ["viio7/v", 'F# A C Eb', 'F# A C Eb'],
  ["viio/VII", 'Bb Db E', 'A C Eb'],
  ["IIImaj7", 'E Ab B Eb', 'Eb G Bb D'],
  ["viio/iv", 'E G Bb', 'E G Bb'],
  ["#vi7", 'Bb Db F Ab', 'A C E G'],
  ["V+", 'G B Eb', 'G B Eb'],
  ["V7/VI", 'E Ab B D', 'Eb G Bb Db'],
  ["viio7/VII", 'Bb Db E G', 'A C Eb F#'],
  ["viio/VI", 'Ab B D', 'G Bb Db'],
  ["viio/v", 'F# A C', 'F# A C'],
  ["io7", 'C Eb F# A', 'C Eb F# A'],
  ["viio7/III", 'Eb F# A C', 'D F Ab B'],
  ["viio7/iv", 'E G Bb Db', 'E G Bb Db'],
  ["vio7", 'A C Eb F#', 'Ab B D F'],
  ["VIImaj7", 'B Eb F# Bb', 'Bb D F A'],
  ["biio7", 'Db E G Bb', 'Db E G Bb'],
  ["VI7", 'A Db E G', 'Ab C Eb F#'],
  ["#vi", 'Bb Db F', 'A C E'],
  ["#iiiø7", 'F Ab B Eb', 'E G Bb D'],
  ["biio", 'Db E G', 'Db E G'],
  ["viio7/VI", 'Ab B D F', 'G Bb Db E'],
  ["#VII+", 'C E Ab', 'B Eb G'],
  ["#iii", 'F Ab C', 'E G B'],
  ["iiio7", 'E G Bb Db', 'Eb F# A C'],
  ["ivø7", 'F Ab B Eb', 'F Ab B Eb'],
  ["#VI", 'Bb D F', 'A Db E'],
  ["#III", 'F A C', 'E Ab B'],
  ["N", 'Db F Ab/F', 'Db F Ab/F'],
];

describe('realiseRoman: model vocabulary and composer numerals', () => {
  it.each(VOCABULARY)('%s → C major %s, C minor %s', (sym, maj, min) => {
    expect(show(sym, 0, 'major')).toBe(maj);
    expect(show(sym, 0, 'minor')).toBe(min);
  });

  it('covers every numeral of the committed harmony model', () => {
    const model = JSON.parse(readFileSync(new URL('../../models/style/harmony.lmstyle.json', import.meta.url), 'utf8'));
    const vocab: string[] = [...model.tables.vocabs['roman:major'], ...model.tables.vocabs['roman:minor']];
    const have = new Set(VOCABULARY.map((r) => r[0]));
    expect(vocab.filter((s) => !have.has(s))).toEqual([]);
  });

  it('transposes: the same chord in every key', () => {
    for (const [sym] of VOCABULARY)
      for (const mode of ['major', 'minor'] as const)
        for (let t = 0; t < 12; t++) {
          const c0 = realiseRoman(sym, { tonic: 0, mode })!;
          const ct = realiseRoman(sym, { tonic: t, mode })!;
          expect(ct.pcs).toEqual(c0.pcs.map((p) => (p + t) % 12));
          expect(ct.bass).toBe((c0.bass + t) % 12);
        }
  });

  it('reads numerals by mode quality: dorian/phrygian/locrian/harmonic minor like minor, lydian/mixolydian like major', () => {
    for (const mode of MODES) {
      const like = mode === 'major' || mode === 'lydian' || mode === 'mixolydian' ? 'major' : 'minor';
      for (const [sym] of VOCABULARY) expect(show(sym, 2, mode), `${sym} ${mode}`).toBe(show(sym, 2, like));
    }
  });
});

// Musically checked by hand (the stinger bug cases first): [numeral, key, pitch classes, bass, quality, dominant]
const CHECKED: Array<[string, { tonic: number; mode: Mode }, string, string, string, boolean]> = [
  ['i', { tonic: 0, mode: 'minor' }, 'C Eb G', 'C', 'minor', false],
  ['VI', { tonic: 0, mode: 'minor' }, 'Ab C Eb', 'Ab', 'major', false],
  ['III', { tonic: 0, mode: 'minor' }, 'Eb G Bb', 'Eb', 'major', false],
  ['VII', { tonic: 0, mode: 'minor' }, 'Bb D F', 'Bb', 'major', false],
  ['V', { tonic: 0, mode: 'minor' }, 'G B D', 'G', 'major', true],
  ['v', { tonic: 0, mode: 'minor' }, 'G Bb D', 'G', 'minor', false],
  ['iiø7', { tonic: 0, mode: 'minor' }, 'D F Ab C', 'D', 'diminished', false],
  ['iiø', { tonic: 0, mode: 'minor' }, 'D F Ab C', 'D', 'diminished', false],
  ['V7/iv', { tonic: 0, mode: 'minor' }, 'C E G Bb', 'C', 'major', true],
  ['V/v', { tonic: 0, mode: 'minor' }, 'D F# A', 'D', 'major', true],
  ['vii°7/V', { tonic: 0, mode: 'major' }, 'F# A C Eb', 'F#', 'diminished', true],
  ['viio7', { tonic: 0, mode: 'minor' }, 'B D F Ab', 'B', 'diminished', true],
  ['vii°', { tonic: 0, mode: 'minor' }, 'B D F', 'B', 'diminished', true],
  ['viidim', { tonic: 0, mode: 'major' }, 'B D F', 'B', 'diminished', true],
  ['viiø7', { tonic: 0, mode: 'major' }, 'B D F A', 'B', 'diminished', false],
  ['bVI', { tonic: 0, mode: 'major' }, 'Ab C Eb', 'Ab', 'major', false],
  ['♭VII', { tonic: 0, mode: 'major' }, 'Bb D F', 'Bb', 'major', false],
  ['#iv°', { tonic: 0, mode: 'major' }, 'F# A C', 'F#', 'diminished', false],
  ['♯III', { tonic: 0, mode: 'minor' }, 'E Ab B', 'E', 'major', false],
  ['N6', { tonic: 0, mode: 'minor' }, 'Db F Ab', 'F', 'major', false],
  ['bII6', { tonic: 0, mode: 'minor' }, 'Db F Ab', 'F', 'major', false],
  ['N', { tonic: 9, mode: 'minor' }, 'Bb D F', 'D', 'major', false],
  ['I6', { tonic: 0, mode: 'major' }, 'C E G', 'E', 'major', false],
  ['I64', { tonic: 0, mode: 'major' }, 'C E G', 'G', 'major', false],
  ['V65', { tonic: 0, mode: 'major' }, 'G B D F', 'B', 'major', true],
  ['V43', { tonic: 0, mode: 'major' }, 'G B D F', 'D', 'major', true],
  ['V42', { tonic: 0, mode: 'major' }, 'G B D F', 'F', 'major', true],
  ['V2', { tonic: 0, mode: 'major' }, 'G B D F', 'F', 'major', true],
  ['ii65', { tonic: 0, mode: 'major' }, 'D F A C', 'F', 'minor', false],
  ['V7', { tonic: 0, mode: 'minor' }, 'G B D F', 'G', 'major', true],
  ['V9', { tonic: 0, mode: 'major' }, 'G B D F A', 'G', 'major', true],
  ['Imaj7', { tonic: 0, mode: 'major' }, 'C E G B', 'C', 'major', false],
  ['IM7', { tonic: 0, mode: 'major' }, 'C E G B', 'C', 'major', false],
  ['IΔ7', { tonic: 0, mode: 'major' }, 'C E G B', 'C', 'major', false],
  ['Vsus4', { tonic: 0, mode: 'major' }, 'G C D', 'G', 'sus', true],
  ['Vsus', { tonic: 0, mode: 'major' }, 'G C D', 'G', 'sus', true],
  ['Isus2', { tonic: 0, mode: 'major' }, 'C D G', 'C', 'sus', false],
  ['V7sus4', { tonic: 0, mode: 'major' }, 'G C D F', 'G', 'sus', true],
  ['IVadd6', { tonic: 0, mode: 'major' }, 'F A C D', 'F', 'major', false],
  ['Iadd9', { tonic: 0, mode: 'major' }, 'C E G D', 'C', 'major', false],
  ['III+', { tonic: 0, mode: 'minor' }, 'Eb G B', 'Eb', 'augmented', false],
  ['Iaug', { tonic: 0, mode: 'major' }, 'C E Ab', 'C', 'augmented', false],
  ['V65/V', { tonic: 0, mode: 'major' }, 'D F# A C', 'F#', 'major', true],
  ['V/V/V', { tonic: 0, mode: 'major' }, 'A Db E', 'A', 'major', true],
  [' V7 ', { tonic: 0, mode: 'major' }, 'G B D F', 'G', 'major', true],
  ['VI', { tonic: 2, mode: 'dorian' }, 'Bb D F', 'Bb', 'major', false],
  ['bVII', { tonic: 7, mode: 'mixolydian' }, 'F A C', 'F', 'major', false],
];

describe('realiseRoman: checked cases', () => {
  it.each(CHECKED)('%s in %o → %s', (sym, key, pcs, bass, quality, dominant) => {
    const c = realiseRoman(sym, key)!;
    expect(c.pcs.map((p) => NAMES[p]).join(' ')).toBe(pcs);
    expect(NAMES[c.bass]).toBe(bass);
    expect(c.quality).toBe(quality);
    expect(c.dominant).toBe(dominant);
  });

  it('returns null (the one "not found" value) for unknown symbols', () => {
    for (const s of ['', '   ', 'xyz', 'XYZ', 'IIII', 'Vi', 'V/', '/V', 'V/xyz', 'Cmaj7', 'H']) {
      expect(parseRoman(s, 'major')).toBeNull();
      expect(realiseRoman(s, { tonic: 0, mode: 'minor' })).toBeNull();
    }
  });

  it('tonicNumeral follows the mode quality', () => {
    expect(MODES.map(tonicNumeral)).toEqual(['I', 'i', 'i', 'i', 'I', 'I', 'i', 'i']);
  });
});

describe('romanName is the inverse of parseRoman', () => {
  it('names every root × type and parses back to the same chord', () => {
    for (const fam of ['major', 'minor'] as const)
      for (let r = 0; r < 12; r++)
        for (const q of CHORD_TYPES) {
          const name = romanName(r, q, fam);
          const back = parseRoman(name, fam);
          expect(back, `${r} ${q} ${fam} → ${name}`).not.toBeNull();
          expect([back!.root, back!.type]).toEqual([r, q]);
        }
  });
  it.each([
    [7, 'maj', 'major', 'V'], [2, 'maj', 'major', 'V/V'], [8, 'maj', 'major', 'bVI'], [1, 'maj', 'minor', 'N6'],
    [11, 'dim7', 'minor', 'viio7'], [8, 'maj', 'minor', 'VI'], [0, 'maj', 'minor', 'I'], [0, 'dom7', 'major', 'V7/IV'],
  ] as const)('romanName(%i, %s, %s) = %s', (r, q, fam, name) => expect(romanName(r, q, fam)).toBe(name));

  it('diatonic vs chromatic', () => {
    expect(isChromaticRoman('bVI', 'major')).toBe(true);
    expect(isChromaticRoman('VI', 'minor')).toBe(false);
    expect(isChromaticRoman('V', 'minor')).toBe(false);
    expect(isChromaticRoman('xyz', 'minor')).toBe(false);
    expect(isDiatonic(11, 'hdim7', 'major')).toBe(true);
  });

  it('labels pitch-class weights', () => {
    const w = new Array(12).fill(0);
    for (const p of [7, 11, 2, 5]) w[p] = 1;
    expect(labelChord(w, 0, 'major', 7)).toEqual({ root: 7, type: 'dom7' });
    expect(labelChord(new Array(12).fill(0), 0, 'major')).toBeNull();
  });
});
