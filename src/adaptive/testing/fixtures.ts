/**
 * purpose: small graphs and helpers shared by the adaptive tests (not used by the engine).
 */
import type { Score } from '../../score/schema.js';
import { parseInlineGraph, type MusicGraph, type MusicGraphInput } from '../graph.js';
import type { OutEvent } from '../events.js';

/** A 4-bar segment (4/4) with a sync marker at bar 3 and a note per beat on channel 1. */
export function segmentScore(bpm = 100, bars = 4, syncAtBar = 2): Score {
  const notes = Array.from({ length: bars * 4 }, (_, i) => ({ tick: i * 480, duration: 480, pitch: 60 + (i % 8), velocity: 90 }));
  return {
    version: 1, ppq: 480, title: 'seg', tempo: [{ tick: 0, bpm, ramp: 'step' }], meters: [{ tick: 0, numerator: 4, denominator: 4 }],
    keys: [{ tick: 0, tonic: 'D', mode: 'minor' }],
    tracks: [{ name: 'Brass', role: 'melody', program: 61, channel: 0, volume: 100, pan: 0, notes, controllers: [] }],
    sections: [], markers: [{ tick: syncAtBar * 1920, text: 'sync', kind: 'sync' }], hits: [], endTick: bars * 1920, meta: {},
  };
}

export function testGraph(overrides: Partial<MusicGraphInput> = {}): MusicGraph {
  return parseInlineGraph({
    initial: 'calm',
    tempo: 100,
    parameters: { danger: { smoothing: 0.3 }, intensity: { smoothing: 0 } },
    states: {
      calm: { generative: { emotion: { valence: 0.2, arousal: -0.4, tension: 0.2 }, phraseBars: 4, segmentBars: 8 },
        layers: [{ name: 'drums', parts: { roles: ['percussion'] }, param: 'intensity', threshold: 0.5, hysteresis: 0.1, fadeBeats: 1 }] },
      combat: { generative: { emotion: { valence: -0.6, arousal: 0.8, tension: 0.8 }, tempo: 130 } },
      fanfare: { segments: ['seg'], then: 'calm' },
    },
    segments: { seg: { score: segmentScore() } },
    transitions: [{ from: '*', to: '*', sync: 'bar' }],
    triggers: [{ from: 'calm', to: 'combat', param: 'danger', above: 0.7 }, { from: 'combat', to: 'calm', param: 'danger', below: 0.2 }],
    stingers: { hit: { notes: [{ degree: 0, beats: 0.5 }, { degree: 2, beats: 0.5 }, { degree: 4, beats: 1 }], sync: 'beat', cooldown: 2 } },
    events: { spotted: { stinger: 'hit', set: { danger: 1 } }, win: { state: 'fanfare' } },
    ...overrides,
  });
}

/** Every note-on has exactly one later-or-equal note-off on the same channel and key, and no key is struck twice. */
export function notePairingProblems(events: readonly OutEvent[]): string[] {
  const open = new Map<number, number>();
  const problems: string[] = [];
  for (const e of events) {
    if (e.type === 'noteOn') {
      const k = e.channel * 128 + e.pitch;
      if (open.has(k)) problems.push(`key ${e.pitch} on ch ${e.channel} struck again at tick ${e.tick} while sounding`);
      open.set(k, e.tick);
    } else if (e.type === 'noteOff') {
      const k = e.channel * 128 + e.pitch;
      if (!open.has(k)) problems.push(`note-off without note-on: ch ${e.channel} key ${e.pitch} at tick ${e.tick}`);
      else if (open.get(k)! > e.tick) problems.push(`note-off before note-on at tick ${e.tick}`);
      open.delete(k);
    }
  }
  for (const [k, t] of open) problems.push(`note ch ${k >> 7} key ${k & 127} from tick ${t} never released`);
  return problems;
}

export function monotonicProblems(events: readonly OutEvent[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < events.length; i++) {
    const a = events[i - 1], b = events[i];
    if (b.tick < a.tick || b.time < a.time - 1e-9) out.push(`event ${i} (${b.type}) at tick ${b.tick}/${b.time}s goes back from ${a.tick}/${a.time}s`);
    if (!Number.isFinite(b.time) || !Number.isFinite(b.tick)) out.push(`event ${i} has a non-finite time`);
  }
  return out;
}
