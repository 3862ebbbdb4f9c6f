/**
 * purpose: the seam between compose/ and the committed default style models (style/index.ts). Callers may
 * always pass their own models (ComposeOptions.models); without them the defaults are loaded once (style/
 * caches them) — a missing model file is a LeitmotifError with a hint, never a crash.
 */
import type { StyleModel } from '../style/api.js';
import { loadDefaultStyleModels } from '../style/index.js';

export type StyleModels = { melody: StyleModel; harmony: StyleModel };

export function resolveModels(models?: StyleModels): StyleModels {
  return models ?? loadDefaultStyleModels();
}
