/**
 * purpose: the public face of style/ — corpus readers, training, model files and the StyleModel implementation.
 * compose/, plan/ and adaptive/ use `loadDefaultStyleModels()` (or `loadStyleModel(path)`) and the api.ts types.
 */
export type * from './api.js';
export { loadDefaultStyleModels, loadStyleModel, styleModelFromJson, DEFAULT_MODEL_DIR, DEFAULT_MODEL_FILES } from './load.js';
export { TrainedStyleModel, type ViewpointEntropy } from './model.js';
export { trainStyleModel, type TrainStyleOptions, type TrainStyleResult } from './train.js';
export { loadCorpus, findCorpusFiles, readCorpusBytes, type LoadedCorpus } from './corpus/load.js';
export type { CorpusPiece, CorpusNote } from './corpus/types.js';
export { readAbc, parseAbcKey, parseAbcMeter } from './corpus/abc.js';
export { readChoraleJson } from './corpus/chorales.js';
export { readMidi } from './corpus/midi.js';
export { detectKey, pitchClassHistogram, type KeyEstimate } from './key-detect.js';
export { allowedPitchClasses } from './theory.js';
export { STYLE_MODEL_FORMAT, STYLE_MODEL_VERSION, type ModelFileJson } from './model-file.js';
export { MelodicIndex } from '../originality/melodic-index.js';
