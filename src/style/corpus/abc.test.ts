import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAbcKey, parseAbcMeter, readAbc } from './abc.js';

const fixture = readFileSync(fileURLToPath(new URL('../fixtures/tiny.abc', import.meta.url)), 'utf8');
const { pieces, warnings } = readAbc(fixture, 'tiny.abc');
const tune = (x: string) => pieces.find((p) => p.id === `tiny.abc#X${x}`)!;
const pitches = (x: string) => tune(x).melody.map((n) => n.pitch);
const durs = (x: string) => tune(x).melody.map((n) => Math.round(n.duration * 1000) / 1000);

describe('ABC keys and metres', () => {
  it.each([
    ['G', 7, 'major', { F: 1 }],
    ['Am', 9, 'minor', {}],
    ['E Minor', 4, 'minor', { F: 1 }],
    ['Ador', 9, 'dorian', { F: 1 }],
    ['D mix', 2, 'mixolydian', { F: 1 }],
    ['Bb', 10, 'major', { B: -1, E: -1 }],
    ['F#m', 6, 'minor', { F: 1, C: 1, G: 1 }],
    ['Ephr', 4, 'phrygian', {}],
    ['Am ^G', 9, 'minor', { G: 1 }],
  ] as const)('K:%s', (v, tonic, mode, sig) => {
    const k = parseAbcKey(v)!;
    expect(k.key).toEqual({ tonic, mode });
    for (const [letter, acc] of Object.entries({ C: 0, D: 0, E: 0, F: 0, G: 0, A: 0, B: 0, ...sig })) expect(k.signature[letter]).toBe(acc);
  });

  it('rejects nonsense keys and reads metres', () => {
    expect(parseAbcKey('Bn')).toBeUndefined();
    expect(parseAbcMeter('C')).toEqual({ numerator: 4, denominator: 4 });
    expect(parseAbcMeter('C|')).toEqual({ numerator: 2, denominator: 2 });
    expect(parseAbcMeter('6/8')).toEqual({ numerator: 6, denominator: 8 });
    expect(parseAbcMeter('2+3/8')).toEqual({ numerator: 5, denominator: 8 });
    expect(parseAbcMeter('none')).toBeUndefined();
  });
});

describe('readAbc (documented subset)', () => {
  it('skips a malformed tune with a warning and keeps the others', () => {
    expect(warnings).toEqual(['tiny.abc: tune X:5 skipped (no K: line)']);
    expect(pieces.map((p) => p.id)).toEqual(['1', '2', '3', '4', '6', '7'].map((x) => `tiny.abc#X${x}`));
  });

  it('broken rhythm, key signature, repeats with first and second endings in played order', () => {
    // |:G>A B>c d2 g2|f>e d>c B2 A2|G>A B>c d2 B2|1 A>G F>A G4:|2 A>F D>F G4|]
    const p = pitches('1');
    expect(p.slice(0, 6)).toEqual([67, 69, 71, 72, 74, 79]);
    expect(durs('1').slice(0, 4)).toEqual([0.75, 0.25, 0.75, 0.25]);
    expect(p.slice(18, 23)).toEqual([69, 67, 66, 69, 67]); // first ending, F sharp from K:G
    expect(p.slice(23, 41)).toEqual(p.slice(0, 18)); // repeat of the body without the first ending
    expect(p.slice(41)).toEqual([69, 66, 62, 66, 67]); // second ending
    expect(tune('1').key).toEqual({ tonic: 7, mode: 'major' });
  });

  it('triplets, anacrusis, chords (top note), grace notes and decorations skipped, modal key', () => {
    const t = tune('2');
    expect(t.key).toEqual({ tonic: 9, mode: 'dorian' });
    expect(t.melody[0]).toMatchObject({ pitch: 69, pos: 2.5 }); // pickup on the last eighth of 6/8
    expect(durs('2').slice(4, 7)).toEqual([0.333, 0.333, 0.333]);
    const p = pitches('2');
    // "ded dBG|[ce]AA {g}ABc|": [ce] → e (top note), {g} grace skipped
    const at = p.findIndex((_, i) => p.slice(i, i + 9).join() === [74, 76, 74, 74, 71, 67, 76, 69, 69].join());
    expect(at).toBeGreaterThan(0);
    expect(p.slice(at + 9, at + 12)).toEqual([69, 71, 72]);
    const second = t.melody.find((n) => n.pitch === 81)!;
    expect(second.pos).toBe(2.5); // the "|:a|" pickup of the second part is right-aligned too
  });

  it('accidentals last to the bar line; inline key changes; the header key is the tune key', () => {
    expect(pitches('3')).toEqual([65, 66, 67, 68, 69, 68, 65, 74, 73, 71, 69]);
    expect(tune('3').key).toEqual({ tonic: 5, mode: 'major' });
    expect(tune('3').meter).toEqual({ numerator: 3, denominator: 4 });
  });

  it('keeps only the first voice', () => {
    expect(pitches('4')).toEqual([72, 76, 79, 76, 72, 67, 72, 74, 76, 74, 71, 72]);
  });

  it('L:1/16, bar positions and bar patterns', () => {
    const t = tune('7');
    expect(t.melody.slice(0, 4).map((n) => n.pos)).toEqual([0, 0.5, 1, 1.5]);
    expect(t.barPatterns![0]).toBe(0b01010101);
    expect(t.chords!.length).toBeGreaterThan(3);
  });

  it('never throws on garbage', () => {
    const r = readAbc('X:1\nK:C\n[[[((((3 }}} !!! "unterminated\n|:|:|::|]]\nX:2\nT:x', 'junk.abc');
    expect(r.pieces).toEqual([]);
    expect(r.warnings.length).toBeGreaterThan(0);
  });
});
