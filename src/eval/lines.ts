/**
 * purpose: the views of a Score the musician's checks read — the lead line, the bass line, what each layer
 * sounds at a tick, the key at a tick, bar numbers — so every check measures the same thing the same way.
 *
 * Layers (by track role; percussion = role 'percussion' or channel 9, always ignored for pitch checks):
 *   - lead: every 'melody' track merged; at an onset the highest melody pitch starting there is the lead note,
 *     so an octave doubling between two melody tracks reads as one line (the upper one).
 *   - accompaniment: 'harmony', 'pad', 'ostinato' and 'bass' tracks (chord, pad, rhythm-guitar and bass layers).
 *     'counter' (a counter-melody or descant may legitimately cross the tune), 'fx' and 'other' (timpani,
 *     colour) are neither lead nor accompaniment.
 *   - chord: 'harmony', 'pad' and 'ostinato' tracks — the pitch classes a bass note is heard against.
 *   - bass: every 'bass' track merged; at an onset the lowest bass pitch starting there.
 */
import { MeterMap, type Note, type Score, type Track, type TrackRole } from '../score/index.js';
import { isDrumPart, pcOfName } from '../theory/index.js';

/** One note of a monophonic reduction (lead or bass line). */
export interface LineNote {
  tick: number;
  duration: number;
  pitch: number;
}

/** Roles heard as accompaniment under the lead. @example ACCOMPANIMENT_ROLES.has('pad') // true */
export const ACCOMPANIMENT_ROLES: ReadonlySet<TrackRole> = new Set(['harmony', 'pad', 'ostinato', 'bass']);
/** Roles that carry the chord a bass note is heard against. @example CHORD_ROLES.has('bass') // false */
export const CHORD_ROLES: ReadonlySet<TrackRole> = new Set(['harmony', 'pad', 'ostinato']);

/**
 * True for drum tracks (role 'percussion' or GM channel 10): src/theory's isDrumPart.
 * @example isPercussion({ role: 'percussion', channel: 9 } as Track) // true
 */
export const isPercussion: (t: Pick<Track, 'role' | 'channel'>) => boolean = isDrumPart;

/** Pitched tracks whose role is in `roles`. @example tracksWithRoles(score, CHORD_ROLES) */
export function tracksWithRoles(score: Score, roles: ReadonlySet<TrackRole>): Track[] {
  return score.tracks.filter((t) => roles.has(t.role) && !isPercussion(t));
}

/**
 * Monophonic reduction of some tracks: one note per distinct onset, the highest (`top`) or lowest pitch
 * starting there; its duration is the longest of the notes chosen at that onset.
 * @example lineOf([melodyTrack], 'top') // the skyline of the melody tracks
 */
export function lineOf(tracks: readonly Track[], pick: 'top' | 'bottom'): LineNote[] {
  const at = new Map<number, LineNote>();
  for (const t of tracks)
    for (const n of t.notes) {
      const cur = at.get(n.tick);
      const better = !cur || (pick === 'top' ? n.pitch > cur.pitch : n.pitch < cur.pitch);
      if (better) at.set(n.tick, { tick: n.tick, duration: n.duration, pitch: n.pitch });
    }
  return [...at.values()].sort((a, b) => a.tick - b.tick);
}

/** The lead line (see the header). @example leadLine(score).length */
export function leadLine(score: Score): LineNote[] {
  return lineOf(tracksWithRoles(score, new Set(['melody'])), 'top');
}

/** The bass line (see the header). @example bassLine(score)[0]?.pitch */
export function bassLine(score: Score): LineNote[] {
  return lineOf(tracksWithRoles(score, new Set(['bass'])), 'bottom');
}

/**
 * Pitches sounding at tick t (onset ≤ t < onset + duration) in the given notes.
 * @example soundingAt([{ tick: 0, duration: 480, pitch: 60, velocity: 80 }], 240) // [60]
 */
export function soundingAt(notes: readonly Pick<Note, 'tick' | 'duration' | 'pitch'>[], t: number): number[] {
  const out: number[] = [];
  for (const n of notes) if (n.tick <= t && t < n.tick + n.duration) out.push(n.pitch);
  return out;
}

/** A sorted note index for fast "what sounds at t" queries over many tracks. @example new SoundingIndex(score.tracks).at(960) */
export class SoundingIndex {
  private readonly notes: LineNote[];
  private readonly maxDur: number;
  constructor(tracks: readonly Track[]) {
    this.notes = tracks.flatMap((t) => t.notes.map((n) => ({ tick: n.tick, duration: n.duration, pitch: n.pitch }))).sort((a, b) => a.tick - b.tick);
    this.maxDur = this.notes.reduce((m, n) => Math.max(m, n.duration), 0);
  }
  /** Pitches sounding at t. */
  at(t: number): number[] {
    const out: number[] = [];
    // binary search for the first note with tick > t, then scan back while notes could still sound
    let lo = 0;
    let hi = this.notes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.notes[mid].tick <= t) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo - 1; i >= 0 && this.notes[i].tick > t - this.maxDur; i--) {
      const n = this.notes[i];
      if (t < n.tick + n.duration) out.push(n.pitch);
    }
    return out;
  }
  get size(): number {
    return this.notes.length;
  }
}

/**
 * Among the line's onsets at which the index sounds something, the share where `test(pitch, sounding)` holds
 * (NaN when nothing sounds under any onset).
 * @example shareOverSounding(leadLine(score), new SoundingIndex(chordTracks), (p, s) => p >= Math.max(...s))
 */
export function shareOverSounding(line: readonly LineNote[], index: SoundingIndex, test: (pitch: number, sounding: number[]) => boolean): number {
  let n = 0;
  let hits = 0;
  for (const l of line) {
    const s = index.at(l.tick);
    if (s.length === 0) continue;
    n++;
    if (test(l.pitch, s)) hits++;
  }
  return share(hits, n);
}

/** The line's note sounding at t (the latest onset ≤ t whose duration covers t), or undefined in a rest. @example lineNoteAt(bassLine(score), 0)?.pitch */
export function lineNoteAt(line: readonly LineNote[], t: number): LineNote | undefined {
  let lo = 0;
  let hi = line.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (line[mid].tick <= t) lo = mid + 1;
    else hi = mid;
  }
  const n = line[lo - 1];
  return n && t < n.tick + n.duration ? n : undefined;
}

/**
 * The key in force at tick t (the last key event at or before t; the first one before it), tonic as a pitch class.
 * @example keyAt(score, 0) // { tonic: 7, mode: 'harmonic-minor' } for G harmonic minor
 */
export function keyAt(score: Pick<Score, 'keys'>, t: number): { tonic: number; mode: string } | undefined {
  if (score.keys.length === 0) return undefined;
  let k = score.keys[0];
  for (const e of score.keys) if (e.tick <= t && e.tick >= k.tick) k = e;
  return { tonic: pcOfName(k.tonic) ?? 0, mode: k.mode };
}

/** Bar bookkeeping for a score: bar index and position of a tick, bar count. @example barsOf(score).count // 24 */
export function barsOf(score: Pick<Score, 'meters' | 'endTick'>): { map: MeterMap; count: number } {
  const map = new MeterMap(score.meters);
  const last = map.barBeatAt(Math.max(0, score.endTick - 1));
  return { map, count: score.endTick > 0 ? last.bar + 1 : 0 };
}

/** Group line notes by the bar their onset falls in. @example notesByBar(score, leadLine(score)).get(0) */
export function notesByBar(score: Pick<Score, 'meters'>, line: readonly LineNote[]): Map<number, LineNote[]> {
  const map = new MeterMap(score.meters);
  const out = new Map<number, LineNote[]>();
  for (const n of line) {
    const b = map.barBeatAt(n.tick).bar;
    const list = out.get(b);
    if (list) list.push(n);
    else out.set(b, [n]);
  }
  return out;
}

/** a / b, or NaN when there is nothing to measure (b = 0) — NaN prints as "—" and is skipped in averages. @example share(1, 4) // 0.25; share(0, 0) // NaN */
export const share = (a: number, b: number): number => (b > 0 ? a / b : NaN);
