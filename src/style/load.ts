/**
 * purpose: decoding style models — pure and isomorphic: a parsed model object, or the bytes of a model file
 * (what the browser fetches, what Node reads), into a TrainedStyleModel. Reading files from disk is Node-only
 * and lives in style/node.ts (`loadStyleModel(path)`, `loadDefaultStyleModels()`).
 */
import { LeitmotifError } from '../util/errors.js';
import { decodeModelFile } from './model-file.js';
import { TrainedStyleModel } from './model.js';

/** File names of the committed default models in models/style/ (melody: folk tunes; harmony: Bach chorales). */
export const DEFAULT_MODEL_FILES = { melody: 'melody.lmstyle.json', harmony: 'harmony.lmstyle.json' } as const;

/** Parses a model object (already read from JSON). */
export function styleModelFromJson(json: unknown, source = 'style model'): TrainedStyleModel {
  const d = decodeModelFile(json, source);
  return new TrainedStyleModel(d.header, d.tables, d.index, d.corpusIndex);
}

/** Decodes the bytes of a `.lmstyle.json` file (UTF-8 JSON); bad bytes raise LM_ERR_MODEL_INVALID. */
export function styleModelFromBytes(bytes: Uint8Array, source = 'style model'): TrainedStyleModel {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (e) {
    throw new LeitmotifError('LM_ERR_MODEL_INVALID', `${source} is not valid JSON: ${(e as Error).message}`, { hint: 'retrain it with `leitmotif train`' });
  }
  return styleModelFromJson(json, source);
}
