/**
 * purpose: game parameters (RTPCs) with clamping and one-pole smoothing in time.
 * The target is piecewise constant between `set` calls, so the smoothed value is exact at any later time:
 * y(t) = x + (y0 − x)·exp(−(t − t0)/τ). Bad values are never thrown: NaN is ignored, ±Infinity and
 * out-of-range values are clamped, unknown names are ignored — each counted in `stats`.
 */
import type { Parameter } from './graph.js';

export interface ParamStats {
  ignoredNaN: number;
  clamped: number;
  unknown: number;
}

interface Slot {
  min: number;
  max: number;
  tau: number;
  target: number;
  y: number;
  t: number;
}

export class ParameterSet {
  private readonly slots = new Map<string, Slot>();
  readonly stats: ParamStats = { ignoredNaN: 0, clamped: 0, unknown: 0 };

  constructor(defs: Record<string, Parameter>) {
    for (const [name, p] of Object.entries(defs)) {
      const d = p.default ?? p.min;
      const v = d < p.min ? p.min : d > p.max ? p.max : d;
      this.slots.set(name, { min: p.min, max: p.max, tau: p.smoothing, target: v, y: v, t: 0 });
    }
  }

  has(name: string): boolean {
    return this.slots.has(name);
  }

  names(): string[] {
    return [...this.slots.keys()];
  }

  /** Set a target value at time `t` (seconds). Returns false when the value was ignored. */
  set(name: string, value: unknown, t: number): boolean {
    const s = this.slots.get(name);
    if (!s) { this.stats.unknown++; return false; }
    if (typeof value !== 'number' || Number.isNaN(value)) { this.stats.ignoredNaN++; return false; }
    let v = value;
    if (v < s.min || v > s.max) { this.stats.clamped++; v = v < s.min ? s.min : s.max; }
    this.advance(s, t);
    s.target = v;
    return true;
  }

  /** Smoothed value at time `t` (t never earlier than the last update; earlier times read the last value). */
  value(name: string, t: number): number {
    const s = this.slots.get(name);
    if (!s) return 0;
    this.advance(s, t);
    return s.y;
  }

  /** Smoothed value mapped to 0..1 of the parameter's range. */
  normalized(name: string, t: number): number {
    const s = this.slots.get(name);
    if (!s) return 0;
    return (this.value(name, t) - s.min) / (s.max - s.min);
  }

  target(name: string): number {
    return this.slots.get(name)?.target ?? 0;
  }

  private advance(s: Slot, t: number): void {
    if (!(t > s.t)) return;
    if (s.tau <= 0) s.y = s.target;
    else s.y = s.target + (s.y - s.target) * Math.exp(-(t - s.t) / s.tau);
    // Snap the tail so thresholds at the target are reached in finite time.
    if (Math.abs(s.y - s.target) < (s.max - s.min) * 1e-4) s.y = s.target;
    s.t = t;
  }
}
