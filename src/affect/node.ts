/**
 * purpose: affect/'s Node entry — reading the text emotion model from disk. Pure code (analyzeScript, the
 * directors) takes a compiled TextModel as an argument; the CLI, benches, scripts and tests load it here.
 * Nothing is cached: load once and keep the result.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LeitmotifError } from '../util/errors.js';
import { textModelFromBytes, type TextModel } from './text-model.js';
import { parseSceneDataset, type SceneItem } from './scene-dataset.js';

/** The shipped model, models/affect/text-vad.json. */
export const DEFAULT_TEXT_MODEL_PATH = fileURLToPath(new URL('../../models/affect/text-vad.json', import.meta.url));

/** The project's hand-labelled screenplay-scene dataset (data/affect-scenes). */
export const DEFAULT_SCENE_DATASET_DIR = fileURLToPath(new URL('../../data/affect-scenes', import.meta.url));
/** The fresh development scenes (data/affect-dev): never trained on; chooses between trained scene blocks. */
export const DEFAULT_SCENE_DEV_DIR = fileURLToPath(new URL('../../data/affect-dev', import.meta.url));

/** Reads and compiles a text-vad model file (default: the shipped one). Not cached. */
export function loadTextModel(path: string = DEFAULT_TEXT_MODEL_PATH): TextModel {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new LeitmotifError('LM_ERR_MODEL_INVALID', `text emotion model not found: ${path}`, {
      hint: 'restore models/affect/text-vad.json from git or retrain it with `npm run train:affect`',
      cause: e,
    });
  }
  return textModelFromBytes(bytes, path, (text) => createHash('sha256').update(text, 'utf8').digest('hex'));
}

/** The shipped text emotion model (same as `loadTextModel()`). */
export function loadDefaultTextModel(): TextModel {
  return loadTextModel(DEFAULT_TEXT_MODEL_PATH);
}

/** Reads every `*.scenes` file of the labelled scene dataset (default data/affect-scenes), sorted by name. */
export function loadSceneDataset(dir: string = DEFAULT_SCENE_DATASET_DIR): SceneItem[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.scenes')).sort();
  } catch (e) {
    throw new LeitmotifError('LM_ERR_BAD_OPTION', `scene dataset not found: ${dir}`, { hint: 'pass --scenes <dir> with the .scenes files (data/affect-scenes in the repository)', cause: e });
  }
  return files.flatMap((f) => parseSceneDataset(readFileSync(join(dir, f), 'utf8'), f));
}

/**
 * The dataset's later releases: every sub-folder of the dataset folder (third-release, …), in name order, with its
 * items. They hold train scenes only (data/affect-scenes/README.md).
 * @example loadSceneReleases().map((r) => `${r.name}: ${r.items.length}`) // ['fifth-release: 238', …]
 */
export function loadSceneReleases(dir: string = DEFAULT_SCENE_DATASET_DIR): Array<{ name: string; items: SceneItem[] }> {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => ({ name, items: loadSceneDataset(join(dir, name)) }));
}
