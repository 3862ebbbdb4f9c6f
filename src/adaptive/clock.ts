/**
 * purpose: the engine's musical clock, built bar by bar as the music is generated. Each bar has its own meter
 * and a tempo that holds or ramps linearly (per beat) from bpm0 to bpm1 — the same law as score/TempoMap, so
 * the session Score's tempo map reproduces these seconds exactly.
 */
import { PPQ, type Ticks, type Seconds, type BPM } from '../score/schema.js';

export interface ClockBar {
  index: number;
  tick: Ticks;
  sec: Seconds;
  ticks: Ticks;
  numerator: number;
  denominator: number;
  bpm0: BPM;
  bpm1: BPM;
}

/** Seconds taken by the first `b` beats (quarter notes) of a span ramping bpm0→bpm1 over B beats. */
function spanSeconds(bpm0: number, bpm1: number, B: number, b: number): number {
  if (bpm0 === bpm1) return (60 * b) / bpm0;
  const k = (bpm1 - bpm0) / B;
  return (60 / k) * Math.log((bpm0 + k * b) / bpm0);
}

function spanBeats(bpm0: number, bpm1: number, B: number, s: number): number {
  if (bpm0 === bpm1) return (s * bpm0) / 60;
  const k = (bpm1 - bpm0) / B;
  return (bpm0 / k) * (Math.exp((s * k) / 60) - 1);
}

export class MusicClock {
  /** Recent bars only (older ones are never queried again); capped so a server session stays small. */
  private bars: ClockBar[] = [];
  private static readonly KEEP = 64;
  /** BPM that the next bar starts at when nothing has been appended yet. */
  constructor(private initialBpm: BPM, private readonly origin: Seconds = 0) {}

  get last(): ClockBar | undefined {
    return this.bars[this.bars.length - 1];
  }

  get endTick(): Ticks {
    const b = this.last;
    return b ? b.tick + b.ticks : 0;
  }

  get endSec(): Seconds {
    const b = this.last;
    return b ? b.sec + spanSeconds(b.bpm0, b.bpm1, b.ticks / PPQ, b.ticks / PPQ) : this.origin;
  }

  get tempoAtEnd(): BPM {
    return this.last?.bpm1 ?? this.initialBpm;
  }

  append(ticks: Ticks, numerator: number, denominator: number, bpm0: BPM, bpm1: BPM): ClockBar {
    const bar: ClockBar = { index: (this.last?.index ?? -1) + 1, tick: this.endTick, sec: this.endSec, ticks, numerator, denominator, bpm0, bpm1 };
    this.bars.push(bar);
    if (this.bars.length > MusicClock.KEEP * 2) this.bars = this.bars.slice(-MusicClock.KEEP);
    return bar;
  }

  private barAtTick(t: Ticks): ClockBar | undefined {
    for (let i = this.bars.length - 1; i >= 0; i--) if (this.bars[i].tick <= t) return this.bars[i];
    return this.bars[0];
  }

  /** Seconds at a tick; past the last bar the final tempo holds. */
  tickToSec(t: Ticks): Seconds {
    const b = this.barAtTick(t);
    if (!b) return this.origin + (t / PPQ) * (60 / this.initialBpm);
    const rel = t - b.tick;
    if (rel > b.ticks) return this.endSec + ((rel - b.ticks) / PPQ) * (60 / b.bpm1);
    return b.sec + spanSeconds(b.bpm0, b.bpm1, b.ticks / PPQ, rel / PPQ);
  }

  /** Fractional tick at a time; past the last bar the final tempo holds. */
  secToTick(s: Seconds): number {
    const last = this.last;
    if (!last) return ((s - this.origin) * this.initialBpm * PPQ) / 60;
    const end = this.endSec;
    if (s >= end) return this.endTick + ((s - end) * last.bpm1 * PPQ) / 60;
    let b = last;
    for (let i = this.bars.length - 1; i >= 0; i--) { b = this.bars[i]; if (b.sec <= s) break; }
    return b.tick + spanBeats(b.bpm0, b.bpm1, b.ticks / PPQ, Math.max(0, s - b.sec)) * PPQ;
  }

  /** Bar index and 0-based beat (in the bar's beat unit) at a tick. */
  barBeat(t: Ticks): { bar: number; beat: number } {
    const b = this.barAtTick(t);
    if (!b) return { bar: 0, beat: 0 };
    const beatTicks = (PPQ * 4) / b.denominator;
    let rel = t - b.tick;
    let bar = b.index;
    if (rel >= b.ticks) { bar += Math.floor(rel / b.ticks); rel %= b.ticks; }
    return { bar, beat: rel / beatTicks };
  }

  /** Every bar appended so far that is still kept (for building the session tempo map incrementally). */
  recent(): readonly ClockBar[] {
    return this.bars;
  }
}
