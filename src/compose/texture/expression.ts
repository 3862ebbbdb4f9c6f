/**
 * purpose: a voice's controller curves for one bar — CC11 expression ramping toward the bar's level (crescendo
 * into climaxes, diminuendo at releases and tails) and legato pedalling (CC64) for piano-like voices.
 */
import type { ControllerEvent } from '../notes.js';
import { clamp } from '../../util/math.js';
import { PPQ } from '../../score/schema.js';
import type { BarContext, VoiceFrame } from './context.js';

export function expressionCurve(ctx: BarContext, { voice }: VoiceFrame): ControllerEvent[] {
  const { inp, spans, from, barTicks, toTick } = ctx;
  const { params, state, meter } = inp;
  const ctl: ControllerEvent[] = [];
  const target = inp.ending === 'tail' ? 40 : Math.round(clamp(48 + (79 * (params.velocity - 30)) / 82, 30, 127));
  const startV = state.expr.get(voice.id) ?? target;
  const pulses = meter.pulses;
  let last = -1;
  for (let i = 0; i < pulses.length; i++) {
    const val = Math.round(startV + ((target - startV) * (i + 1)) / pulses.length);
    if (val !== last) ctl.push({ tick: Math.round(pulses[i] * PPQ), controller: 11, value: clamp(val, 0, 127) });
    last = val;
  }
  state.expr.set(voice.id, target);
  if (voice.pedal) {
    // Legato pedalling: lift at each chord change, press again just after the new attack (CC64).
    for (const s of spans) {
      const t0 = toTick(Math.max(s.start, from));
      ctl.push({ tick: t0, controller: 64, value: 0 });
      if (t0 + 24 < barTicks) ctl.push({ tick: t0 + 24, controller: 64, value: 127 });
    }
  }
  return ctl;
}
