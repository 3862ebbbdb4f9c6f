/**
 * purpose: loading style models from disk — a user's model file, or the committed defaults in models/style/
 * (melody: folk tunes; harmony: Bach chorales), decoded once and cached.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readJsonInput } from '../io/read-input.js';
import { LeitmotifError } from '../util/errors.js';
import { decodeModelFile } from './model-file.js';
import { TrainedStyleModel } from './model.js';

export const DEFAULT_MODEL_DIR = fileURLToPath(new URL('../../models/style/', import.meta.url));
export const DEFAULT_MODEL_FILES = { melody: 'melody.lmstyle.json', harmony: 'harmony.lmstyle.json' } as const;

/** Parses a model object (already read from JSON). */
export function styleModelFromJson(json: unknown, source = 'style model'): TrainedStyleModel {
  const d = decodeModelFile(json, source);
  return new TrainedStyleModel(d.header, d.tables, d.index);
}

export function loadStyleModel(path: string): TrainedStyleModel {
  return styleModelFromJson(readJsonInput(path, 'style model'), path);
}

let cached: { melody: TrainedStyleModel; harmony: TrainedStyleModel } | undefined;

/**
 * The committed default models: `melody` (folk-abc-music21-pd: melody and rhythm) and `harmony`
 * (jsb-chorales: Roman-numeral progressions, bass motion, soprano lines). Synchronous and cached.
 */
export function loadDefaultStyleModels(): { melody: TrainedStyleModel; harmony: TrainedStyleModel } {
  if (cached) return cached;
  const paths = { melody: DEFAULT_MODEL_DIR + DEFAULT_MODEL_FILES.melody, harmony: DEFAULT_MODEL_DIR + DEFAULT_MODEL_FILES.harmony };
  for (const p of Object.values(paths)) {
    if (!existsSync(p)) {
      throw new LeitmotifError('LM_ERR_MODEL_INVALID', `default style model missing: ${p}`, { hint: 'run `npm run train:style` (needs ../shared/corpora)' });
    }
  }
  cached = { melody: loadStyleModel(paths.melody), harmony: loadStyleModel(paths.harmony) };
  return cached;
}
