/**
 * purpose: the adaptive music engine — a deterministic scheduler over musical time (Strudel style: each call
 * to `advance(to)` emits the arc [horizon, to)). Bars are composed just in time, one at a time, from the
 * current (smoothed) parameters, so the music never repeats exactly and never stops. State changes wait for
 * their sync point (immediate, next beat, next bar, next marker, end of segment); stingers are quantized,
 * fitted to the current chord and rate-limited. Nothing the game sends can throw: bad values are clamped or
 * ignored and counted in `stats`.
 *
 * Same graph + seed + sequence of calls ⇒ identical output (no clocks, no unseeded randomness).
 */
import type { BarComposer, BarComposerOptions } from '../compose/api.js';
import { PPQ, type Seconds } from '../score/schema.js';
import { Rng, hashString } from '../util/rng.js';
import { MusicClock } from './clock.js';
import { ParameterSet } from './params.js';
import { Deck, Kind, type BarShape, type DeckContext, type Pending } from './deck.js';
import { DRUM_CHANNEL, pcOfName } from '../theory/index.js';
import { findTransition, type MusicGraph, type SyncRule, type Transition } from './graph.js';
import { realiseStinger, type Harmony } from './harmony.js';
import type { DroppedEntry, EngineStats, LogEntry, OutEvent } from './events.js';
import type { Taste } from '../cue/taste.js';
import { SIGNAL_KINDS, type SignalKind } from '../personalize/evidence.js';

/** Makes a BarComposer for a generative state; the factory supplies the style models (see adaptive/composer.ts). */
export type ComposerFactory = (opts: Omit<BarComposerOptions, 'models'>) => BarComposer;

export interface EngineOptions {
  /** compose/'s `createBarComposer` (injected so the core stays free of model loading). */
  createComposer: ComposerFactory;
  /** Overrides the graph's seed. */
  seed?: number;
  /** Called for every log entry as it sounds (UI hooks); must not throw — errors are swallowed. */
  onLog?: (e: LogEntry) => void;
  /** A player's taste (a profile's offsets, cue/taste.ts) on top of every generative state's emotion. */
  taste?: Taste;
  /** The profile take this session is (so implicit signals can be credited to the offsets it played). */
  takeId?: string;
  /** Receives every implicit signal the game reports (forward it to the profile store); must not throw. */
  onSignal?: (s: ImplicitSignal) => void;
}

/** What the player did with the music: skipped, muted, turned down or kept playing it. */
export interface ImplicitSignal {
  kind: SignalKind;
  /** The state that was playing, and the session time (seconds) of the report. */
  state: string;
  time: Seconds;
  take?: string;
  /** The offsets that were sounding. */
  taste?: Taste;
}

export interface EngineStatus {
  state: string;
  /** State requested and waiting for its sync point, if any. */
  pending?: string;
  inTransition: boolean;
  /** 1-based bar/beat at the emission horizon. */
  bar: number;
  beat: number;
  time: Seconds;
  tempo: number;
  chord: string;
  layers: Record<string, boolean>;
  params: Record<string, number>;
}

/** Melodic channel pools for the two decks (channel 10 is GM drums, 16 is the stinger channel). */
const POOLS: readonly (readonly number[])[] = [
  [0, 1, 2, 3, 4, 5, 6],
  [7, 8, 10, 11, 12, 13, 14],
];
const STINGER_CHANNEL = 15;
/** Seconds an input may lie ahead of the emission horizon. */
const MAX_FUTURE = 1;
const STINGER_DECK = -1;
/** Old and new notes may overlap this long at a clashing interval (1/8 beat). */
const JOIN_OVERLAP = PPQ / 8;

interface PendingSwitch {
  to: string;
  tick: number;
  rule: Transition;
  requested: Seconds;
  cause: string;
}

interface PendingStinger {
  name: string;
  tick: number;
  requested: Seconds;
  cause: string;
}

export class AdaptiveEngine {
  readonly log: LogEntry[] = [];
  readonly dropped: DroppedEntry[] = [];
  readonly stats: EngineStats = { ignoredNaN: 0, clampedParams: 0, unknownParams: 0, unknownEvents: 0, unknownStates: 0, droppedStingers: 0, composeErrors: 0, bars: 0, notes: 0, joinTrims: 0, joinResolutions: 0 };
  readonly params: ParameterSet;
  /** Implicit signals reported so far (also passed to `onSignal`). */
  readonly signals: ImplicitSignal[] = [];
  private taste: Taste | undefined;

  private readonly clock: MusicClock;
  private readonly rng: Rng;
  private readonly seed: number;
  private readonly ctx: DeckContext;
  private readonly composers = new Map<string, BarComposer>();
  private decks: Deck[] = [];
  private queue: Pending[] = [];
  private queueDirty = false;
  private seq = 0;
  private noteId = 0;
  /** Emission horizon: everything before it has been emitted. */
  private horizon = 0;
  private barStart = 0;
  private barEnd = 0;
  private barShape: BarShape | undefined;
  private switch_: PendingSwitch | undefined;
  private stingers: PendingStinger[] = [];
  private readonly stingerLast = new Map<string, Seconds>();
  private readonly sounding = new Set<number>();
  /** channel*128+pitch → note id currently holding that key (the voice guard). */
  private readonly keyOwner = new Map<number, number>();
  private tempoTarget: number;
  private rampBarsLeft = 0;
  private poolIndex = 0;
  private lastInputTime = 0;
  private stopped = false;

  constructor(readonly graph: MusicGraph, private readonly opts: EngineOptions) {
    this.seed = opts.seed ?? graph.seed;
    this.taste = opts.taste;
    this.rng = new Rng(this.seed).fork('adaptive');
    this.params = new ParameterSet(graph.parameters);
    this.clock = new MusicClock(graph.tempo);
    this.tempoTarget = graph.tempo;
    this.ctx = {
      graph,
      params: this.params,
      // Decks hand over fresh literals: stamp them in place instead of copying (hot path).
      push: (p) => { (p as Pending).seq = this.seq++; this.queue.push(p as Pending); this.queueDirty = true; },
      newNoteId: () => ++this.noteId,
      isSounding: (id) => this.sounding.has(id),
      moved: () => { this.queueDirty = true; },
      programs: new Map(),
      composerFor: (s) => this.composerFor(s),
      secAt: (t) => this.clock.tickToSec(t),
      rng: this.rng.fork('segments'),
      keyTonic: pcOfName(graph.key) ?? 0,
      keyMode: graph.mode,
    };
    this.decks.push(this.newDeck(graph.initial, 0));
    this.log.push({ type: 'state', name: graph.initial, sync: 'immediate', requested: 0, sounded: 0, bar: 1, beat: 1, tick: 0, cause: 'initial' });
  }

  // ── game-facing API ─────────────────────────────────────────────────────────────────────────────────

  /** Set a parameter (RTPC). Unknown names, NaN and non-numbers are ignored; out-of-range values clamped. */
  setParameter(name: string, value: number, time?: Seconds): void {
    const t = this.inputTime(time);
    const before = { ...this.params.stats };
    this.params.set(String(name), value, t);
    this.stats.ignoredNaN += this.params.stats.ignoredNaN - before.ignoredNaN;
    this.stats.clampedParams += this.params.stats.clamped - before.clamped;
    this.stats.unknownParams += this.params.stats.unknown - before.unknown;
    this.checkTriggers(t);
  }

  /** A game event: mapped by the graph to a state, a stinger and/or parameter values; else a stinger by name. */
  trigger(event: string, time?: Seconds): void {
    const t = this.inputTime(time);
    const name = String(event);
    const action = Object.hasOwn(this.graph.events, name) ? this.graph.events[name] : undefined;
    if (action) {
      for (const [p, v] of Object.entries(action.set ?? {})) this.setParameter(p, v, t);
      if (action.state) this.request(action.state, t, `event:${name}`);
      if (action.stinger) this.fireStinger(action.stinger, t, `event:${name}`);
      return;
    }
    if (Object.hasOwn(this.graph.stingers, name)) { this.fireStinger(name, t, `event:${name}`); return; }
    this.stats.unknownEvents++;
  }

  /** Ask for a state directly (like FMOD's setParameter on a "state" label). */
  setState(state: string, time?: Seconds): void {
    this.request(String(state), this.inputTime(time), 'api');
  }

  /**
   * A new taste (the profile learned something): every generative state adopts it at its next phrase, never
   * mid-phrase, and its tempo glides there (≤ 4 % a bar) — no jump.
   */
  setTaste(taste: Taste | undefined): void {
    this.taste = taste;
    for (const c of this.composers.values()) c.setTaste?.(taste);
  }

  /** The game reports what the player did with the music (skipped, muted, turned-down, kept-playing); unknown kinds are ignored. */
  reportSignal(kind: SignalKind, time?: Seconds): void {
    if (!SIGNAL_KINDS.includes(kind)) { this.stats.unknownEvents++; return; }
    const s: ImplicitSignal = { kind, state: this.lead.state, time: this.inputTime(time), ...(this.opts.takeId ? { take: this.opts.takeId } : {}), ...(this.taste ? { taste: this.taste } : {}) };
    this.signals.push(s);
    try { this.opts.onSignal?.(s); } catch { /* a UI hook must not stop the music */ }
  }

  /** Fire a stinger by name. */
  stinger(name: string, time?: Seconds): void {
    this.fireStinger(String(name), this.inputTime(time), 'api');
  }

  /**
   * Emit every event before `to` (seconds). Call it from a game loop or audio callback with
   * `now + lookahead`; requests take effect from the horizon, so the lookahead adds to their latency.
   */
  advance(to: Seconds): OutEvent[] {
    const out: OutEvent[] = [];
    if (this.stopped || !Number.isFinite(to)) return out;
    const end = Math.floor(this.clock.secToTick(to));
    this.checkTriggers(Math.max(this.lastInputTime, to));
    while (this.horizon < end) {
      // Actions due at the horizon, in musical order: a state change at a barline precedes the bar it opens,
      // and stingers follow the bar so they read its chord.
      if (this.switch_ && this.switch_.tick <= this.horizon) this.executeSwitch(out);
      if (this.horizon >= this.barEnd) this.beginBar(out);
      this.runStingers(out);
      let stop = Math.min(end, this.barEnd);
      if (this.switch_ && this.switch_.tick < stop) stop = this.switch_.tick;
      for (const s of this.stingers) if (s.tick < stop) stop = s.tick;
      this.emitUntil(stop, out);
      this.horizon = stop;
    }
    return out;
  }

  /** End the session at `time`: every sounding note gets its note-off; later calls emit nothing. */
  stop(time?: Seconds): OutEvent[] {
    const out = Number.isFinite(time) ? this.advance(time as number) : [];
    const tick = this.horizon;
    const sec = this.clock.tickToSec(tick);
    const q = this.sortedQueue();
    for (let i = q.length - 1; i >= 0; i--) {
      const p = q[i];
      if (p.kind === Kind.NoteOff && this.sounding.has(p.id)) {
        this.sounding.delete(p.id);
        this.keyOwner.delete(p.channel * 128 + p.a);
        out.push({ type: 'noteOff', time: sec, tick, channel: p.channel, pitch: p.a });
      }
    }
    this.queue = [];
    this.stopped = true;
    return out;
  }

  status(): EngineStatus {
    const lead = this.lead;
    const bb = this.clock.barBeat(this.horizon);
    const params: Record<string, number> = {};
    for (const n of this.params.names()) params[n] = this.params.value(n, this.lastInputTime);
    return {
      state: lead.state,
      pending: this.switch_?.to,
      inTransition: lead.inTransition,
      bar: bb.bar + 1,
      beat: Math.floor(bb.beat) + 1,
      time: this.clock.tickToSec(this.horizon),
      tempo: this.clock.tempoAtEnd,
      chord: this.barShape?.harmony.symbol ?? '',
      layers: lead.layerStates(),
      params,
    };
  }

  /** Seconds at the emission horizon (the engine's "now"). */
  get now(): Seconds {
    return this.clock.tickToSec(this.horizon);
  }

  /** Seconds of the next barline after the horizon (where a session can end musically). */
  get nextBarline(): Seconds {
    return this.clock.tickToSec(this.horizon < this.barEnd ? this.barEnd : this.horizon);
  }

  get currentHarmony(): Harmony | undefined {
    return this.barShape?.harmony;
  }

  // ── requests ────────────────────────────────────────────────────────────────────────────────────────

  private inputTime(time: Seconds | undefined): Seconds {
    const now = this.now;
    const t = typeof time === 'number' && Number.isFinite(time) ? Math.min(time, now + MAX_FUTURE) : now;
    // Inputs are applied in order; a time earlier than the last one is read as "at the last one", and a time
    // far in the future (a bogus game clock) is held to MAX_FUTURE past the horizon so it cannot freeze requests.
    this.lastInputTime = Math.max(this.lastInputTime, t);
    return this.lastInputTime;
  }

  private get lead(): Deck {
    return this.decks[this.decks.length - 1];
  }

  private request(state: string, t: Seconds, cause: string): void {
    if (!Object.hasOwn(this.graph.states, state)) {
      this.stats.unknownStates++;
      this.drop({ type: 'state', name: state.slice(0, 100), requested: t, reason: 'unknown' });
      return;
    }
    const current = this.switch_?.to ?? this.lead.state;
    if (state === current) {
      this.drop({ type: 'state', name: state, requested: t, reason: 'already-current' });
      return;
    }
    if (this.switch_) this.drop({ type: 'state', name: this.switch_.to, requested: this.switch_.requested, reason: 'superseded' });
    if (state === this.lead.state) { this.switch_ = undefined; return; } // asked back before the change sounded
    const rule = findTransition(this.graph, this.lead.state, state);
    const tick = this.syncTick(rule.sync, this.requestTick(t));
    this.switch_ = { to: state, tick, rule, requested: t, cause };
  }

  /** The earliest tick a request made at `t` can act on: never before what has already been emitted. */
  private requestTick(t: Seconds): number {
    return Math.max(this.horizon, Math.ceil(this.clock.secToTick(t) - 1e-6));
  }

  private fireStinger(name: string, t: Seconds, cause: string): void {
    const st = Object.hasOwn(this.graph.stingers, name) ? this.graph.stingers[name] : undefined;
    if (!st) { this.stats.unknownEvents++; return; }
    const last = this.stingerLast.get(name);
    const waiting = this.stingers.some((s) => s.name === name);
    if (waiting || (last !== undefined && t - last < st.cooldown)) {
      this.stats.droppedStingers++;
      this.drop({ type: 'stinger', name, requested: t, reason: 'cooldown' });
      return;
    }
    this.stingers.push({ name, tick: this.syncTick(st.sync, this.requestTick(t)), requested: t, cause });
    // Reserve the cooldown from the request so a burst of events cannot queue several copies.
    this.stingerLast.set(name, t);
  }

  /** Triggers are level conditions (like FMOD parameter conditions): while in `from` and true, request `to`. */
  private checkTriggers(t: Seconds): void {
    const trs = this.graph.triggers;
    for (let i = 0; i < trs.length; i++) {
      const tr = trs[i];
      const current = this.switch_?.to ?? this.lead.state;
      if ((tr.from !== '*' && tr.from !== current) || tr.to === current) continue;
      const x = this.params.value(tr.param, t);
      if ((tr.above === undefined || x > tr.above) && (tr.below === undefined || x < tr.below)) this.request(tr.to, t, `param:${tr.param}`);
    }
  }

  // ── musical grid ────────────────────────────────────────────────────────────────────────────────────

  /** The bar containing tick `c` (extrapolating past the composed bars with the last meter). */
  private gridAt(c: number): { barStart: number; barTicks: number; beatTicks: number; barsAhead: number } {
    const shape = this.barShape;
    const barTicks = shape?.ticks ?? (this.graph.meter[0] * PPQ * 4) / this.graph.meter[1];
    const beatTicks = (PPQ * 4) / (shape?.denominator ?? this.graph.meter[1]);
    if (c < this.barEnd) return { barStart: this.barStart, barTicks, beatTicks, barsAhead: 0 };
    const k = Math.floor((c - this.barEnd) / barTicks);
    return { barStart: this.barEnd + k * barTicks, barTicks, beatTicks, barsAhead: k + 1 };
  }

  /** The first tick at or after `c` allowed by a sync rule. */
  syncTick(rule: SyncRule, c: number): number {
    const g = this.gridAt(c);
    const nextBar = c === g.barStart ? c : g.barStart + g.barTicks;
    switch (rule) {
      case 'immediate':
        return c;
      case 'beat':
        return Math.min(g.barStart + Math.ceil((c - g.barStart) / g.beatTicks) * g.beatTicks, g.barStart + g.barTicks);
      case 'bar':
        return nextBar;
      case 'marker':
      case 'end': {
        const lead = this.lead;
        const segs = lead.seg ? lead.segmentSyncs(c) : undefined;
        if (segs) {
          if (rule === 'marker' && segs.markers.length) return segs.markers[0];
          return Math.max(segs.end, c);
        }
        // Generative: markers on phrase starts, "end" on the generative segment's end.
        const gen = lead.def.generative;
        const every = rule === 'marker' ? gen?.phraseBars ?? 4 : gen?.segmentBars ?? 8;
        // Index (within the deck's own bars) of the bar that starts at nextBar.
        const barIdx = (c < this.barEnd ? lead.barsPlayed - 1 : lead.barsPlayed + g.barsAhead - 1) + (c === g.barStart ? 0 : 1);
        let played = Math.max(0, barIdx);
        let t = nextBar;
        let guard = 0;
        while (played % every !== 0 && guard++ < 1024) { t += g.barTicks; played++; }
        return t;
      }
    }
  }

  // ── the scheduler ───────────────────────────────────────────────────────────────────────────────────

  private composerFor(state: string): BarComposer {
    let c = this.composers.get(state);
    if (!c) {
      const gen = this.graph.states[state].generative!;
      c = this.opts.createComposer({
        style: gen.style,
        emotion: gen.emotion,
        tonic: pcOfName(gen.key ?? this.graph.key) ?? 0,
        mode: gen.mode ?? this.graph.mode,
        tempo: gen.tempo ?? this.graph.tempo,
        meter: [this.graph.meter[0], this.graph.meter[1]],
        seed: hashString(`${this.seed}:${state}`),
        ...(this.taste ? { taste: this.taste } : {}),
      });
      this.composers.set(state, c);
    }
    return c;
  }

  private newDeck(state: string, at: number, transitionSegment?: string, joinTones?: number[]): Deck {
    const pool = POOLS[this.poolIndex++ % POOLS.length];
    return new Deck(this.poolIndex, state, pool, at, this.ctx, transitionSegment, joinTones);
  }

  private beginBar(out: OutEvent[]): void {
    const start = this.barEnd;
    const lead = this.lead;
    let shape: BarShape;
    // A generative state entering under a crossfade follows the old bed's NEXT bar (the one heard with it):
    // compose that first, and let the new music's entry chord fit its opening beat.
    const early: Deck[] = [];
    if (lead.joinTones && !lead.seg && lead.def.generative) {
      const [n, d] = this.graph.meter;
      const genTicks = (n * PPQ * 4) / d;
      for (const dk of this.decks) {
        if (dk === lead || dk.endTick <= start || dk.tailing) continue;
        try { dk.composeBar(start, start, genTicks); early.push(dk); } catch { this.stats.composeErrors++; }
      }
      if (early.length) lead.joinTones = [...new Set(early.flatMap((dk) => dk.tonesIn(start, start + (PPQ * 4) / d)))];
    }
    try {
      shape = lead.composeBar(start, start);
      if (!(shape.ticks > 0) || !Number.isFinite(shape.ticks)) throw new RangeError(`bar of ${shape.ticks} ticks`);
    } catch {
      // Never stop the clock: a failing composer yields a silent bar of the graph's meter.
      this.stats.composeErrors++;
      const [n, d] = this.graph.meter;
      shape = { ticks: (n * PPQ * 4) / d, numerator: n, denominator: d, bpm: this.tempoTarget, harmony: lead.harmony };
    }
    // A segment state with "then" moves on when its pass ends (the change sounds at the segment's end).
    const then = lead.def.then;
    if (then && !this.switch_ && lead.segmentsDone >= (lead.def.segments?.length ?? 1) && lead.endTick === Infinity) {
      const rule = findTransition(this.graph, lead.state, then);
      this.switch_ = { to: then, tick: start + shape.ticks, rule: { ...rule, sync: 'end' }, requested: this.clock.tickToSec(start), cause: 'segment-end' };
    }
    for (const d of this.decks) {
      if (d === lead || d.endTick <= start || d.tailing || early.includes(d)) continue;
      try { d.composeBar(start, start, shape.ticks); } catch { this.stats.composeErrors++; }
    }
    this.decks = this.decks.filter((d) => d === lead || d.endTick > start);
    this.clearJoin();
    // Tempo: glide to the lead's tempo over the remaining ramp bars (or jump when there are none).
    this.tempoTarget = Number.isFinite(shape.bpm) && shape.bpm > 0 ? shape.bpm : this.tempoTarget;
    const prev = this.clock.last ? this.clock.tempoAtEnd : this.tempoTarget;
    let bpm0 = prev, bpm1 = prev;
    if (prev !== this.tempoTarget) {
      if (this.rampBarsLeft > 0) {
        bpm1 = prev + (this.tempoTarget - prev) / this.rampBarsLeft;
        this.rampBarsLeft--;
      } else bpm0 = bpm1 = this.tempoTarget;
    }
    const bar = this.clock.append(shape.ticks, shape.numerator, shape.denominator, bpm0, bpm1);
    this.barShape = shape;
    this.barStart = start;
    this.barEnd = start + shape.ticks;
    this.stats.bars++;
    out.push({ type: 'bar', time: bar.sec, tick: start, bar: bar.index + 1, numerator: shape.numerator, denominator: shape.denominator, bpm0: bar.bpm0, bpm1: bar.bpm1, state: lead.state, chord: shape.harmony.symbol });
  }

  private executeSwitch(out: OutEvent[]): void {
    const sw = this.switch_!;
    this.switch_ = undefined;
    const s = this.horizon;
    const old = this.lead;
    const beatTicks = (PPQ * 4) / (this.barShape?.denominator ?? this.graph.meter[1]);
    // A deck still fading from an earlier change is cut now: at most two beds sound at once.
    for (const d of this.decks) if (d !== old) { this.cutDeck(d, s); d.endTick = s; }
    const fadeTicks = Math.round(sw.rule.fadeOutBeats * beatTicks);
    const barTicks = this.barShape?.ticks ?? beatTicks * this.graph.meter[0];
    const tailTicks = sw.rule.tailBeats !== undefined ? Math.round(sw.rule.tailBeats * beatTicks) : sw.rule.sync === 'immediate' && fadeTicks === 0 ? 0 : barTicks;
    if (tailTicks > fadeTicks) {
      // The old state rings out: what sounds at the change (or was held to it) is sustained and released.
      const silentAt = old.fadeOut(s, tailTicks, 'release');
      old.tailing = true;
      this.tailDeck(old, s, silentAt);
      old.emitFadeRamp(s, silentAt);
    } else if (fadeTicks > 0) {
      const silentAt = old.fadeOut(s, fadeTicks, sw.rule.curve);
      this.cutDeck(old, silentAt, DRUM_CHANNEL, s);
      this.dropCC(old, s);
      old.emitFadeRamp(s, Math.min(this.barEnd, silentAt));
    } else {
      this.cutDeck(old, s);
      old.endTick = s;
    }
    const beat = (PPQ * 4) / (this.barShape?.denominator ?? this.graph.meter[1]);
    const deck = this.newDeck(sw.to, s, sw.rule.segment, s >= this.barEnd ? old.tonesIn(s - beat, s) : old.tonesIn(s, s + beat));
    const fadeIn = Math.round(sw.rule.fadeInBeats * beatTicks);
    if (fadeIn > 0) deck.gain = { t0: s, t1: s + fadeIn, g0: 0, g1: 1, curve: sw.rule.curve };
    this.decks = this.decks.filter((d) => d.endTick > s);
    this.decks.push(deck);
    this.rampBarsLeft = sw.rule.tempoRampBars;
    // Entering mid-bar: compose the new deck's current bar now and keep only what lies after the switch.
    if (s < this.barEnd && this.barShape) {
      try { deck.composeBar(this.barStart, s, this.barEnd - this.barStart); } catch { this.stats.composeErrors++; }
      this.clearJoin();
    }
    const sec = this.clock.tickToSec(s);
    const bb = this.clock.barBeat(s);
    const entry: LogEntry = {
      type: 'state', name: sw.to, from: old.state, sync: sw.rule.sync, requested: sw.requested, sounded: sec,
      bar: bb.bar + 1, beat: round6(bb.beat + 1), tick: s, cause: sw.cause,
      ...(sw.rule.segment ? { via: sw.rule.segment } : {}),
    };
    this.addLog(entry);
    out.push({ type: 'marker', time: sec, tick: s, kind: 'state', name: sw.to });
  }

  private runStingers(out: OutEvent[]): void {
    if (this.stingers.length === 0) return;
    const due = this.stingers.filter((s) => s.tick <= this.horizon);
    if (due.length === 0) return;
    this.stingers = this.stingers.filter((s) => s.tick > this.horizon);
    for (const s of due) {
      const st = this.graph.stingers[s.name];
      const h = this.barShape?.harmony ?? this.lead.harmony;
      const tick = this.horizon;
      if (this.ctx.programs.get(STINGER_CHANNEL) !== st.program) {
        this.ctx.programs.set(STINGER_CHANNEL, st.program);
        this.ctx.push({ tick, kind: Kind.Program, deck: STINGER_DECK, channel: STINGER_CHANNEL, a: st.program, b: 0, id: 0 });
      }
      for (const n of realiseStinger(st, h)) {
        const id = ++this.noteId;
        this.ctx.push({ tick: tick + n.tick, kind: Kind.NoteOn, deck: STINGER_DECK, channel: STINGER_CHANNEL, a: n.pitch, b: n.velocity, id });
        this.ctx.push({ tick: tick + n.tick + n.duration, kind: Kind.NoteOff, deck: STINGER_DECK, channel: STINGER_CHANNEL, a: n.pitch, b: 0, id });
      }
      const sec = this.clock.tickToSec(tick);
      const bb = this.clock.barBeat(tick);
      this.stingerLast.set(s.name, sec);
      this.addLog({ type: 'stinger', name: s.name, sync: st.sync, requested: s.requested, sounded: sec, bar: bb.bar + 1, beat: round6(bb.beat + 1), tick, cause: s.cause });
      out.push({ type: 'marker', time: sec, tick, kind: 'stinger', name: s.name });
    }
  }

  /** Dropped requests are kept for the log, bounded so a spamming client cannot grow memory without limit. */
  private drop(d: DroppedEntry): void {
    this.dropped.push(d);
    if (this.dropped.length > 10_000) this.dropped.splice(0, this.dropped.length - 5_000);
  }

  private addLog(e: LogEntry): void {
    this.log.push(e);
    if (this.log.length > 10_000) this.log.splice(0, this.log.length - 5_000);
    try { this.opts.onLog?.(e); } catch { /* a UI hook must not stop the music */ }
  }

  /**
   * Silence a deck from tick `c`: its queued note-ons at/after `c` are dropped and the note-offs of notes
   * already sounding are moved to `c`. With `onlyChannel`, only that channel is cut at `at` (drums at a fade).
   */
  private cutDeck(d: Deck, c: number, onlyChannel?: number, at?: number): void {
    const drop = new Set<number>();
    for (const p of this.queue) {
      if (p.deck !== d.id) continue;
      const cutAt = onlyChannel !== undefined && p.channel === onlyChannel ? at! : c;
      if (p.tick < cutAt && p.kind !== Kind.NoteOff) continue;
      if (p.kind === Kind.NoteOn) drop.add(p.id);
    }
    const keep: Pending[] = [];
    for (const p of this.queue) {
      if (p.deck !== d.id) { keep.push(p); continue; }
      const cutAt = onlyChannel !== undefined && p.channel === onlyChannel ? at! : c;
      if (p.kind === Kind.NoteOff) {
        if (drop.has(p.id)) continue;
        if (p.tick > cutAt) { p.tick = cutAt; this.queueDirty = true; }
        keep.push(p);
      } else if (p.tick < cutAt) keep.push(p);
    }
    this.queue = keep;
  }

  /**
   * Turn a deck's queued material into a tail from `s`: note-ons at/after `s` are dropped with their note-offs;
   * notes sounding at `s` (including those held to it) sustain to `until`; drums stop at `s`; controller
   * points from `s` on are dropped (the release ramp replaces them).
   */
  private tailDeck(d: Deck, s: number, until: number): void {
    const drop = new Set<number>();
    for (const p of this.queue) if (p.deck === d.id && p.kind === Kind.NoteOn && p.tick >= s) drop.add(p.id);
    const keep: Pending[] = [];
    for (const p of this.queue) {
      if (p.deck !== d.id) { keep.push(p); continue; }
      if (p.kind === Kind.NoteOff) {
        if (drop.has(p.id)) continue;
        if (p.channel === DRUM_CHANNEL) p.tick = Math.min(p.tick, s);
        else if (p.tick >= s && this.sounding.has(p.id)) p.tick = until;
        else p.tick = Math.min(p.tick, until);
        keep.push(p);
      } else if (p.tick < s) keep.push(p);
    }
    this.queue = keep;
    this.queueDirty = true;
  }

  /**
   * A composed join: while an old deck rings out or fades under the new one, none of its notes may sound
   * against a note of the new state at a semitone class (m2, m9, M7) or a tritone for more than 1/8 beat.
   * The old note gives way — it ends where the new note starts, or is not played when it would start under
   * it — the way an arranger thins the outgoing chord to the tones it shares with the incoming one. A held
   * note with at least a beat left resolves instead: it steps by the semitone onto the new note's pitch class
   * (B♭ → A, C♯ → D) and rings on there, unless that step would clash with another new note.
   */
  private clearJoin(): void {
    if (this.decks.length < 2) return;
    const lead = this.lead.id;
    const ons = new Map<number, Pending>();
    for (const p of this.queue) if (p.kind === Kind.NoteOn && p.deck >= 0 && p.channel !== DRUM_CHANNEL) ons.set(p.id, p);
    interface QN { on: number; queued: boolean; off: Pending; vel: number }
    const inc: QN[] = [];
    const outg: QN[] = [];
    for (const p of this.queue) {
      if (p.kind !== Kind.NoteOff || p.deck < 0 || p.channel === DRUM_CHANNEL) continue;
      const on = ons.get(p.id);
      if (!on && !this.sounding.has(p.id)) continue;
      (p.deck === lead ? inc : outg).push({ on: on ? on.tick : this.horizon, queued: on !== undefined, off: p, vel: on?.b ?? 64 });
    }
    if (inc.length === 0 || outg.length === 0) return;
    inc.sort((a, b) => a.on - b.on || a.off.seq - b.off.seq);
    const clashes = (pitch: number, a: number, b: number) => inc.some((n) => {
      if (Math.min(b, n.off.tick) - Math.max(a, n.on) <= JOIN_OVERLAP) return false;
      const d = Math.abs(pitch - n.off.a) % 12;
      return d === 1 || d === 11 || d === 6;
    });
    let drop: Set<number> | undefined;
    for (const o of outg) {
      for (const n of inc) {
        if (n.on >= o.off.tick) break;
        if (Math.min(o.off.tick, n.off.tick) - Math.max(o.on, n.on) <= JOIN_OVERLAP) continue;
        const d = Math.abs(o.off.a - n.off.a) % 12;
        if (d !== 1 && d !== 11 && d !== 6) continue;
        const end = o.off.tick;
        if (o.on < n.on) o.off.tick = Math.max(n.on, this.horizon);
        else if (o.queued) (drop ??= new Set()).add(o.off.id);
        else o.off.tick = this.horizon;
        this.queueDirty = true;
        this.stats.joinTrims++;
        // Resolve by step onto the new note's pitch class when a beat or more of the old note remains.
        const at = o.queued && o.on >= n.on ? -1 : o.off.tick;
        if (d !== 6 && at >= 0 && end - at >= PPQ) {
          const up = (((n.off.a - o.off.a) % 12) + 12) % 12 === 1;
          const to = o.off.a + (up ? 1 : -1);
          if (to >= 0 && to <= 127 && !clashes(to, at, end)) {
            const id = ++this.noteId;
            const ch = o.off.channel;
            this.ctx.push({ tick: at, kind: Kind.NoteOn, deck: o.off.deck, channel: ch, a: to, b: Math.max(1, Math.round(o.vel * 0.8)), id });
            this.ctx.push({ tick: end, kind: Kind.NoteOff, deck: o.off.deck, channel: ch, a: to, b: 0, id });
            this.stats.joinResolutions++;
          }
        }
        break;
      }
    }
    if (drop) this.queue = this.queue.filter((p) => !drop.has(p.id));
  }

  /** Remove a deck's queued CC11 points from `c` on (a fade's ramp replaces them). */
  private dropCC(d: Deck, c: number): void {
    this.queue = this.queue.filter((p) => !(p.deck === d.id && p.kind === Kind.CC && p.a === 11 && p.tick >= c));
  }

  /** The queue sorted LATEST first, so emission pops from the end without copying. */
  private sortedQueue(): Pending[] {
    if (this.queueDirty) {
      this.queue.sort((a, b) => b.tick - a.tick || b.kind - a.kind || b.seq - a.seq);
      this.queueDirty = false;
    }
    return this.queue;
  }

  /** Emit queued events with tick < stop, through the voice guard (one sounding note per channel and key). */
  private emitUntil(stop: number, out: OutEvent[]): void {
    const q = this.sortedQueue();
    while (q.length > 0 && q[q.length - 1].tick < stop) {
      const p = q.pop()!;
      const time = this.clock.tickToSec(p.tick);
      switch (p.kind) {
        case Kind.NoteOn: {
          const key = p.channel * 128 + p.a;
          const holder = this.keyOwner.get(key);
          if (holder !== undefined) {
            // Same key re-struck while sounding: end the old note first, drop its later note-off.
            this.sounding.delete(holder);
            out.push({ type: 'noteOff', time, tick: p.tick, channel: p.channel, pitch: p.a });
          }
          this.keyOwner.set(key, p.id);
          this.sounding.add(p.id);
          this.stats.notes++;
          out.push({ type: 'noteOn', time, tick: p.tick, channel: p.channel, pitch: p.a, velocity: p.b });
          break;
        }
        case Kind.NoteOff:
          if (!this.sounding.delete(p.id)) break;
          this.keyOwner.delete(p.channel * 128 + p.a);
          out.push({ type: 'noteOff', time, tick: p.tick, channel: p.channel, pitch: p.a });
          break;
        case Kind.CC:
          out.push({ type: 'cc', time, tick: p.tick, channel: p.channel, controller: p.a, value: p.b });
          break;
        case Kind.Program:
          out.push({ type: 'program', time, tick: p.tick, channel: p.channel, program: p.a });
          break;
      }
    }
  }
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
