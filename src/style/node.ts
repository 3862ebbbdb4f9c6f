/**
 * purpose: style/'s Node entry — everything that reads the file system: model files (a user's, or the
 * committed defaults in models/style/) and training corpora. Pure code never imports this; the CLI, benches,
 * scripts, tests and servers load models here and pass them in (compose/, adaptive/, plan/ take them as
 * arguments). Nothing is cached: call once and keep the result.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readInputFile } from '../io/read-input.js';
import { LeitmotifError } from '../util/errors.js';
import { DEFAULT_MODEL_FILES, styleModelFromBytes } from './load.js';
import type { TrainedStyleModel } from './model.js';

export { DEFAULT_MODEL_FILES } from './load.js';
export { loadCorpus, findCorpusFiles, readCorpusFile, readCorpusBytes, type LoadedCorpus, type LoadCorpusOptions } from './corpus/node.js';

/** The folder of the committed default models (ends with a slash). */
export const DEFAULT_MODEL_DIR = fileURLToPath(new URL('../../models/style/', import.meta.url));

export type DefaultStyleModels = { melody: TrainedStyleModel; harmony: TrainedStyleModel };

/** Absolute paths of the committed default model files. */
export function defaultStyleModelPaths(): { melody: string; harmony: string } {
  return { melody: DEFAULT_MODEL_DIR + DEFAULT_MODEL_FILES.melody, harmony: DEFAULT_MODEL_DIR + DEFAULT_MODEL_FILES.harmony };
}

/** Reads and decodes one style model file. */
export function loadStyleModel(path: string): TrainedStyleModel {
  return styleModelFromBytes(readInputFile(path, { what: 'style model' }), path);
}

/**
 * Reads the committed default models: `melody` (folk-abc-music21-pd: melody and rhythm) and `harmony`
 * (jsb-chorales: Roman-numeral progressions, bass motion, soprano lines). A missing file is a LeitmotifError
 * with a hint. Not cached — each call reads the files again.
 */
export function loadDefaultStyleModels(): DefaultStyleModels {
  const paths = defaultStyleModelPaths();
  for (const p of Object.values(paths)) {
    if (!existsSync(p)) {
      throw new LeitmotifError('LM_ERR_MODEL_INVALID', `default style model missing: ${p}`, { hint: 'run `npm run train:style` (needs ../shared/corpora)' });
    }
  }
  return { melody: loadStyleModel(paths.melody), harmony: loadStyleModel(paths.harmony) };
}

/** The default models, with either role replaced by a model file (e.g. the CLI's --melody-model / --harmony-model). */
export function loadStyleModels(files: { melody?: string; harmony?: string } = {}): DefaultStyleModels {
  if (!files.melody && !files.harmony) return loadDefaultStyleModels();
  const paths = defaultStyleModelPaths();
  return { melody: loadStyleModel(files.melody ?? paths.melody), harmony: loadStyleModel(files.harmony ?? paths.harmony) };
}
