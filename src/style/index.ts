/**
 * purpose: the public face of style/ — corpus readers, training, model files and the StyleModel implementation.
 * Pure and isomorphic: model *decoding* is here (`styleModelFromJson`, `styleModelFromBytes`); reading model
 * files and corpora from disk is Node-only, in style/node.ts (`loadDefaultStyleModels()`, `loadStyleModel(path)`,
 * `loadCorpus(paths)`). compose/, plan/ and adaptive/ take the models as arguments.
 */
export type * from './api.js';
export { styleModelFromJson, styleModelFromBytes, DEFAULT_MODEL_FILES } from './load.js';
export { TrainedStyleModel, type ViewpointEntropy } from './model.js';
export { trainStyleModel, type TrainStyleOptions, type TrainStyleResult } from './train.js';
export type { CorpusPiece, CorpusNote, LoadedCorpus } from './corpus/types.js';
export { readAbc, parseAbcKey, parseAbcMeter } from './corpus/abc.js';
export { readChoraleJson } from './corpus/chorales.js';
export { readMidi } from './corpus/midi.js';
export { detectKey, pitchClassHistogram, type KeyEstimate } from './key-detect.js';
export { allowedPitchClasses } from './theory.js';
export { STYLE_MODEL_FORMAT, STYLE_MODEL_VERSION, type ModelFileJson } from './model-file.js';
export { MelodicIndex } from '../originality/melodic-index.js';
export { SamplingEvidence, type DrawRecord, type EvidenceRecord } from './evidence.js';
