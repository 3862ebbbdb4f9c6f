/**
 * purpose: the cue spec — what one cue of music must do. The same JSON the script planner emits, a game's
 * generative state uses, and a composer or game designer can write by hand. The minimal form
 * `{"duration": 60, "emotion": {"valence": -0.6, "arousal": 0.8, "tension": 0.7}, "style": "orchestral", "seed": 1}`
 * is accepted as is; everything else has a default or is derived from the emotion (cue/emotion-map.ts) when the
 * cue is resolved (cue/resolve.ts).
 *
 * @example
 * parseCueSpec({ duration: 60, emotion: { valence: -0.6, arousal: 0.8 } }).style // 'orchestral'
 */
import { z } from 'zod';
import { MODES, PITCH_CLASS_NAMES } from '../score/schema.js';
import { LeitmotifError, formatZodIssues } from '../util/errors.js';
import { LIMITS } from '../util/limits.js';
import { DIRECTED_LEADS, OrchestrationTasteSchema, directedLead } from './orchestration.js';

export const STYLES = ['orchestral', 'piano', 'ambient', 'chiptune', 'rock'] as const;
export type Style = (typeof STYLES)[number];

const unit = z.number().min(-1).max(1);
const positive = z.number().min(0).max(1);

/** A point on an emotion curve; `at` is the position in the cue, 0 = start, 1 = end. */
/**
 * Which trained style model a cue or a music graph uses: one file for melody, rhythm and harmony, or one per group.
 * A path, resolved by the edge that reads the spec (relative to the spec's file); the cue contract never opens it.
 * @example StyleModelRefSchema.parse({ harmony: 'models/my-chorales.lmstyle.json' })
 */
export const StyleModelRefSchema = z.union([
  z.string().min(1).max(4096),
  z.object({ melody: z.string().min(1).max(4096).optional(), harmony: z.string().min(1).max(4096).optional() }).strict(),
]);
export type StyleModelRef = z.infer<typeof StyleModelRefSchema>;

export const EmotionPointSchema = z.object({
  at: z.number().min(0).max(1),
  valence: unit,
  arousal: unit,
  tension: positive,
});
export type EmotionPoint = z.infer<typeof EmotionPointSchema>;

export const EmotionSchema = z.object({
  valence: unit,
  arousal: unit,
  tension: positive.default(0.3),
  /** Optional curve over the cue; when given it overrides the constant values point by point (linear in between). */
  curve: z.array(EmotionPointSchema).min(2).max(256).optional(),
});
export type Emotion = z.infer<typeof EmotionSchema>;

/** A motif as notes relative to a tonic: `degree` is a diatonic scale step (0 = tonic, 7 = octave), `beats` its length. */
export const MotifNoteSchema = z.object({
  degree: z.number().int().min(-21).max(28),
  /** Chromatic alteration in semitones (−1 flat, +1 sharp). */
  alter: z.number().int().min(-2).max(2).default(0),
  beats: z.number().positive().max(16),
  /** A rest instead of a note. */
  rest: z.boolean().default(false),
});
export type MotifNote = z.infer<typeof MotifNoteSchema>;

export const MOTIF_FORMS = ['original', 'mode-change', 'reharmonised', 'augmented', 'diminished', 'inverted', 'retrograde', 'sequence', 'fragment', 'register', 'reorchestrated'] as const;
export type MotifForm = (typeof MOTIF_FORMS)[number];

export const MotifRefSchema = z.object({
  id: z.string().min(1).max(100),
  name: z.string().max(200).optional(),
  notes: z.array(MotifNoteSchema).min(1).max(64),
  /** How the cue should present it; compose picks when absent. */
  forms: z.array(z.enum(MOTIF_FORMS)).optional(),
});
export type MotifRef = z.infer<typeof MotifRefSchema>;

export const CueHitSchema = z.object({
  /** Seconds from the start of the cue. */
  time: z.number().min(0),
  label: z.string().max(200).default('hit'),
  salience: positive.default(0.7),
});
export type CueHit = z.infer<typeof CueHitSchema>;

/** The hit-sync rule: how far the tempo may depart from the base tempo, and whether weak beats may catch a hit. */
export const HitSyncRuleSchema = z.object({
  maxDeviation: z.number().min(0).max(0.5).default(0.12),
  weakBeats: z.boolean().default(true),
});
export type HitSyncRule = z.infer<typeof HitSyncRuleSchema>;
/** The one default: ±12 % tempo, any beat as a last resort (a hit on an accented off-beat beats a missed one). */
export const DEFAULT_HIT_SYNC: HitSyncRule = { maxDeviation: 0.12, weakBeats: true };

const meterString = z.string().regex(/^\d{1,2}\/(1|2|4|8|16)$/, 'meter must look like "4/4" or "6/8"');

export const CueSpecSchema = z
  .object({
    id: z.string().max(100).optional(),
    title: z.string().max(300).optional(),
    /** Length in seconds (or give `bars`). */
    duration: z.number().positive().max(LIMITS.cueSeconds, { message: `beyond the longest cue Leitmotif composes (${LIMITS.cueSeconds} s)` }).optional(),
    bars: z.number().int().positive().max(2000).optional(),
    emotion: EmotionSchema,
    style: z.enum(STYLES).default('orchestral'),
    key: z.enum(PITCH_CLASS_NAMES).optional(),
    mode: z.enum(MODES).optional(),
    tempo: z.number().min(30).max(300).optional(),
    meter: meterString.optional(),
    motifs: z.array(MotifRefSchema).max(16).default([]),
    hits: z.array(CueHitSchema).max(500).default([]),
    /** Music enters under dialogue: keep the texture thin and out of the voice's register. */
    underDialogue: z.boolean().default(false),
    /** How hits may bend the tempo (absent: DEFAULT_HIT_SYNC, the planner's rule). */
    hitSync: HitSyncRuleSchema.optional(),
    /**
     * A director's orchestration request (what `--direction "low strings, no percussion"` sets): the lead colour
     * (a key of DIRECTED_LEADS for the style) and optional layers left out. It wins over the emotion's own lead
     * swap and over a listener's taste.
     */
    orchestration: OrchestrationTasteSchema.optional(),
    seed: z.number().int().min(0).max(0xffffffff).default(1),
    /** Style model file(s) from `leitmotif train` for this cue; read by the CLI relative to the spec file. */
    model: StyleModelRefSchema.optional(),
  })
  .refine((s) => s.duration !== undefined || s.bars !== undefined, { message: 'give the cue a length: "duration" (seconds) or "bars"' })
  .superRefine((s, ctx) => {
    const lead = s.orchestration?.lead;
    if (lead === undefined || directedLead(s.style, lead)) return;
    const known = Object.keys(DIRECTED_LEADS[s.style] ?? {});
    ctx.addIssue({
      code: 'custom',
      path: ['orchestration', 'lead'],
      message: known.length ? `no lead "${lead}" in the ${s.style} palette (one of: ${known.join(', ')})` : `the ${s.style} palette has one lead; leave orchestration.lead out`,
    });
  });
export type CueSpec = z.infer<typeof CueSpecSchema>;
export type CueSpecInput = z.input<typeof CueSpecSchema>;

export function parseCueSpec(json: unknown, source = 'cue spec'): CueSpec {
  const r = CueSpecSchema.safeParse(json);
  if (!r.success) throw new LeitmotifError('LM_ERR_SPEC_INVALID', `${source} is not a valid cue spec: ${formatZodIssues(r.error.issues)}`, {
    hint: 'minimal form: {"duration": 60, "emotion": {"valence": -0.6, "arousal": 0.8, "tension": 0.7}, "style": "orchestral", "seed": 1}',
  });
  return r.data;
}
