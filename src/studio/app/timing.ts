/**
 * purpose: seconds ↔ ticks through a Score's tempo map and bar starts through its metres, in the page (for the
 * playhead and "play from bar"); linear ramps are integrated in small steps, as the MIDI file writes them.
 */
import type { Score } from '../../score/schema.js';

const PPQ = 480;
const STEP = 60;

/** Seconds at `tick`. */
export function secondsAt(score: Pick<Score, 'tempo'>, tick: number): number {
  const ev = score.tempo;
  let s = 0;
  for (let i = 0; i < ev.length; i++) {
    const a = ev[i];
    const b = ev[i + 1];
    const end = Math.min(tick, b ? b.tick : tick);
    if (end <= a.tick) break;
    if (a.ramp === 'linear' && b) {
      for (let t = a.tick; t < end; t += STEP) {
        const bpm = a.bpm + ((b.bpm - a.bpm) * (t - a.tick)) / (b.tick - a.tick);
        s += (Math.min(STEP, end - t) / PPQ) * (60 / bpm);
      }
    } else s += ((end - a.tick) / PPQ) * (60 / a.bpm);
  }
  return s;
}

/** Tick at `seconds` (inverse of secondsAt by bisection; monotone). */
export function tickAt(score: Pick<Score, 'tempo'>, seconds: number, endTick: number): number {
  let lo = 0;
  let hi = endTick;
  for (let k = 0; k < 40 && hi - lo > 1; k++) {
    const mid = (lo + hi) / 2;
    if (secondsAt(score, mid) < seconds) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Start tick of every bar (0-based index), up to the end. */
export function barTicks(score: Pick<Score, 'meters' | 'endTick'>): number[] {
  const ms = [...score.meters].sort((a, b) => a.tick - b.tick);
  const out: number[] = [];
  let t = 0;
  let i = 0;
  while (t < score.endTick && out.length < 5000) {
    while (ms[i + 1] && ms[i + 1].tick <= t) i++;
    out.push(t);
    t += (ms[i].numerator * PPQ * 4) / ms[i].denominator;
  }
  return out;
}

export const beatTicks = (m: { denominator: number }) => (PPQ * 4) / m.denominator;
