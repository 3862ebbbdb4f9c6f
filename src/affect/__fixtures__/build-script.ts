/**
 * purpose: build small `Script` values by hand for affect tests (no dependency on the parser). Times follow a
 * simple page model: action ≈ 3 words/s, dialogue ≈ 2.5 words/s, at least 1.5 s per element.
 */
import type { Script, ScriptElement } from '../../script/types.js';

export interface SceneSpec {
  heading: string;
  /** "action text" or ["CHARACTER", "line"] for dialogue. */
  lines: Array<string | [string, string]>;
}

const idOf = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

export function buildScript(specs: SceneSpec[], title = 'Test'): Script {
  let t = 0;
  let line = 1;
  const chars = new Map<string, Script['characters'][number]>();
  const scenes: Script['scenes'] = specs.map((spec, index) => {
    const start = t;
    line++;
    const present = new Set<string>();
    const elements: ScriptElement[] = spec.lines.map((l) => {
      const isDialogue = Array.isArray(l);
      const text = isDialogue ? l[1] : l;
      const words = text.split(/\s+/).filter(Boolean).length;
      const duration = Math.max(1.5, words / (isDialogue ? 2.5 : 3));
      const el: ScriptElement = { type: isDialogue ? 'dialogue' : 'action', text, line: line++, start: t, duration };
      if (isDialogue) {
        const id = idOf(l[0]);
        el.character = id;
        present.add(id);
        const c = chars.get(id) ?? { id, name: l[0], dialogueCount: 0, words: 0, scenes: [], firstAppearance: { scene: index, time: t } };
        c.dialogueCount++;
        c.words += words;
        if (!c.scenes.includes(index)) c.scenes.push(index);
        chars.set(id, c);
      }
      t += duration;
      return el;
    });
    return {
      index,
      heading: spec.heading,
      line: 1,
      elements,
      characters: [...present],
      start,
      duration: t - start,
      timingSource: 'estimate' as const,
    };
  });
  return { format: 'fountain', title, titlePage: {}, scenes, characters: [...chars.values()], duration: t, warnings: [] };
}
