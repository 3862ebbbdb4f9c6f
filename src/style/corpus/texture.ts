/**
 * purpose: helpers shared by the readers — bar/position bookkeeping, per-bar onset patterns, chord labelling of a
 * polyphonic texture per beat, and chords implied by a single melody line.
 */
import type { KeyContext, MeterContext } from '../api.js';
import { labelChord, romanName } from '../../theory/index.js';
import { barBeats, modeQuality, mod12 } from '../../theory/index.js';
import type { ChordSpan, CorpusNote } from './types.js';

const EPS = 1e-6;

/** Adds bar/pos to plain notes given a metre and where the first full bar starts (anacrusis length). */
export function placeInBars(notes: Array<{ onset: number; duration: number; pitch: number }>, meter: MeterContext, firstDownbeat: number): CorpusNote[] {
  const bar = barBeats(meter);
  return notes.map((n) => {
    const t = n.onset - firstDownbeat;
    const b = Math.floor((t + EPS) / bar);
    let pos = t - b * bar;
    if (pos < EPS) pos = 0;
    return { ...n, bar: b + (firstDownbeat > EPS ? 1 : 0), pos };
  });
}

/** Per-bar onset bitmasks on the sixteenth grid, bars in order (empty bars give 0). */
export function barPatternsOf(onsets: ReadonlyArray<{ bar: number; pos: number }>, meter: MeterContext): number[] {
  const sixteenths = Math.round(barBeats(meter) * 4);
  if (sixteenths > 31 || onsets.length === 0) return [];
  let maxBar = 0;
  for (const o of onsets) maxBar = Math.max(maxBar, o.bar);
  const out = new Array<number>(maxBar + 1).fill(0);
  for (const o of onsets) {
    const i = Math.round(o.pos * 4);
    if (i >= 0 && i < sixteenths) out[o.bar] |= 1 << i;
  }
  return out;
}

/**
 * Roman numerals for a polyphonic texture: every `span` beats, duration-weighted pitch classes of what sounds,
 * labelled against the key (roman.ts), lowest sounding note as bass; consecutive repeats merged.
 */
export function chordsOfTexture(notes: ReadonlyArray<{ onset: number; duration: number; pitch: number }>, key: KeyContext, span = 1): string[] {
  return mergeRepeats(chordSpansOfTexture(notes, key, span).map((c) => c.roman));
}

/**
 * The same labelling with its harmonic rhythm: one span per chord change (consecutive repeats merged, an
 * unlabelled step lengthens the chord before it), `beats` = time to the next change (the copy definition's
 * chord "inter-onset interval", originality/).
 * @example chordSpansOfTexture(notes, { tonic: 0, mode: 'major' })[0] // { roman: 'I', beat: 0, beats: 2 }
 */
export function chordSpansOfTexture(notes: ReadonlyArray<{ onset: number; duration: number; pitch: number }>, key: KeyContext, span = 1): ChordSpan[] {
  if (notes.length === 0) return [];
  let end = 0;
  for (const n of notes) end = Math.max(end, n.onset + n.duration);
  const steps = Math.ceil(end / span - EPS);
  const weights = Array.from({ length: steps }, () => new Float64Array(12));
  const bass = new Array<number>(steps).fill(999);
  for (const n of notes) {
    const a = n.onset;
    const b = n.onset + n.duration;
    for (let s = Math.floor(a / span + EPS); s < steps && s * span < b - EPS; s++) {
      const lo = Math.max(a, s * span);
      const hi = Math.min(b, (s + 1) * span);
      if (hi - lo <= EPS) continue;
      // What sounds at the start of the span defines the chord; later notes are often passing tones.
      const atStart = lo <= s * span + EPS;
      weights[s][mod12(n.pitch)] += (hi - lo) * (atStart ? 2 : 1);
      if (atStart && n.pitch < bass[s]) bass[s] = n.pitch;
    }
  }
  const labels = labelSteps(weights, bass, key);
  const out: ChordSpan[] = [];
  labels.forEach((roman, s) => {
    const last = out[out.length - 1];
    if (roman === undefined || last?.roman === roman) {
      if (last) last.beats += span;
    } else out.push({ roman, beat: s * span, beats: span });
  });
  return out;
}

/**
 * Chords implied by a melody alone (folk tunes have no written harmony): each half bar's duration-weighted pitch
 * classes labelled with triads only (a single line cannot establish sevenths), tonic-biased on the final step.
 */
export function chordsImpliedByMelody(melody: readonly CorpusNote[], key: KeyContext, meter: MeterContext): string[] {
  if (melody.length === 0) return [];
  const half = barBeats(meter) / 2;
  const family = modeQuality(key.mode);
  const spans = new Map<number, Float64Array>();
  for (const n of melody) {
    const s = Math.floor((n.bar * barBeats(meter) + n.pos) / half + EPS);
    let w = spans.get(s);
    if (!w) spans.set(s, (w = new Float64Array(12)));
    // Notes on the beat say more about the harmony than passing notes (metrical weighting).
    w[mod12(n.pitch)] += n.duration * (n.pos % 1 < EPS ? 1.5 : 1);
  }
  const keys = [...spans.keys()].sort((a, b) => a - b);
  const out: string[] = [];
  for (const k of keys) {
    const best = labelTriad(spans.get(k)!, key.tonic, family);
    if (best) out.push(best);
  }
  return mergeRepeats(out);
}

function labelTriad(w: Float64Array, tonic: number, family: 'major' | 'minor'): string | undefined {
  const l = labelChord(w, tonic, family, undefined, true);
  return l ? romanName(l.root, l.type, family) : undefined;
}

/** One label per step (undefined where nothing labels). */
function labelSteps(weights: Float64Array[], bass: number[], key: KeyContext): Array<string | undefined> {
  const family = modeQuality(key.mode);
  const out: Array<string | undefined> = [];
  for (let s = 0; s < weights.length; s++) {
    const l = labelChord(weights[s], key.tonic, family, bass[s] < 999 ? mod12(bass[s]) : undefined);
    out.push(l ? romanName(l.root, l.type, family) : undefined);
  }
  return out;
}

export function mergeRepeats<T>(xs: readonly T[]): T[] {
  const out: T[] = [];
  for (const x of xs) if (out.length === 0 || out[out.length - 1] !== x) out.push(x);
  return out;
}
