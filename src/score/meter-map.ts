/**
 * purpose: bars and beats ⇄ ticks through meter changes. Bars and beats are 0-based here; add 1 for display.
 * A meter change is expected on a barline of the previous meter (the validator checks it).
 */
import { PPQ, type Ticks } from './units.js';

export const ticksPerBeat = (m: { denominator: number }): Ticks => (PPQ * 4) / m.denominator;
export const ticksPerBar = (m: { numerator: number; denominator: number }): Ticks => m.numerator * ticksPerBeat(m);

interface MeterSeg {
  tick: Ticks;
  bar: number;
  numerator: number;
  denominator: number;
}

export interface BarBeat {
  bar: number;
  beat: number; // fractional beat within the bar, in units of the meter's denominator
  barTick: Ticks; // tick where this bar starts
  meter: { numerator: number; denominator: number };
}

export class MeterMap {
  private readonly segs: MeterSeg[];

  constructor(meters: ReadonlyArray<{ tick: number; numerator: number; denominator: number }>) {
    const sorted = [...meters].sort((a, b) => a.tick - b.tick);
    if (sorted.length === 0 || sorted[0].tick !== 0) sorted.unshift({ tick: 0, numerator: 4, denominator: 4 });
    this.segs = [];
    let bar = 0;
    for (let i = 0; i < sorted.length; i++) {
      const m = sorted[i];
      if (this.segs.length && this.segs[this.segs.length - 1].tick === m.tick) this.segs.pop();
      const prev = this.segs[this.segs.length - 1];
      if (prev) bar = prev.bar + Math.ceil((m.tick - prev.tick) / ticksPerBar(prev));
      this.segs.push({ tick: m.tick, bar, numerator: m.numerator, denominator: m.denominator });
    }
  }

  private segAtTick(t: number): MeterSeg {
    let g = this.segs[0];
    for (const s of this.segs) if (s.tick <= t) g = s; else break;
    return g;
  }

  private segAtBar(bar: number): MeterSeg {
    let g = this.segs[0];
    for (const s of this.segs) if (s.bar <= bar) g = s; else break;
    return g;
  }

  barBeatAt(t: Ticks): BarBeat {
    const g = this.segAtTick(t);
    const tpb = ticksPerBar(g);
    const barsIn = Math.floor((t - g.tick) / tpb);
    const barTick = g.tick + barsIn * tpb;
    return { bar: g.bar + barsIn, beat: (t - barTick) / ticksPerBeat(g), barTick, meter: { numerator: g.numerator, denominator: g.denominator } };
  }

  /** Tick at the start of a (0-based) bar. */
  tickAtBar(bar: number): Ticks {
    const g = this.segAtBar(bar);
    return g.tick + (bar - g.bar) * ticksPerBar(g);
  }

  meterAt(t: Ticks): { numerator: number; denominator: number } {
    const g = this.segAtTick(t);
    return { numerator: g.numerator, denominator: g.denominator };
  }

  /** First barline at or after t. */
  nextBarline(t: Ticks): Ticks {
    const bb = this.barBeatAt(t);
    return bb.barTick === t ? t : this.tickAtBar(bb.bar + 1);
  }

  /** First beat at or after t. */
  nextBeat(t: Ticks): Ticks {
    const bb = this.barBeatAt(t);
    const tpb = ticksPerBeat(bb.meter);
    const k = Math.ceil((t - bb.barTick) / tpb);
    return Math.min(bb.barTick + k * tpb, this.tickAtBar(bb.bar + 1));
  }
}
