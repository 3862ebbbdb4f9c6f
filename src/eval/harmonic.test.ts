/** purpose: exact cases for the layer checks (harmonic.ts) on tiny hand-built Scores. */
import { describe, expect, it } from 'vitest';
import { bassClash, bassMotion, leadAbove, outerParallels, parallelPerfects, strongBeatConsonance, strongBeats } from './harmonic.js';
import { chords, line, tinyScore, type Line } from './test-fixtures.js';

const outer = (lead: Line, bass: Line) => tinyScore([{ role: 'melody', notes: line(lead) }, { role: 'bass', notes: line(bass) }]);

describe('parallelPerfects', () => {
  it.each([
    ['parallel fifths C–G, D–A, E–B', [[67, 1], [69, 1], [71, 1]], [[60, 1], [62, 1], [64, 1]], 1],
    ['parallel octaves (compound)', [[72, 1], [74, 1]], [[48, 1], [50, 1]], 1],
    ['contrary motion fifth → fifth is not parallel', [[67, 1], [74, 1]], [[60, 1], [55, 1]], 0],
    ['similar motion fifth → fifth is parallel', [[67, 1], [62, 1]], [[60, 1], [55, 1]], 1],
    ['contrary motion throughout', [[72, 1], [74, 1], [76, 1]], [[48, 1], [47, 1], [45, 1]], 0],
    ['fifth → octave is not parallel', [[67, 1], [74, 1]], [[48, 1], [50, 1]], 0],
    ['one parallel pair out of two', [[67, 1], [69, 1], [72, 1]], [[60, 1], [62, 1], [57, 1]], 0.5],
  ] as const)('%s', (_name, lead, bass, want) => {
    expect(parallelPerfects(outer(lead, bass))).toBeCloseTo(want, 9);
  });

  it('measures on the common onset grid; only pairs where both voices move are the denominator', () => {
    // lead G4 held two beats, then A4; bass C3 C3 D3 → pairs 0→1 (lead holds, bass re-strikes), 1→2 (G/C → A/D, both up)
    expect(outerParallels(outer([[67, 2], [69, 1]], [[48, 1], [48, 1], [50, 1]]))).toEqual({ share: 1, shareOfPairs: 0.5, parallels: 1, bothMove: 1, pairs: 2 });
  });
  it('oblique motion only: nothing to measure', () => {
    expect(outerParallels(outer([[67, 1], [69, 1]], [[48, 2]]))).toEqual({ share: NaN, shareOfPairs: 0, parallels: 0, bothMove: 0, pairs: 1 });
  });
});

describe('leadAbove', () => {
  it.each([
    ['tune above chord', [[72, 1], [74, 1]], [[60, 2]], [[64, 2]], 1],
    ['tune below the chord top half the time', [[72, 1], [65, 1]], [[60, 2]], [[67, 2]], 0.5],
    ['tune equal to chord top counts as above', [[67, 1]], [[60, 1]], [[67, 1]], 1],
  ] as const)('%s', (_n, lead, c1, c2, want) => {
    const s = tinyScore([{ role: 'melody', notes: line(lead) }, { role: 'harmony', notes: chords(c1, c2) }, { role: 'bass', notes: line([[36, 2]]) }]);
    expect(leadAbove(s)).toBeCloseTo(want, 9);
  });
  it('ignores counter-melody and percussion', () => {
    const s = tinyScore([
      { role: 'melody', notes: line([[67, 1]]) },
      { role: 'counter', notes: line([[79, 1]]) },
      { role: 'percussion', notes: line([[81, 1]]) },
      { role: 'bass', notes: line([[36, 1]]) },
    ]);
    expect(leadAbove(s)).toBe(1);
  });
});

describe('bassMotion', () => {
  it.each([
    ['steps', [[48, 1], [50, 1], [52, 1], [53, 1]], { step: 1, leap: 0, repeat: 0 }],
    ['repeats', [[48, 1], [48, 1], [48, 1]], { step: 0, leap: 0, repeat: 1 }],
    ['mixed', [[48, 1], [55, 1], [55, 1], [53, 1], [41, 1]], { step: 0.25, leap: 0.5, repeat: 0.25 }],
  ] as const)('%s', (_n, bass, want) => {
    const m = bassMotion(tinyScore([{ role: 'bass', notes: line(bass) }]));
    expect(m.step).toBeCloseTo(want.step, 9);
    expect(m.leap).toBeCloseTo(want.leap, 9);
    expect(m.repeat).toBeCloseTo(want.repeat, 9);
  });
});

describe('bassClash', () => {
  it.each([
    ['C under C major triad', [[48, 1]], [60, 64, 67], 0],
    ['C under C# (minor 9th)', [[48, 1]], [61, 65, 68], 1],
    ['C under B (major 7th)', [[48, 1]], [59, 62, 67], 1],
    ['B under C major (semitone below chord root)', [[47, 1]], [60, 64, 67], 1],
  ] as const)('%s', (_n, bass, chord, want) => {
    const s = tinyScore([{ role: 'bass', notes: line(bass) }, { role: 'pad', notes: chords(...chord.map((p): Line => [[p, 1]])) }]);
    expect(bassClash(s)).toBe(want);
  });
});

describe('strongBeatConsonance', () => {
  it('strong beats per meter', () => {
    expect(strongBeats(4)).toEqual([0, 2]);
    expect(strongBeats(3)).toEqual([0]);
    expect(strongBeats(6)).toEqual([0, 3]);
  });
  it.each([
    ['3rd and 5th on beats 1 and 3', [[64, 2], [67, 2]], 1],
    ['4th on beat 1, 6th on beat 3', [[65, 2], [69, 2]], 0.5],
    ['dissonance only on weak beats does not count', [[64, 1], [62, 1], [67, 1], [65, 1]], 1],
    ['minor 2nd on the downbeat', [[61, 4]], 0],
  ] as const)('%s (over C3)', (_n, lead, want) => {
    const s = tinyScore([{ role: 'melody', notes: line(lead) }, { role: 'bass', notes: line([[48, 4]]) }]);
    expect(strongBeatConsonance(s)).toBeCloseTo(want, 9);
  });
});

describe('empty layers give NaN, not 0', () => {
  it('no bass', () => {
    const s = tinyScore([{ role: 'melody', notes: line([[60, 1], [62, 1]]) }]);
    expect(parallelPerfects(s)).toBeNaN();
    expect(strongBeatConsonance(s)).toBeNaN();
    expect(bassClash(s)).toBeNaN();
  });
});
