/**
 * purpose: turn a Score tempo map (steps and linear ramps) into SMF set-tempo events (integer µs per quarter)
 * whose seconds stay within ~0.4 ms of the exact map everywhere, for pieces of any length.
 *
 * SMF has only step changes, so a ramp becomes a staircase of steps (1/16 note, halved where the ramp is so
 * steep that a step would bend more than the tolerance). Each step's tempo is the one that makes the written
 * time reach the exact map's time at the step's end (the mean of 60/T over the step plus the rounding error
 * carried from earlier steps). A long steady tempo whose µs/quarter is not an integer (132 BPM = 454545.45 µs)
 * would drift ~0.45 µs per beat; it gets an extra ±1 µs correction event whenever the drift would pass the
 * tolerance, instead of drifting by 1 ms every ~2200 beats.
 */
import { PPQ } from '../../score/units.js';
import { TempoMap } from '../../score/tempo-map.js';
import type { TempoEvent } from '../../score/schema.js';

export interface SmfTempo {
  tick: number;
  usPerQuarter: number;
}

/** 1/16 note: the usual ramp step; steeper ramps get finer steps. */
export const RAMP_STEP_TICKS = PPQ / 4;
/** Largest allowed difference, in seconds, between the written staircase and the exact tempo map. */
export const TEMPO_TOLERANCE_SECONDS = 0.0004;

const MIN_US = 1;
const MAX_US = 0xffffff;

/** `endTick`: end of the piece, so the last tempo's rounding drift is corrected up to there. */
export function tempoToSmf(tempo: readonly TempoEvent[], endTick = 0, stepTicks = RAMP_STEP_TICKS): SmfTempo[] {
  const map = new TempoMap(tempo);
  const sorted = [...tempo].sort((a, b) => a.tick - b.tick);
  // Later events at the same tick win (as in TempoMap).
  const events = sorted.filter((e, i) => sorted[i + 1]?.tick !== e.tick);
  const out: SmfTempo[] = [];
  let written = 0; // seconds the SMF reaches at `cursor`
  let cursor = 0;
  const advance = (tick: number) => {
    if (out.length) written += ((tick - cursor) / PPQ) * (out[out.length - 1].usPerQuarter / 1e6);
    cursor = tick;
  };
  const push = (tick: number, us: number) => {
    us = Math.min(MAX_US, Math.max(MIN_US, us));
    const last = out[out.length - 1];
    if (last && last.tick === tick) last.usPerQuarter = us;
    else if (!last || last.usPerQuarter !== us) out.push({ tick, usPerQuarter: us });
  };
  /** Write one chunk [t, t1) so the written time at t1 matches the exact map. */
  const chunk = (t: number, t1: number) => {
    advance(t);
    const beats = (t1 - t) / PPQ;
    push(t, Math.round(((map.ticksToSeconds(t1) - written) / beats) * 1e6));
    advance(t1);
  };

  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    const next = events[i + 1];
    if (!next) {
      // The last tempo holds to the end of the piece (and beyond, where one exact event is all we can do).
      if (endTick > e.tick) steady(e.tick, endTick, e.bpm);
      else {
        advance(e.tick);
        push(e.tick, Math.round(60e6 / e.bpm));
      }
      continue;
    }
    if (e.ramp === 'linear' && next.bpm !== e.bpm) {
      let t = e.tick;
      let step = stepTicks;
      while (t < next.tick) {
        const t1 = Math.min(next.tick, t + step);
        // Bend inside the step: a constant tempo is linear in ticks; compare its midpoint to the exact curve.
        const s0 = map.ticksToSeconds(t), s1 = map.ticksToSeconds(t1);
        const mid = (t + t1) / 2;
        const bend = Math.abs(map.ticksToSeconds(mid) - (s0 + s1) / 2);
        if (bend > TEMPO_TOLERANCE_SECONDS / 2 && t1 - t > 1) {
          step = Math.max(1, Math.floor((t1 - t) / 2));
          continue;
        }
        chunk(t, t1);
        t = t1;
        step = stepTicks;
      }
    } else {
      steady(e.tick, next.tick, e.bpm);
    }
  }
  if (out.length === 0 || out[0].tick !== 0) out.unshift({ tick: 0, usPerQuarter: Math.round(60e6 / (events[0]?.bpm ?? 120)) });
  return out;

  /** A constant tempo from a to b, in chunks short enough that µs rounding never drifts past the tolerance. */
  function steady(a: number, b: number, bpm: number) {
    const ideal = 60e6 / bpm;
    const err = Math.abs(Math.round(ideal) - ideal); // µs of drift per beat
    const maxBeats = err > 0 ? (TEMPO_TOLERANCE_SECONDS * 1e6) / 2 / err : Infinity;
    const chunkTicks = Math.max(PPQ, Math.floor(maxBeats) * PPQ);
    for (let t = a; t < b; t += chunkTicks) chunk(t, Math.min(b, t + chunkTicks));
  }
}
