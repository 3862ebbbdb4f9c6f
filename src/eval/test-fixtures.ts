/**
 * purpose: tiny hand-built Scores for the eval/ tests — lines written as [pitch, beats] pairs (pitch -1 =
 * rest), laid end to end from tick 0 at 480 PPQ.
 */
import { PPQ, emptyScore, type KeyEvent, type Note, type Score, type Track, type TrackRole } from '../score/index.js';

export type Line = ReadonlyArray<readonly [pitch: number, beats: number]>;

/**
 * Notes of a line laid end to end.
 * @example line([[60, 1], [-1, 1], [62, 2]]) // C4 at 0, D4 at 960
 */
export function line(l: Line, startBeat = 0): Note[] {
  const out: Note[] = [];
  let t = startBeat * PPQ;
  for (const [pitch, beats] of l) {
    const d = Math.round(beats * PPQ);
    if (pitch >= 0) out.push({ tick: t, duration: d, pitch, velocity: 80 });
    t += d;
  }
  return out;
}

/** Several lines sounding together as one chord track (each line is one voice). */
export function chords(...voices: Line[]): Note[] {
  return voices.flatMap((v) => line(v)).sort((a, b) => a.tick - b.tick);
}

export interface TinyTrack {
  role: TrackRole;
  notes: Note[];
  program?: number;
  channel?: number;
  name?: string;
}

/**
 * A Score from tracks; endTick = last note end; key C major unless given.
 * @example tinyScore([{ role: 'melody', notes: line([[60, 1]]) }])
 */
export function tinyScore(tracks: readonly TinyTrack[], opts: { key?: Omit<KeyEvent, 'tick'>; meter?: [number, 1 | 2 | 4 | 8 | 16 | 32] } = {}): Score {
  const s = emptyScore({ key: opts.key ?? { tonic: 'C', mode: 'major' }, meter: opts.meter });
  s.tracks = tracks.map((t, i): Track => ({
    name: t.name ?? `${t.role} ${i}`,
    role: t.role,
    program: t.program ?? 0,
    channel: t.channel ?? (t.role === 'percussion' ? 9 : i % 9),
    volume: 100,
    pan: 0,
    notes: t.notes,
    controllers: [],
  }));
  s.endTick = Math.max(0, ...tracks.flatMap((t) => t.notes.map((n) => n.tick + n.duration)));
  return s;
}
