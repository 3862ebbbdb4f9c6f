import { describe, it, expect } from 'vitest';
import { stemNames, safeFileStem } from './stem-names.js';
import { guessRole } from './events.js';

describe('stem names', () => {
  const chans = [
    { channel: 0, program: 73, tracks: [{ name: 'Flute 1', role: 'melody' as const }] },
    { channel: 1, program: 40, tracks: [{ name: 'Violins I/II', role: 'melody' as const }] },
    { channel: 2, program: 48, tracks: [{ name: 'Strings', role: 'pad' as const }, { name: 'Choir', role: 'harmony' as const }] },
    { channel: 9, program: 0, tracks: [] },
  ];
  it('by role: unique and file-safe', () => {
    expect(stemNames(chans, 'role')).toEqual(['melody', 'melody-2', 'pad+harmony', 'channel-10']);
  });
  it('by track: names sanitised', () => {
    expect(stemNames(chans, 'track')).toEqual(['flute-1', 'violins-i-ii', 'strings+choir', 'channel-10']);
  });
  it('keeps the name fx free for the shared effects return when asked', () => {
    const ch = (channel: number, name: string) => ({ channel, program: 0, tracks: [{ name, role: 'pad' as const }] });
    expect(stemNames([ch(0, 'FX'), ch(1, 'fx')], 'track', true)).toEqual(['fx-2', 'fx-3']);
    expect(stemNames([ch(0, 'FX')], 'track')).toEqual(['fx']);
  });
  it('sanitises hostile names', () => {
    expect(safeFileStem('../../etc/passwd')).toBe('etc-passwd');
    expect(safeFileStem('Éclair à la crème')).toBe('eclair-a-la-creme');
    expect(safeFileStem('***')).toBe('stem');
  });
  it('guesses GM roles from program families', () => {
    expect(guessRole(0, 9)).toBe('percussion');
    expect(guessRole(33, 1)).toBe('bass');
    expect(guessRole(89, 0)).toBe('pad');
    expect(guessRole(73, 0)).toBe('melody');
    expect(guessRole(45, 0)).toBe('ostinato');
  });
});

describe('stem names by instrument', () => {
  it('names the instrument, adds the role only where one repeats', () => {
    const ch = (channel: number, tracks: Array<{ name: string; role: 'melody' | 'counter' | 'harmony' | 'other' }>) => ({ channel, program: 0, tracks });
    const names = stemNames([
      ch(0, [{ name: 'Horns & Trumpet', role: 'melody' }, { name: 'Horns', role: 'counter' }]),
      ch(1, [{ name: 'Strings', role: 'harmony' }]),
      ch(5, [{ name: 'Timpani', role: 'other' }]),
      ch(7, [{ name: 'Harp', role: 'harmony' }]),
      ch(8, [{ name: 'Strings', role: 'melody' }]),
    ], 'instrument', true);
    expect(names).toEqual(['horns-trumpet+horns', 'strings.harmony', 'timpani', 'harp', 'strings.melody']);
  });
});
