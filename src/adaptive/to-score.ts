/**
 * purpose: turn the engine's event stream into a Score (session.mid / session.wav in the Node adapter):
 * the tempo map from the bar events (ramps kept exact), one track per channel and program, CC points,
 * and markers for every state change and stinger.
 */
import { PPQ, SCORE_VERSION, type Score, type Track, type TempoEvent, type MeterEvent, type Marker, type Section } from '../score/schema.js';
import type { OutEvent } from './events.js';
import { DRUM_CHANNEL, GM_FAMILIES } from '../theory/index.js';

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
  let state: { name: string; tick: number } | undefined;

  const trackFor = (ch: number): Track => {
    let t = current.get(ch);
    if (!t) {
      const program = programOf.get(ch) ?? 0;
      const name = ch === DRUM_CHANNEL ? 'Drums' : ch === 15 ? `Stingers (${GM_FAMILIES[program >> 3]})` : `Ch ${ch + 1} ${GM_FAMILIES[program >> 3]} ${program}`;
      t = { name, role: ch === DRUM_CHANNEL ? 'percussion' : ch === 15 ? 'fx' : 'other', program, channel: ch, volume: 100, pan: 0, notes: [], controllers: [] };
      tracks.push(t);
      current.set(ch, t);
    }
    return t;
  };

  for (const e of events) {
    end = Math.max(end, e.tick);
    switch (e.type) {
      case 'bar': {
        const ramp = e.bpm0 !== e.bpm1;
        if (ramp || lastBpm1 === undefined || e.bpm0 !== lastBpm1 || (tempo.length && tempo[tempo.length - 1].ramp === 'linear')) {
          tempo.push({ tick: e.tick, bpm: e.bpm0, ramp: ramp ? 'linear' : 'step' });
        }
        lastBpm1 = e.bpm1;
        const m = meters[meters.length - 1];
        if (!m || m.numerator !== e.numerator || m.denominator !== e.denominator) {
          meters.push({ tick: e.tick, numerator: e.numerator, denominator: e.denominator as MeterEvent['denominator'] });
        }
        break;
      }
      case 'marker':
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
      case 'noteOn':
        open.set(e.channel * 128 + e.pitch, { tick: e.tick, velocity: e.velocity, track: trackFor(e.channel) });
        break;
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
    tracks: tracks.filter((t) => t.notes.length > 0 || t.controllers.length > 0),
    sections,
    markers,
    hits: [],
    endTick: end,
    meta: opts.meta ?? {},
  };
}

