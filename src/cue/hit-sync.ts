/**
 * purpose: solve a cue's tempo map so its hit points land on downbeats (or, failing that, strong beats).
 *
 * Film practice (MUSIC.md, "Landing a hit"): between an anchor at t0 and a hit at T, n beats give the average
 * tempo 60·n/(T−t0); pick the whole n on a bar line whose tempo is closest to the base tempo. With several
 * hits the map is piecewise: constant up to the first hit, then a linear ramp (or a short ramp then a hold,
 * or — only when nothing smoother fits — a step) between consecutive hits, so the pulse glides rather than
 * jumps. Any tempo curve that stays inside [lo, hi] has its average inside [lo, hi] and vice versa a constant
 * at that average works, so a hit is reachable from an anchor exactly when some grid point lies in
 * [D·lo/60, D·hi/60] quarter notes — feasibility is decided on that window, the shape is chosen afterwards.
 *
 * Units: `baseBpm` and every TempoEvent bpm are quarter notes per minute (MIDI convention, as TempoMap);
 * hit times and `startTime` are seconds on one clock; tick 0 of the returned map sits at `startTime`.
 * Bars and beats in the result are 0-based (MeterMap convention; add 1 for display); `beat` is counted in
 * the meter's beat unit (eighths in 6/8).
 *
 * With `weakBeats`, any beat of the bar is a last resort (an accented off-beat hit beats a missed one).
 *
 * Every reported error is measured through TempoMap.ticksToSeconds (exact through ramps), never assumed.
 */
import { PPQ, type TempoEvent } from '../score/schema.js';
import { TempoMap } from '../score/tempo-map.js';
import { isCompound } from '../theory/index.js';

export interface HitSyncInput {
  time: number;
  label: string;
  salience?: number;
}

export interface SolvedHit {
  time: number;
  label: string;
  /** Tick the hit lands on (integer, 480 PPQ); -1 when not caught. */
  tick: number;
  /** 0-based bar and beat of `tick`. */
  bar: number;
  beat: number;
  /** Measured landing time minus target time, seconds (NaN when not caught). */
  error: number;
  caught: boolean;
  reason?: string;
}

export interface SolveHitTempoOptions {
  baseBpm: number;
  meter: [number, number];
  hits: HitSyncInput[];
  /** Largest relative departure from baseBpm anywhere in the map; default 0.12. */
  maxDeviation?: number;
  /** Largest landing error accepted, seconds; default 0.010. */
  tolerance?: number;
  /** Time (on the hits' clock) of tick 0; default 0. */
  startTime?: number;
  /** Last resort after downbeats and strong beats: any beat of the bar (default false). */
  weakBeats?: boolean;
}

export interface HitTempoSolution {
  tempo: TempoEvent[];
  hits: SolvedHit[];
}

/** Quarter-note offsets of the mid-bar strong beats (beyond the downbeat) for a meter. */
export function strongBeatOffsets(meter: [number, number]): number[] {
  const [num, den] = meter;
  const beatQ = 4 / den;
  // Compound meters (6/8, 9/8, 12/8): the dotted beat every three; simple quadruple: beat 3; duple: beat 2.
  if (isCompound({ numerator: num, denominator: den })) return range(1, num / 3).map((k) => k * 3 * beatQ);
  if (num === 4) return [2 * beatQ];
  if (num === 2) return [beatQ];
  if (num >= 5) {
    // Additive meters (5/4 = 3+2, 7/8 = 2+2+3…): group in threes then twos, the way players count them.
    const out: number[] = [];
    let pos = num % 2 === 1 ? 3 : 2;
    while (pos < num) {
      out.push(pos * beatQ);
      pos += 2;
    }
    return out;
  }
  return [];
}

const range = (a: number, b: number): number[] => Array.from({ length: Math.max(0, b - a) }, (_, i) => a + i);

interface Candidate {
  /** Quarter notes from tick 0 (exact on the tick grid). */
  q: number;
  level: 'downbeat' | 'strong' | 'beat';
}

const EPS = 1e-9;

export function solveHitTempo(opts: SolveHitTempoOptions): HitTempoSolution {
  const base = opts.baseBpm;
  const meter = opts.meter;
  if (!(base > 0) || !Number.isFinite(base)) throw new RangeError(`baseBpm must be a positive number, got ${base}`);
  if (!(meter[0] >= 1 && meter[1] >= 1)) throw new RangeError(`meter must be positive, got ${meter.join('/')}`);
  const dev = Math.max(0, opts.maxDeviation ?? 0.12);
  const tol = Math.max(0, opts.tolerance ?? 0.01);
  const t0 = opts.startTime ?? 0;
  const lo = base * (1 - dev);
  const hi = base * (1 + dev);
  const barQ = (meter[0] * 4) / meter[1];
  const beatQ = 4 / meter[1];
  const strong = strongBeatOffsets(meter);

  // Work in time order, keep the caller's order for the answer.
  const order = opts.hits.map((h, i) => ({ ...h, i, salience: h.salience ?? 0.5 }));
  const results: SolvedHit[] = opts.hits.map((h) => ({ time: h.time, label: h.label, tick: -1, bar: -1, beat: -1, error: NaN, caught: false }));

  const valid = order.filter((h) => {
    if (!Number.isFinite(h.time)) {
      results[h.i].reason = 'hit time is not a number';
      return false;
    }
    if (h.time < t0 - tol) {
      results[h.i].reason = `hit at ${h.time.toFixed(3)} s is before the music starts (${t0.toFixed(3)} s)`;
      return false;
    }
    return true;
  });

  /** Grid points reachable from anchor quarter `aq` at time `at` for a hit at time `t`. */
  const candidates = (aq: number, at: number, t: number): Candidate[] => {
    const d = t - at;
    if (d <= tol) return Math.abs(d) <= tol && aq === 0 && at === t0 ? [{ q: 0, level: 'downbeat' }] : [];
    const qMin = aq + (d * lo) / 60 - EPS;
    const qMax = aq + (d * hi) / 60 + EPS;
    const down: Candidate[] = [];
    const str: Candidate[] = [];
    const weak: Candidate[] = [];
    const ok = (q: number) => q >= qMin && q <= qMax && q > aq;
    for (let b = Math.max(0, Math.floor(qMin / barQ)); b * barQ <= qMax; b++) {
      const q = b * barQ;
      if (ok(q)) down.push({ q, level: 'downbeat' });
      for (const s of strong) if (ok(q + s)) str.push({ q: q + s, level: 'strong' });
      if (opts.weakBeats) for (let k = 1; k * beatQ < barQ - EPS; k++) if (!strong.includes(k * beatQ) && ok(q + k * beatQ)) weak.push({ q: q + k * beatQ, level: 'beat' });
    }
    const target = aq + (d * base) / 60;
    const byCloseness = (a: Candidate, b: Candidate) => Math.abs(a.q - target) - Math.abs(b.q - target) || a.q - b.q;
    return down.length ? down.sort(byCloseness) : str.length ? str.sort(byCloseness) : weak.sort(byCloseness);
  };

  /** Depth-first placement with memoised failures; returns the quarter position per hit or null. */
  const place = (hs: typeof valid): number[] | null => {
    const sorted = [...hs].sort((a, b) => a.time - b.time);
    const failed = new Set<string>();
    const out: number[] = [];
    let budget = 20000;
    const go = (k: number, aq: number, at: number): boolean => {
      if (k === sorted.length) return true;
      const key = `${k}:${aq}`;
      if (failed.has(key) || budget-- <= 0) return false;
      for (const c of candidates(aq, at, sorted[k].time)) {
        out[k] = c.q;
        // Tick 0 sits at t0 exactly; any other anchor sits where its hit is aimed.
        if (go(k + 1, c.q, c.q === 0 ? t0 : sorted[k].time)) return true;
      }
      failed.add(key);
      return false;
    };
    if (!go(0, 0, t0)) return null;
    return out;
  };

  // Salience first: a weaker hit is dropped when it makes a stronger set unreachable.
  const bySalience = [...valid].sort((a, b) => b.salience - a.salience || a.time - b.time || a.i - b.i);
  const accepted: typeof valid = [];
  for (const h of bySalience) {
    const dup = accepted.find((a) => Math.abs(a.time - h.time) <= tol);
    if (dup) {
      results[h.i].reason = `coincides with "${dup.label}" (same moment)`;
      continue;
    }
    if (place([...accepted, h])) accepted.push(h);
    else results[h.i].reason = explainMiss(h, accepted, { t0, lo, hi, base, dev, barQ, beatQ, strong, weak: !!opts.weakBeats });
  }

  const chosen = [...accepted].sort((a, b) => a.time - b.time);
  const qs = place(chosen) ?? [];
  const tempo = buildTempo(chosen.map((h, k) => ({ q: qs[k], time: h.time })), { t0, base, lo, hi, barQ });

  // Measure every landing through the final map.
  const map = new TempoMap(tempo);
  chosen.forEach((h, k) => {
    const tick = Math.round(qs[k] * PPQ);
    const landed = t0 + map.ticksToSeconds(tick);
    const err = landed - h.time;
    const r = results[h.i];
    r.tick = tick;
    r.bar = Math.floor(qs[k] / barQ + EPS);
    r.beat = Math.round(((qs[k] - r.bar * barQ) * meter[1]) / 4 * 1000) / 1000;
    r.error = err;
    if (Math.abs(err) <= tol) r.caught = true;
    else r.reason = `landing error ${(err * 1000).toFixed(1)} ms exceeds the ${(tol * 1000).toFixed(0)} ms tolerance`;
  });
  return { tempo, hits: results };
}

function explainMiss(
  h: { time: number; label: string },
  accepted: ReadonlyArray<{ time: number; label: string }>,
  c: { t0: number; lo: number; hi: number; base: number; dev: number; barQ: number; beatQ: number; strong: number[]; weak: boolean },
): string {
  const before = [...accepted].filter((a) => a.time < h.time).sort((a, b) => b.time - a.time)[0];
  const after = [...accepted].filter((a) => a.time > h.time).sort((a, b) => a.time - b.time)[0];
  const minGrid = c.weak ? c.beatQ : c.strong.length ? Math.min(c.strong[0], c.barQ - c.strong[c.strong.length - 1]) : c.barQ;
  const minGap = (minGrid * 60) / c.hi;
  const pct = Math.round(c.dev * 100);
  const near = [before && h.time - before.time < minGap ? before : undefined, after && after.time - h.time < minGap ? after : undefined].find(Boolean);
  if (near) {
    return `only ${Math.abs(h.time - near.time).toFixed(2)} s from stronger hit "${near.label}"; ${c.weak ? 'a beat' : 'a strong beat'} needs ≥ ${minGap.toFixed(2)} s at +${pct}% of ${round1(c.base)} bpm`;
  }
  const from = before ? `"${before.label}"` : 'the cue start';
  return `no ${c.weak ? 'beat' : 'downbeat or strong beat'} between ${from} and this hit is reachable within ±${pct}% of ${round1(c.base)} bpm`;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Seconds taken by `B` quarter notes ramping linearly (per beat) from v0 to v1 — the same formula TempoMap
 * uses, so a solution found here lands exactly when measured there.
 */
export function rampSeconds(v0: number, v1: number, B: number): number {
  if (Math.abs(v1 - v0) < 1e-12) return (60 * B) / v0;
  return ((60 * B) / (v1 - v0)) * Math.log(v1 / v0);
}

/** Solve f(v) = target for a decreasing f on [a, b] by bisection; null when the target is out of reach. */
function solveDecreasing(f: (v: number) => number, target: number, a: number, b: number): number | null {
  const fa = f(a), fb = f(b);
  if (target > fa + 1e-12 || target < fb - 1e-12) return null;
  let x = a, y = b;
  for (let i = 0; i < 200 && y - x > 1e-13 * b; i++) {
    const m = (x + y) / 2;
    if (f(m) > target) x = m;
    else y = m;
  }
  return (x + y) / 2;
}

interface Knot {
  q: number;
  time: number;
}

/**
 * Piecewise map through the anchors: constant to the first hit; between hits a full linear ramp from the
 * current tempo, else a one-bar ramp then a hold, else a step (each only when it stays within [lo, hi]).
 * After the last hit the tempo eases back to the base over two bars, so the rest of the cue is at home tempo.
 */
function buildTempo(knots: Knot[], c: { t0: number; base: number; lo: number; hi: number; barQ: number }): TempoEvent[] {
  const ev: TempoEvent[] = [];
  const push = (q: number, bpm: number, ramp: 'step' | 'linear') => ev.push({ tick: Math.round(q * PPQ), bpm, ramp });
  if (knots.length === 0 || (knots.length === 1 && knots[0].q === 0)) {
    push(0, c.base, 'step');
    return ev;
  }
  let aq = 0, at = c.t0, v = c.base;
  let first = true;
  for (const k of knots) {
    if (k.q === 0) continue; // a hit on the very first downbeat needs no tempo
    const B = k.q - aq;
    const D = k.time - at;
    const avg = (60 * B) / D;
    if (first) {
      push(aq, avg, 'step');
      v = avg;
      first = false;
    } else {
      const inBounds = (x: number) => x >= c.lo - 1e-9 && x <= c.hi + 1e-9;
      // 1. Full ramp v → v1 over the whole segment.
      const full = solveDecreasing((x) => rampSeconds(v, x, B), D, c.lo, c.hi);
      // 2. Ramp over (at most) one bar, then hold v1.
      const k1 = Math.min(c.barQ, B / 2);
      const part = solveDecreasing((x) => rampSeconds(v, x, k1) + (60 * (B - k1)) / x, D, c.lo, c.hi);
      const dist = (x: number | null) => (x === null ? Infinity : Math.abs(x - c.base) + 0.25 * Math.abs(x - v));
      if (Math.abs(avg - v) < 1e-9 * v) {
        v = avg; // already on tempo: the knot event at `aq` simply holds
      } else if (full !== null && inBounds(full) && dist(full) <= dist(part)) {
        setLastRampOrPush(ev, aq, v);
        v = full;
      } else if (part !== null && inBounds(part)) {
        setLastRampOrPush(ev, aq, v);
        push(aq + k1, part, 'step');
        v = part;
      } else if (endsRamp(ev, aq)) {
        // A step event at `aq` would also move the end of the ramp that arrives there (a ramp runs to the next
        // event's tempo), so hold the ramp's end tempo for one tick, then step: a ~0.1 ms shift, measured below.
        const dq = 1 / PPQ;
        v = (60 * (B - dq)) / (D - (60 * dq) / v);
        push(aq + dq, v, 'step');
      } else {
        push(aq, avg, 'step');
        v = avg;
      }
    }
    // The knot's own event (its ramp type is decided by the next segment).
    push(k.q, v, 'step');
    aq = k.q;
    at = k.time;
  }
  // Ease home after the last hit.
  if (Math.abs(v - c.base) > 0.01 * c.base) {
    setLastRampOrPush(ev, aq, v);
    push(aq + 2 * c.barQ, c.base, 'step');
  }
  return dedupe(ev);
}

/** True when the last event sits at quarter `q` and is the target of a linear ramp from the event before it. */
function endsRamp(ev: TempoEvent[], q: number): boolean {
  const n = ev.length;
  return n >= 2 && ev[n - 1].tick === Math.round(q * PPQ) && ev[n - 2].ramp === 'linear';
}

/** Make the segment starting at quarter `q` a linear ramp from `v` (reusing an event already there). */
function setLastRampOrPush(ev: TempoEvent[], q: number, v: number): void {
  const tick = Math.round(q * PPQ);
  const last = ev[ev.length - 1];
  if (last && last.tick === tick) {
    last.bpm = v;
    last.ramp = 'linear';
  } else ev.push({ tick, bpm: v, ramp: 'linear' });
}

/** Same-tick events: the later wins (TempoMap's rule), made explicit so the list is clean. */
function dedupe(ev: TempoEvent[]): TempoEvent[] {
  const out: TempoEvent[] = [];
  for (const e of ev) {
    if (out.length && out[out.length - 1].tick === e.tick) out[out.length - 1] = e;
    else out.push(e);
  }
  return out;
}
