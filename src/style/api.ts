/**
 * purpose: the contract between style/ (models learned from corpora) and its users (compose/, plan/ leitmotifs,
 * adaptive/). style/ implements it; the others import only these types and the functions style/index.ts exports
 * for them. Keep it stable: change it only together with its callers.
 *
 * All sampling is pure and seeded (an Rng is passed in). Beats are quarter-note beats from the start of the
 * requested passage; pitches are MIDI numbers.
 */
import type { Rng } from '../util/rng.js';
import type { Mode } from '../score/schema.js';
import type { SamplingEvidence } from './evidence.js';

export interface KeyContext {
  /** Tonic pitch class 0–11 (0 = C). */
  tonic: number;
  mode: Mode;
}

export interface MeterContext {
  numerator: number;
  denominator: number;
}

/** A hard constraint on the pitch sounding at a beat position (e.g. chord tones on strong beats). */
export interface PitchConstraint {
  beat: number;
  /** Allowed pitch classes 0–11. */
  pitchClasses: number[];
}

export interface MelodyRequest {
  key: KeyContext;
  meter: MeterContext;
  bars: number;
  /** Inclusive MIDI range. */
  range: [number, number];
  /** Chord tones on strong beats, cadence targets… The sampler must satisfy these or report failure. */
  constraints?: PitchConstraint[];
  /** Pitch classes allowed for the final note (cadence on the tonic). */
  endOn?: number[];
  /** Fix the rhythm (onsets and durations in beats) and sample only pitches. */
  rhythm?: Array<{ beat: number; duration: number }>;
  /** 0 = sparse/long notes … 1 = dense/short notes (arousal). */
  density?: number;
  /** Where (0..1 of the passage) the contour's high point should fall; undefined = no preference. */
  peakAt?: number;
  /** Notes that precede the passage (continuity); they condition the model but are not returned. */
  context?: number[];
  /** Anti-plagiarism max order: no run of more than this many consecutive melodic events may appear verbatim
   * (transposition- and tempo-invariant, src/originality/definition.ts) in the training corpus. Default 6;
   * Infinity disables. */
  maxCopy?: number;
  /** Sampling temperature; 1 = model distribution. */
  temperature?: number;
  /** When given, the PPM evidence behind every drawn interval is recorded here (attribution; style/evidence.ts). */
  evidence?: SamplingEvidence;
  rng: Rng;
}

export interface MelodyNote {
  beat: number;
  duration: number;
  pitch: number;
}

export interface MelodyResult {
  notes: MelodyNote[];
  /** How many times the constrained search had to back up. */
  backtracks: number;
  /** Longest run (in events) of the result found verbatim, transposition-invariant, in the corpus. */
  longestCopiedRun: number;
  /** False when the constraints could not all be met and the best effort was returned. */
  satisfied: boolean;
}

export type Cadence = 'authentic' | 'half' | 'plagal' | 'deceptive' | 'none';

export interface ProgressionRequest {
  mode: Mode;
  /** Number of chords. */
  length: number;
  /** How the progression must end. */
  cadence?: Cadence;
  /** First chord as a Roman numeral (e.g. "I", "i"); default the tonic. */
  start?: string;
  /** Chords before this progression, for continuity. */
  context?: string[];
  /** 0..1: how much to favour chromatic / darker chords (tension). */
  colour?: number;
  temperature?: number;
  /** When given, the PPM evidence behind every freely drawn chord is recorded here (attribution). */
  evidence?: SamplingEvidence;
  rng: Rng;
}

/** Roman numerals relative to the key: "I", "ii", "V7", "vi", "iv", "bVI", "V/V", "viio7", "N6"… */
export interface ProgressionResult {
  chords: string[];
}

export interface RhythmRequest {
  meter: MeterContext;
  bars: number;
  /** 0 = sparse … 1 = dense (arousal). */
  density: number;
  rng: Rng;
}

/** One bar's onset pattern on a sixteenth grid (length = sixteenths per bar); value = accent 0..1 (0 = no onset). */
export type BarPattern = number[];

/** What a trained style model offers its users. */
export interface StyleModel {
  readonly id: string;
  readonly name: string;
  sampleMelody(req: MelodyRequest): MelodyResult;
  sampleProgression(req: ProgressionRequest): ProgressionResult;
  sampleRhythm(req: RhythmRequest): BarPattern[];
  /** Longest run (events) of `pitches` (with their durations in beats) found in the corpus, transposition-invariant. */
  longestCopiedRun(notes: ReadonlyArray<{ pitch: number; duration: number }>): number;
  /** The same for a bass line against the training pieces' bass lines (models without bass lines: absent or 0). */
  longestCopiedBassRun?(notes: ReadonlyArray<{ pitch: number; duration: number }>): number;
  /** The same for a harmony line (Roman numeral + duration per chord change) against the training pieces' harmony. */
  longestCopiedHarmonyRun?(chords: ReadonlyArray<{ roman: string; duration: number }>): number;
}
