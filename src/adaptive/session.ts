/**
 * purpose: play a scripted game session through the engine, the way a game would drive it: a fixed-rate game
 * loop (timeline.updateRate) advances the engine, applies timeline events at their exact times and samples
 * parameter ramps every frame. Returns the event stream, the log and the session as a Score. Pure.
 */
import type { Score } from '../score/schema.js';
import { AdaptiveEngine, type ComposerFactory } from './engine.js';
import type { MusicGraph } from './graph.js';
import type { Timeline, TimelineEvent } from './timeline.js';
import type { DroppedEntry, EngineStats, LogEntry, OutEvent } from './events.js';
import { eventsToScore } from './to-score.js';

export interface SessionResult {
  events: OutEvent[];
  log: LogEntry[];
  dropped: DroppedEntry[];
  stats: EngineStats;
  score: Score;
  /** Seconds: the session ends on the first barline after the timeline's duration. */
  duration: number;
}

export interface SessionOptions {
  createComposer: ComposerFactory;
  seed?: number;
  /** Called with the fraction done (0..1) now and then. */
  progress?: (fraction: number) => void;
}

interface Ramp {
  name: string;
  t0: number;
  t1: number;
  from: number;
  to: number;
}

export function runSession(graph: MusicGraph, timeline: Timeline, opts: SessionOptions): SessionResult {
  const engine = new AdaptiveEngine(graph, { createComposer: opts.createComposer, seed: opts.seed });
  const events: OutEvent[] = [];
  const push = (xs: OutEvent[]) => { for (const x of xs) events.push(x); };
  const queue = [...timeline.events].sort((a, b) => a.time - b.time);
  const ramps: Ramp[] = [];
  const dt = 1 / timeline.updateRate;
  let qi = 0;

  const apply = (e: TimelineEvent) => {
    push(engine.advance(e.time));
    switch (e.type) {
      case 'param': engine.setParameter(e.name, e.value, e.time); break;
      case 'event': engine.trigger(e.name, e.time); break;
      case 'state': engine.setState(e.name, e.time); break;
      case 'ramp': {
        const from = e.from ?? engine.params.target(e.name);
        for (let i = ramps.length - 1; i >= 0; i--) if (ramps[i].name === e.name) ramps.splice(i, 1);
        if (e.duration <= 0) engine.setParameter(e.name, e.to, e.time);
        else ramps.push({ name: e.name, t0: e.time, t1: e.time + e.duration, from, to: e.to });
        break;
      }
    }
  };

  const frames = Math.ceil(timeline.duration / dt);
  for (let f = 0; f <= frames; f++) {
    const t = Math.min(f * dt, timeline.duration);
    while (qi < queue.length && queue[qi].time <= t) apply(queue[qi++]);
    push(engine.advance(t));
    for (let i = ramps.length - 1; i >= 0; i--) {
      const r = ramps[i];
      const x = Math.min(1, (t - r.t0) / (r.t1 - r.t0));
      engine.setParameter(r.name, r.from + (r.to - r.from) * x, t);
      if (x >= 1) ramps.splice(i, 1);
    }
    if (opts.progress && f % 256 === 0) opts.progress(f / frames);
  }
  while (qi < queue.length) apply(queue[qi++]);
  const end = engine.nextBarline;
  push(engine.stop(end));
  const score = eventsToScore(events, { title: graph.name, meta: { generator: 'leitmotif play', graph: graph.name, seed: opts.seed ?? graph.seed } });
  return { events, log: [...engine.log], dropped: [...engine.dropped], stats: { ...engine.stats }, score, duration: end };
}
