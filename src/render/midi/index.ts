export { scoreToMidi, panToCc, ccToPan, annotationMarkers, trackSetupTicks, MARKER_PREFIX, type ScoreToMidiOptions, type TrackSetup } from './score-to-midi.js';
export { midiToScore, fixMeters, type MidiToScoreOptions } from './midi-to-score.js';
export { readMidiFile, writeMidiFile } from './file-io.js';
export { decodeSmf, encodeSmf, META, type SmfEvent, type SmfFile } from './smf.js';
export { tempoToSmf, RAMP_STEP_TICKS, type SmfTempo } from './tempo-steps.js';
export { keyFifths, keyFromSmf, pitchClassFifths, GM_PROGRAM_NAMES, gmProgramName } from '../../theory/index.js';
