/**
 * purpose: the `Arc` value that affect/ produces (from a Script) and plan/ reads, and the Director interface.
 * Valence and arousal are in [-1, 1] (Russell's circumplex); tension is its own axis in [0, 1].
 */
import { z } from 'zod';
import type { Script } from '../script/types.js';

export const AffectSchema = z.object({
  valence: z.number().min(-1).max(1),
  arousal: z.number().min(-1).max(1),
  tension: z.number().min(0).max(1),
});
export type Affect = z.infer<typeof AffectSchema>;

/** One analysed element (action or dialogue) — for plain prose, one paragraph. */
export const BeatSchema = AffectSchema.extend({
  scene: z.number().int().min(0),
  element: z.number().int().min(0),
  text: z.string(),
  start: z.number().min(0),
  duration: z.number().min(0),
  /** Who speaks (dialogue) — character id. */
  character: z.string().optional(),
});
export type Beat = z.infer<typeof BeatSchema>;

export const HIT_KINDS = ['impact', 'sound', 'reveal', 'entrance', 'cut', 'emotional-turn', 'other'] as const;
export const HitSchema = z.object({
  time: z.number().min(0),
  scene: z.number().int().min(0),
  text: z.string(),
  kind: z.enum(HIT_KINDS),
  salience: z.number().min(0).max(1),
});
export type Hit = z.infer<typeof HitSchema>;

export const SceneArcSchema = AffectSchema.extend({
  index: z.number().int().min(0),
  heading: z.string(),
  start: z.number().min(0),
  duration: z.number().min(0),
  characters: z.array(z.string()),
  /** Optional musical direction from an LLM director (free text, never instructions). */
  direction: z.string().max(500).optional(),
  /** Why the LLM director read the scene so (one line; free text, never instructions). */
  rationale: z.string().max(500).optional(),
});
export type SceneArc = z.infer<typeof SceneArcSchema>;

export const ArcSchema = z.object({
  source: z.enum(['offline', 'openai']),
  scenes: z.array(SceneArcSchema),
  beats: z.array(BeatSchema),
  hits: z.array(HitSchema),
  /** Why the director fell back, what it changed… shown to the user. */
  notes: z.array(z.string()).default([]),
  /** The whole story in a few sentences, from the LLM director (when it ran). */
  synopsis: z.string().max(1000).optional(),
});
export type Arc = z.infer<typeof ArcSchema>;

/** One interface, two implementations: the offline analyzer (default) and an OpenAI-compatible LLM client. */
export interface Director {
  readonly name: 'offline' | 'openai';
  analyze(script: Script): Promise<Arc>;
}
