/**
 * purpose: what the engine emits and logs. Output events carry both clocks: `time` in seconds (for an audio
 * scheduler) and `tick` (480 PPQ, for a Score). The stream is monotonic in both.
 */
import type { Seconds, Ticks } from '../score/schema.js';
import type { SyncRule } from './graph.js';

interface At {
  time: Seconds;
  tick: Ticks;
}

export type OutEvent =
  | (At & { type: 'noteOn'; channel: number; pitch: number; velocity: number })
  | (At & { type: 'noteOff'; channel: number; pitch: number })
  | (At & { type: 'cc'; channel: number; controller: number; value: number })
  | (At & { type: 'program'; channel: number; program: number })
  /** A new bar starts: meter and tempo (bpm0 at the barline, ramping linearly per beat to bpm1 at the next). */
  | (At & { type: 'bar'; bar: number; numerator: number; denominator: number; bpm0: number; bpm1: number; state: string; chord: string })
  /** A state change or stinger became audible here (mirrors a log entry). */
  | (At & { type: 'marker'; kind: 'state' | 'stinger'; name: string });

export type OutEventType = OutEvent['type'];

/** One state change or stinger: when the game asked and when the music answered. */
export interface LogEntry {
  type: 'state' | 'stinger';
  name: string;
  /** State left (state entries only). */
  from?: string;
  sync: SyncRule;
  /** Seconds when the game asked. */
  requested: Seconds;
  /** Seconds when it became audible (on the sync boundary). */
  sounded: Seconds;
  /** 1-based bar and beat of `sounded`, as a musician counts (beat 1 = the barline). */
  bar: number;
  beat: number;
  tick: Ticks;
  /** Who asked: an API call, a game event name, or a parameter trigger. */
  cause: string;
  /** Transition segment played on the way (state entries only). */
  via?: string;
}

export interface DroppedEntry {
  type: 'state' | 'stinger';
  name: string;
  requested: Seconds;
  reason: 'cooldown' | 'superseded' | 'already-current' | 'unknown';
}

export interface EngineStats {
  ignoredNaN: number;
  clampedParams: number;
  unknownParams: number;
  unknownEvents: number;
  unknownStates: number;
  droppedStingers: number;
  composeErrors: number;
  bars: number;
  notes: number;
  /** Outgoing notes that gave way at a join (semitone/tritone against the new state), and those resolved by step. */
  joinTrims: number;
  joinResolutions: number;
}
