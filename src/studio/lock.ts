/**
 * purpose: "lock and regenerate" — keep the locked bars and/or tracks of the previous take note for note and
 * take everything else from a fresh composition (same grid, new seed), smoothing the joins: no new note hangs
 * into a locked bar, none restrikes under a held locked note, and a new melody line that would leap more than
 * an octave away from the locked line at a boundary is moved by octaves towards it.
 */
import { MeterMap } from '../score/meter-map.js';
import type { Note, Score, Track } from '../score/schema.js';

/** Bars are 1-based and inclusive, as a composer counts them; tracks by name. */
export interface Lock {
  bars?: [number, number];
  tracks?: string[];
}

export interface LockedRegion {
  /** Tick range [from, to) of the locked bars, or null when no bars are locked. */
  span: [number, number] | null;
  tracks: Set<string>;
}

/** Ticks of the locked bars in `score`'s grid. */
export function lockedRegion(score: Score, lock: Lock): LockedRegion {
  const map = new MeterMap(score.meters);
  let span: [number, number] | null = null;
  if (lock.bars) {
    const [a, b] = lock.bars[0] <= lock.bars[1] ? lock.bars : [lock.bars[1], lock.bars[0]];
    span = [map.tickAtBar(a - 1), Math.min(score.endTick, map.tickAtBar(b))];
  }
  return { span, tracks: new Set(lock.tracks ?? []) };
}

const inSpan = (tick: number, span: [number, number] | null) => span !== null && tick >= span[0] && tick < span[1];

/** Is this note of this track locked? (A note belongs to the bar it starts in.) */
export function isLocked(region: LockedRegion, track: string, note: Pick<Note, 'tick'>): boolean {
  return region.tracks.has(track) || inSpan(note.tick, region.span);
}

const sortNotes = (a: Note, b: Note) => a.tick - b.tick || a.pitch - b.pitch;

/** Pull a new melody note to within an octave of the locked neighbour by octave steps. */
function nearOctave(pitch: number, target: number): number {
  let p = pitch;
  while (p - target > 12 && p - 12 >= 0) p -= 12;
  while (target - p > 12 && p + 12 <= 127) p += 12;
  return p;
}

/** New (unlocked) notes of one track, trimmed and smoothed against the locked notes of the same track. */
function joinTrack(name: string, role: Track['role'], fresh: Note[], locked: Note[], region: LockedRegion): Note[] {
  const span = region.span;
  const out: Note[] = [];
  for (const n0 of fresh) {
    if (isLocked(region, name, n0)) continue;
    const n = { ...n0 };
    // A new note may not ring into the locked bars.
    if (span && n.tick < span[0] && n.tick + n.duration > span[0]) n.duration = span[0] - n.tick;
    // Nor re-strike a pitch a locked note is still holding past the lock.
    if (locked.some((l) => l.pitch === n.pitch && l.tick <= n.tick && l.tick + l.duration > n.tick)) continue;
    if (n.duration > 0) out.push(n);
  }
  if (span && (role === 'melody' || role === 'counter') && locked.length) {
    const lockedIn = locked.filter((l) => inSpan(l.tick, span)).sort(sortNotes);
    const lastLocked = lockedIn.at(-1);
    const firstLocked = lockedIn[0];
    // Entry after the lock: the new line starts near where the locked line ended.
    if (lastLocked) {
      const after = out.filter((n) => n.tick >= span[1]).sort(sortNotes);
      if (after.length) {
        const shift = nearOctave(after[0].pitch, lastLocked.pitch) - after[0].pitch;
        // The whole continuation moves, so the new line keeps its own shape.
        if (shift !== 0) for (const n of after) n.pitch = Math.max(0, Math.min(127, n.pitch + shift));
      }
    }
    // Approach before the lock: the last new note leads into the first locked one within an octave.
    if (firstLocked) {
      const before = out.filter((n) => n.tick < span[0]).sort(sortNotes);
      const last = before.at(-1);
      if (last) last.pitch = nearOctave(last.pitch, firstLocked.pitch);
    }
  }
  return out;
}

/**
 * The regenerated take: `fresh` (composed with a new seed on the same grid as `previous`) with the locked
 * material of `previous` copied verbatim. Tracks are matched by name; a locked track missing from `fresh` is
 * kept whole.
 *
 * @example
 * const merged = mergeLocked(prevScore, newScore, { bars: [1, 4] });
 * // every note starting in bars 1–4 of prevScore is in merged, unchanged
 */
export function mergeLocked(previous: Score, fresh: Score, lock: Lock): Score {
  const region = lockedRegion(previous, lock);
  const prevByName = new Map(previous.tracks.map((t) => [t.name, t]));
  const tracks: Track[] = fresh.tracks.map((t) => {
    const old = prevByName.get(t.name);
    const locked = old ? old.notes.filter((n) => isLocked(region, t.name, n)) : [];
    if (region.tracks.has(t.name) && old) return { ...old, notes: old.notes.map((n) => ({ ...n })) };
    const notes = [...joinTrack(t.name, t.role, t.notes, locked, region), ...locked.map((n) => ({ ...n }))].sort(sortNotes);
    return { ...t, notes };
  });
  const freshNames = new Set(fresh.tracks.map((t) => t.name));
  // A kept track the new take does not have must not share a MIDI channel with another instrument.
  const channelFor = (old: Track): number => {
    const clash = tracks.some((t) => t.channel === old.channel && t.program !== old.program);
    if (!clash || old.channel === 9) return old.channel;
    const used = new Set(tracks.map((t) => t.channel));
    for (let ch = 0; ch < 16; ch++) if (ch !== 9 && !used.has(ch)) return ch;
    return old.channel;
  };
  for (const old of previous.tracks) {
    if (freshNames.has(old.name)) continue;
    if (region.tracks.has(old.name)) tracks.push({ ...old, channel: channelFor(old), notes: old.notes.map((n) => ({ ...n })) });
    else if (region.span) {
      const kept = old.notes.filter((n) => inSpan(n.tick, region.span));
      if (kept.length) tracks.push({ ...old, channel: channelFor(old), notes: kept.map((n) => ({ ...n })), controllers: [] });
    }
  }
  const endTick = Math.max(fresh.endTick, ...tracks.flatMap((t) => t.notes.map((n) => n.tick + n.duration)));
  return { ...fresh, tracks, endTick, meta: { ...fresh.meta, lock: { bars: lock.bars ?? null, tracks: lock.tracks ?? [] } } };
}
