/**
 * purpose: the `Script` value that script/ produces and affect/ and plan/ read. Times are estimated screen
 * seconds from the start of the script (see the page model in script/), or overridden by a timings file or
 * `[[time: …]]` notes.
 */
import { z } from 'zod';

export const ELEMENT_TYPES = [
  'action',
  'dialogue', // one spoken block: the character cue's speaker plus their lines (parentheticals inline)
  'parenthetical',
  'lyrics',
  'transition',
  'centered',
  'section',
  'synopsis',
  'note',
  'page_break',
] as const;
export type ElementType = (typeof ELEMENT_TYPES)[number];

export const ScriptElementSchema = z.object({
  type: z.enum(ELEMENT_TYPES),
  /** Plain text, emphasis markup removed. */
  text: z.string(),
  /** Source line (1-based) where the element starts, for error messages and editors. */
  line: z.number().int().min(0),
  /** For dialogue/parenthetical/lyrics: the speaking character's stable id. */
  character: z.string().optional(),
  /** Character extensions as written: "V.O.", "O.S.", "CONT'D". */
  extensions: z.array(z.string()).optional(),
  /** Part of a dual-dialogue pair. */
  dual: z.boolean().optional(),
  /** Dialogue only: the spoken words without the inline parentheticals (what an actor says). */
  spoken: z.string().optional(),
  /** Dialogue only: the parentheticals of the block, in order, without brackets ("nervous"). */
  parentheticals: z.array(z.string()).optional(),
  /** Section only: nesting depth (number of `#`). */
  depth: z.number().int().min(1).optional(),
  /** The source text with emphasis markup, when it differs from `text` (`*italic*`, `**bold**`, `_underline_`). */
  raw: z.string().optional(),
  /** Estimated screen time of this element, seconds from script start. */
  start: z.number().min(0),
  duration: z.number().min(0),
});
export type ScriptElement = z.infer<typeof ScriptElementSchema>;

export const SceneSchema = z.object({
  index: z.number().int().min(0),
  heading: z.string(),
  /** Scene number as written (`#1A#`), if any. */
  number: z.string().optional(),
  /** INT, EXT, INT/EXT, EST… when the heading says. */
  setting: z.string().optional(),
  location: z.string().optional(),
  timeOfDay: z.string().optional(),
  line: z.number().int().min(0),
  elements: z.array(ScriptElementSchema),
  /** Character ids present (speaking, or named in action). */
  characters: z.array(z.string()),
  start: z.number().min(0),
  duration: z.number().min(0),
  /** Page-model length in pages (55 lines = 1 page), or the FDX scene Length when given. */
  pages: z.number().min(0).optional(),
  timingSource: z.enum(['estimate', 'note', 'timings']).default('estimate'),
});
export type Scene = z.infer<typeof SceneSchema>;

export const CharacterSchema = z.object({
  /** Stable id derived from the normalised name (e.g. "sarah-connor"), used for leitmotifs. */
  id: z.string(),
  name: z.string(),
  dialogueCount: z.number().int().min(0),
  /** Words spoken, a measure of importance. */
  words: z.number().int().min(0).default(0),
  scenes: z.array(z.number().int().min(0)),
  firstAppearance: z.object({ scene: z.number().int().min(0), time: z.number().min(0) }),
});
export type Character = z.infer<typeof CharacterSchema>;

export const ScriptSchema = z.object({
  format: z.enum(['fountain', 'fdx', 'plain']),
  title: z.string().optional(),
  titlePage: z.record(z.string(), z.string()).default({}),
  scenes: z.array(SceneSchema),
  characters: z.array(CharacterSchema),
  /** Total estimated screen time, seconds. */
  duration: z.number().min(0),
  /** Page-model length in pages (sum of scene pages). */
  pages: z.number().min(0).optional(),
  /** Non-fatal problems found while parsing (unclosed boneyard, unknown FDX paragraph types…). */
  warnings: z.array(z.string()).default([]),
});
export type Script = z.infer<typeof ScriptSchema>;
