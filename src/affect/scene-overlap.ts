/**
 * purpose: how much two labelled scenes share their words (tf-idf cosine), the measure behind the dataset's rule
 * that no training scene retells a held-out one (data/affect-scenes/README.md, "Scenes taken out"): ≥ 0.25, or
 * ≥ 0.2 under the same heading, is a retelling. Characters' proper names are left out (a shared KEVIN is not a
 * shared plot) — the names of speaking characters, as the parser finds them (a name only ever written in action,
 * never as a cue, still counts); role words (MOTHER, OFFICER) stay, since a shared mother may be a shared plot. The word weights
 * come from a fixed reference set (the first two releases), so adding scenes elsewhere cannot change a score.
 *
 * @example
 * const overlap = sceneOverlap(loadSceneDataset());
 * const v = overlap.vector(a.fountain), w = overlap.vector(b.fountain);
 * overlap.retells(a.fountain, b.fountain); // true when cosine(v, w) ≥ 0.25 (0.2 under a shared heading)
 */
import { parseScript } from '../script/index.js';
import type { SceneItem } from './scene-dataset.js';

/**
 * The rule's bound under any heading: a cosine at or above it is a retelling.
 * @example overlap.cosine(v, w) >= RETELLING_COSINE // a retelling, whatever the headings
 */
export const RETELLING_COSINE = 0.25;
/**
 * The lower bound for two scenes that share a heading (its place, without the time of day: "INT. ATTIC").
 * @example // 0.24 between an errand in "INT. PARKING GARAGE - DAY" and a chase in "INT. PARKING GARAGE - NIGHT": a retelling by the rule
 */
export const RETELLING_COSINE_SAME_HEADING = 0.2;

const words = (t: string) => t.toLowerCase().match(/[a-z']+/g) ?? [];
const HEADING_TIME = /\s+-\s+(DAY|NIGHT|MORNING|EVENING|DAWN|DUSK|LATER|CONTINUOUS|AFTERNOON)$/;

export interface SceneOverlap {
  /** The scene's unit tf-idf vector over its words, proper names left out. */
  vector(fountain: string): Map<string, number>;
  /** The scene's headings, time of day removed ("INT. ATTIC"). */
  headings(fountain: string): Set<string>;
  cosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number;
  /** Whether one scene retells the other by the dataset's rule. */
  retells(a: string, b: string): boolean;
  /** The scenes of `corpus` a scene retells by the rule, with their cosine (vectors computed once per corpus). */
  twinsIn(corpus: readonly SceneItem[]): (fountain: string) => Array<{ id: string; cosine: number }>;
}

/**
 * The overlap measure with word weights (idf) and the lower-case vocabulary taken from `reference`.
 * @example
 * const twinsOf = sceneOverlap(loadSceneDataset()).twinsIn(testItems);
 * twinsOf(newScene.fountain); // [{ id: 'thriller-04', cosine: 0.30 }] for a reworded garage scene with footsteps
 */
export function sceneOverlap(reference: readonly SceneItem[]): SceneOverlap {
  // A role word is written in lower case somewhere in the reference text; a proper name is not.
  const common = new Set(reference.flatMap((i) => i.fountain.match(/\b[a-z][a-z']*/g) ?? []));
  const content = (t: string) => {
    const names = new Set(parseScript(t).characters.flatMap((c) => words(c.name)).filter((w) => !common.has(w)));
    return words(t).filter((w) => !names.has(w));
  };
  const df = new Map<string, number>();
  for (const i of reference) for (const w of new Set(content(i.fountain))) df.set(w, (df.get(w) ?? 0) + 1);
  const n = reference.length;
  const vector = (fountain: string) => {
    const m = new Map<string, number>();
    for (const w of content(fountain)) m.set(w, (m.get(w) ?? 0) + 1);
    for (const [w, c] of m) m.set(w, c * Math.log((n + 1) / ((df.get(w) ?? 0) + 1)));
    const norm = Math.hypot(...m.values()) || 1;
    for (const [w, v] of m) m.set(w, v / norm);
    return m;
  };
  const headings = (fountain: string) =>
    new Set(fountain.split('\n').map((l) => l.trim()).filter((l) => /^(INT|EXT)/.test(l)).map((l) => l.replace(HEADING_TIME, '')));
  const cosine = (a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>) => {
    let s = 0;
    for (const [w, v] of a) s += v * (b.get(w) ?? 0);
    return s;
  };
  const rule = (c: number, ha: () => Set<string>, hb: () => Set<string>) => {
    if (c >= RETELLING_COSINE) return true;
    if (c < RETELLING_COSINE_SAME_HEADING) return false;
    const b = hb();
    return [...ha()].some((h) => b.has(h));
  };
  const retells = (a: string, b: string) => rule(cosine(vector(a), vector(b)), () => headings(a), () => headings(b));
  const twinsIn = (corpus: readonly SceneItem[]) => {
    const index = corpus.map((c) => ({ id: c.id, v: vector(c.fountain), h: headings(c.fountain) }));
    return (fountain: string) => {
      const v = vector(fountain);
      let h: Set<string> | undefined;
      const out: Array<{ id: string; cosine: number }> = [];
      for (const x of index) {
        const c = cosine(v, x.v);
        if (rule(c, () => (h ??= headings(fountain)), () => x.h)) out.push({ id: x.id, cosine: c });
      }
      return out;
    };
  };
  return { vector, headings, cosine, retells, twinsIn };
}
