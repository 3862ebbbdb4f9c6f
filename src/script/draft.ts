/**
 * purpose: the intermediate value every format reader (Fountain, FDX, plain) produces before timing and character
 * analysis turn it into a `Script`. Readers only say *what* is on the page; build.ts decides *when* it plays.
 */
import type { ElementType } from './types.js';

export interface DraftElement {
  type: ElementType;
  text: string;
  raw?: string;
  line: number;
  /** Cue name as written, extensions removed ("EVE", "McDUCK"). */
  speaker?: string;
  extensions?: string[];
  dual?: boolean;
  spoken?: string;
  parentheticals?: string[];
  depth?: number;
}

export interface DraftScene {
  /** '' for the prelude scene (content before the first heading). */
  heading: string;
  number?: string;
  setting?: string;
  location?: string;
  timeOfDay?: string;
  line: number;
  elements: DraftElement[];
  /** From a `[[time: …]]` note inside the scene, seconds. */
  timeNote?: number;
  /** From the source format itself (FDX SceneProperties Length), in pages. */
  sourcePages?: number;
}

export interface Draft {
  format: 'fountain' | 'fdx' | 'plain';
  titlePage: Record<string, string>;
  scenes: DraftScene[];
  warnings: string[];
}
