/**
 * purpose: the cue sheet — the spotting list a music editor reads and edits, and the input `leitmotif compose
 * <cuesheet.json> --cue 1m2` renders one cue from. Each cue carries its in/out points (seconds and timecode),
 * the scenes it covers, its hits (caught or not, and why), the motifs it states and in which forms, and the
 * compose-ready `spec` plus the solved `tempoMap` and `previous` key so any cue re-renders identically alone.
 *
 * Editing: change a cue's `spec` (emotion, style, key, tempo…) or delete/insert hits and re-run
 * `leitmotif compose cuesheet.json --cue 1m2`; `start`/`end` are screen seconds, `startTC`/`endTC` are derived
 * (informational) at `fps`.
 */
import { z } from 'zod';
import { CueSpecSchema, MotifNoteSchema, MOTIF_FORMS, STYLES } from '../cue/spec.js';
import { TempoEventSchema, MODES } from '../score/schema.js';
import { HIT_KINDS } from '../affect/types.js';
import { LeitmotifError, formatZodIssues } from '../util/errors.js';

export const CUE_SHEET_VERSION = 1;

const affect = z.object({ valence: z.number().min(-1).max(1), arousal: z.number().min(-1).max(1), tension: z.number().min(0).max(1) });

export const CueSheetHitSchema = z.object({
  label: z.string().max(500),
  /** Screen time, seconds from the start of the script. */
  time: z.number().min(0),
  /** Seconds from the start of the cue (what the spec's hits use). */
  cueTime: z.number().min(0),
  timecode: z.string(),
  kind: z.enum(HIT_KINDS).default('other'),
  salience: z.number().min(0).max(1),
  scene: z.number().int().min(0).optional(),
  caught: z.boolean(),
  /** Where it lands in the cue (0-based bar/beat, ticks at 480 PPQ from the cue start); absent when not caught. */
  tick: z.number().int().min(0).optional(),
  bar: z.number().int().min(0).optional(),
  beat: z.number().min(0).optional(),
  /** Measured landing error through the solved tempo map, milliseconds. */
  errorMs: z.number().optional(),
  /** Why a hit was not caught (or was left out of the cue). */
  reason: z.string().max(500).optional(),
});
export type CueSheetHit = z.infer<typeof CueSheetHitSchema>;

export const CueMotifUseSchema = z.object({
  id: z.string(),
  character: z.string(),
  /** Forms the plan asked for (from the scene's emotion). */
  forms: z.array(z.enum(MOTIF_FORMS)),
  /** Bars (1-based, within the cue, as compose reports them) where it is stated; filled after composing. */
  bars: z.array(z.number().int().min(0)).default([]),
  /** What compose actually played: each statement's bar and form. */
  statements: z.array(z.object({ bar: z.number().int().min(0), form: z.string() })).default([]),
});
export type CueMotifUse = z.infer<typeof CueMotifUseSchema>;

export const TRANSITION_IN = ['cold', 'segue-pivot', 'segue-common-tone', 'after-silence'] as const;
export const TRANSITION_OUT = ['tail', 'segue', 'button'] as const;

export const CueSchema = z.object({
  /** Film convention: reel + "m" + number within the reel (1m1, 1m2, 2m1…). */
  id: z.string().regex(/^\d+m\d+$/, 'cue ids look like 1m1, 2m3'),
  reel: z.number().int().min(1),
  number: z.number().int().min(1),
  title: z.string().max(300),
  /** One line of musical direction for the music editor (plan/cue-description.ts); informational. */
  description: z.string().max(600).optional(),
  start: z.number().min(0),
  end: z.number().min(0),
  startTC: z.string(),
  endTC: z.string(),
  /** Script indices (0-based) of the scenes the cue covers. */
  scenes: z.array(z.number().int().min(0)),
  /** The same scenes as the tables print them (script/scene-label.ts: the number as written, else the position). */
  sceneNumbers: z.array(z.string()).optional(),
  /** Mean affect over the cue (the spec carries the curve). */
  affect,
  underDialogue: z.boolean(),
  dialogueRatio: z.number().min(0).max(1),
  /** How the cue enters and leaves, and how its key relates to the previous cue's. */
  transition: z.object({
    in: z.enum(TRANSITION_IN),
    out: z.enum(TRANSITION_OUT),
    keyRelation: z.string(),
    /** Seconds the cue rings over the cut into a following dry scene. */
    tail: z.number().min(0).default(0),
  }),
  spec: CueSpecSchema,
  /** Solved tempo map (ticks from the cue start) that lands the caught hits — a record: composing re-solves from `spec`. */
  tempoMap: z.array(TempoEventSchema).min(1),
  /** Key the previous cue ended in, for a smooth join (composeCue's `previous`). */
  previous: z.object({ tonic: z.number().int().min(0).max(11), mode: z.enum(MODES), lastChord: z.string().optional() }).optional(),
  hits: z.array(CueSheetHitSchema),
  motifs: z.array(CueMotifUseSchema),
  /** Filled after composing: what compose actually made. */
  composed: z
    .object({
      key: z.string(),
      mode: z.enum(MODES),
      tempo: z.number(),
      meter: z.string(),
      bars: z.number().int().min(0),
      instruments: z.array(z.string()),
      longestCopiedRun: z.number().min(0),
      form: z.array(z.string()),
    })
    .optional(),
  notes: z.array(z.string()).default([]),
});
export type Cue = z.infer<typeof CueSchema>;

export const CueSheetMotifSchema = z.object({
  id: z.string(),
  name: z.string().optional(),
  character: z.string(),
  notes: z.array(MotifNoteSchema).min(1),
  bars: z.number().int().min(1),
  model: z.string(),
  longestCopiedRun: z.number().min(0),
  /** Every cue that states it, with the forms. */
  appearances: z.array(
    z.object({
      cue: z.string(),
      forms: z.array(z.enum(MOTIF_FORMS)),
      bars: z.array(z.number().int().min(0)).default([]),
      statements: z.array(z.object({ bar: z.number().int().min(0), form: z.string() })).default([]),
    }),
  ),
});
export type CueSheetMotif = z.infer<typeof CueSheetMotifSchema>;

export const CueSheetSchema = z.object({
  version: z.literal(CUE_SHEET_VERSION).default(CUE_SHEET_VERSION),
  title: z.string(),
  /** Frame rate of the timecodes (non-drop-frame). */
  fps: z.number(),
  /** Reel length used to number cues, seconds (about 20 minutes). */
  reelSeconds: z.number().positive(),
  /** Screen time of the whole script, seconds. */
  duration: z.number().min(0),
  seed: z.number().int().min(0),
  style: z.enum(STYLES),
  /** How the hit-point tempo maps were solved (see plan/hit-sync.ts). */
  hitSync: z.object({ maxDeviation: z.number().min(0).max(0.5), weakBeats: z.boolean() }).default({ maxDeviation: 0.12, weakBeats: true }),
  /** Arc source: the offline analyzer or an LLM director. */
  director: z.string(),
  cues: z.array(CueSchema),
  motifs: z.array(CueSheetMotifSchema),
  /** Scenes left without music, with the reason. */
  dryScenes: z.array(z.object({ scene: z.number().int().min(0), number: z.string().optional(), heading: z.string(), why: z.string() })),
  notes: z.array(z.string()).default([]),
});
export type CueSheet = z.infer<typeof CueSheetSchema>;
export type CueSheetInput = z.input<typeof CueSheetSchema>;

export function parseCueSheet(json: unknown, source = 'cue sheet'): CueSheet {
  const r = CueSheetSchema.safeParse(json);
  if (!r.success) {
    throw new LeitmotifError('LM_ERR_INPUT_INVALID', `${source} is not a valid Leitmotif cue sheet: ${formatZodIssues(r.error.issues)}`, {
      hint: 'a cue sheet is the cuesheet.json `leitmotif score` writes; edit its cues[].spec and keep the ids like 1m1',
    });
  }
  const ids = new Set<string>();
  for (const c of r.data.cues) {
    if (ids.has(c.id)) throw new LeitmotifError('LM_ERR_INPUT_INVALID', `${source}: cue id ${c.id} appears twice`, { hint: 'give every cue its own id (1m1, 1m2…)' });
    ids.add(c.id);
    if (c.end <= c.start) throw new LeitmotifError('LM_ERR_INPUT_INVALID', `${source}: cue ${c.id} ends (${c.end}) before it starts (${c.start})`);
  }
  return r.data;
}

/** Find a cue by id with a helpful error listing the ids there are. */
export function findCue(sheet: CueSheet, id: string): Cue {
  const c = sheet.cues.find((x) => x.id === id);
  if (!c) throw new LeitmotifError('LM_ERR_BAD_OPTION', `no cue ${id} in the cue sheet`, { hint: `cues: ${sheet.cues.map((x) => x.id).join(', ') || '(none)'}` });
  return c;
}
