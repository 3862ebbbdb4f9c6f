/**
 * purpose: a musician's look at an adaptive session (the engine's event stream + log), for tests and
 * `npm run eval:adaptive`:
 *   - joins: at every state change, sustained notes of the outgoing deck against notes of the incoming deck
 *     that overlap by more than 1/8 beat at a semitone class (m2, m9 or their inversion M7) — a "clash" — or
 *     at a tritone (counted apart: a tritone inside one chord is normal, across two beds it is a smear);
 *   - harmony at the join: pitch classes of the outgoing deck's last beat against the incoming deck's first
 *     beat — tones shared, and pairs a semitone apart (what the incoming music's entry chord does, before any
 *     outgoing note gives way);
 *   - tails: how long the outgoing material sounds after the join, and the level drop across it
 *     (a power proxy from velocity and CC11, dB of the beat after the join against the beat before);
 *   - re-struck sustains: in generative states, a note on a sustaining program that starts on a barline on
 *     the pitch a note of the same channel ended at that barline (≤ 1/32 before) — a tie would have been right.
 * Decks are told apart by channel pool (the engine alternates pools 0–6 and 7,8,10–14 per state change);
 * drums (10) and stingers (16) are left out. Pure.
 */
import { PPQ } from '../score/schema.js';
import { isSustainingProgram } from '../theory/index.js';
import { DRUM_CHANNEL } from '../theory/index.js';
import type { LogEntry, OutEvent } from './events.js';
import type { MusicGraph } from './graph.js';

const POOL_A = new Set([0, 1, 2, 3, 4, 5, 6]);
const POOL_B = new Set([7, 8, 10, 11, 12, 13, 14]);
const MIN_OVERLAP = PPQ / 8;
const RESTRIKE_GAP = PPQ / 8;

interface N {
  on: number;
  off: number;
  ch: number;
  pitch: number;
  vel: number;
  program: number;
}

export interface JoinReport {
  from: string;
  to: string;
  tick: number;
  bar: number;
  /** Semitone-class overlaps (> 1/8 beat) between outgoing and incoming notes, e.g. "F#4/F4". */
  clashes: string[];
  tritones: number;
  /** Pitch classes shared by the outgoing last beat and the incoming first beat, and pairs a semitone apart. */
  sharedTones: number;
  semitonePairs: number;
  /** Outgoing notes sounding into the join (held to it or across it), and how many of them ring ≥ 1 beat on. */
  heldAtJoin: number;
  ringing: number;
  /** Beats the outgoing deck still sounds after the join. */
  tailBeats: number;
  /** dB: level of the beat before the join minus the beat after (positive = quieter after). */
  dropDb: number;
}

export interface SessionAnalysis {
  joins: JoinReport[];
  /** Joins with no semitone-class clash. */
  cleanJoins: number;
  clashes: number;
  tritones: number;
  /** Joins whose harmonies (outgoing last beat, incoming first beat) share a tone / have a semitone pair. */
  sharedJoins: number;
  semitoneJoins: number;
  /** Joins where the level falls by more than 6 dB with less than a bar of tail. */
  dropsWithoutTail: number;
  /** Re-struck sustained notes at barlines inside generative states / sustained-program notes there. */
  restruck: number;
  sustainedNotes: number;
}

const NAMES = ['C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'];
const nameOf = (p: number) => `${NAMES[p % 12]}${Math.floor(p / 12) - 1}`;

export function notesOf(events: readonly OutEvent[]): N[] {
  const open = new Map<number, { on: number; vel: number; program: number }>();
  const program = new Map<number, number>();
  const out: N[] = [];
  let end = 0;
  for (const e of events) {
    end = Math.max(end, e.tick);
    if (e.type === 'program') program.set(e.channel, e.program);
    else if (e.type === 'noteOn') open.set(e.channel * 128 + e.pitch, { on: e.tick, vel: e.velocity, program: program.get(e.channel) ?? 0 });
    else if (e.type === 'noteOff') {
      const k = e.channel * 128 + e.pitch;
      const o = open.get(k);
      if (o) {
        open.delete(k);
        out.push({ on: o.on, off: e.tick, ch: e.channel, pitch: e.pitch, vel: o.vel, program: o.program });
      }
    }
  }
  for (const [k, o] of open) out.push({ on: o.on, off: end, ch: k >> 7, pitch: k & 127, vel: o.vel, program: o.program });
  return out;
}

/** CC11 value on a channel at a tick (last point at or before it; 127 before any). */
function expressionLookup(events: readonly OutEvent[]): (ch: number, t: number) => number {
  const pts = new Map<number, Array<[number, number]>>();
  for (const e of events) {
    if (e.type !== 'cc' || e.controller !== 11) continue;
    const l = pts.get(e.channel) ?? [];
    l.push([e.tick, e.value]);
    pts.set(e.channel, l);
  }
  return (ch, t) => {
    const l = pts.get(ch);
    if (!l) return 127;
    let lo = 0, hi = l.length - 1, v = 127;
    while (lo <= hi) {
      const m = (lo + hi) >> 1;
      if (l[m][0] <= t) { v = l[m][1]; lo = m + 1; } else hi = m - 1;
    }
    return v;
  };
}

export function analyseSession(graph: MusicGraph, events: readonly OutEvent[], log: readonly LogEntry[]): SessionAnalysis {
  const notes = notesOf(events).filter((n) => n.ch !== DRUM_CHANNEL && n.ch !== 15);
  const expr = expressionLookup(events);
  const states = log.filter((l) => l.type === 'state');
  const beat = (PPQ * 4) / graph.meter[1];
  const level = (a: number, b: number) => {
    let sum = 0, k = 0;
    for (let t = a; t < b; t += PPQ / 8, k++) {
      for (const n of notes) {
        if (n.on <= t && n.off > t) {
          const amp = (n.vel / 127) ** 2 * (expr(n.ch, t) / 127) ** 2;
          sum += amp * amp;
        }
      }
    }
    return 10 * Math.log10(Math.max(1e-9, sum / Math.max(1, k)));
  };
  const joins: JoinReport[] = [];
  for (let i = 1; i < states.length; i++) {
    const s = states[i].tick;
    const next = states[i + 1]?.tick ?? Infinity;
    const outPool = (i - 1) % 2 === 0 ? POOL_A : POOL_B;
    const inPool = i % 2 === 0 ? POOL_A : POOL_B;
    const outgoing = notes.filter((n) => outPool.has(n.ch) && n.off > s && n.on < next);
    const incoming = notes.filter((n) => inPool.has(n.ch) && n.on >= s && n.on < next);
    const clashes: string[] = [];
    let tritones = 0;
    for (const o of outgoing) {
      for (const n of incoming) {
        const ov = Math.min(o.off, n.off) - Math.max(o.on, n.on, s);
        if (ov <= MIN_OVERLAP) continue;
        const d = Math.abs(o.pitch - n.pitch) % 12;
        if (d === 1 || d === 11) clashes.push(`${nameOf(o.pitch)}/${nameOf(n.pitch)}@${((Math.max(o.on, n.on, s) - s) / beat).toFixed(2)}`);
        else if (d === 6) tritones++;
      }
    }
    const outPcs = new Set(notes.filter((n) => outPool.has(n.ch) && n.on < s && n.off > s - beat).map((n) => n.pitch % 12));
    const inPcs = new Set(incoming.filter((n) => n.on < s + beat).map((n) => n.pitch % 12));
    let sharedTones = 0, semitonePairs = 0;
    for (const p of inPcs) {
      if (outPcs.has(p)) sharedTones++;
      if (outPcs.has((p + 1) % 12)) semitonePairs++;
      if (outPcs.has((p + 11) % 12)) semitonePairs++;
    }
    const held = notes.filter((n) => outPool.has(n.ch) && n.on < s && n.off >= s);
    const ringing = held.filter((n) => n.off >= s + beat).length;
    const tail = outgoing.reduce((m, n) => Math.max(m, Math.min(n.off, next) - s), 0) / beat;
    const dropDb = level(s - beat, s) - level(s, s + beat);
    joins.push({ from: states[i].from ?? states[i - 1].name, to: states[i].name, tick: s, bar: states[i].bar, clashes, tritones, sharedTones, semitonePairs, heldAtJoin: held.length, ringing, tailBeats: Math.round(tail * 100) / 100, dropDb: Math.round(dropDb * 10) / 10 });
  }
  // Re-struck sustains inside generative states.
  const barlines = new Set(events.filter((e) => e.type === 'bar').map((e) => e.tick));
  const generativeAt = (t: number) => {
    let st = states[0]?.name;
    for (const l of states) if (l.tick <= t) st = l.name;
    return st !== undefined && graph.states[st]?.generative !== undefined;
  };
  // Zero-length notes (a doubled part struck on the same tick, ended by the voice guard) are not sustains.
  const endsAt = new Map<string, number[]>();
  for (const n of notes) {
    if (n.off <= n.on) continue;
    const k = `${n.ch}:${n.pitch}`;
    const l = endsAt.get(k) ?? [];
    l.push(n.off);
    endsAt.set(k, l);
  }
  let restruck = 0, sustainedNotes = 0;
  for (const n of notes) {
    if (!isSustainingProgram(n.program) || !generativeAt(n.on)) continue;
    sustainedNotes++;
    if (!barlines.has(n.on)) continue;
    if ((endsAt.get(`${n.ch}:${n.pitch}`) ?? []).some((e) => e <= n.on && e >= n.on - RESTRIKE_GAP)) restruck++;
  }
  return {
    joins,
    cleanJoins: joins.filter((j) => j.clashes.length === 0).length,
    clashes: joins.reduce((a, j) => a + j.clashes.length, 0),
    tritones: joins.reduce((a, j) => a + j.tritones, 0),
    sharedJoins: joins.filter((j) => j.sharedTones > 0).length,
    semitoneJoins: joins.filter((j) => j.semitonePairs > 0).length,
    dropsWithoutTail: joins.filter((j) => j.dropDb > 6 && j.tailBeats < graph.meter[0]).length,
    restruck,
    sustainedNotes,
  };
}
