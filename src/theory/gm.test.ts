import { describe, expect, it } from 'vitest';
import { DRUM_CHANNEL, GM_DRUMS, GM_DRUM_NAMES, GM_FAMILIES, GM_PROGRAM_NAMES, gmProgramName } from './gm.js';

describe('General MIDI', () => {
  it('programs, families, drums', () => {
    expect(GM_PROGRAM_NAMES.length).toBe(128);
    expect([0, 40, 48, 56, 73, 127].map(gmProgramName)).toEqual(['Acoustic Grand Piano', 'Violin', 'String Ensemble 1', 'Trumpet', 'Flute', 'Gunshot']);
    expect(gmProgramName(-1)).toBe('Program -1');
    expect(GM_FAMILIES.length).toBe(16);
    expect([0, 40, 48, 56, 73, 127].map((p) => GM_FAMILIES[p >> 3])).toEqual(['Piano', 'Strings', 'Ensemble', 'Brass', 'Pipe', 'SFX']);
    expect(DRUM_CHANNEL).toBe(9);
    expect(Object.keys(GM_DRUM_NAMES).map(Number)).toEqual(Array.from({ length: 47 }, (_, i) => 35 + i));
    for (const [piece, key] of Object.entries(GM_DRUMS)) expect(GM_DRUM_NAMES[key], piece).toBeDefined();
    expect([GM_DRUMS.kick, GM_DRUMS.snare, GM_DRUMS.closedHat, GM_DRUMS.crash].map((k) => GM_DRUM_NAMES[k])).toEqual(['Bass Drum 1', 'Acoustic Snare', 'Closed Hi-Hat', 'Crash Cymbal 1']);
  });
});
