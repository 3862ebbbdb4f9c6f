/**
 * purpose: the affect/ stage's public API — Script → Arc (valence, arousal, tension per beat and scene; hits).
 *
 * @example
 * const arc = analyzeScript(parseScript(text)); // offline, deterministic
 * const json = buildAnalysisJson(script, arc);   // what `leitmotif analyze --json` writes
 * const svg = arcToSvg(arc, script);             // the arc plot
 */
export type { Affect, Arc, Beat, Director, Hit, SceneArc } from './types.js';
export { AffectSchema, ArcSchema, BeatSchema, HitSchema, HIT_KINDS, SceneArcSchema } from './types.js';
export { analyzeScript, type AnalyzeOptions } from './analyze.js';
export { buildAnalysisJson, formatClock, type AnalysisJson } from './analysis-json.js';
export { arcToSvg } from './arc-svg.js';
export { OfflineDirector, createDirector, type DirectorKind } from './director.js';
export { OpenAIDirector, openAIOptionsFromEnv, DEFAULT_LLM_TIMEOUT_MS, type OpenAIDirectorOptions } from './llm/openai-director.js';
export { loadTextModel, parseTextModel, clearTextModelCache, DEFAULT_TEXT_MODEL_PATH, type TextModel, type TextAffect } from './text-model.js';
