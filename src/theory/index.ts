/**
 * purpose: the one music-theory module — modes, keys and spelling, Roman numerals, chord types, metre, General
 * MIDI constants. A leaf: it imports nothing else of ours, so every stage (and the browser runtime) can use it.
 */
export { mod12, PITCH_CLASS_NAMES, SHARP_NAMES, FLAT_NAMES, LETTER_PC, pcOfName, pitchName, type PitchClassName } from './pitch.js';
export { MODES, MODE_TABLE, MODE_SCALES, getMode, isMinorMode, modeQuality, scalePcs, parentMajor, type Mode, type ModeInfo, type ModeQuality } from './modes.js';
export { pitchClassFifths, keyFifths, keyFromSmf, keySignature, fifthsDistance, spellTonic, keyName, type Key, type SpelledKey } from './keys.js';
export { spellPitch, spellingKey, spelledName, fifthsToPitchClass, type SpelledPitch, type SpellingKey } from './spelling.js';
export { CHORD_TYPES, CHORD_INTERVALS, triadQualityOf, type ChordType, type TriadQuality } from './chord.js';
export { parseRoman, realiseRoman, tonicNumeral, type RomanChord } from './roman.js';
export { romanName, isDiatonic, isChromaticRoman, labelChord } from './roman-name.js';
export { isCompound, barBeats, beatLength, meterKey, meterInfo, metricalWeight, type Meter, type MeterInfo } from './meter.js';
export { DRUM_CHANNEL, isDrumPart, GM_PROGRAM_NAMES, gmProgramName, GM_FAMILIES, GM_DRUM_NAMES, GM_DRUMS } from './gm.js';
export { programRange, isSustainingProgram, type MidiRange } from './instruments.js';
