/**
 * purpose: a deck is one state sounding on its own set of MIDI channels — like a DJ deck, two can play at once
 * during a crossfade. A deck turns its material (a generative BarComposer, or pre-composed segments, optionally
 * preceded by a one-shot transition segment) into the bar's note/controller events, applying the state's
 * layers (vertical re-orchestration) and the deck's fade envelope as CC11 expression.
 */
import type { BarComposer, BarEmotion } from '../compose/api.js';
import { PPQ, type Score, type TrackRole, type Mode } from '../score/schema.js';
import { MeterMap, ticksPerBar } from '../score/meter-map.js';
import type { Layer, MusicGraph, State } from './graph.js';
import type { ParameterSet } from './params.js';
import { envAt, movesWithin, ramp, steady, type Envelope } from './envelope.js';
import { harmonyFromNotes, harmonyOf, type Harmony } from './harmony.js';
import type { Rng } from '../util/rng.js';
import { DRUM_CHANNEL, pcOfName } from '../theory/index.js';

export const enum Kind {
  NoteOff = 0,
  Program = 1,
  CC = 2,
  NoteOn = 3,
}

/** An event waiting in the engine's queue. `a`/`b` are pitch/velocity, controller/value, or program. */
export interface Pending {
  tick: number;
  kind: Kind;
  seq: number;
  deck: number;
  channel: number;
  a: number;
  b: number;
  /** Note id pairing a note-on with its note-off (0 for other events). */
  id: number;
}

/** Which parts get a channel of their own first when a texture has more parts than the deck has channels. */
const ROLE_PRIORITY: readonly TrackRole[] = ['melody', 'bass', 'harmony', 'counter', 'ostinato', 'pad', 'other', 'fx', 'percussion'];
const ROLE_FALLBACK: Partial<Record<TrackRole, TrackRole[]>> = {
  melody: ['counter', 'harmony'], counter: ['melody', 'harmony'], harmony: ['pad', 'ostinato'], pad: ['harmony'],
  ostinato: ['harmony', 'pad'], bass: ['harmony'], other: ['bass', 'harmony', 'pad'], fx: ['pad', 'harmony'],
};
const CC_VOLUME = 7;
const CC_EXPRESSION = 11;
/** CC11 samples per beat while a fade or layer swell moves (1/8 beat: smooth enough for MIDI, cheap). */
const RAMP_STEP = PPQ / 8;

export interface DeckContext {
  graph: MusicGraph;
  params: ParameterSet;
  push(p: Omit<Pending, 'seq'>): void;
  newNoteId(): number;
  /** True while the note with this id is sounding (its note-on emitted, its note-off not yet). */
  isSounding(id: number): boolean;
  /** A queued event's tick was changed in place (the queue must be re-sorted). */
  moved(): void;
  /** Last program sent per channel (shared: channels are reused by later decks). */
  programs: Map<number, number>;
  composerFor(state: string): BarComposer;
  secAt(tick: number): number;
  rng: Rng;
  keyTonic: number;
  keyMode: Mode;
}

interface Voice {
  key: string;
  role: TrackRole;
  name: string;
  program: number;
  channel: number;
  notes: ReadonlyArray<{ tick: number; duration: number; pitch: number; velocity: number; tie?: boolean }>;
  controllers: ReadonlyArray<{ tick: number; controller: number; value: number }>;
}

interface SegmentCursor {
  name: string;
  score: Score;
  meter: MeterMap;
  /** Position inside the segment (ticks) where the next bar starts. */
  pos: number;
  /** Absolute tick of the segment's tick 0. */
  absStart: number;
  once: boolean;
}

export interface BarShape {
  ticks: number;
  numerator: number;
  denominator: number;
  bpm: number;
  harmony: Harmony;
}

interface LayerState {
  def: Layer;
  on: boolean;
  env: Envelope;
}

export class Deck {
  gain: Envelope = steady(1);
  /** Absolute tick where this deck falls silent (after a fade-out or a cut). */
  endTick = Infinity;
  /** Pitched notes of the bar this deck composed last (absolute ticks): what a join follows. */
  private lastNotes: Array<{ on: number; off: number; pc: number }> = [];
  private lastBarEnd = 0;
  /** Tones of the music this deck's generative material enters after (handed to the composer's join). */
  joinTones: number[] | undefined;
  /** Ringing out after a change: no new material, the held notes release until endTick. */
  tailing = false;
  /** Bars of the state's own material played (phrase/segment-end sync for generative states). */
  barsPlayed = 0;
  harmony: Harmony;
  /** Segment being played (segment states and transition segments). */
  seg: SegmentCursor | undefined;
  private readonly channels = new Map<string, number>();
  private readonly expression = new Map<number, number>();
  /** Parts doubling another part's channel (no program change of their own). */
  private readonly hosted = new Set<string>();
  private readonly channelOfRole = new Map<TrackRole, number>();
  private readonly matchCache = new Map<string, LayerState[]>();
  private readonly layers: LayerState[];
  private segOrder: number[] = [];
  private segOrderPos = 0;
  private lastSegIndex = -1;
  private layersPrimed = false;
  /**
   * Notes that run to the end of the bar just composed, by part and pitch → their queued note-off: a `tie`
   * note at the start of the next bar extends that note-off instead of striking again.
   */
  private held = new Map<string, Pending>();
  /** Segments fully played since the deck started (a pass is complete at names.length). */
  segmentsDone = 0;

  constructor(
    readonly id: number,
    readonly state: string,
    readonly pool: readonly number[],
    readonly startTick: number,
    private readonly ctx: DeckContext,
    transitionSegment?: string,
    joinTones?: number[],
  ) {
    this.joinTones = joinTones;
    this.layers = this.def.layers.map((def) => ({ def, on: true, env: steady(1) }));
    this.harmony = harmonyOf('', ctx.keyTonic, ctx.keyMode);
    if (transitionSegment) this.seg = this.cursor(transitionSegment, true, startTick);
  }

  get def(): State {
    return this.ctx.graph.states[this.state];
  }

  /** Playing the one-shot transition segment rather than the state itself. */
  get inTransition(): boolean {
    return this.seg?.once === true;
  }

  get isGenerative(): boolean {
    return !this.inTransition && this.def.generative !== undefined;
  }

  /** Absolute ticks of the current segment's `sync` markers at or after `t`, and its end. */
  segmentSyncs(t: number): { markers: number[]; end: number } | undefined {
    const s = this.seg;
    if (!s) return undefined;
    const markers: number[] = [];
    for (const m of s.score.markers) if (m.kind === 'sync' && s.absStart + m.tick >= t) markers.push(s.absStart + m.tick);
    markers.sort((a, b) => a - b);
    return { markers, end: s.absStart + s.score.endTick };
  }

  /**
   * Compose this deck's part of the bar starting at `barStart`. The lead deck decides the bar's length
   * (`forcedTicks` undefined); a fading deck fills the lead's length. Events before `entryTick` are dropped
   * (a state entering mid-bar starts at the same position in its bar, keeping the grid).
   */
  composeBar(barStart: number, entryTick: number, forcedTicks?: number): BarShape {
    const lead = forcedTicks === undefined;
    const g = this.ctx.graph;
    const beatDen = g.meter[1];
    let voices: Voice[];
    let shape: BarShape;
    if (this.seg && this.seg.pos >= this.seg.score.endTick) {
      // A transition segment hands over to the state's own material: that enters after the segment's last chord.
      if (this.seg.once) this.joinTones = this.tonesIn(barStart - PPQ, barStart);
      this.advanceSegment(barStart);
    }
    if (!this.seg && this.def.segments) this.advanceSegment(barStart);
    const seg = this.seg;
    if (seg) {
      const sm = seg.meter.meterAt(seg.pos);
      const natural = Math.min(ticksPerBar(sm), seg.score.endTick - seg.pos);
      const ticks = forcedTicks ?? natural;
      seg.absStart = barStart - seg.pos;
      voices = this.segmentVoices(seg, seg.pos, seg.pos + ticks);
      const key = seg.score.keys.filter((k) => k.tick <= seg.pos).pop();
      const tonic = key ? (pcOfName(key.tonic) ?? 0) : this.ctx.keyTonic;
      const mode = key?.mode ?? this.ctx.keyMode;
      const onsets: number[] = [];
      for (const v of voices) if (v.channel !== DRUM_CHANNEL) for (const n of v.notes) if (n.tick < PPQ) onsets.push(n.pitch);
      this.harmony = harmonyFromNotes(onsets, tonic, mode);
      let bpm = seg.score.tempo[0]?.bpm ?? g.tempo;
      for (const e of seg.score.tempo) if (e.tick <= seg.pos) bpm = e.bpm;
      shape = { ticks, numerator: sm.numerator, denominator: sm.denominator, bpm, harmony: this.harmony };
      seg.pos += ticks;
      if (!seg.once) {
        this.barsPlayed++;
        if (seg.pos >= seg.score.endTick) this.segmentsDone++;
      }
    } else {
      const gen = this.def.generative!;
      const composer = this.ctx.composerFor(this.state);
      if (this.joinTones) {
        composer.join?.(this.joinTones);
        this.joinTones = undefined;
      }
      const bar = composer.next(this.emotion(this.ctx.secAt(barStart)));
      const ticks = forcedTicks ?? bar.ticks;
      this.harmony = harmonyOf(bar.chord, bar.tonic, bar.mode);
      voices = bar.parts.map((p, i) => ({
        key: `${p.name}#${i}`,
        role: p.role,
        name: p.name,
        program: gen.palette[p.role] ?? p.program,
        channel: p.channel,
        notes: p.notes,
        controllers: p.controllers,
      }));
      const beatTicks = (PPQ * 4) / beatDen;
      shape = { ticks, numerator: Math.max(1, Math.round(ticks / beatTicks)), denominator: beatDen, bpm: gen.tempo ?? g.tempo, harmony: this.harmony };
      this.barsPlayed++;
    }
    this.updateLayers(barStart, lead);
    this.assignChannels(voices);
    const end = Math.min(barStart + shape.ticks, this.endTick);
    this.lastNotes = [];
    this.lastBarEnd = barStart + shape.ticks;
    for (const v of voices) {
      if (v.role === 'percussion' || v.channel === DRUM_CHANNEL) continue;
      for (const n of v.notes) if (n.tick < shape.ticks) this.lastNotes.push({ on: barStart + n.tick, off: barStart + n.tick + n.duration, pc: n.pitch % 12 });
    }
    const held = new Map<string, Pending>();
    for (const v of voices) this.emitVoice(v, barStart, entryTick, end, lead, held);
    this.held = held;
    return shape;
  }

  /**
   * Pitch classes this deck's last composed bar sounds over [a, b), sorted. At a barline (a at or past the bar's
   * end) it is the bar's last beat: the chord the next music follows.
   */
  tonesIn(a: number, b: number): number[] {
    if (a >= this.lastBarEnd) { b = this.lastBarEnd; a = b - PPQ; }
    // The held tones carry the harmony; quick passing notes count only when nothing is held.
    const pcs = new Set<number>();
    for (const n of this.lastNotes) if (n.on < b && n.off > a && n.off - n.on >= PPQ / 2) pcs.add(n.pc);
    if (pcs.size === 0) for (const n of this.lastNotes) if (n.on < b && n.off > a) pcs.add(n.pc);
    return [...pcs].sort((x, y) => x - y);
  }

  /** Fade the deck out from `at`; percussion (shared channel 10) is cut at once. Returns the silence tick. */
  fadeOut(at: number, ticks: number, curve: Envelope['curve']): number {
    const g = envAt(this.gain, at);
    this.gain = ramp(g, 0, at, at + ticks, curve);
    this.endTick = at + ticks;
    return this.endTick;
  }

  /** Emit CC11 ramp points on this deck's channels over [a, b) — used when a fade starts mid-bar. */
  emitFadeRamp(a: number, b: number): void {
    for (const ch of new Set(this.channels.values())) {
      const e = this.expression.get(ch) ?? 127;
      let last = -1;
      for (let t = a; t < b; t += RAMP_STEP) {
        const v = Math.max(0, Math.min(127, Math.round(e * envAt(this.gain, t))));
        if (v !== last) this.ctx.push({ tick: t, kind: Kind.CC, deck: this.id, channel: ch, a: CC_EXPRESSION, b: v, id: 0 });
        last = v;
      }
    }
  }

  private emotion(sec: number): BarEmotion {
    const gen = this.def.generative!;
    let { valence, arousal, tension } = gen.emotion;
    for (const m of gen.modulate) {
      const x = this.ctx.params.normalized(m.param, sec);
      valence += m.valence * x;
      arousal += m.arousal * x;
      tension += m.tension * x;
    }
    const c = (v: number, lo: number) => (v < lo ? lo : v > 1 ? 1 : v);
    return { valence: c(valence, -1), arousal: c(arousal, -1), tension: c(tension, 0) };
  }

  /** Layer on/off with hysteresis, evaluated at each barline; a change swells over the layer's fade. */
  private updateLayers(barStart: number, lead: boolean): void {
    if (!lead && this.layersPrimed) return;
    const sec = this.ctx.secAt(barStart);
    const beatTicks = (PPQ * 4) / this.ctx.graph.meter[1];
    for (const l of this.layers) {
      const x = this.ctx.params.value(l.def.param, sec);
      const half = l.def.hysteresis / 2;
      const th = l.def.threshold;
      let on: boolean;
      if (!this.layersPrimed) on = l.def.when === 'above' ? x >= th : x <= th;
      else if (l.def.when === 'above') on = l.on ? x >= th - half : x > th + half;
      else on = l.on ? x <= th + half : x < th - half;
      if (!this.layersPrimed) {
        l.on = on;
        l.env = steady(on || l.def.mode === 'thin' ? 1 : 0);
      } else if (on !== l.on) {
        l.on = on;
        if (l.def.mode === 'mute') l.env = ramp(envAt(l.env, barStart), on ? 1 : 0, barStart, barStart + l.def.fadeBeats * beatTicks, 's-curve');
      }
    }
    this.layersPrimed = true;
  }

  /** Layers whose state the UI shows: name → sounding. */
  layerStates(): Record<string, boolean> {
    const out: Record<string, boolean> = {};
    for (const l of this.layers) out[l.def.name] = l.on;
    return out;
  }

  private matching(role: TrackRole, name: string): LayerState[] {
    const key = `${role}\u0000${name}`;
    let m = this.matchCache.get(key);
    if (!m) {
      const lname = name.toLowerCase();
      m = this.layers.filter((l) => l.def.parts.roles.includes(role) || l.def.parts.names.some((n) => lname.includes(n.toLowerCase())));
      this.matchCache.set(key, m);
    }
    return m;
  }

  private gainFor(role: TrackRole, name: string, tick: number): number {
    let g = envAt(this.gain, tick);
    for (const l of this.matching(role, name)) if (l.def.mode === 'mute') g *= envAt(l.env, tick);
    return g;
  }

  private channelFor(v: Voice): number {
    if (v.role === 'percussion' || v.channel === DRUM_CHANNEL) return DRUM_CHANNEL;
    return this.channels.get(v.key) ?? this.pool[0];
  }

  /**
   * Give each new part a channel of the deck's pool, most important roles first. A deck has 7 melodic
   * channels (two decks must fit in 16 during a crossfade); further parts double on the channel of a part
   * with the closest role (a harp doubling the strings), playing with that channel's instrument.
   */
  private assignChannels(voices: readonly Voice[]): void {
    const fresh = voices.filter((v) => v.role !== 'percussion' && v.channel !== DRUM_CHANNEL && !this.channels.has(v.key));
    if (fresh.length === 0) return;
    fresh.sort((a, b) => ROLE_PRIORITY.indexOf(a.role) - ROLE_PRIORITY.indexOf(b.role));
    for (const v of fresh) {
      const used = new Set(this.channels.values());
      const free = this.pool.find((c) => !used.has(c));
      if (free !== undefined) {
        this.channels.set(v.key, free);
        continue;
      }
      let host: number | undefined;
      for (const role of [v.role, ...(ROLE_FALLBACK[v.role] ?? [])]) {
        host = this.channelOfRole.get(role);
        if (host !== undefined) break;
      }
      this.channels.set(v.key, host ?? this.pool[this.pool.length - 1]);
      this.hosted.add(v.key);
    }
    for (const v of fresh) if (!this.hosted.has(v.key) && !this.channelOfRole.has(v.role)) this.channelOfRole.set(v.role, this.channels.get(v.key)!);
  }

  private emitVoice(v: Voice, barStart: number, entryTick: number, end: number, lead: boolean, held: Map<string, Pending>): void {
    const ch = this.channelFor(v);
    if (ch === DRUM_CHANNEL && !lead) return; // channel 10 is shared; the fading deck's drums stop at the switch
    const push = this.ctx.push;
    const first = Math.max(barStart, entryTick);
    if (first >= end) return;
    const layers = this.matching(v.role, v.name);
    const thin = layers.some((l) => l.def.mode === 'thin' && !l.on);
    if (ch !== DRUM_CHANNEL && !this.hosted.has(v.key) && this.ctx.programs.get(ch) !== v.program) {
      this.ctx.programs.set(ch, v.program);
      push({ tick: first, kind: Kind.Program, deck: this.id, channel: ch, a: v.program, b: 0, id: 0 });
      push({ tick: first, kind: Kind.CC, deck: this.id, channel: ch, a: CC_VOLUME, b: 100, id: 0 });
    }
    // Expression: the composer's CC11 swells multiplied by the deck fade and the layer gains.
    const gain = (t: number) => this.gainFor(v.role, v.name, t);
    const moving = movesWithin(this.gain, barStart, end) || layers.some((l) => movesWithin(l.env, barStart, end));
    const cc11 = v.controllers.filter((c) => c.controller === CC_EXPRESSION);
    let expr = this.expression.get(ch) ?? 127;
    let lastOut = -1;
    const ccAt = (t: number) => {
      const val = Math.max(0, Math.min(127, Math.round(expr * gain(t))));
      if (val !== lastOut) push({ tick: t, kind: Kind.CC, deck: this.id, channel: ch, a: CC_EXPRESSION, b: val, id: 0 });
      lastOut = val;
    };
    let ci = 0;
    const step = moving ? RAMP_STEP : Infinity;
    for (let t = first; t < end; ) {
      while (ci < cc11.length && barStart + cc11[ci].tick <= t) expr = cc11[ci++].value;
      ccAt(t);
      const nextCc = ci < cc11.length ? barStart + cc11[ci].tick : Infinity;
      t = Math.min(t + step, nextCc, end);
      if (!Number.isFinite(t)) break;
    }
    this.expression.set(ch, expr);
    for (const c of v.controllers) {
      const t = barStart + c.tick;
      if (c.controller !== CC_EXPRESSION && t >= first && t < end) push({ tick: t, kind: Kind.CC, deck: this.id, channel: ch, a: c.controller, b: c.value, id: 0 });
    }
    // Notes: thin = keep only the highest note of each onset (strings thinning out as calm rises).
    let topAt: Map<number, number> | undefined;
    if (thin) {
      topAt = new Map();
      for (const n of v.notes) topAt.set(n.tick, Math.max(topAt.get(n.tick) ?? -1, n.pitch));
    }
    const gainScale = this.def.gain;
    for (const n of v.notes) {
      const t = barStart + n.tick;
      if (t < first || t >= end) continue;
      if (topAt && topAt.get(n.tick) !== n.pitch) continue;
      if (gain(t) < 0.02) continue; // inaudible: a muted layer does not spend voices
      const off = Math.min(t + Math.max(1, n.duration), this.endTick);
      if (off <= t) continue;
      const hk = `${v.key}\u0000${n.pitch}`;
      // A tie holds the previous bar's note on (same part, same pitch, still sounding up to this barline).
      const prev = n.tie && n.tick === 0 && ch !== DRUM_CHANNEL ? this.held.get(hk) : undefined;
      let noteOff: Pending;
      if (prev && prev.tick === t && prev.channel === ch && this.ctx.isSounding(prev.id)) {
        prev.tick = off;
        this.ctx.moved();
        noteOff = prev;
      } else {
        const vel = Math.max(1, Math.min(127, Math.round(n.velocity * gainScale)));
        const id = this.ctx.newNoteId();
        push({ tick: t, kind: Kind.NoteOn, deck: this.id, channel: ch, a: n.pitch, b: vel, id });
        noteOff = { tick: off, kind: Kind.NoteOff, deck: this.id, channel: ch, a: n.pitch, b: 0, id, seq: 0 };
        push(noteOff);
      }
      if (off === end && ch !== DRUM_CHANNEL) held.set(hk, noteOff);
    }
  }

  private segmentVoices(seg: SegmentCursor, a: number, b: number): Voice[] {
    return seg.score.tracks.map((tr, i) => ({
      key: `${seg.name}:${tr.name}#${i}`,
      role: tr.role,
      name: tr.name,
      program: tr.program,
      channel: tr.channel,
      notes: tr.notes.filter((n) => n.tick >= a && n.tick < b).map((n) => ({ ...n, tick: n.tick - a })),
      controllers: tr.controllers.filter((c) => c.tick >= a && c.tick < b).map((c) => ({ ...c, tick: c.tick - a })),
    }));
  }

  private cursor(name: string, once: boolean, at: number): SegmentCursor {
    const score = this.ctx.graph.segments[name].score;
    return { name, score, meter: new MeterMap(score.meters), pos: 0, absStart: at, once };
  }

  /** Move to the next segment of the state (in order or shuffled without immediate repeats). */
  private advanceSegment(at: number): void {
    const names = this.def.segments;
    if (!names) { this.seg = undefined; return; }
    if (this.segOrderPos >= this.segOrder.length) {
      this.segOrder = names.map((_, i) => i);
      if (this.def.order === 'shuffle') {
        this.ctx.rng.shuffle(this.segOrder);
        if (this.segOrder.length > 1 && this.segOrder[0] === this.lastSegIndex) this.segOrder.push(this.segOrder.shift()!);
      }
      this.segOrderPos = 0;
    }
    const idx = this.segOrder[this.segOrderPos++];
    this.lastSegIndex = idx;
    this.seg = this.cursor(names[idx], false, at);
  }
}

