/**
 * purpose: resolve a cue spec once into everything the composer needs decided before it writes a note — metre,
 * home key, base tempo and the solved timing — from the spec's own values where it gives them and from the one
 * emotion → music map otherwise. The planner, the compose command, the adaptive runtime and the studio all
 * call this, so the same spec means the same tempo, key and metre wherever it is composed.
 */
import type { Mode } from '../score/schema.js';
import { Rng } from '../util/rng.js';
import { pcOfName } from '../theory/index.js';
import { clamp } from '../util/math.js';
import type { CueSpec } from './spec.js';
import { emotionAt, meanEmotion, type EmotionValues } from './emotion.js';
import { meterFor, modeFor, tempoFor, tonicFor } from './emotion-map.js';
import { resolveTiming, type CueTiming } from './timing.js';
import { brightenMode, tasteTempo, type Taste } from './taste.js';

/** The key a cue continues from (the previous cue's), and the chord it ended on for a smooth join. */
export interface CueJoin {
  tonic: number;
  mode: Mode;
  lastChord?: string;
}

export interface ResolvedCue {
  spec: CueSpec;
  meter: [number, number];
  /** Home key: pitch class of the tonic and the mode. */
  key: { tonic: number; mode: Mode };
  /** The spec fixed key or mode: the form may not modulate away for colour. */
  keyFixed: boolean;
  /** Base tempo (bpm) before any bending for hits. */
  baseBpm: number;
  /** Mean emotion over the cue (what set tempo and metre). */
  mean: EmotionValues;
  timing: CueTiming;
  /** The previous cue's last chord: conditions the first progression (segue). */
  lastChord?: string;
  /** The listener's taste the composer applies on top of the emotion (absent: none). */
  taste?: Taste;
}

/**
 * Spec overrides win; otherwise: metre and tempo from the mean emotion, mode from the opening emotion, tonic from
 * the previous cue (a continuation) or a seeded idiomatic choice. A `taste` (cue/taste.ts) nudges the derived
 * mode one step inside its family and the derived tempo by at most ±12 %; spec values are never overridden.
 *
 * @example
 * const cue = resolveCue(parseCueSpec({ duration: 60, emotion: { valence: -0.6, arousal: 0.8, tension: 0.7 } }));
 * [cue.baseBpm, cue.key.mode, cue.meter] // [132, 'harmonic-minor', [4, 4]]
 */
export function resolveCue(spec: CueSpec, opts: { previous?: CueJoin; taste?: Taste } = {}): ResolvedCue {
  const taste = opts.taste;
  const rng = new Rng(spec.seed).fork('cue');
  const mean = meanEmotion(spec.emotion);
  const start = emotionAt(spec.emotion, 0.1);
  const meter = spec.meter ? parseMeter(spec.meter) : meterFor(mean);
  const previous = opts.previous;
  const mode: Mode = spec.mode ?? (previous && !spec.key ? previous.mode : brightenMode(modeFor(start), taste?.brightness));
  const tonic = spec.key ? pitchClassOf(spec.key) : previous ? previous.tonic : tonicFor(start, mode, rng.fork('key'));
  const baseBpm = spec.tempo ?? tasteTempo(tempoFor(mean, spec.style), taste);
  return {
    spec,
    meter,
    key: { tonic, mode },
    keyFixed: spec.key !== undefined || spec.mode !== undefined,
    baseBpm,
    mean,
    timing: resolveTiming(spec, meter, baseBpm),
    ...(previous?.lastChord ? { lastChord: previous.lastChord } : {}),
    ...(taste ? { taste } : {}),
  };
}

function parseMeter(text: string): [number, number] {
  const [a, b] = text.split('/').map(Number);
  return [clamp(a, 1, 32), b];
}

function pitchClassOf(name: string): number {
  return pcOfName(name) ?? 0;
}
