/** Motif import: typed notes and MIDI files become spec motifs (degrees from the motif's own tonic). */
import { describe, it, expect } from 'vitest';
import { motifFromText, motifFromMidi, degreeOf } from './motif-import.js';
import { scoreToMidi } from '../render/midi/index.js';
import { parseScore } from '../score/index.js';
import { isLeitmotifError } from '../util/errors.js';

describe('motif import', () => {
  it('reads typed notes with octaves, lengths and rests', () => {
    const m = motifFromText('C4 E4/0.5 G4/0.5 r C5/2');
    expect(m.pitches).toEqual([60, 64, 67, 72]);
    expect(m.tonic).toBe(0);
    expect(m.mode).toBe('major');
    expect(m.notes).toEqual([
      { degree: 0, alter: 0, beats: 1, rest: false }, { degree: 2, alter: 0, beats: 0.5, rest: false }, { degree: 4, alter: 0, beats: 0.5, rest: false },
      { degree: 0, alter: 0, beats: 1, rest: true }, { degree: 7, alter: 0, beats: 2, rest: false },
    ]);
  });

  it('spells chromatic notes as altered degrees', () => {
    expect(degreeOf(61, 60, 'major')).toEqual({ degree: 0, alter: 1 });
    expect(degreeOf(58, 60, 'major')).toEqual({ degree: -2, alter: 1 });
  });

  it('takes the melody track of a MIDI file, with its key signature', () => {
    const score = parseScore({ tempo: [{ tick: 0, bpm: 90 }], meters: [{ tick: 0, numerator: 4, denominator: 4 }], keys: [{ tick: 0, tonic: 'A', mode: 'minor' }], endTick: 1920 * 2, tracks: [
      { name: 'Pad', role: 'pad', program: 89, channel: 1, notes: [0, 480, 960, 1440, 1920, 2400].flatMap((tick) => [57, 60, 64].map((pitch) => ({ tick, duration: 480, pitch, velocity: 60 }))) },
      { name: 'Tune', role: 'melody', program: 73, channel: 0, notes: [69, 71, 72, 76].map((pitch, i) => ({ tick: i * 480, duration: 480, pitch, velocity: 90 })) },
    ] });
    const m = motifFromMidi(scoreToMidi(score));
    expect(m.pitches).toEqual([69, 71, 72, 76]);
    expect(m.tonic).toBe(9);
    expect(m.notes.map((n) => n.degree)).toEqual([0, 1, 2, 4]);
  });

  it('refuses what is not a motif with a clear error', () => {
    for (const bad of ['', 'H4', 'C4/99', Array(70).fill('C4').join(' ')]) {
      try {
        motifFromText(bad);
        expect.unreachable(bad);
      } catch (e) {
        expect(isLeitmotifError(e), bad).toBe(true);
      }
    }
    expect(() => motifFromMidi(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]))).toThrow();
  });
});
