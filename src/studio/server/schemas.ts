/**
 * purpose: the studio API's request bodies as zod schemas — one place that validates every request (a bad
 * body is a 400 with the reason, never a 500) and that the OpenAPI document is generated from.
 */
import { z } from 'zod';
import { STYLES, CueHitSchema } from '../../cue/spec.js';
import { MODES, PITCH_CLASS_NAMES, NoteSchema } from '../../score/schema.js';

/** Largest screenplay accepted (≈ 400 pages of Fountain is well under 2 MB). */
export const MAX_SCRIPT_CHARS = 2_000_000;
/** Largest MIDI motif upload (base64 inside JSON). */
export const MAX_MIDI_BYTES = 512 * 1024;
/** Body limit of every request; uploads are the largest. */
export const BODY_LIMIT = 3 * 1024 * 1024;

const affect = z.object({ valence: z.number().min(-1).max(1), arousal: z.number().min(-1).max(1), tension: z.number().min(0).max(1) });
const seed = z.number().int().min(0).max(0xffffffff);
const cueId = z.string().regex(/^\d+m\d+$/, 'cue ids look like 1m1');

export const CreateProjectBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    script: z.string().max(MAX_SCRIPT_CHARS, `a screenplay may hold at most ${MAX_SCRIPT_CHARS} characters`).optional(),
    format: z.enum(['fountain', 'fdx', 'plain']).optional(),
    blank: z.object({ duration: z.number().min(5).max(600).default(60), emotion: affect.default({ valence: 0, arousal: 0, tension: 0.3 }), title: z.string().max(300).optional() }).optional(),
    style: z.enum(STYLES).default('orchestral'),
    seed: seed.default(1),
  })
  .strict()
  .refine((b) => (b.script !== undefined) !== (b.blank !== undefined), { message: 'give either "script" (screenplay text) or "blank" (a single cue)' });

export const LockSchema = z.object({
  bars: z.tuple([z.number().int().min(1), z.number().int().min(1)]).optional(),
  tracks: z.array(z.string().min(1).max(200)).max(32).optional(),
}).strict();

/** What a cue's spec may be changed to (the rest is the planner's). */
export const SpecPatch = z.object({
  emotion: affect.optional(),
  style: z.enum(STYLES).optional(),
  key: z.enum(PITCH_CLASS_NAMES).optional(),
  mode: z.enum(MODES).optional(),
  tempo: z.number().min(30).max(300).optional(),
  meter: z.string().regex(/^\d{1,2}\/(1|2|4|8|16)$/, 'meter must look like "4/4" or "6/8"').optional(),
  hits: z.array(CueHitSchema).max(500).optional(),
}).strict();

export const ComposeBody = z.object({
  seed: seed.optional(),
  lock: LockSchema.optional(),
  spec: SpecPatch.optional(),
  /** The take the lock keeps material from (default: the cue's selected take). */
  from: z.number().int().min(1).optional(),
}).strict();

export const CuePatchBody = SpecPatch.extend({
  direction: z.string().max(500).optional(),
  /** Cue boundaries in screen seconds. */
  start: z.number().min(0).optional(),
  end: z.number().min(0).optional(),
}).strict();

const trackName = z.string().min(1).max(200);
export const NoteEdit = z.discriminatedUnion('op', [
  z.object({ op: z.literal('add'), track: trackName, note: NoteSchema }).strict(),
  z.object({ op: z.literal('delete'), track: trackName, tick: z.number().int().min(0), pitch: z.number().int().min(0).max(127) }).strict(),
  z.object({ op: z.literal('move'), track: trackName, tick: z.number().int().min(0), pitch: z.number().int().min(0).max(127), to: NoteSchema.partial() }).strict(),
]);
export const NoteEditsBody = z.object({ edits: z.array(NoteEdit).min(1).max(500) }).strict();

export const MotifBody = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    midiBase64: z.string().max(Math.ceil((MAX_MIDI_BYTES * 4) / 3) + 4, `a motif MIDI file may be at most ${MAX_MIDI_BYTES / 1024} KB`).optional(),
    text: z.string().max(2000).optional(),
    target: z.union([z.object({ character: z.string().min(1).max(200) }).strict(), z.object({ cue: cueId }).strict()]),
  })
  .strict()
  .refine((b) => (b.midiBase64 !== undefined) !== (b.text !== undefined), { message: 'give either "midiBase64" (a MIDI file) or "text" (typed notes)' });

export const PickBody = z.object({ winner: z.number().int().min(1), loser: z.number().int().min(1) }).strict().refine((b) => b.winner !== b.loser, { message: 'pick between two different takes' });
export const RateBody = z.object({ rating: z.number().int().min(1).max(5) }).strict();
export const RenderBody = z.object({ cues: z.array(cueId).max(500).optional(), stems: z.boolean().default(true) }).strict();

export const ProjectParams = z.object({ id: z.string().regex(/^[a-z0-9]{6,32}$/, 'not a project id') });
export const CueParams = ProjectParams.extend({ cue: cueId });
export const TakeParams = CueParams.extend({ take: z.coerce.number().int().min(1) });
