/**
 * purpose: melodic lines and the classical motif transformations (MUSIC.md "Motif development"): repetition,
 * diatonic sequence, inversion, retrograde, augmentation/diminution, fragmentation, change of mode, register.
 * A leitmotif is recognised by rhythm and contour more than exact pitches, so every transformation keeps the
 * rhythm (or scales it uniformly) and maps pitches through scale degrees.
 */
import type { MotifNote } from '../cue/spec.js';
import type { Chord } from './chords.js';
import { degreeToPitch, foldIntoRange, nearestPitchWithPc, pitchToDegree } from './theory.js';
import { mod12, type Key } from '../theory/index.js';

/** A note of a line; `beat`/`duration` in quarter-note beats from the start of the line. */
export interface LineNote {
  beat: number;
  duration: number;
  pitch: number;
}
export type Line = LineNote[];

const tonicRef = (key: Key, around: number): number => around - mod12(around - key.tonic);

export function shift(line: Line, beats: number): Line {
  return line.map((n) => ({ ...n, beat: n.beat + beats }));
}

export function lineLength(line: Line): number {
  let end = 0;
  for (const n of line) end = Math.max(end, n.beat + n.duration);
  return end;
}

/** Move every note by `steps` scale degrees (a diatonic sequence step). */
export function transposeDiatonic(line: Line, steps: number, key: Key): Line {
  if (steps === 0) return line.map((n) => ({ ...n }));
  const ref = tonicRef(key, 60);
  return line.map((n) => {
    const d = pitchToDegree(key, n.pitch, ref);
    return { ...n, pitch: degreeToPitch(key, d.degree + steps, d.alter, ref) };
  });
}

/** Mirror the contour around the first note, diatonically. */
export function invert(line: Line, key: Key): Line {
  if (line.length === 0) return [];
  const ref = tonicRef(key, 60);
  const axis = pitchToDegree(key, line[0].pitch, ref).degree;
  return line.map((n) => {
    const d = pitchToDegree(key, n.pitch, ref);
    return { ...n, pitch: degreeToPitch(key, 2 * axis - d.degree, 0, ref) };
  });
}

export function retrograde(line: Line): Line {
  const len = lineLength(line);
  return line.map((n) => ({ ...n, beat: len - n.beat - n.duration })).sort((a, b) => a.beat - b.beat);
}

/** Scale durations and onsets (2 = augmentation, 0.5 = diminution). */
export function scaleTime(line: Line, factor: number): Line {
  return line.map((n) => ({ beat: n.beat * factor, duration: n.duration * factor, pitch: n.pitch }));
}

/** Keep the notes that start before `beats`, cut at that length. */
export function fragment(line: Line, from: number, beats: number): Line {
  return line
    .filter((n) => n.beat >= from - 1e-9 && n.beat < from + beats - 1e-9)
    .map((n) => ({ beat: n.beat - from, duration: Math.min(n.duration, from + beats - n.beat), pitch: n.pitch }));
}

/** Same degrees in another mode/key (mode change keeps contour and rhythm). */
export function changeKey(line: Line, from: Key, to: Key): Line {
  const refFrom = tonicRef(from, 60);
  let refTo = tonicRef(to, 60);
  if (refTo - refFrom > 6) refTo -= 12;
  if (refFrom - refTo > 6) refTo += 12;
  return line.map((n) => {
    const d = pitchToDegree(from, n.pitch, refFrom);
    return { ...n, pitch: degreeToPitch(to, d.degree, d.alter, refTo) };
  });
}

/** Repeat a line to fill `beats`. */
export function loopTo(line: Line, unit: number, beats: number): Line {
  const out: Line = [];
  for (let off = 0; off < beats - 1e-9; off += unit) for (const n of line) if (n.beat + off < beats - 1e-9) out.push({ ...n, beat: n.beat + off, duration: Math.min(n.duration, beats - n.beat - off) });
  return out;
}

/**
 * Put a line in a range by whole octaves, keeping its shape (centre of the line → centre of the range). With
 * `exact`, notes are never folded one by one (a motif's intervals survive even if it overhangs the range a little).
 */
export function placeInRange(line: Line, lo: number, hi: number, exact = false): Line {
  if (line.length === 0) return [];
  let min = 127, max = 0;
  for (const n of line) {
    min = Math.min(min, n.pitch);
    max = Math.max(max, n.pitch);
  }
  const centre = (min + max) / 2;
  const target = (lo + hi) / 2;
  let oct = Math.round((target - centre) / 12);
  while (max + 12 * oct > hi && min + 12 * (oct - 1) >= lo - 2) oct--;
  while (min + 12 * oct < lo && max + 12 * (oct + 1) <= hi + 2) oct++;
  if (exact) return line.map((n) => ({ ...n, pitch: Math.max(0, Math.min(127, n.pitch + 12 * oct)) }));
  return line.map((n) => ({ ...n, pitch: foldIntoRange(n.pitch + 12 * oct, lo, hi) }));
}

/**
 * Make a line fit the harmony: notes on strong beats that are not chord tones move to the nearest chord tone
 * (MUSIC.md: chord tones on strong beats); weak-beat notes may stay as passing/neighbour tones if diatonic.
 */
export function fitToChords(line: Line, chordAt: (beat: number) => Chord, isStrong: (beat: number) => boolean, scale: readonly number[], lo: number, hi: number): Line {
  return line.map((n) => {
    const ch = chordAt(n.beat);
    const pc = mod12(n.pitch);
    if (isStrong(n.beat) || n.duration >= 1.5) {
      if (ch.pcs.includes(pc)) return n;
      return { ...n, pitch: nearestPitchWithPc(n.pitch, ch.pcs, lo, hi) };
    }
    if (scale.includes(pc) || ch.pcs.includes(pc)) return n;
    return { ...n, pitch: nearestPitchWithPc(n.pitch, scale, lo, hi) };
  });
}

/** Turn a spec motif (scale degrees, beats, rests) into a line in a key, its tonic near `tonicMidi`. */
export function motifToLine(notes: readonly MotifNote[], key: Key, tonicMidi: number): Line {
  const out: Line = [];
  let beat = 0;
  const ref = tonicMidi - mod12(tonicMidi - key.tonic);
  for (const n of notes) {
    if (!n.rest) out.push({ beat, duration: n.beats, pitch: degreeToPitch(key, n.degree, n.alter ?? 0, ref) });
    beat += n.beats;
  }
  return out;
}

/** Contour signature (up/down/same per step) — what a listener recognises. */
export function contour(line: Line): number[] {
  const c: number[] = [];
  for (let i = 1; i < line.length; i++) c.push(Math.sign(line[i].pitch - line[i - 1].pitch));
  return c;
}
