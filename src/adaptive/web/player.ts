/**
 * purpose: the Web Audio adapter. Drives an AdaptiveEngine from the AudioContext clock with lookahead
 * scheduling (Chris Wilson, "A Tale of Two Clocks"): a timer wakes every `intervalMs`, asks the engine for the
 * arc up to `now + lookahead`, and hands each event to a synthesizer with its exact AudioContext time — e.g.
 * spessasynth_lib's WorkletSynthesizer, which renders a SoundFont inside an AudioWorklet.
 * It also keeps what is audible *now* (state, bar, beat) for a UI, since the engine runs ahead of the speakers.
 */
import type { AdaptiveEngine } from '../engine.js';
import type { LogEntry, OutEvent } from '../events.js';

/** The part of a MIDI synthesizer the player needs (spessasynth_lib's BasicSynthesizer fits). */
export interface ScheduledMidiSink {
  noteOn(channel: number, key: number, velocity: number, opts: { time: number }): void;
  noteOff(channel: number, key: number, opts: { time: number }): void;
  controllerChange(channel: number, controller: never, value: number, opts: { time: number }): void;
  programChange(channel: number, program: number, opts: { time: number }): void;
}

export interface AudibleStatus {
  state: string;
  bar: number;
  beat: number;
  tempo: number;
  chord: string;
  /** Seconds of engine time now audible. */
  time: number;
}

export interface PlayerOptions {
  /** How far ahead events are scheduled (seconds). Adds to the latency of a change. */
  lookahead?: number;
  intervalMs?: number;
  /** Called on the UI thread when a state change or stinger becomes audible. */
  onAudible?: (e: LogEntry) => void;
}

export class WebAudioPlayer {
  static getDefaults(): Required<Omit<PlayerOptions, 'onAudible'>> {
    return { lookahead: 0.15, intervalMs: 25 };
  }

  private timer: ReturnType<typeof setInterval> | undefined;
  private t0 = 0;
  private readonly opts: Required<Omit<PlayerOptions, 'onAudible'>> & Pick<PlayerOptions, 'onAudible'>;
  /** Bar/marker events scheduled but not yet audible, in time order. */
  private upcoming: OutEvent[] = [];
  private audible: AudibleStatus;
  private lastBar: Extract<OutEvent, { type: 'bar' }> | undefined;
  private pendingLog: LogEntry[] = [];
  private logSeen = 0;
  errors = 0;

  constructor(
    readonly engine: AdaptiveEngine,
    private readonly synth: ScheduledMidiSink,
    private readonly context: BaseAudioContext,
    opts: PlayerOptions = {},
  ) {
    this.opts = { ...WebAudioPlayer.getDefaults(), ...opts };
    this.audible = { state: engine.graph.initial, bar: 1, beat: 1, tempo: engine.graph.tempo, chord: '', time: 0 };
  }

  /** Engine time (seconds) of the AudioContext's current time. */
  now(): number {
    return Math.max(0, this.context.currentTime - this.t0);
  }

  start(): this {
    if (this.timer) return this;
    this.t0 = this.context.currentTime + 0.05;
    this.tick();
    this.timer = setInterval(() => this.tick(), this.opts.intervalMs);
    return this;
  }

  /** Stop scheduling and release every sounding note (nothing hangs). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.schedule(this.engine.stop(this.now() + this.opts.lookahead));
  }

  dispose(): void {
    this.stop();
  }

  /** What the listener hears now. */
  status(): AudibleStatus {
    this.catchUp();
    return { ...this.audible };
  }

  private tick(): void {
    try {
      this.schedule(this.engine.advance(this.now() + this.opts.lookahead));
      const log = this.engine.log;
      // The engine keeps a bounded log; read only what is new.
      if (this.logSeen > log.length) this.logSeen = 0;
      for (; this.logSeen < log.length; this.logSeen++) this.pendingLog.push(log[this.logSeen]);
      this.catchUp();
    } catch {
      // Never stop the clock: count and carry on.
      this.errors++;
    }
  }

  private schedule(events: OutEvent[]): void {
    const s = this.synth;
    for (const e of events) {
      const time = this.t0 + e.time;
      switch (e.type) {
        case 'noteOn': s.noteOn(e.channel, e.pitch, e.velocity, { time }); break;
        case 'noteOff': s.noteOff(e.channel, e.pitch, { time }); break;
        case 'cc': s.controllerChange(e.channel, e.controller as never, e.value, { time }); break;
        case 'program': s.programChange(e.channel, e.program, { time }); break;
        case 'bar': case 'marker': this.upcoming.push(e); break;
      }
    }
  }

  private catchUp(): void {
    const now = this.now();
    let i = 0;
    for (; i < this.upcoming.length && this.upcoming[i].time <= now; i++) {
      const e = this.upcoming[i];
      if (e.type === 'bar') { this.lastBar = e; this.audible.state = e.state; this.audible.chord = e.chord; }
      else if (e.type === 'marker' && e.kind === 'state') this.audible.state = e.name;
    }
    if (i) this.upcoming.splice(0, i);
    const b = this.lastBar;
    if (b) {
      const beatSec = (60 / b.bpm0) * (4 / b.denominator);
      this.audible.bar = b.bar;
      this.audible.beat = Math.min(b.numerator, Math.floor((now - b.time) / beatSec) + 1);
      this.audible.tempo = b.bpm0;
    }
    this.audible.time = now;
    while (this.pendingLog.length && this.pendingLog[0].sounded <= now) {
      const e = this.pendingLog.shift()!;
      try { this.opts.onAudible?.(e); } catch { this.errors++; }
    }
  }
}
