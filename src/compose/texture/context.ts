/**
 * purpose: what every texture reads when it writes one voice's bar — the bar's render input, the chord spans it
 * covers, the shared bass line, and the voice's own register window — computed once per bar by render-bar.ts.
 */
import type { BarRenderInput } from '../render-bar.js';
import type { ChordSpan } from '../phrase.js';
import type { Voice } from '../palette.js';
import type { Key } from '../../theory/index.js';
import type { RawNote } from '../notes.js';

export interface BarContext {
  inp: BarRenderInput;
  /** Chord spans sounding in this bar (phrase beats). */
  spans: ChordSpan[];
  /** The bass pitch under each span (the bass layer plays it; chord layers voice-lead against it). */
  bassPitches: number[];
  /** The bass before this bar (voice leading across the barline). */
  prevBassBefore: number | undefined;
  /** A pedal point holds the bass on the tonic under changing chords. */
  pedal: boolean;
  /** Bar start and end in phrase beats (quarter notes). */
  from: number;
  to: number;
  barTicks: number;
  /** Phrase beat → tick inside this bar. */
  toTick: (beat: number) => number;
  key: Key;
  /** The bass voice's range (defaults when the palette has none). */
  blo: number;
  bhi: number;
  lastBarOfPhrase: boolean;
}

/** One voice in one bar: its register window (shifted by the register cue for chordal layers) and base velocity. */
export interface VoiceFrame {
  voice: Voice;
  lo: number;
  hi: number;
  baseVel: number;
}

/** A texture: a pure function from the bar and the voice to the voice's notes in this bar. */
export type TextureWriter = (ctx: BarContext, vf: VoiceFrame) => RawNote[];

export const EPS = 1e-6;
