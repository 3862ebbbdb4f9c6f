/**
 * purpose: adaptive/'s public surface — isomorphic (no Node-only imports; runs in a browser). The Node adapter
 * (file loading) is `adaptive/node/load.ts`; the Web Audio adapter is `adaptive/web/player.ts`; the composer
 * glue (compose/'s BarComposer with style models) is `adaptive/composer.ts`.
 *
 * @example
 *   const graph = parseInlineGraph(json);
 *   const engine = new AdaptiveEngine(graph, { createComposer: composerWith(models) }); // models: style/node.ts or fetched bytes
 *   engine.setParameter('danger', 0.9, t);      // RTPC, smoothed; triggers may request a state
 *   engine.trigger('playerSpotted', t);         // game event → stinger / state / parameter set
 *   const events = engine.advance(t + 0.15);    // note/cc/program/bar/marker events with seconds and ticks
 */
export * from './graph.js';
export * from './timeline.js';
export * from './events.js';
export { AdaptiveEngine, type EngineOptions, type EngineStatus, type ComposerFactory, type ImplicitSignal } from './engine.js';
export { ParameterSet, type ParamStats } from './params.js';
export { harmonyOf, realiseStinger, snapToTones, type Harmony } from './harmony.js';
export { runSession, type SessionResult, type SessionOptions } from './session.js';
export { eventsToScore } from './to-score.js';
export { WebAudioPlayer, type ScheduledMidiSink, type AudibleStatus, type PlayerOptions } from './web/player.js';
