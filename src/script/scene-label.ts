/**
 * purpose: the one way a scene is named to people — in the scene table, the cue sheet (printed and JSON), the
 * analysis JSON and timings files: its number as written in the script (`#12A#`, FDX `Number`), else its position
 * counting from 1, where a prelude before the first heading is scene 0.
 */
import type { Script } from './types.js';

/** True when the script opens with text before its first heading (that prelude is scene 0). */
export function hasPrelude(script: Pick<Script, 'scenes'>): boolean {
  const s = script.scenes;
  return s.length > 1 && s[0].heading === '' && s[1].heading !== '';
}

/**
 * The label of every scene, by Script index.
 * @example sceneLabels(parseScript('INT. A - DAY #4A#\n\nHi.\n\nEXT. B - NIGHT\n\nBye.')) // ['4A', '2']
 */
export function sceneLabels(script: Pick<Script, 'scenes'>): string[] {
  const offset = hasPrelude(script) ? 0 : 1;
  return script.scenes.map((s, i) => s.number ?? String(i + offset));
}
