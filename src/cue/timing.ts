/**
 * purpose: cue timing — the one place a cue's tempo map is decided: hits solved onto the beat grid (hit-sync.ts)
 * with the spec's hit-sync rule, a plain duration fitted to whole bars, or a curve's arousal followed every
 * four bars. Whoever produces a cue (planner, compose command, adaptive engine, studio) resolves it here once;
 * the composer only reads the result, so an edited hit in a cue sheet always re-solves.
 */
import { PPQ, type TempoEvent } from '../score/schema.js';
import { TempoMap } from '../score/tempo-map.js';
import { DEFAULT_HIT_SYNC, type CueSpec } from './spec.js';
import { emotionAt } from './emotion.js';
import { tempoFor } from './emotion-map.js';
import { solveHitTempo } from './hit-sync.js';

/** A hit of the spec as it lands in the resolved cue. */
export interface ResolvedHit {
  label: string;
  salience: number;
  /** Target time, seconds from the cue start. */
  seconds: number;
  /** Tick it sounds on: exact when caught, else the nearest beat (it still gets its accent there). */
  tick: number;
  caught: boolean;
  /** 0-based bar and beat of a caught hit (beat in the meter's beat unit). */
  bar?: number;
  beat?: number;
  /** Landing error through the tempo map, seconds (caught hits). */
  error?: number;
  /** Why a hit was not caught. */
  reason?: string;
}

export interface CueTiming {
  tempo: TempoEvent[];
  barTicks: number;
  bars: number;
  endTick: number;
  /** Every hit of the spec, in spec order (some may fall at or after endTick when the spec's bars cut them off). */
  hits: ResolvedHit[];
}

/** The tempo range of a cue (the cue spec's own bounds): resolving never leaves it. */
export const CUE_TEMPO_RANGE: readonly [number, number] = [30, 300];
const inRange = (bpm: number) => bpm >= CUE_TEMPO_RANGE[0] && bpm <= CUE_TEMPO_RANGE[1];

/** Bars per tempo step when the tempo follows an emotion curve: the four-bar hypermeasure. */
export const CURVE_TEMPO_BARS = 4;

/**
 * Resolve a cue's tempo map, length and hit landings.
 *
 * @example
 * const t = resolveTiming(parseCueSpec({ duration: 10, tempo: 120, meter: '4/4', emotion: { valence: 0, arousal: 0 }, hits: [{ time: 4 }] }), [4, 4], 120);
 * t.hits[0].tick // 3840 (bar 3, beat 1 at 120 bpm)
 */
export function resolveTiming(spec: CueSpec, meter: [number, number], baseBpm: number): CueTiming {
  const barTicks = Math.round(((meter[0] * 4) / meter[1]) * PPQ);
  const barQ = barTicks / PPQ;
  const explicitTempo = spec.tempo !== undefined;
  let tempo: TempoEvent[];
  let hits: ResolvedHit[] = [];
  if (spec.hits.length) {
    const rule = spec.hitSync ?? DEFAULT_HIT_SYNC;
    const sol = solveHitTempo({ baseBpm, meter, hits: spec.hits.map((h) => ({ time: h.time, label: h.label, salience: h.salience })), maxDeviation: rule.maxDeviation, weakBeats: rule.weakBeats });
    tempo = sol.tempo.length ? sol.tempo : [{ tick: 0, bpm: baseBpm, ramp: 'step' }];
    const map = new TempoMap(tempo);
    hits = sol.hits.map((h, i) => {
      const salience = spec.hits[i]?.salience ?? 0.7;
      if (h.caught && h.tick >= 0) return { label: h.label, salience, seconds: h.time, tick: h.tick, caught: true, bar: h.bar, beat: h.beat, error: h.error };
      // A hit the solver could not catch still gets its accent, on the nearest beat.
      const tick = Number.isFinite(h.time) ? Math.max(0, Math.round(map.secondsToTicks(h.time) / PPQ) * PPQ) : 0;
      return { label: h.label, salience, seconds: h.time, tick, caught: false, ...(h.reason ? { reason: h.reason } : {}) };
    });
  } else if (spec.duration !== undefined && !explicitTempo && spec.bars === undefined) {
    // Fit a whole number of bars exactly into the duration by nudging the tempo (≤ half a bar's worth).
    const bars = Math.max(1, Math.round((spec.duration * baseBpm) / 60 / barQ));
    const bpm = Math.round(((bars * barQ * 60) / spec.duration) * 1000) / 1000;
    // A cue shorter than a bar at any sane tempo keeps the base tempo and simply ends inside its first bar.
    tempo = [{ tick: 0, bpm: inRange(bpm) ? bpm : baseBpm, ramp: 'step' }];
  } else tempo = [{ tick: 0, bpm: baseBpm, ramp: 'step' }];
  const map = new TempoMap(tempo);
  let endTick: number;
  if (spec.bars !== undefined) endTick = spec.bars * barTicks;
  else endTick = Math.max(1, Math.round(map.secondsToTicks(spec.duration ?? 60)));
  // A length within a few ticks of a barline is that barline (rounding of the fitted tempo).
  const nearBar = Math.round(endTick / barTicks) * barTicks;
  if (Math.abs(nearBar - endTick) <= 2 && nearBar > 0) endTick = nearBar;
  const bars = Math.max(1, Math.ceil(endTick / barTicks));
  tempo = tempo.filter((t) => t.tick < endTick || t.tick === 0);
  if (spec.emotion.curve && tempo.length === 1 && !explicitTempo && spec.hits.length === 0) tempo = curveTempo(spec, tempo[0].bpm, bars, barTicks, endTick);
  for (const t of tempo) t.bpm = Math.min(CUE_TEMPO_RANGE[1], Math.max(CUE_TEMPO_RANGE[0], t.bpm));
  return { tempo, barTicks, bars, endTick, hits };
}

/**
 * A tempo that follows the emotion curve's arousal every CURVE_TEMPO_BARS bars — only where it moves more than
 * ~6 % (MUSIC.md: keep tempo continuous unless on purpose) — rescaled so the cue keeps its duration.
 */
function curveTempo(spec: CueSpec, base: number, bars: number, barTicks: number, endTick: number): TempoEvent[] {
  const groups: Array<{ start: number; bars: number }> = [];
  for (let b = 0; b < bars; b += CURVE_TEMPO_BARS) groups.push({ start: b, bars: Math.min(CURVE_TEMPO_BARS, bars - b) });
  const targets = groups.map((g) => tempoFor(emotionAt(spec.emotion, (g.start + g.bars / 2) / bars), spec.style));
  const mean = targets.reduce((a, t, i) => a + t * groups[i].bars, 0) / bars;
  const ev: TempoEvent[] = [];
  let last = -1;
  groups.forEach((g, i) => {
    const raw = (base * targets[i]) / mean;
    const bpm = last < 0 || Math.abs(raw / last - 1) > 0.06 ? raw : last;
    if (bpm !== last) ev.push({ tick: g.start * barTicks, bpm, ramp: 'step' });
    last = bpm;
  });
  // Rescaled to the duration only when the duration set the length (with `bars` given, the bars are the length).
  if (spec.duration === undefined || spec.bars !== undefined) return ev.map((e) => ({ ...e, bpm: Math.round(e.bpm * 1000) / 1000 }));
  const k = new TempoMap(ev).ticksToSeconds(endTick) / spec.duration;
  return ev.map((e) => ({ ...e, bpm: Math.round(e.bpm * k * 1000) / 1000 }));
}
