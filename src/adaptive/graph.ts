/**
 * purpose: the music graph — the JSON a game audio designer writes, in FMOD/Wwise words.
 *
 *   parameters  RTPCs with a range, a default and one-pole smoothing (seconds)
 *   states      each either `segments` (pre-composed Scores with `sync` markers) or `generative`
 *               (style + emotion + palette, composed bar by bar by compose/'s BarComposer)
 *   layers      per state: parts (by role or name) gated by a parameter with hysteresis (vertical re-orchestration)
 *   transitions from → to with a sync point, fade curves, an optional transition segment and tempo ramp
 *   stingers    short motifs (scale degrees relative to the current chord root), quantized, with a cooldown
 *   triggers    parameter conditions that request a state (danger > 0.7 ⇒ combat)
 *   events      game events mapped to states / stingers / parameter sets
 *
 * Isomorphic: zod only. Segment files (`file`) are resolved by the Node adapter before an engine is built.
 */
import { z } from 'zod';
import { ScoreSchema, TRACK_ROLES, MODES, PITCH_CLASS_NAMES, type Score } from '../score/schema.js';
import { STYLES, StyleModelRefSchema } from '../cue/spec.js';
import { LeitmotifError, formatZodIssues } from '../util/errors.js';

/** Where a change may sound: now, on the next beat, next barline, next sync marker, or at the end of the segment/phrase. */
export const SYNC_RULES = ['immediate', 'beat', 'bar', 'marker', 'end'] as const;
export type SyncRule = (typeof SYNC_RULES)[number];

export const FADE_CURVES = ['linear', 'equal-power', 's-curve'] as const;
export type FadeCurve = (typeof FADE_CURVES)[number];

const name = z.string().min(1).max(100);
const unit = z.number().min(-1).max(1);
const pos = z.number().min(0).max(1);

export const ParameterSchema = z
  .object({
    min: z.number().default(0),
    max: z.number().default(1),
    default: z.number().optional(),
    /** One-pole time constant in seconds (0 = follow immediately). */
    smoothing: z.number().min(0).max(60).default(0.5),
  })
  .refine((p) => p.max > p.min, { message: 'max must be greater than min' });
export type Parameter = z.infer<typeof ParameterSchema>;

export const PartMatchSchema = z.object({
  roles: z.array(z.enum(TRACK_ROLES)).default([]),
  /** Part/track names (case-insensitive substring). */
  names: z.array(z.string().min(1).max(100)).default([]),
});

export const LayerSchema = z.object({
  name,
  parts: PartMatchSchema,
  param: name,
  /** 'above': the layer plays when the parameter rises past the threshold; 'below': while it stays under it. */
  when: z.enum(['above', 'below']).default('above'),
  threshold: z.number(),
  /** Width of the dead band around the threshold (in parameter units) so a hovering value does not flap the layer. */
  hysteresis: z.number().min(0).default(0.1),
  /** 'mute' fades the parts out; 'thin' keeps only the top note of each chord (strings thinning out). */
  mode: z.enum(['mute', 'thin']).default('mute'),
  fadeBeats: z.number().min(0).max(64).default(2),
});
export type Layer = z.infer<typeof LayerSchema>;

export const EmotionModSchema = z.object({
  param: name,
  valence: z.number().min(-2).max(2).default(0),
  arousal: z.number().min(-2).max(2).default(0),
  tension: z.number().min(-2).max(2).default(0),
});

export const GenerativeSchema = z.object({
  style: z.enum(STYLES).default('orchestral'),
  emotion: z.object({ valence: unit, arousal: unit, tension: pos.default(0.3) }),
  /** Emotion offsets scaled by a parameter's position in its range (0..1). */
  modulate: z.array(EmotionModSchema).default([]),
  /** GM program per role, overriding the composer's choice (the state's palette). */
  palette: z.partialRecord(z.enum(TRACK_ROLES), z.number().int().min(0).max(127)).default({}),
  key: z.enum(PITCH_CLASS_NAMES).optional(),
  mode: z.enum(MODES).optional(),
  tempo: z.number().min(30).max(300).optional(),
  /** Bars per phrase: generative "marker" sync points fall on phrase starts. */
  phraseBars: z.number().int().min(1).max(64).default(4),
  /** Bars per generative "segment": the "end" sync point. */
  segmentBars: z.number().int().min(1).max(256).default(8),
});
export type Generative = z.infer<typeof GenerativeSchema>;

export const StateSchema = z
  .object({
    /** Names of entries in `segments`, played in order (or shuffled) and looped. */
    segments: z.array(name).min(1).optional(),
    order: z.enum(['sequential', 'shuffle']).default('sequential'),
    generative: GenerativeSchema.optional(),
    layers: z.array(LayerSchema).default([]),
    /** Segment states only: after one pass through the segments, move to this state (a victory jingle back to explore). */
    then: name.optional(),
    /** Velocity scale for the state's parts (0..2). */
    gain: z.number().min(0).max(2).default(1),
  })
  .refine((s) => (s.segments ? 1 : 0) + (s.generative ? 1 : 0) === 1, { message: 'a state needs exactly one of "segments" or "generative"' });
export type State = z.infer<typeof StateSchema>;

export const SegmentSourceSchema = z.union([
  z.object({ score: ScoreSchema }),
  z.object({ file: z.string().min(1).max(1000) }),
]);

export const TransitionSchema = z.object({
  from: z.string().min(1).max(100).default('*'),
  to: z.string().min(1).max(100).default('*'),
  sync: z.enum(SYNC_RULES).default('bar'),
  /** Old state fades out over this many beats after the sync point (0 = cut). */
  fadeOutBeats: z.number().min(0).max(64).default(0),
  fadeInBeats: z.number().min(0).max(64).default(0),
  curve: z.enum(FADE_CURVES).default('equal-power'),
  /**
   * Beats the old state's last sounding notes ring out after the sync point when its fade is shorter: the
   * notes sounding (or held to the barline) at the change are sustained and released over the tail instead
   * of being cut or followed by new material. Default one bar; 0 = a hard cut. A `sync: immediate` change
   * with no fade is a cut unless a tail is asked for.
   */
  tailBeats: z.number().min(0).max(64).optional(),
  /** A segment played once between the two states. */
  segment: name.optional(),
  /** Bars over which tempo glides to the new state's tempo (0 = jump). */
  tempoRampBars: z.number().int().min(0).max(16).default(1),
});
export type Transition = z.infer<typeof TransitionSchema>;

export const MotifStepSchema = z.object({
  /** Scale step above the current chord root (0 = root, 2 = third, 4 = fifth, 7 = octave). */
  degree: z.number().int().min(-14).max(21),
  alter: z.number().int().min(-2).max(2).default(0),
  beats: z.number().positive().max(16),
  rest: z.boolean().default(false),
  velocity: z.number().int().min(1).max(127).optional(),
});

export const StingerSchema = z.object({
  notes: z.array(MotifStepSchema).min(1).max(64),
  program: z.number().int().min(0).max(127).default(56),
  velocity: z.number().int().min(1).max(127).default(100),
  sync: z.enum(SYNC_RULES).default('beat'),
  /** Seconds after a stinger sounds during which it will not fire again. */
  cooldown: z.number().min(0).max(600).default(2),
  /** MIDI pitch the chord root is placed near. */
  register: z.number().int().min(24).max(100).default(72),
});
export type Stinger = z.infer<typeof StingerSchema>;

export const TriggerSchema = z.object({
  from: z.string().min(1).max(100).default('*'),
  to: name,
  param: name,
  above: z.number().optional(),
  below: z.number().optional(),
});
export type Trigger = z.infer<typeof TriggerSchema>;

export const EventActionSchema = z.object({
  state: name.optional(),
  stinger: name.optional(),
  set: z.record(z.string(), z.number()).optional(),
});

export const GraphSchema = z.object({
  name: z.string().max(200).default('graph'),
  seed: z.number().int().min(0).max(0xffffffff).default(1),
  initial: name,
  tempo: z.number().min(30).max(300).default(100),
  meter: z.tuple([z.number().int().min(1).max(16), z.union([z.literal(2), z.literal(4), z.literal(8)])]).default([4, 4]),
  key: z.enum(PITCH_CLASS_NAMES).default('D'),
  mode: z.enum(MODES).default('minor'),
  parameters: z.record(z.string(), ParameterSchema).default({}),
  states: z.record(z.string(), StateSchema),
  segments: z.record(z.string(), SegmentSourceSchema).default({}),
  transitions: z.array(TransitionSchema).default([]),
  stingers: z.record(z.string(), StingerSchema).default({}),
  triggers: z.array(TriggerSchema).default([]),
  events: z.record(z.string(), EventActionSchema).default({}),
  /** Style model file(s) from `leitmotif train` for the generative states; `play` reads them relative to the graph. */
  model: StyleModelRefSchema.optional(),
});
export type MusicGraphInput = z.input<typeof GraphSchema>;
export type MusicGraphRaw = z.infer<typeof GraphSchema>;
/** A graph whose segments are all loaded Scores (what the engine runs). */
export type MusicGraph = Omit<MusicGraphRaw, 'segments'> & { segments: Record<string, { score: Score }> };

const bad = (message: string, hint?: string) => new LeitmotifError('LM_ERR_GRAPH_INVALID', message, { hint });

/** Parse and cross-check a graph; `file` segments stay unresolved (see `resolveSegments`). */
export function parseGraph(json: unknown, source = 'music graph'): MusicGraphRaw {
  const r = GraphSchema.safeParse(json);
  if (!r.success) throw bad(`${source} is not a valid music graph: ${formatZodIssues(r.error.issues)}`, 'see examples/*.graph.json');
  const g = r.data;
  const states = Object.keys(g.states);
  const hasState = (s: string) => s === '*' || g.states[s] !== undefined;
  if (!g.states[g.initial]) throw bad(`${source}: initial state "${g.initial}" is not among the states (${states.join(', ')})`);
  for (const [sn, s] of Object.entries(g.states)) {
    for (const seg of s.segments ?? []) if (!g.segments[seg]) throw bad(`${source}: state "${sn}" uses unknown segment "${seg}"`);
    if (s.then && !g.states[s.then]) throw bad(`${source}: state "${sn}" continues to unknown state "${s.then}"`);
    if (s.then && !s.segments) throw bad(`${source}: state "${sn}" has "then" but no segments`, '"then" follows the end of pre-composed segments');
    for (const l of s.layers) if (!g.parameters[l.param]) throw bad(`${source}: layer "${l.name}" of state "${sn}" follows unknown parameter "${l.param}"`);
    for (const m of s.generative?.modulate ?? []) if (!g.parameters[m.param]) throw bad(`${source}: state "${sn}" modulates by unknown parameter "${m.param}"`);
  }
  for (const [i, t] of g.transitions.entries()) {
    if (!hasState(t.from) || !hasState(t.to)) throw bad(`${source}: transitions[${i}] names an unknown state (${t.from} → ${t.to})`);
    if (t.segment && !g.segments[t.segment]) throw bad(`${source}: transitions[${i}] uses unknown segment "${t.segment}"`);
  }
  for (const [i, t] of g.triggers.entries()) {
    if (!hasState(t.from) || !g.states[t.to]) throw bad(`${source}: triggers[${i}] names an unknown state`);
    if (!g.parameters[t.param]) throw bad(`${source}: triggers[${i}] follows unknown parameter "${t.param}"`);
    if (t.above === undefined && t.below === undefined) throw bad(`${source}: triggers[${i}] needs "above" or "below"`);
  }
  for (const [en, e] of Object.entries(g.events)) {
    if (e.state && !g.states[e.state]) throw bad(`${source}: event "${en}" requests unknown state "${e.state}"`);
    if (e.stinger && !g.stingers[e.stinger]) throw bad(`${source}: event "${en}" fires unknown stinger "${e.stinger}"`);
    for (const p of Object.keys(e.set ?? {})) if (!g.parameters[p]) throw bad(`${source}: event "${en}" sets unknown parameter "${p}"`);
  }
  return g;
}

/** Replace `file` segments with loaded Scores (the loader is the adapter's: fs in Node, fetch in a browser). */
export function resolveSegments(g: MusicGraphRaw, load: (file: string, name: string) => Score): MusicGraph {
  const segments: Record<string, { score: Score }> = {};
  for (const [n, s] of Object.entries(g.segments)) segments[n] = 'score' in s ? { score: s.score } : { score: load(s.file, n) };
  return { ...g, segments };
}

/** Parse a graph that must be self-contained (no `file` segments) — the browser path. */
export function parseInlineGraph(json: unknown, source = 'music graph'): MusicGraph {
  return resolveSegments(parseGraph(json, source), (file, n) => {
    throw bad(`${source}: segment "${n}" refers to file ${file}; only the Node adapter loads files`, 'inline the Score as {"score": {...}}');
  });
}

/** The most specific transition rule for a move (exact pair beats wildcards; later rules win ties). */
export function findTransition(g: Pick<MusicGraph, 'transitions'>, from: string, to: string): Transition {
  let best: Transition | undefined;
  let bestScore = -1;
  for (const t of g.transitions) {
    if ((t.from !== '*' && t.from !== from) || (t.to !== '*' && t.to !== to)) continue;
    const s = (t.from === from ? 2 : 0) + (t.to === to ? 1 : 0);
    if (s >= bestScore) { best = t; bestScore = s; }
  }
  return best ?? TransitionSchema.parse({});
}
