/** purpose: compose/'s public surface (see api.ts for the contract). */
export type * from './api.js';
export { composeCue, COMPOSER_VERSION, stableStringify } from './compose-cue.js';
export { createBarComposer } from './bar-composer.js';
export { paramsFor, modeFor, tempoFor, type MusicParams } from '../cue/emotion-map.js';
export { cleanEmotion } from '../cue/emotion.js';
export { PALETTES, voicesFor, type Voice } from './palette.js';
export * from './features.js';
