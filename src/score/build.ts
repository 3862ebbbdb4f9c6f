/**
 * purpose: small pure helpers for building and tidying Scores, so stages do not hand-roll the same loops.
 */
import { PPQ, SCORE_VERSION } from './units.js';
import type { Score, Track, Note, TempoEvent, MeterEvent, KeyEvent } from './schema.js';

export function emptyScore(opts: { title?: string; bpm?: number; meter?: [number, MeterEvent['denominator']]; key?: Omit<KeyEvent, 'tick'> } = {}): Score {
  return {
    version: SCORE_VERSION,
    ppq: PPQ,
    title: opts.title ?? 'Untitled',
    tempo: [{ tick: 0, bpm: opts.bpm ?? 120, ramp: 'step' }],
    meters: [{ tick: 0, numerator: opts.meter?.[0] ?? 4, denominator: opts.meter?.[1] ?? 4 }],
    keys: opts.key ? [{ tick: 0, ...opts.key }] : [],
    tracks: [],
    sections: [],
    markers: [],
    hits: [],
    endTick: 0,
    meta: {},
  };
}

/** Sort notes, controllers and every map by tick (stable, with deterministic tie-breaks). */
export function normalizeScore(score: Score): Score {
  const byTick = <T extends { tick: number }>(xs: T[]) => [...xs].sort((a, b) => a.tick - b.tick);
  return {
    ...score,
    tempo: byTick(score.tempo),
    meters: byTick(score.meters),
    keys: byTick(score.keys),
    sections: [...score.sections].sort((a, b) => a.tick - b.tick || a.endTick - b.endTick),
    markers: byTick(score.markers),
    hits: byTick(score.hits),
    tracks: score.tracks.map((t) => ({
      ...t,
      notes: [...t.notes].sort((a, b) => a.tick - b.tick || a.pitch - b.pitch || a.duration - b.duration),
      controllers: [...t.controllers].sort((a, b) => a.tick - b.tick || a.controller - b.controller),
    })),
  };
}

/**
 * Make a note list playable: trims a note where the next same-pitch note on the track starts (so no note
 * overlaps itself) and drops notes shorter than `minDuration`. Pure; returns new notes sorted by tick.
 */
export function resolveSamePitchOverlaps(notes: readonly Note[], minDuration = 1): Note[] {
  const sorted = [...notes].sort((a, b) => a.pitch - b.pitch || a.tick - b.tick || b.duration - a.duration);
  const out: Note[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const n = { ...sorted[i] };
    const nx = sorted[i + 1];
    if (nx && nx.pitch === n.pitch && nx.tick < n.tick + n.duration) n.duration = nx.tick - n.tick;
    if (n.duration >= minDuration) out.push(n);
  }
  return out.sort((a, b) => a.tick - b.tick || a.pitch - b.pitch);
}

/** Latest tick any note, controller, marker or section reaches. */
export function contentEnd(score: Pick<Score, 'tracks' | 'markers' | 'sections' | 'hits'>): number {
  let end = 0;
  for (const t of score.tracks) {
    for (const n of t.notes) end = Math.max(end, n.tick + n.duration);
    for (const c of t.controllers) end = Math.max(end, c.tick);
  }
  for (const m of score.markers) end = Math.max(end, m.tick);
  for (const h of score.hits) end = Math.max(end, h.tick);
  for (const s of score.sections) end = Math.max(end, s.endTick);
  return end;
}

export function addTrack(score: Score, track: Partial<Track> & Pick<Track, 'name' | 'role' | 'program' | 'channel'>): Track {
  const t: Track = { volume: 100, pan: 0, notes: [], controllers: [], ...track };
  score.tracks.push(t);
  return t;
}

export function tempoAt(tempo: readonly TempoEvent[], tick: number): number {
  let bpm = tempo[0]?.bpm ?? 120;
  for (const e of tempo) if (e.tick <= tick) bpm = e.bpm; else break;
  return bpm;
}
