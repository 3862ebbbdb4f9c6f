import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { wordCount } from './words.js';

describe('wordCount', () => {
  const CASES: Array<[string, number]> = [
    ['', 0],
    ['   ', 0],
    ['BANG.', 1],
    ['  The door   slams. ', 3],
    ['one\ttwo\nthree\r\nfour', 4],
    ['non\u00a0breaking\u2003em\u3000ideographic\ufeffbom', 5],
    ['a—b c–d', 2],
  ];
  it.each(CASES)('%j has %i words', (text, n) => expect(wordCount(text)).toBe(n));
  it('agrees with \\s on every UTF-16 code unit', () => {
    for (let c = 0; c <= 0xffff; c++) {
      const s = `a${String.fromCharCode(c)}b`;
      if (wordCount(s) !== s.split(/\s+/).filter(Boolean).length) throw new Error(`U+${c.toString(16)} disagrees`);
    }
  });
  it('counts as splitting on \\s does, for any text', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('a', ' ', '\t', '\n', '\u00a0', '\u2028', '\u200b', '\u180e', 'é', '.', '\ufeff', '\u3000') }), (s) => {
      expect(wordCount(s)).toBe(s.split(/\s+/).filter(Boolean).length);
    }), { numRuns: 3000 });
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => {
      expect(wordCount(s)).toBe(s.split(/\s+/).filter(Boolean).length);
    }), { numRuns: 3000 });
  });
});
