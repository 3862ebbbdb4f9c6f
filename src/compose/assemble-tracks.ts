/**
 * purpose: a whole cue's tracks from its bars — each rendered bar appended at its offset with ties merged across
 * the barline, the breath before the big hits of a tense cue, and the finished tracks (cut at the cue's end,
 * sorted, the program most bars asked for, CC7 first). composeCue's track assembly, one step per function.
 */
import type { Track } from '../score/schema.js';
import type { RawNote, ControllerEvent } from './notes.js';
import type { Voice } from './palette.js';

/** One voice's notes as bars are appended: `open` holds the notes that reach the barline (tie candidates). */
export interface TrackBuffer {
  notes: RawNote[];
  open: Map<number, RawNote>;
  controllers: ControllerEvent[];
  /** Program → number of bars that played it (tremolo strings, palette swaps). */
  programVotes: Map<number, number>;
}

/** What a bar renderer returns per voice (ticks relative to the bar). */
export interface BarPart {
  voice: Pick<Voice, 'id'>;
  program: number;
  notes: readonly RawNote[];
  controllers: readonly ControllerEvent[];
}

/**
 * An empty buffer per voice id.
 *
 * @example
 * newTrackBuffers([{ id: 'melody' }]).get('melody')!.notes // []
 */
export function newTrackBuffers(voices: ReadonlyArray<Pick<Voice, 'id'>>): Map<string, TrackBuffer> {
  const tracks = new Map<string, TrackBuffer>();
  for (const v of voices) tracks.set(v.id, { notes: [], open: new Map(), controllers: [], programVotes: new Map() });
  return tracks;
}

/**
 * Append one rendered bar at `offset`: notes with `tie` extend the previous note of the same pitch (held across
 * the barline), the others start new notes; controllers move to absolute ticks; each part votes for its program.
 *
 * @example
 * const tracks = newTrackBuffers([{ id: 'pad' }]);
 * const held = { voice: { id: 'pad' }, program: 48, notes: [{ tick: 0, duration: 1920, pitch: 60, velocity: 70 }], controllers: [] };
 * appendBar(tracks, [held], 0, 1920);
 * appendBar(tracks, [{ ...held, notes: [{ ...held.notes[0], tie: true }] }], 1920, 1920);
 * tracks.get('pad')!.notes // [{ tick: 0, duration: 3840, pitch: 60, velocity: 70 }]
 */
export function appendBar(tracks: ReadonlyMap<string, TrackBuffer>, parts: readonly BarPart[], offset: number, barTicks: number): void {
  for (const part of parts) {
    const t = tracks.get(part.voice.id)!;
    if (part.notes.length) t.programVotes.set(part.program, (t.programVotes.get(part.program) ?? 0) + 1);
    const nextOpen = new Map<number, RawNote>();
    for (const n of part.notes) {
      const prev = n.tie && n.tick === 0 ? t.open.get(n.pitch) : undefined;
      let note: RawNote;
      if (prev && prev.tick + prev.duration === offset) {
        prev.duration += n.duration;
        note = prev;
      } else {
        note = { tick: n.tick + offset, duration: n.duration, pitch: n.pitch, velocity: n.velocity };
        t.notes.push(note);
      }
      if (n.tick + n.duration === barTicks) nextOpen.set(n.pitch, note);
    }
    t.open = nextOpen;
    for (const c of part.controllers) t.controllers.push({ tick: c.tick + offset, controller: c.controller, value: c.value });
  }
}

/**
 * A breath before the big hits of a tense cue (MUSIC.md suspense: "silence before the hit"): at a hit of salience
 * ≥ 0.9 where `tensionAt(tick)` ≥ 0.6, pitched layers other than the bass stop `gapTicks` before it (notes
 * starting in the gap are dropped, notes sounding into it are cut), so the accent lands out of silence.
 *
 * @example
 * const tracks = newTrackBuffers([{ id: 'pad' }]);
 * tracks.get('pad')!.notes.push({ tick: 0, duration: 960, pitch: 60, velocity: 70 });
 * breatheBeforeHits(tracks, [{ id: 'pad', texture: 'sustain' }], [{ tick: 960, salience: 1 }], 240, () => 0.8);
 * tracks.get('pad')!.notes[0].duration // 720
 */
export function breatheBeforeHits(
  tracks: ReadonlyMap<string, TrackBuffer>,
  voices: ReadonlyArray<Pick<Voice, 'id' | 'texture'>>,
  hits: ReadonlyArray<{ tick: number; salience: number }>,
  gapTicks: number,
  tensionAt: (tick: number) => number,
): void {
  for (const h of hits) {
    if (h.salience < 0.9 || tensionAt(h.tick) < 0.6 || h.tick < gapTicks) continue;
    const g0 = h.tick - gapTicks;
    for (const v of voices) {
      if (v.texture === 'bass' || v.texture === 'drums' || v.texture === 'timpani') continue;
      const t = tracks.get(v.id)!;
      t.notes = t.notes.filter((n) => !(n.tick >= g0 && n.tick < h.tick));
      for (const n of t.notes) if (n.tick < g0 && n.tick + n.duration > g0) n.duration = g0 - n.tick;
    }
  }
}

/** The program most bars voted for; ties go to the lower program; no votes keep the voice's own. */
function votedProgram(votes: ReadonlyMap<number, number>, fallback: number): number {
  let program = fallback;
  let best = -1;
  for (const [p, c] of votes) if (c > best || (c === best && p < program)) {
    best = c;
    program = p;
  }
  return program;
}

/**
 * The score's tracks in voice order: notes cut at `endTick` and sorted, silent voices left out, the voted
 * program, CC7 (the voice's balance) at tick 0 before the bars' controllers.
 *
 * @example
 * const tracks = newTrackBuffers(voices);
 * // …appendBar for every bar…
 * const out = finishTracks(voices, tracks, endTick); // Track[] ready for the Score
 */
export function finishTracks(voices: readonly Voice[], tracks: ReadonlyMap<string, TrackBuffer>, endTick: number): Track[] {
  const outTracks: Track[] = [];
  for (const v of voices) {
    const t = tracks.get(v.id)!;
    // Bars are rendered overlap-free and ties merged, so no same-pitch overlap can arise here (the final
    // assertValidScore checks it); only the cut at the cue's end remains.
    const notes: Track['notes'] = [];
    for (const n of t.notes) {
      if (n.tick >= endTick) continue;
      notes.push({ tick: n.tick, duration: Math.max(1, Math.min(n.duration, endTick - n.tick)), pitch: n.pitch, velocity: n.velocity });
    }
    notes.sort((a, b) => a.tick - b.tick || a.pitch - b.pitch);
    if (notes.length === 0) continue;
    const program = votedProgram(t.programVotes, v.program);
    const controllers = [{ tick: 0, controller: 7, value: v.volume }, ...t.controllers.filter((c) => c.tick <= endTick)];
    outTracks.push({ name: v.name, role: v.role, program, channel: v.channel, volume: v.volume, pan: v.pan, notes, controllers });
  }
  return outTracks;
}
