/**
 * purpose: the affect/ stage's public API — Script → Arc (valence, arousal, tension per beat and scene; hits).
 *
 * @example
 * const arc = analyzeScript(parseScript(text), { model }); // offline, deterministic; model: affect/node.ts loadTextModel()
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
export { DEFAULT_LLM_TRUST } from './llm/reply.js';
export { parseTextModel, textModelFromBytes, compileTextModel, type TextModel, type TextAffect } from './text-model.js';
// Reading the model file from disk is Node-only: loadTextModel / loadDefaultTextModel / DEFAULT_TEXT_MODEL_PATH in affect/node.ts.
export { readDirection, mergeDirection, type DirectionReading } from './direction-text.js';
