/** A cue's direction in words → emotion and tempo nudges. */
import { describe, it, expect } from 'vitest';
import { readDirection } from './direction.js';

describe('readDirection', () => {
  it('reads the words it knows and says which', () => {
    const d = readDirection('Darker and slower, with more tension');
    expect(d.understood).toEqual(['darker', 'tension', 'slower']);
    expect(d.valence).toBeCloseTo(-0.3);
    expect(d.tension).toBeCloseTo(0.25);
    expect(d.tempo).toBeCloseTo(0.85);
  });
  it('flips a negated word and ignores what it does not know', () => {
    expect(readDirection('less tense').tension).toBeCloseTo(-0.25);
    expect(readDirection('like the sea at dawn').understood).toEqual([]);
  });
});
