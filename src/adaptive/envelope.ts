/**
 * purpose: gain envelopes over ticks for fades and layer swells. Equal-power crossfades keep the summed
 * loudness of two uncorrelated beds constant (sin/cos law); the s-curve (smoothstep) suits layer entries.
 */
import type { FadeCurve } from './graph.js';

/**
 * 'release': a tail's decay, even in dB — the gain falls by 30 dB of CC11 (synths map CC11 as 40·log10) over
 * the ramp, then the notes end: gain ∝ 10^(−0.75·x) down toward the target.
 */
export type EnvelopeCurve = FadeCurve | 'release';

export interface Envelope {
  t0: number;
  t1: number;
  g0: number;
  g1: number;
  curve: EnvelopeCurve;
}

export const steady = (g: number): Envelope => ({ t0: 0, t1: 0, g0: g, g1: g, curve: 'linear' });

export function ramp(from: number, to: number, t0: number, t1: number, curve: EnvelopeCurve): Envelope {
  return t1 > t0 ? { t0, t1, g0: from, g1: to, curve } : steady(to);
}

export function envAt(e: Envelope, tick: number): number {
  if (tick <= e.t0) return e.g0;
  if (tick >= e.t1) return e.g1;
  const x = (tick - e.t0) / (e.t1 - e.t0);
  let w: number;
  switch (e.curve) {
    case 'equal-power':
      // Rising: sin(x·π/2); falling: cos(x·π/2) == sin of the mirrored position.
      w = e.g1 >= e.g0 ? Math.sin((x * Math.PI) / 2) : 1 - Math.cos((x * Math.PI) / 2);
      break;
    case 's-curve':
      w = x * x * (3 - 2 * x);
      break;
    case 'release':
      w = 1 - Math.pow(10, -0.75 * x);
      break;
    default:
      w = x;
  }
  return e.g0 + (e.g1 - e.g0) * w;
}

/** True when the envelope changes somewhere inside [a, b). */
export const movesWithin = (e: Envelope, a: number, b: number): boolean => e.g0 !== e.g1 && e.t0 < b && e.t1 > a;
