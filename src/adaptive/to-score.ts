/**
 * purpose: turn the engine's event stream into a Score (session.mid / session.wav in the Node adapter):
 * the tempo map from the bar events (ramps kept exact), one track per channel and program run (named by
 * instrument and the states it plays in), CC points, and markers for every state change and stinger.
 *
 * Channels are then allocated for the session (allocateChannels): each track keeps the engine's channel unless
 * another instrument still sounds there, drums stay on channel 10, and a channel passes to a new instrument only
 * after its previous one has ended; the MIDI writer puts that instrument's program change where it starts.
 */
import { PPQ, SCORE_VERSION, type Score, type Track, type TempoEvent, type MeterEvent, type Marker, type Section } from '../score/schema.js';
import type { OutEvent } from './events.js';
import { DRUM_CHANNEL, gmProgramName } from '../theory/index.js';

/** The engine's stinger channel (16); its tracks are named by the stingers they play. */
const STINGER_CHANNEL = 15;

const span = (t: Track): [number, number] => {
  let a = Infinity;
  let b = 0;
  for (const n of t.notes) {
    a = Math.min(a, n.tick);
    b = Math.max(b, n.tick + n.duration);
  }
  for (const c of t.controllers) {
    a = Math.min(a, c.tick);
    b = Math.max(b, c.tick);
  }
  return [a, b];
};

/** "Violin (combat)", "Timpani (stealth, combat)", "Drums (combat)", "French Horn (stinger spotted)": ASCII punctuation, as DAWs read names as Latin-1. */
function trackName(t: Track, sections: readonly Section[], stingers: Set<string> | undefined): string {
  const instrument = t.channel === DRUM_CHANNEL ? 'Drums' : gmProgramName(t.program);
  if (t.channel === STINGER_CHANNEL && stingers?.size) return `${instrument} (stinger ${[...stingers].join(', ')})`.slice(0, 200);
  // The states it plays in: those where it strikes notes (a tail ringing past a switch does not count).
  const states: string[] = [];
  for (const s of sections) if (!states.includes(s.name) && t.notes.some((n) => n.tick >= s.tick && n.tick < s.endTick)) states.push(s.name);
  return (states.length ? `${instrument} (${states.join(', ')})` : instrument).slice(0, 200);
}

/**
 * Channels for the session's tracks, in order of their start: drums stay on channel 10; any other track keeps
 * the engine's channel when the track before it there has ended, else takes the lowest channel free at its
 * start, so at every moment a channel plays one instrument. A track that moves takes the controller state its
 * engine channel had (the expression or sustain a fade left there) so it sounds as the engine played it.
 */
function allocateChannels(tracks: Track[]): void {
  const spans = new Map(tracks.map((t) => [t, span(t)]));
  const engineCc = new Map<number, Array<{ tick: number; controller: number; value: number }>>();
  for (const t of tracks) {
    let l = engineCc.get(t.channel);
    if (!l) engineCc.set(t.channel, (l = []));
    l.push(...t.controllers);
  }
  for (const l of engineCc.values()) l.sort((x, y) => x.tick - y.tick);
  const busyUntil = new Map<number, number>();
  const order = [...tracks].sort((x, y) => spans.get(x)![0] - spans.get(y)![0]);
  for (const t of order) {
    const [a, b] = spans.get(t)!;
    if (t.channel === DRUM_CHANNEL) continue;
    const free = (ch: number) => (busyUntil.get(ch) ?? -1) <= a;
    let ch = t.channel;
    if (!free(ch)) {
      const alt = [...Array(16).keys()].find((c) => c !== DRUM_CHANNEL && free(c));
      if (alt !== undefined) {
        const state = new Map<number, number>();
        for (const c of engineCc.get(t.channel) ?? []) if (c.tick < a) state.set(c.controller, c.value);
        const own = new Set(t.controllers.filter((c) => c.tick === a).map((c) => c.controller));
        const carried = [...state].filter(([cc]) => !own.has(cc)).map(([controller, value]) => ({ tick: a, controller, value }));
        t.controllers = [...carried, ...t.controllers];
        ch = alt;
      }
    }
    t.channel = ch;
    busyUntil.set(ch, Math.max(busyUntil.get(ch) ?? -1, b));
  }
}

export function eventsToScore(events: readonly OutEvent[], opts: { title?: string; meta?: Record<string, unknown> } = {}): Score {
  const tempo: TempoEvent[] = [];
  const meters: MeterEvent[] = [];
  const markers: Marker[] = [];
  const sections: Section[] = [];
  const tracks: Track[] = [];
  const current = new Map<number, Track>(); // channel → track for its current program
  const programOf = new Map<number, number>();
  const open = new Map<number, { tick: number; velocity: number; track: Track }>();
  let end = 0;
  let lastBpm1: number | undefined;
  let lastBar: { tick: number; numerator: number; denominator: number } | undefined;
  let state: { name: string; tick: number } | undefined;

  const stingerNames = new Map<Track, Set<string>>();
  const trackFor = (ch: number): Track => {
    let t = current.get(ch);
    if (!t) {
      const program = programOf.get(ch) ?? 0;
      t = { name: 'track', role: ch === DRUM_CHANNEL ? 'percussion' : ch === STINGER_CHANNEL ? 'fx' : 'other', program, channel: ch, volume: 100, pan: 0, notes: [], controllers: [] };
      tracks.push(t);
      current.set(ch, t);
    }
    return t;
  };
  let lastStinger: string | undefined;

  for (const e of events) {
    end = Math.max(end, e.tick);
    switch (e.type) {
      case 'bar': {
        const ramp = e.bpm0 !== e.bpm1;
        if (ramp || lastBpm1 === undefined || e.bpm0 !== lastBpm1 || (tempo.length && tempo[tempo.length - 1].ramp === 'linear')) {
          tempo.push({ tick: e.tick, bpm: e.bpm0, ramp: ramp ? 'linear' : 'step' });
        }
        lastBpm1 = e.bpm1;
        // A state that enters on a beat cuts the bar before it short: that bar gets its own, shorter metre, so
        // every metre change (and every barline of the file) falls on a barline — a 4/4 bar cut after one beat
        // before a 5/4 state becomes a 1/4 bar.
        if (lastBar && e.tick > lastBar.tick) {
          const full = (lastBar.numerator * 4 * PPQ) / lastBar.denominator;
          const len = e.tick - lastBar.tick;
          const unit = (4 * PPQ) / lastBar.denominator;
          if (len < full && len % unit === 0) {
            const short = { tick: lastBar.tick, numerator: len / unit, denominator: lastBar.denominator as MeterEvent['denominator'] };
            const at = meters.length && meters[meters.length - 1].tick === lastBar.tick ? meters.length - 1 : -1;
            if (at >= 0) meters[at] = short;
            else meters.push(short);
          }
        }
        const m = meters[meters.length - 1];
        if (!m || m.numerator !== e.numerator || m.denominator !== e.denominator) {
          meters.push({ tick: e.tick, numerator: e.numerator, denominator: e.denominator as MeterEvent['denominator'] });
        }
        lastBar = { tick: e.tick, numerator: e.numerator, denominator: e.denominator };
        break;
      }
      case 'marker':
        if (e.kind === 'stinger') lastStinger = e.name;
        markers.push({ tick: e.tick, text: `${e.kind}: ${e.name}`, kind: e.kind === 'state' ? 'cue' : 'hit' });
        if (e.kind === 'state') {
          if (state && e.tick > state.tick) sections.push({ name: state.name, kind: 'section', tick: state.tick, endTick: e.tick });
          state = { name: e.name, tick: e.tick };
        }
        break;
      case 'program':
        if (programOf.get(e.channel) !== e.program) {
          programOf.set(e.channel, e.program);
          current.delete(e.channel);
        }
        break;
      case 'cc':
        trackFor(e.channel).controllers.push({ tick: e.tick, controller: e.controller, value: e.value });
        break;
      case 'noteOn': {
        const track = trackFor(e.channel);
        open.set(e.channel * 128 + e.pitch, { tick: e.tick, velocity: e.velocity, track });
        if (e.channel === STINGER_CHANNEL && lastStinger !== undefined) {
          let names = stingerNames.get(track);
          if (!names) stingerNames.set(track, (names = new Set()));
          names.add(lastStinger);
        }
        break;
      }
      case 'noteOff': {
        const k = e.channel * 128 + e.pitch;
        const o = open.get(k);
        if (o) {
          open.delete(k);
          if (e.tick > o.tick) o.track.notes.push({ tick: o.tick, duration: e.tick - o.tick, pitch: e.pitch, velocity: o.velocity });
        }
        break;
      }
    }
  }
  // Notes left open (a stream cut without stop()) end at the last event.
  for (const [k, o] of open) if (end > o.tick) o.track.notes.push({ tick: o.tick, duration: end - o.tick, pitch: k % 128, velocity: o.velocity });
  if (state && end > state.tick) sections.push({ name: state.name, kind: 'section', tick: state.tick, endTick: end });
  // No empty tracks: a part that set up its channel but played nothing (a muted layer) is left out.
  const played = tracks.filter((t) => t.notes.length > 0);
  for (const t of played) t.name = trackName(t, sections, stingerNames.get(t));
  allocateChannels(played);
  if (tempo.length === 0 || tempo[0].tick !== 0) tempo.unshift({ tick: 0, bpm: tempo[0]?.bpm ?? 120, ramp: 'step' });
  if (meters.length === 0 || meters[0].tick !== 0) meters.unshift({ tick: 0, numerator: 4, denominator: 4 });
  // The last tempo event never ramps (score/schema).
  if (tempo[tempo.length - 1].ramp === 'linear') tempo[tempo.length - 1] = { ...tempo[tempo.length - 1], ramp: 'step' };
  return {
    version: SCORE_VERSION,
    ppq: PPQ,
    title: opts.title ?? 'Adaptive session',
    tempo,
    meters,
    keys: [],
    tracks: played,
    sections,
    markers,
    hits: [],
    endTick: end,
    meta: opts.meta ?? {},
  };
}

