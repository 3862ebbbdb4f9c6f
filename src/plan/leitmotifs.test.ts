/** purpose: a character's theme is chosen so its leading tones resolve (it is restated in every cue of the character). */
import { describe, expect, it } from 'vitest';
import { hangingLeadingTones } from './leitmotifs.js';

const line = (...pitches: number[]) => pitches.map((pitch) => ({ pitch }));

describe('hangingLeadingTones', () => {
  it.each([
    ['B up to C resolves', line(67, 71, 72), 0],
    ['B falling to G hangs', line(72, 71, 67), 1],
    ['a repeated B is judged at its last stroke', line(71, 71, 72), 0],
    ['B leaping up a third hangs', line(71, 74), 1],
    ['a B at the very end is not judged (the motif ends on a tonic-triad tone anyway)', line(72, 71), 0],
    ['the upper octave counts too', line(83, 84, 83, 79), 1],
  ])('%s', (_name, notes, want) => {
    expect(hangingLeadingTones(notes)).toBe(want);
  });
});
