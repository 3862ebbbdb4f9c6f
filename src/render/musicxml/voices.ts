/**
 * purpose: lay one track's notes out as notation voices. Notes with the same start and end form a chord;
 * chords that overlap go to separate voices (first fit, at most MAX_VOICES, as MuseScore and Finale allow 4
 * per staff). When a track needs more voices than that (a dense pad with staggered entries), its notes are
 * instead cut at every point where another note starts or ends, so that everything sounding together forms
 * one chord, and the cut pieces are tied — always correct, if busier to read.
 */
import type { NotationNote } from './articulate.js';

export const MAX_VOICES = 4;

export interface NoteGroup {
  tick: number;
  end: number;
  /** Notes of the chord, low to high. `tiedFromPrevious`/`tiedToNext` join pieces cut by chordify. */
  notes: NotationNote[];
}

export function groupChords(notes: readonly NotationNote[]): NoteGroup[] {
  const map = new Map<string, NoteGroup>();
  for (const n of notes) {
    const key = `${n.tick}:${n.tick + n.duration}`;
    let g = map.get(key);
    if (!g) map.set(key, (g = { tick: n.tick, end: n.tick + n.duration, notes: [] }));
    g.notes.push(n);
  }
  const groups = [...map.values()];
  for (const g of groups) g.notes.sort((a, b) => a.pitch - b.pitch);
  // Earlier first; at one start the longer chord first, so it takes the upper voice.
  return groups.sort((a, b) => a.tick - b.tick || b.end - a.end);
}

/** First-fit voice assignment; null when more than `max` voices would be needed. */
export function assignVoices(groups: NoteGroup[], max = MAX_VOICES): NoteGroup[][] | null {
  const voices: NoteGroup[][] = [];
  const ends: number[] = [];
  for (const g of groups) {
    let v = ends.findIndex((e) => e <= g.tick);
    if (v < 0) {
      if (voices.length >= max) return null;
      v = voices.length;
      voices.push([]);
      ends.push(0);
    }
    voices[v].push(g);
    ends[v] = g.end;
  }
  return voices;
}

/** Cut notes wherever the set of sounding notes changes, so every slice is one chord. */
export function chordify(notes: readonly NotationNote[]): NotationNote[] {
  const cuts = new Set<number>();
  for (const n of notes) {
    cuts.add(n.tick);
    cuts.add(n.tick + n.duration);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: NotationNote[] = [];
  for (const n of notes) {
    const end = n.tick + n.duration;
    let lo = 0, hi = points.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (points[mid] < n.tick) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < points.length - 1 && points[i] < end; i++) {
      const a = points[i], b = Math.min(points[i + 1], end);
      out.push({ ...n, tick: a, duration: b - a, tiedFromPrevious: a > n.tick, tiedToNext: b < end });
    }
  }
  return out;
}

/** Voices for a pitched track: chords in up to MAX_VOICES voices, else one chordified voice. */
export function layoutVoices(notes: readonly NotationNote[]): NoteGroup[][] {
  if (notes.length === 0) return [];
  const voices = assignVoices(groupChords(notes));
  if (voices) return voices;
  return assignVoices(groupChords(chordify(notes)), 1) ?? [];
}

/**
 * Drum notes have no meaningful length: notate each hit as lasting until the next hit in the track (or the
 * barline), rounded down to one plain note value, so simultaneous hits form chords and no ties appear. A roll
 * keeps its own length, cut at the barline.
 */
export function drumNotation(notes: readonly NotationNote[], barEndAt: (tick: number) => number, valueAtMost: (ticks: number) => number): NotationNote[] {
  const onsets = [...new Set(notes.map((n) => n.tick))].sort((a, b) => a - b);
  const nextOnset = new Map<number, number>();
  onsets.forEach((t, i) => nextOnset.set(t, onsets[i + 1] ?? Infinity));
  return notes.map((n) => {
    // A roll (tremolo) lasts as long as it is played; a single stroke until the next one.
    const limit = Math.min(n.tremolo ? n.tick + n.duration : nextOnset.get(n.tick)!, barEndAt(n.tick));
    return { ...n, duration: valueAtMost(limit - n.tick) };
  });
}
