import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MelodicIndex, tokensOf } from './melodic-index.js';

type N = { pitch: number; duration: number };

/** Brute force: longest run of notes of q whose tokens occur in one corpus melody. */
function bruteLongest(corpus: N[][], q: N[]): number {
  if (q.length === 0) return 0;
  const qt = tokensOf(q);
  const ct = corpus.map((m) => tokensOf(m));
  let best = 0;
  for (let s = 0; s < qt.length; s++)
    for (let e = s + 1; e <= qt.length; e++) {
      const len = e - s;
      if (len <= best) continue;
      const hit = ct.some((t) => {
        for (let p = 0; p + len <= t.length; p++) {
          let ok = true;
          for (let k = 0; k < len && ok; k++) ok = t[p + k] === qt[s + k];
          if (ok) return true;
        }
        return false;
      });
      if (hit) best = len;
    }
  return best + 1;
}

const note = fc.record({ pitch: fc.integer({ min: 60, max: 66 }), duration: fc.constantFrom(0.5, 1) });

describe('MelodicIndex', () => {
  it('finds copies transposed and augmented', () => {
    const corpus = [[60, 62, 64, 65, 67].map((p) => ({ pitch: p, duration: 1 }))];
    const idx = MelodicIndex.fromMelodies(corpus);
    const transposedDoubled = [65, 67, 69, 70, 72].map((p) => ({ pitch: p, duration: 2 }));
    expect(idx.longestCopiedRun(transposedDoubled)).toBe(5);
    expect(idx.longestCopiedRun([{ pitch: 60, duration: 1 }, { pitch: 66, duration: 1 }])).toBe(1);
    expect(idx.longestCopiedRun([{ pitch: 60, duration: 1 }, { pitch: 61, duration: 1 }])).toBe(2); // 64→65 is in the corpus
    expect(idx.longestCopiedRun([])).toBe(0);
  });

  it('matches brute force on random melodies (incl. runs longer than the hashed lengths)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(note, { minLength: 2, maxLength: 40 }), { minLength: 1, maxLength: 4 }), fc.array(note, { minLength: 1, maxLength: 40 }), (corpus, q) => {
        const idx = MelodicIndex.fromMelodies(corpus);
        expect(idx.longestCopiedRun(q)).toBe(bruteLongest(corpus, q));
      }),
      { numRuns: 150 },
    );
    const long = Array.from({ length: 30 }, (_, i) => ({ pitch: 60 + ((i * 7) % 12), duration: 1 + (i % 3) }));
    const idx = MelodicIndex.fromMelodies([long]);
    expect(idx.longestCopiedRun(long.slice(2, 27))).toBe(25);
  });

  it('never matches across two corpus melodies', () => {
    const a = [60, 62, 64].map((p) => ({ pitch: p, duration: 1 }));
    const b = [65, 67, 69].map((p) => ({ pitch: p, duration: 1 }));
    const idx = MelodicIndex.fromMelodies([a, b]);
    // 60 62 64 | 65 67 69 joined would contain the interval +1 between melodies.
    expect(idx.longestCopiedRun([62, 64, 65, 67].map((p) => ({ pitch: p, duration: 1 })))).toBe(2);
  });
});
