/**
 * purpose: the contract compose/ offers its callers (the `compose` command, film/ for `score`, adaptive/).
 * compose/ implements these in its own files and re-exports them from compose/index.ts.
 *
 *   composeCue(resolveCue(spec), opts) → Score  a whole cue from a resolved cue spec (cue/resolve.ts decides
 *                                             key, metre, tempo map and hits; compose writes the music)
 *   createBarComposer(opts) → BarComposer     bar-by-bar generation for the adaptive runtime: the same
 *                                             harmony/melody/orchestration logic, one bar at a time, with the
 *                                             emotion free to change between bars while key, tempo and voice
 *                                             leading stay continuous.
 */
import type { Score, Note, TrackRole, Mode } from '../score/schema.js';
import type { Style, MotifRef } from '../cue/spec.js';
import type { ResolvedCue } from '../cue/resolve.js';
import type { EmotionValues } from '../cue/emotion.js';
import type { StyleModel } from '../style/api.js';
import type { Taste } from '../cue/taste.js';
import type { SamplingEvidence } from '../style/evidence.js';

export interface ComposeOptions {
  /** Style models to sample from (required: compose/ never loads files; Node: style/node.ts loadDefaultStyleModels()). */
  models: { melody: StyleModel; harmony: StyleModel };
}

export interface ComposeSummary {
  key: string;
  mode: Mode;
  tempo: number;
  meter: string;
  bars: number;
  form: string[];
  instruments: string[];
  /** Longest melodic run copied from the corpus (anti-plagiarism check). */
  longestCopiedRun: number;
  /** Motif occurrences: which motif, at which bar, in which form. */
  motifs: Array<{ id: string; bar: number; form: string }>;
  /** Model sampling failures compose fell back from (absent when there were none); the CLI prints them. */
  warnings?: string[];
}

export interface ComposedCue {
  score: Score;
  summary: ComposeSummary;
  /** The PPM evidence behind every symbol the style models sampled (provenance attribution); not serialised. */
  evidence?: SamplingEvidence;
}

export type ComposeCue = (cue: ResolvedCue, opts: ComposeOptions) => ComposedCue;

/** Emotion as the runtime sees it each bar (the cue contract's values). */
export type BarEmotion = EmotionValues;

export interface BarComposerOptions {
  style: Style;
  /** Starting emotion; also sets key/mode/tempo unless given. */
  emotion: BarEmotion;
  tonic?: number;
  mode?: Mode;
  tempo?: number;
  meter?: [number, number];
  motifs?: MotifRef[];
  seed: number;
  /** Style models to sample from (required; see ComposeOptions.models). */
  models: { melody: StyleModel; harmony: StyleModel };
  /** A listener's taste on top of the emotion map (cue/taste.ts); absent: none. */
  taste?: Taste;
}

/**
 * A note of a composed bar. `tie`: the note continues the same pitch from the previous bar (it starts at tick 0
 * and the previous bar's note of that pitch, in the same part, ran to the barline) — a player holds the
 * sounding note on instead of re-striking it.
 */
export type BarNote = Note & { tie?: boolean };

/** One voice of a composed bar. Ticks are relative to the bar start; a note may not outlast the bar. */
export interface BarPart {
  role: TrackRole;
  name: string;
  program: number;
  channel: number;
  notes: BarNote[];
  /** Controller points (CC11 swells etc.), ticks relative to bar start. */
  controllers: Array<{ tick: number; controller: number; value: number }>;
}

export interface ComposedBar {
  index: number;
  /** Length of the bar in ticks (480 PPQ). */
  ticks: number;
  chord: string;
  tonic: number;
  mode: Mode;
  tempo: number;
  parts: BarPart[];
}

export interface BarComposer {
  /** Compose the next bar with the current emotion (values outside range are clamped, NaN ignored). */
  next(emotion: BarEmotion): ComposedBar;
  /**
   * The next bar enters after other music whose last sounding pitch classes are `tones` (an adaptive state
   * change): begin a new phrase at a bar whose chord shares tones with them and clashes least (shared
   * harmony at the join). Optional: a composer without it simply continues.
   */
  join?(tones: readonly number[]): void;
  /**
   * A new taste (a profile learned something): adopted at the start of the next phrase, never mid-phrase;
   * the tempo then glides there like any tempo change. Optional.
   */
  setTaste?(taste: Taste | undefined): void;
  readonly barIndex: number;
}
