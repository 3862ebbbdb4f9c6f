/** purpose: read and write .mid files at the edge (size-limited reads, atomic writes). */
import { readInputFile } from '../../io/read-input.js';
import { LIMITS } from '../../util/limits.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import type { Score } from '../../score/index.js';
import { midiToScore, type MidiToScoreOptions } from './midi-to-score.js';
import { scoreToMidi, type ScoreToMidiOptions } from './score-to-midi.js';

/** MIDI files beyond this are not music a person wrote (the largest piano-roll archives stay under 5 MB). */
const MAX_MIDI_BYTES = LIMITS.midiBytes;

export function readMidiFile(path: string, opts: MidiToScoreOptions = {}): Score {
  const bytes = readInputFile(path, { maxBytes: MAX_MIDI_BYTES, what: 'MIDI file' });
  return midiToScore(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), opts);
}

export function writeMidiFile(path: string, score: Score, opts: ScoreToMidiOptions = {}): void {
  writeFileAtomic(path, scoreToMidi(score, opts));
}
