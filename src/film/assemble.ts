/**
 * purpose: assemble the film score — every composed cue placed at its screen time in ONE Score, the way a
 * music editor lays cues on the picture timeline:
 *  - tick 0 is picture start (00:00:00:00); between cues, silence at a neutral tempo whose bars are sized so
 *    the next cue starts at exactly its in-point (seconds → ticks stays exact, so hits stay frame-accurate);
 *  - each cue's solved tempo map and meters are placed at its start (ramps never cross a cue boundary);
 *  - one track per instrument (GM program + role): same-instrument tracks from different cues merge onto one
 *    consistent channel; drums stay on channel 10;
 *  - markers "1m1 start"/"1m1 end" (the end at the cue sheet's end time, to the tick) and "1m1 hit: …", a `cue`
 *    section per cue (inner sections prefixed),
 *    hit points with their target seconds.
 * Pure; the result passes assertValidScore.
 */
import { PPQ, type Score, type Track, type TempoEvent, type MeterEvent, type Note, type ControllerPoint, type Section, type Marker, type HitPoint, type KeyEvent } from '../score/schema.js';
import { TempoMap } from '../score/tempo-map.js';
import { MeterMap } from '../score/meter-map.js';
import { normalizeScore } from '../score/build.js';
import { assertValidScore } from '../score/validate.js';
import { DRUM_CHANNEL, isDrumPart } from '../theory/index.js';
import type { Cue, CueSheet } from '../plan/cue-sheet.js';

export interface PlacedCue {
  cue: Cue;
  score: Score;
}

export interface AssembleResult {
  score: Score;
  /** Per cue: the global tick of its start and of its end, and anything that had to be adjusted. */
  placement: Array<{ id: string; tick: number; endTick: number; start: number; end: number }>;
  notes: string[];
}

interface TrackSlot {
  key: string;
  track: Track;
}

export function assembleFilmScore(sheet: Pick<CueSheet, 'title' | 'seed' | 'style'>, placed: PlacedCue[], opts: { neutralBpm?: number } = {}): AssembleResult {
  const notes: string[] = [];
  const tempo: TempoEvent[] = [];
  const meters: MeterEvent[] = [];
  const keys: KeyEvent[] = [];
  const sections: Section[] = [];
  const markers: Marker[] = [];
  const hits: HitPoint[] = [];
  const slots = new Map<string, TrackSlot>();
  const channelOfProgram = new Map<number, number>();
  const placement: AssembleResult['placement'] = [];
  const endMarkers: Array<{ marker: Marker; seconds: number }> = [];
  const ordered = [...placed].sort((a, b) => a.cue.start - b.cue.start);

  let curTick = 0;
  let curSec = 0;

  const addGap = (seconds: number) => {
    // Whole bars of silence: 4/4 bars near 60 bpm for long gaps, one short bar (k/4) for gaps under 2 s.
    const [num, bars] = seconds >= 2 ? [4, Math.max(1, Math.round(seconds / 4))] : [Math.max(1, Math.round(seconds)), 1];
    const bpm = (60 * num * bars) / seconds;
    tempo.push({ tick: curTick, bpm, ramp: 'step' });
    meters.push({ tick: curTick, numerator: num, denominator: 4 });
    curTick += num * bars * PPQ;
    curSec += seconds;
  };

  for (let i = 0; i < ordered.length; i++) {
    const { cue, score: cs } = ordered[i];
    const next = ordered[i + 1];
    let gap = cue.start - curSec;
    // Sub-millisecond differences are rounding of the sheet's times (kept to the ms): a segue, not a gap.
    if (Math.abs(gap) <= 0.0015) gap = 0;
    if (gap < 0) {
      notes.push(`${cue.id} overlaps the previous cue by ${(-gap).toFixed(3)} s; it starts when the previous one ends`);
      gap = 0;
    }
    if (gap > 0 && gap < 0.1) {
      notes.push(`${cue.id}: a ${(gap * 1000).toFixed(0)} ms gap before it is too short for a bar of silence; the cue starts early`);
      gap = 0;
    }
    if (gap > 0) addGap(gap);

    const tm = new TempoMap(cs.tempo);
    const mm = new MeterMap(cs.meters);
    let regionEnd = mm.nextBarline(Math.max(cs.endTick, 1));
    // Never run into the next cue: cut at the last barline that still fits (the cue's own tail is lost).
    if (next) {
      const room = next.cue.start - curSec;
      if (tm.ticksToSeconds(regionEnd) > room + 0.0015) {
        let bar = mm.barBeatAt(regionEnd).bar;
        while (bar > 1 && tm.ticksToSeconds(mm.tickAtBar(bar)) > room + 0.0015) bar--;
        const cut = mm.tickAtBar(bar);
        notes.push(`${cue.id} ran ${(tm.ticksToSeconds(regionEnd) - room).toFixed(2)} s into ${next.cue.id}; cut at its bar ${bar + 1}`);
        regionEnd = cut;
      }
    }
    const offset = curTick;
    const startSec = curSec;

    // Tempo: events inside the region; a ramp that would run past the end stops one tick early at the
    // interpolated tempo (exact to well under a microsecond), so it cannot ramp into the next region.
    const inside = [...cs.tempo].sort((a, b) => a.tick - b.tick).filter((e) => e.tick < regionEnd);
    if (inside.length === 0 || inside[0].tick !== 0) inside.unshift({ tick: 0, bpm: tm.bpmAt(0), ramp: 'step' });
    const lastIdx = inside.length - 1;
    for (let k = 0; k < inside.length; k++) {
      const e = inside[k];
      tempo.push({ tick: offset + e.tick, bpm: e.bpm, ramp: k === lastIdx ? 'step' : e.ramp });
    }
    const lastEv = inside[lastIdx];
    if (lastEv.ramp === 'linear' && regionEnd - 1 > lastEv.tick) {
      tempo[tempo.length - 1].ramp = 'linear';
      tempo.push({ tick: offset + regionEnd - 1, bpm: tm.bpmAt(regionEnd - 1), ramp: 'step' });
    }
    for (const m of cs.meters) if (m.tick < regionEnd) meters.push({ ...m, tick: offset + m.tick });
    if (!cs.meters.some((m) => m.tick === 0)) meters.push({ tick: offset, numerator: 4, denominator: 4 });
    for (const k of cs.keys) if (k.tick < regionEnd) keys.push({ ...k, tick: offset + k.tick });

    // Tracks: merge by instrument.
    for (const tr of cs.tracks) {
      const drums = isDrumPart(tr);
      const key = drums ? `drums|${tr.program}` : `${tr.program}|${tr.role}`;
      let slot = slots.get(key);
      if (!slot) {
        const channel = drums ? 9 : allocateChannel(channelOfProgram, tr.program);
        if (channel < 0) {
          // Out of channels: fold into the track of the nearest program already playing (documented limit of GM).
          const nearest = nearestProgramSlot(slots, tr.program);
          if (!nearest) continue;
          notes.push(`more than 15 melodic instruments: ${tr.name} (program ${tr.program}) plays on ${nearest.track.name}'s channel`);
          slot = nearest;
          slots.set(key, slot);
        } else {
          slot = {
            key,
            track: { name: drums ? 'Drums' : tr.name, role: drums ? 'percussion' : tr.role, program: tr.program, channel, volume: tr.volume, pan: tr.pan, notes: [], controllers: [] },
          };
          slots.set(key, slot);
        }
      }
      const t = slot.track;
      // A later cue mixing the instrument differently sets its level and pan at the cue start.
      if (tr.volume !== t.volume && !tr.controllers.some((c) => c.controller === 7 && c.tick === 0)) t.controllers.push({ tick: offset, controller: 7, value: tr.volume });
      if (tr.pan !== t.pan) t.controllers.push({ tick: offset, controller: 10, value: Math.round(64 + tr.pan * 63) });
      for (const n of tr.notes) {
        if (n.tick >= regionEnd) continue;
        const dur = Math.min(n.duration, regionEnd - n.tick);
        if (dur >= 1) t.notes.push({ tick: offset + n.tick, duration: dur, pitch: n.pitch, velocity: n.velocity });
      }
      for (const c of tr.controllers) if (c.tick < regionEnd) t.controllers.push({ ...c, tick: offset + c.tick });
    }

    const name = `${cue.id} ${cue.title}`.slice(0, 200);
    sections.push({ name, kind: 'cue', tick: offset, endTick: offset + regionEnd });
    for (const s of cs.sections) {
      if (s.tick >= regionEnd || s.kind === 'cue') continue;
      const end = Math.min(s.endTick, regionEnd);
      if (end > s.tick) sections.push({ ...s, name: `${cue.id} ${s.name}`.slice(0, 200), tick: offset + s.tick, endTick: offset + end });
    }
    markers.push({ tick: offset, text: `${cue.id} start`, kind: 'cue' });
    for (const m of cs.markers) if (m.tick < regionEnd && m.kind !== 'hit' && m.kind !== 'cue') markers.push({ ...m, tick: offset + m.tick, text: `${cue.id} ${m.text}`.slice(0, 500) });
    for (const h of cue.hits) {
      if (!h.caught || h.tick === undefined || h.tick >= regionEnd) continue;
      hits.push({ tick: offset + h.tick, label: `${cue.id} ${h.label}`.slice(0, 500), seconds: h.time, salience: h.salience });
      markers.push({ tick: offset + h.tick, text: `${cue.id} hit: ${h.label}`.slice(0, 500), kind: 'hit' });
    }
    curTick = offset + regionEnd;
    curSec = startSec + tm.ticksToSeconds(regionEnd);
    // The end marker says where the cue sheet ends the cue (placed below, once the whole tempo map is known):
    // the music may run on to its barline or stop at a cut, the sheet's time is what the marker names.
    endMarkers.push({ marker: { tick: curTick, text: `${cue.id} end`, kind: 'cue' }, seconds: cue.end });
    markers.push(endMarkers[endMarkers.length - 1].marker);
    placement.push({ id: cue.id, tick: offset, endTick: curTick, start: startSec, end: curSec });
  }
  if (tempo.length === 0) tempo.push({ tick: 0, bpm: opts.neutralBpm ?? 60, ramp: 'step' });
  if (meters.length === 0) meters.push({ tick: 0, numerator: 4, denominator: 4 });

  const tracks = [...slots.values()].map((s) => s.track);
  const dedupTempo = lastWins(tempo);
  const globalMap = new TempoMap(dedupTempo);
  for (const e of endMarkers) if (Number.isFinite(e.seconds) && e.seconds >= 0) e.marker.tick = Math.round(globalMap.secondsToTicks(e.seconds));
  const endTick = Math.max(curTick, 1, ...endMarkers.map((e) => e.marker.tick));
  const score: Score = normalizeScore({
    version: 1,
    ppq: PPQ,
    title: sheet.title,
    tempo: dedupTempo,
    meters: lastWins(meters),
    keys: lastWins(keys),
    tracks: resolveChannelOverlaps(tracks),
    sections,
    markers,
    hits,
    endTick,
    meta: { kind: 'film-score', seed: sheet.seed, style: sheet.style, cues: placement.map((p) => p.id) },
  });
  assertValidScore(score, 'assembled film score');
  return { score, placement, notes };
}

function lastWins<T extends { tick: number }>(xs: T[]): T[] {
  const sorted = xs.map((x, i) => ({ x, i })).sort((a, b) => a.x.tick - b.x.tick || a.i - b.i);
  const out: T[] = [];
  for (const { x } of sorted) {
    if (out.length && out[out.length - 1].tick === x.tick) out[out.length - 1] = x;
    else out.push(x);
  }
  return out;
}

/** Channels 1–16 except 10; one per program so a program change never has to happen mid-track. */
function allocateChannel(channelOfProgram: Map<number, number>, program: number): number {
  const have = channelOfProgram.get(program);
  if (have !== undefined) return have;
  const used = new Set(channelOfProgram.values());
  for (let ch = 0; ch < 16; ch++) {
    if (ch === DRUM_CHANNEL || used.has(ch)) continue;
    channelOfProgram.set(program, ch);
    return ch;
  }
  return -1;
}

function nearestProgramSlot(slots: Map<string, TrackSlot>, program: number): TrackSlot | undefined {
  let best: TrackSlot | undefined;
  for (const s of slots.values()) {
    if (s.track.channel === DRUM_CHANNEL) continue;
    const d = Math.abs(Math.floor(s.track.program / 8) - Math.floor(program / 8)) * 100 + Math.abs(s.track.program - program);
    if (!best || d < Math.abs(Math.floor(best.track.program / 8) - Math.floor(program / 8)) * 100 + Math.abs(best.track.program - program)) best = s;
  }
  return best;
}

/**
 * Tracks that share a channel share the synth's voices: a note must end where the next same-pitch note on the
 * channel starts (the validator's rule). Trims across the tracks of each channel, keeps every note ≥ 1 tick.
 */
function resolveChannelOverlaps(tracks: Track[]): Track[] {
  const byChannel = new Map<number, Array<{ n: Note; t: number }>>();
  tracks.forEach((tr, t) => {
    let list = byChannel.get(tr.channel);
    if (!list) byChannel.set(tr.channel, (list = []));
    for (const n of tr.notes) list.push({ n: { ...n }, t });
  });
  const out: Track[] = tracks.map((tr) => ({ ...tr, notes: [] as Note[], controllers: sortControllers(tr.controllers) }));
  for (const list of byChannel.values()) {
    list.sort((a, b) => a.n.pitch - b.n.pitch || a.n.tick - b.n.tick || b.n.duration - a.n.duration || a.t - b.t);
    for (let i = 0; i < list.length; i++) {
      const cur = list[i];
      const nx = list[i + 1];
      if (nx && nx.n.pitch === cur.n.pitch && nx.n.tick < cur.n.tick + cur.n.duration) cur.n.duration = nx.n.tick - cur.n.tick;
      if (cur.n.duration >= 1) out[cur.t].notes.push(cur.n);
    }
  }
  return out;
}

function sortControllers(cs: ControllerPoint[]): ControllerPoint[] {
  return [...cs].sort((a, b) => a.tick - b.tick || a.controller - b.controller);
}

/** Global tick ⇄ film seconds for the assembled score (a thin helper for callers and tests). */
export function filmSecondsAt(score: Score, tick: number): number {
  return new TempoMap(score.tempo).ticksToSeconds(tick);
}
