/**
 * purpose: the style models compose/ samples from. They are always an argument (ComposeOptions.models,
 * BarComposerOptions.models): compose/ is pure and never loads files. Node callers load the committed
 * defaults with `loadDefaultStyleModels()` from style/node.ts; the browser decodes fetched model bytes with
 * style/'s `styleModelFromBytes`. A caller that forgets them gets a clear error, not a file-system access.
 */
import type { StyleModel } from '../style/api.js';

export type StyleModels = { melody: StyleModel; harmony: StyleModel };

export function requireModels(models: StyleModels | undefined, who: string): StyleModels {
  if (!models || !models.melody || !models.harmony) {
    throw new TypeError(`${who}: style models are required ({ melody, harmony }); load them with loadDefaultStyleModels() from style/node.ts in Node, or styleModelFromBytes() in the browser`);
  }
  return models;
}
