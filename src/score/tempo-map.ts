/**
 * purpose: exact tick ⇄ seconds conversion through step tempo changes and linear ramps.
 *
 * A linear ramp moves tempo linearly in beats from T0 to T1 over B beats: T(b) = T0 + (T1−T0)·b/B.
 * Time is ∫60/T(b) db = 60·B/(T1−T0) · ln(T(b)/T0), and the inverse is closed-form too, so the
 * conversion is exact (to floating point) rather than a sum of small steps.
 */
import { PPQ, type Ticks, type Seconds, type BPM } from './units.js';
import type { TempoEvent } from './schema.js';

interface Segment {
  tick: Ticks;
  seconds: Seconds;
  bpm0: BPM;
  bpm1: BPM; // equals bpm0 for a step segment
  beats: number; // length in beats (Infinity for the last)
}

export class TempoMap {
  private readonly segs: Segment[];

  constructor(events: ReadonlyArray<Pick<TempoEvent, 'tick' | 'bpm'> & { ramp?: TempoEvent['ramp'] }>) {
    if (events.length === 0) throw new RangeError('TempoMap needs at least one tempo event');
    const sorted = [...events].sort((a, b) => a.tick - b.tick);
    if (sorted[0].tick !== 0) sorted.unshift({ tick: 0, bpm: sorted[0].bpm, ramp: 'step' });
    // Later events at the same tick win.
    const dedup: typeof sorted = [];
    for (const e of sorted) {
      if (dedup.length && dedup[dedup.length - 1].tick === e.tick) dedup[dedup.length - 1] = e;
      else dedup.push(e);
    }
    this.segs = [];
    let seconds = 0;
    for (let i = 0; i < dedup.length; i++) {
      const e = dedup[i];
      const nxt = dedup[i + 1];
      if (!(e.bpm > 0) || !Number.isFinite(e.bpm)) throw new RangeError(`tempo must be a positive number, got ${e.bpm}`);
      const beats = nxt ? (nxt.tick - e.tick) / PPQ : Infinity;
      const bpm1 = nxt && e.ramp === 'linear' ? nxt.bpm : e.bpm;
      this.segs.push({ tick: e.tick, seconds, bpm0: e.bpm, bpm1, beats });
      if (nxt) seconds += segSeconds(e.bpm, bpm1, beats, beats);
    }
  }

  private segAtTick(t: number): Segment {
    const s = this.segs;
    let lo = 0, hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid].tick <= t) lo = mid;
      else hi = mid - 1;
    }
    return s[lo];
  }

  private segAtSeconds(sec: number): Segment {
    const s = this.segs;
    let lo = 0, hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid].seconds <= sec) lo = mid;
      else hi = mid - 1;
    }
    return s[lo];
  }

  /** Seconds at a (possibly fractional) tick. */
  ticksToSeconds(t: number): Seconds {
    if (t <= 0) return (t / PPQ) * (60 / this.segs[0].bpm0);
    const g = this.segAtTick(t);
    return g.seconds + segSeconds(g.bpm0, g.bpm1, g.beats, (t - g.tick) / PPQ);
  }

  /** Exact (fractional) tick at a time; round it yourself where an integer is needed. */
  secondsToTicks(sec: Seconds): number {
    if (sec <= 0) return (sec * this.segs[0].bpm0 * PPQ) / 60;
    const g = this.segAtSeconds(sec);
    return g.tick + segBeats(g.bpm0, g.bpm1, g.beats, sec - g.seconds) * PPQ;
  }

  /** Instantaneous tempo at a tick. */
  bpmAt(t: number): BPM {
    const g = this.segAtTick(Math.max(0, t));
    if (g.bpm0 === g.bpm1) return g.bpm0;
    const b = (t - g.tick) / PPQ;
    return g.bpm0 + ((g.bpm1 - g.bpm0) * Math.min(b, g.beats)) / g.beats;
  }
}

/** Seconds taken by the first `b` beats of a segment ramping bpm0→bpm1 over `B` beats. */
function segSeconds(bpm0: number, bpm1: number, B: number, b: number): number {
  if (bpm0 === bpm1 || !Number.isFinite(B)) return (60 * b) / bpm0;
  const k = (bpm1 - bpm0) / B; // bpm per beat
  // log1p/expm1 keep precision when the ramp is nearly flat (k → 0); log(1 + x) would round x away.
  return (60 / k) * Math.log1p((k * b) / bpm0);
}

/** Beats covered after `s` seconds into a segment (inverse of segSeconds). */
function segBeats(bpm0: number, bpm1: number, B: number, s: number): number {
  if (bpm0 === bpm1 || !Number.isFinite(B)) return (s * bpm0) / 60;
  const k = (bpm1 - bpm0) / B;
  return (bpm0 / k) * Math.expm1((s * k) / 60);
}

/** Convenience one-shots (build a TempoMap once when converting many times). */
export const ticksToSeconds = (tempo: ReadonlyArray<TempoEvent>, t: number): Seconds => new TempoMap(tempo).ticksToSeconds(t);
export const secondsToTicks = (tempo: ReadonlyArray<TempoEvent>, s: Seconds): number => new TempoMap(tempo).secondsToTicks(s);
