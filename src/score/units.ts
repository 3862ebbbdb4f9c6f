/**
 * purpose: the Score's units, limits and vocabularies (PPQ, the longest score and note in ticks, track roles,
 * section kinds) without the zod schema, so a module that needs only these facts — the MIDI renderer among
 * them — starts without loading zod (~100 ms). schema.ts re-exports everything here.
 *
 * @example
 * import { PPQ } from './units.js'; // 480 ticks per quarter note
 */
import { LIMITS } from '../util/limits.js';

export const PPQ = 480;
export const SCORE_VERSION = 1;

/** Units in names (see STYLE.md): a tick count, a BPM, a MIDI number. */
export type Ticks = number;
export type Seconds = number;
export type BPM = number;
export type MidiPitch = number;

/** Longest Score in ticks and longest note (LIMITS, README "Limits"). */
export const MAX_SCORE_TICKS = LIMITS.scoreQuarters * PPQ;
export const MAX_NOTE_TICKS = LIMITS.noteQuarters * PPQ;

export const TRACK_ROLES = ['melody', 'counter', 'harmony', 'pad', 'bass', 'percussion', 'ostinato', 'fx', 'other'] as const;
export type TrackRole = (typeof TRACK_ROLES)[number];

export const SECTION_KINDS = ['cue', 'intro', 'phrase', 'climax', 'bridge', 'outro', 'tail', 'transition', 'loop', 'section'] as const;
