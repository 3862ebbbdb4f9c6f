/**
 * purpose: the Score model every stage speaks, as a zod schema (the JSON form) plus its TypeScript types.
 * Time inside a Score is integer ticks at 480 PPQ; seconds exist only through the tempo map (tempo-map.ts).
 */
import { z } from 'zod';
import { MODES, PITCH_CLASS_NAMES } from '../theory/index.js';
import { LIMITS } from '../util/limits.js';
import { MAX_NOTE_TICKS, MAX_SCORE_TICKS, PPQ, SCORE_VERSION, SECTION_KINDS, TRACK_ROLES } from './units.js';

// The units and vocabularies live in units.ts (no zod), so code that only needs PPQ or a role list — the
// renderer's start-up among it — does not load the schema library.
export * from './units.js';

const tick = z
  .number()
  .int()
  .min(0)
  .max(MAX_SCORE_TICKS, { message: `beyond the longest score Leitmotif reads (${LIMITS.scoreQuarters} quarter notes = ${MAX_SCORE_TICKS} ticks)` });
const midi7 = z.number().int().min(0).max(127);


export const NoteSchema = z.object({
  tick,
  duration: z
    .number()
    .int()
    .min(1)
    .max(MAX_NOTE_TICKS, { message: `longer than the longest note Leitmotif reads (${LIMITS.noteQuarters} quarter notes = ${MAX_NOTE_TICKS} ticks)` }),
  pitch: midi7,
  velocity: z.number().int().min(1).max(127),
});
export type Note = z.infer<typeof NoteSchema>;

/** A controller value at a tick (CC7 volume, CC11 expression, CC64 sustain, or any 0–127 controller). */
export const ControllerPointSchema = z.object({
  tick,
  controller: midi7,
  value: midi7,
});
export type ControllerPoint = z.infer<typeof ControllerPointSchema>;

export const TrackSchema = z.object({
  name: z.string().min(1).max(200),
  role: z.enum(TRACK_ROLES),
  program: midi7,
  /** 0-based MIDI channel; 9 is GM percussion. */
  channel: z.number().int().min(0).max(15),
  /** CC7 initial value. */
  volume: midi7.default(100),
  /** -1 (left) … 1 (right). */
  pan: z.number().min(-1).max(1).default(0),
  notes: z.array(NoteSchema),
  controllers: z.array(ControllerPointSchema).default([]),
});
export type Track = z.infer<typeof TrackSchema>;

/**
 * A tempo change at `tick`. With `ramp: 'linear'` the tempo moves linearly (per beat) from this bpm to the
 * next event's bpm; otherwise it holds until the next event. The last event never ramps.
 */
export const TempoEventSchema = z.object({
  tick,
  bpm: z.number().min(5).max(1000),
  ramp: z.enum(['step', 'linear']).default('step'),
});
export type TempoEvent = z.infer<typeof TempoEventSchema>;

export const MeterEventSchema = z.object({
  tick,
  numerator: z.number().int().min(1).max(32),
  denominator: z.union([z.literal(1), z.literal(2), z.literal(4), z.literal(8), z.literal(16), z.literal(32)]),
});
export type MeterEvent = z.infer<typeof MeterEventSchema>;

// Pitch-class names, modes and their scales live in src/theory (one table); re-exported for the schema's users.
export { PITCH_CLASS_NAMES, MODES, MODE_SCALES, type Mode } from '../theory/index.js';

export const KeyEventSchema = z.object({
  tick,
  /** Tonic spelled as in the key (e.g. "F#", "Bb"); spelling drives MusicXML pitch names. */
  tonic: z.enum(PITCH_CLASS_NAMES),
  mode: z.enum(MODES),
});
export type KeyEvent = z.infer<typeof KeyEventSchema>;

export const SectionSchema = z.object({
  name: z.string().min(1).max(200),
  kind: z.enum(SECTION_KINDS).default('section'),
  tick,
  endTick: tick,
});
export type Section = z.infer<typeof SectionSchema>;

export const MarkerSchema = z.object({
  tick,
  text: z.string().max(500),
  kind: z.enum(['marker', 'cue', 'hit', 'sync']).default('marker'),
});
export type Marker = z.infer<typeof MarkerSchema>;

/** A moment the music must land on; `seconds` is the target time the tempo map was solved for, if any. */
export const HitPointSchema = z.object({
  tick,
  label: z.string().max(500),
  seconds: z.number().min(0).optional(),
  salience: z.number().min(0).max(1).optional(),
});
export type HitPoint = z.infer<typeof HitPointSchema>;

export const ScoreSchema = z.object({
  version: z.literal(SCORE_VERSION).default(SCORE_VERSION),
  ppq: z.literal(PPQ).default(PPQ),
  title: z.string().max(500).default('Untitled'),
  tempo: z.array(TempoEventSchema).min(1),
  meters: z.array(MeterEventSchema).min(1),
  keys: z.array(KeyEventSchema).default([]),
  tracks: z.array(TrackSchema),
  sections: z.array(SectionSchema).default([]),
  markers: z.array(MarkerSchema).default([]),
  hits: z.array(HitPointSchema).default([]),
  /** End of the piece; no note may sound past it. */
  endTick: tick,
  /** Free-form provenance (seed, spec hash, model ids). */
  meta: z.record(z.string(), z.unknown()).default({}),
});
export type Score = z.infer<typeof ScoreSchema>;
export type ScoreInput = z.input<typeof ScoreSchema>;
