/**
 * purpose: the engine's source of generative music — compose/'s BarComposer (one composer for the project;
 * adaptive/ only schedules, layers and transitions what it writes). Style models are passed in by the
 * adapter that can load them (Node: style/'s committed defaults; browser: models bundled with the page).
 */
import { createBarComposer } from '../compose/index.js';
import type { StyleModel } from '../style/api.js';
import type { ComposerFactory } from './engine.js';

export type StyleModels = { melody: StyleModel; harmony: StyleModel };

/** A factory that composes with the given style models (compose/'s own defaults when omitted). */
export function composerWith(models?: StyleModels): ComposerFactory {
  return models ? (opts) => createBarComposer({ ...opts, models }) : (opts) => createBarComposer(opts);
}

/** compose/'s BarComposer with its default models. */
export const defaultComposer: ComposerFactory = composerWith();
