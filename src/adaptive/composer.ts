/**
 * purpose: the engine's source of generative music — compose/'s BarComposer (one composer for the project;
 * adaptive/ only schedules, layers and transitions what it writes). Style models are always passed in by the
 * adapter that can load them (Node: `loadDefaultStyleModels()` from style/node.ts; browser: model bytes
 * fetched by the page and decoded with style/'s `styleModelFromBytes`). Pure: no defaults, no file access.
 */
import { createBarComposer } from '../compose/index.js';
import type { StyleModel } from '../style/api.js';
import type { ComposerFactory } from './engine.js';

export type StyleModels = { melody: StyleModel; harmony: StyleModel };

/** A factory that composes with the given style models. */
export function composerWith(models: StyleModels): ComposerFactory {
  return (opts) => createBarComposer({ ...opts, models });
}
