/**
 * purpose: the cue contract — what a cue must do (spec), what an emotion means in music (the one map), and when
 * its beats fall (timing solved for hits). A leaf: it imports only score/ and util/.
 */
export * from './spec.js';
export { emotionAt, meanEmotion, cleanEmotion, type EmotionValues } from './emotion.js';
export { tempoFor, modeFor, meterFor, tonicFor, paramsFor, type MusicParams } from './emotion-map.js';
export { solveHitTempo, strongBeatOffsets, rampSeconds, type SolveHitTempoOptions, type HitTempoSolution, type SolvedHit, type HitSyncInput } from './hit-sync.js';
export { resolveTiming, CURVE_TEMPO_BARS, type CueTiming, type ResolvedHit } from './timing.js';
export { resolveCue, type ResolvedCue, type CueJoin } from './resolve.js';
export { TasteSchema, NEUTRAL_TASTE, OFFSET_KEYS, OFFSET_REACH, EMOTION_REGIONS, LEAD_CHOICES, AVOIDABLE_LAYERS, applyTaste, inertOffsets, brightenMode, tasteTempo, tasteVector, vectorTaste, emotionRegion, paletteFor, type Taste, type OffsetKey, type EmotionRegion } from './taste.js';
