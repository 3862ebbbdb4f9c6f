/** purpose: exact cases for chord roots, phrase ends and cadence classification (cadence.ts). */
import { describe, expect, it } from 'vitest';
import { cadenceAt, cadences, chordRoot, phraseEnds } from './cadence.js';
import { chords, line, tinyScore, type Line } from './test-fixtures.js';

describe('chordRoot', () => {
  it.each([
    [[48, 64, 67], 0], [[55, 59, 62, 65], 7], [[57, 60, 64], 9], [[52, 55, 60], 0], [[59, 62, 65], 11], [[53, 57, 60], 5],
  ] as const)('%j → %i', (ps, want) => expect(chordRoot(ps)).toBe(want));
});

/** Two-bar progression in C major: chord A for a bar, chord B for a bar (bass + 3-note chord + melody). */
function twoChords(a: readonly number[], b: readonly number[], key: { tonic: 'C' | 'A'; mode: 'major' | 'minor' } = { tonic: 'C', mode: 'major' }) {
  const voice = (i: number): Line => [[a[i], 4], [b[i], 4]];
  return tinyScore([
    { role: 'melody', notes: line(voice(3)) },
    { role: 'harmony', notes: chords(voice(1), voice(2)) },
    { role: 'bass', notes: line(voice(0)) },
  ], { key });
}

describe('cadenceAt', () => {
  it.each([
    ['V–I authentic', [43, 59, 62, 67], [48, 60, 64, 72], 'authentic'],
    ['V7–I authentic', [43, 59, 65, 67], [48, 60, 64, 67], 'authentic'],
    ['I–V half', [48, 60, 64, 67], [43, 59, 62, 67], 'half'],
    ['IV–I plagal', [41, 60, 65, 69], [48, 60, 64, 67], 'plagal'],
    ['V–vi deceptive', [43, 59, 62, 67], [45, 60, 64, 69], 'deceptive'],
    ['ii–iii other', [50, 62, 65, 69], [52, 59, 64, 67], 'other'],
  ] as const)('%s', (_n, a, b, want) => {
    expect(cadenceAt(twoChords(a, b), 3840)).toBe(want);
  });
  it('V–VI deceptive in A minor', () => {
    expect(cadenceAt(twoChords([40, 56, 59, 64], [41, 57, 60, 65], { tonic: 'A', mode: 'minor' }), 3840)).toBe('deceptive');
  });
  it('silence before the phrase end is not classified', () => {
    const s = twoChords([43, 59, 62, 67], [48, 60, 64, 72]);
    expect(cadenceAt(s, 3840 + 1920 * 2)).toBeUndefined();
  });
});

describe('phraseEnds and cadences', () => {
  it('uses section ends (not the cue wrapper or an intro), else 4-bar groups', () => {
    const s = twoChords([43, 59, 62, 67], [48, 60, 64, 72]);
    expect(phraseEnds(s)).toEqual([3840]);
    s.sections = [{ name: 'cue', kind: 'cue', tick: 0, endTick: 3840 }, { name: 'A', kind: 'phrase', tick: 0, endTick: 1920 }, { name: 'B', kind: 'phrase', tick: 1920, endTick: 3840 }];
    expect(phraseEnds(s)).toEqual([1920, 3840]);
    expect(phraseEnds({ ...s, sections: [{ name: 'Intro', kind: 'intro', tick: 0, endTick: 1920 }, ...s.sections.slice(2)] })).toEqual([3840]);
    const r = cadences(s);
    expect(r.phraseEnds).toBe(2);
    expect(r.counts.authentic).toBe(1); // V–I at 3840
    expect(r.counts.half).toBe(1); // 1920: bar 1 ends on the G chord
    expect(r.shares.authentic).toBe(0.5);
  });
});
