/**
 * purpose: one part never strikes a pitch that is already sounding in it. Two tracks merged into one part (a
 * piano's hands) can double a note, and quantizing for notation can pull two strokes of one pitch onto the same
 * onset; MuseScore reports each as a "MIDI collision" and plays the first note on. The notation keeps one note per
 * pitch and onset (the longer), and a note that would still ring when the same pitch is struck again ends there.
 */
import type { NotationNote } from './articulate.js';

/**
 * @example
 * separateUnisons([{ tick: 0, pitch: 48, duration: 240, velocity: 80 }, { tick: 0, pitch: 48, duration: 120, velocity: 90 }])
 * // [{ tick: 0, pitch: 48, duration: 240, velocity: 80 }]
 */
export function separateUnisons<T extends NotationNote>(notes: readonly T[]): T[] {
  const sorted = [...notes].sort((a, b) => a.pitch - b.pitch || a.tick - b.tick || b.duration - a.duration);
  const out: T[] = [];
  for (const n of sorted) {
    const prev = out[out.length - 1];
    if (prev && prev.pitch === n.pitch) {
      if (prev.tick === n.tick) continue; // the same stroke twice: keep the longer (sorted first)
      if (prev.tick + prev.duration > n.tick) out[out.length - 1] = { ...prev, duration: n.tick - prev.tick, tiedToNext: false };
    }
    out.push(n);
  }
  return out.sort((a, b) => a.tick - b.tick || b.pitch - a.pitch);
}
