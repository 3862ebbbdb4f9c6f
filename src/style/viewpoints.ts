/**
 * purpose: viewpoints (Conklin & Witten 1995; Pearce 2005) — the ways a piece is turned into integer symbol
 * sequences for the PPM models:
 *   interval   melodic pitch interval in semitones, clamped to ±24 (first note: boundary)
 *   degree     chromatic scale degree, pitch − tonic mod 12
 *   duration   inter-onset interval on a 16-value grid (1/12 beat … 8 beats, log-nearest)
 *   rhythm     duration × metrical position (onset within the bar on a 1/12-beat grid), one model per metre
 *   bar        the bar's onset pattern on the sixteenth grid, one symbol per bar, one model per metre
 *   roman      chord-to-chord Roman numerals relative to the key, one model per mode family
 *   bass       bass motion, interval between successive bass notes clamped to ±12
 * A negative symbol is a boundary: no context reaches across it.
 */
import type { CorpusNote, CorpusPiece } from './corpus/types.js';
import { mod12 } from '../theory/index.js';

export const INTERVAL_RANGE = 24;
export const INTERVAL_ALPHABET = 2 * INTERVAL_RANGE + 1;
export const DEGREE_ALPHABET = 12;
/** Durations in twelfths of a quarter beat (so triplets and sixteenths are exact). */
export const DURATION_GRID = [1, 2, 3, 4, 6, 8, 9, 12, 16, 18, 24, 30, 36, 48, 72, 96] as const;
export const DURATION_ALPHABET = DURATION_GRID.length;
export const POSITION_STEPS_PER_BEAT = 12;
/** Longest bar the rhythm viewpoint covers: 6 quarter beats (6/4, 12/8). */
export const MAX_POSITIONS = 6 * POSITION_STEPS_PER_BEAT;
export const RHYTHM_ALPHABET = MAX_POSITIONS * DURATION_ALPHABET;
export const BASS_RANGE = 12;
export const BASS_ALPHABET = 2 * BASS_RANGE + 1;

export function intervalSymbol(interval: number): number {
  return Math.max(-INTERVAL_RANGE, Math.min(INTERVAL_RANGE, interval)) + INTERVAL_RANGE;
}

export function durationIndex(beats: number): number {
  const twelfths = beats * 12;
  let best = 0;
  let bestD = Infinity;
  for (let i = 0; i < DURATION_GRID.length; i++) {
    const d = Math.abs(Math.log2(twelfths / DURATION_GRID[i]));
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

export function durationBeats(index: number): number {
  return DURATION_GRID[index] / 12;
}

export function positionIndex(posBeats: number): number {
  return Math.max(0, Math.min(MAX_POSITIONS - 1, Math.round(posBeats * POSITION_STEPS_PER_BEAT)));
}

export function rhythmSymbol(posIdx: number, durIdx: number): number {
  return posIdx * DURATION_ALPHABET + durIdx;
}

/** Inter-onset intervals (the last note keeps its sounding length); rests are absorbed into the note before. */
export function iois(melody: readonly CorpusNote[]): number[] {
  return melody.map((n, i) => (i + 1 < melody.length ? Math.max(1 / 12, melody[i + 1].onset - n.onset) : n.duration));
}

export interface PieceSequences {
  interval: Int32Array;
  degree: Int32Array;
  duration: Int32Array;
  rhythm: Int32Array;
  bass?: Int32Array;
}

export function melodySequences(p: CorpusPiece): PieceSequences {
  const m = p.melody;
  const n = m.length;
  const interval = new Int32Array(n);
  const degree = new Int32Array(n);
  const duration = new Int32Array(n);
  const rhythm = new Int32Array(n);
  const io = iois(m);
  for (let i = 0; i < n; i++) {
    interval[i] = i === 0 ? -1 : intervalSymbol(m[i].pitch - m[i - 1].pitch);
    degree[i] = mod12(m[i].pitch - p.key.tonic);
    const d = durationIndex(io[i]);
    duration[i] = d;
    rhythm[i] = rhythmSymbol(positionIndex(m[i].pos), d);
  }
  let bass: Int32Array | undefined;
  if (p.bass && p.bass.length > 1) {
    bass = new Int32Array(p.bass.length);
    bass[0] = -1;
    for (let i = 1; i < p.bass.length; i++) {
      bass[i] = Math.max(-BASS_RANGE, Math.min(BASS_RANGE, p.bass[i].pitch - p.bass[i - 1].pitch)) + BASS_RANGE;
    }
  }
  return { interval, degree, duration, rhythm, bass };
}

/** A growable string/number → symbol vocabulary; the last symbol is reserved for "unseen". */
export class Vocab<T extends string | number> {
  readonly items: T[] = [];
  private readonly index = new Map<T, number>();

  constructor(items: readonly T[] = []) {
    for (const it of items) this.add(it);
  }

  add(item: T): number {
    let i = this.index.get(item);
    if (i === undefined) {
      i = this.items.length;
      this.items.push(item);
      this.index.set(item, i);
    }
    return i;
  }

  /** Symbol for an item, or the unseen symbol. */
  get(item: T): number {
    return this.index.get(item) ?? this.items.length;
  }

  has(item: T): boolean {
    return this.index.has(item);
  }

  /** Alphabet size including the unseen symbol. */
  get alphabet(): number {
    return this.items.length + 1;
  }
}

/** Items sorted by frequency (ties by value), capped, for a deterministic vocabulary. */
export function frequentItems<T extends string | number>(seqs: ReadonlyArray<readonly T[]>, cap: number): T[] {
  const counts = new Map<T, number>();
  for (const s of seqs) for (const x of s) counts.set(x, (counts.get(x) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, cap)
    .map(([x]) => x);
}
