/**
 * purpose: what every texture reads when it writes one voice's bar — the bar's render input, the chord spans it
 * covers, the shared bass line, the lead line sounding in the bar (so accompaniment stays under the tune), and
 * the voice's own register window — computed once per bar by render-bar.ts.
 */
import type { BarRenderInput } from '../render-bar.js';
import type { ChordSpan } from '../phrase.js';
import type { Voice } from '../palette.js';
import type { Key } from '../../theory/index.js';
import type { RawNote } from '../notes.js';

/** One lead note as it sounds in this bar (ticks from the bar start; `end` exclusive). */
export interface LeadNote {
  tick: number;
  end: number;
  pitch: number;
}

export interface BarContext {
  inp: BarRenderInput;
  /** Chord spans sounding in this bar (phrase beats). */
  spans: ChordSpan[];
  /** The bass pitch under each span's attack (the bass layer starts there; chord layers voice-lead against it). */
  bassPitches: number[];
  /** The bass before this bar (voice leading across the barline). */
  prevBassBefore: number | undefined;
  /** A pedal point holds the bass on the tonic under the chords that contain it. */
  pedal: boolean;
  /** Per span: the bass holds the pedal (the span's chord contains the pedal pitch class). */
  pedalSpan: boolean[];
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
  /** The lead (tune) as it sounds in this bar, plus a note starting on the next downbeat — empty when no lead plays. */
  lead: LeadNote[];
  /** Lowest lead pitch sounding anywhere in [t0, t1) (ticks), Infinity when the lead rests there. */
  leadFloor: (t0: number, t1: number) => number;
  /** The lead pitch sounding at tick t (undefined in a rest). */
  leadAt: (t: number) => number | undefined;
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

/** Lead helpers over a bar's lead notes (shared by render-bar and tests). */
export function leadQueries(lead: readonly LeadNote[]): Pick<BarContext, 'leadFloor' | 'leadAt'> {
  return {
    leadFloor: (t0, t1) => {
      let m = Infinity;
      for (const n of lead) if (n.tick < t1 && n.end > t0 && n.pitch < m) m = n.pitch;
      return m;
    },
    leadAt: (t) => {
      let p: number | undefined;
      for (const n of lead) if (n.tick <= t && t < n.end) p = p === undefined ? n.pitch : Math.max(p, n.pitch);
      return p;
    },
  };
}
