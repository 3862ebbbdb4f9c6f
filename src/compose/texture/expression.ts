/**
 * purpose: a voice's controller curves for one bar — CC11 expression shaped per phrase (rising to the phrase's
 * high point (PHRASE_HIGH_POINT), easing into the cadence, on top of the bar's dynamic level from the emotion; a fade in the tail)
 * and legato pedalling (CC64) for piano-like voices, changing with the harmony.
 */
import type { ControllerEvent } from '../notes.js';
import { clamp } from '../../util/math.js';
import { PPQ } from '../../score/schema.js';
import type { BarContext, VoiceFrame } from './context.js';

/**
 * Where the phrase's dynamic high point sits: about 62 % through (bar 5 of a sentence or period of 8, the
 * continuation's apex before the cadence). A fixed place, not the tune's highest note: the tune is realised bar
 * by bar (ensureMelody), so its eventual peak is not known while the first bars are written, and the arch must
 * be the same in the one-shot and the adaptive composer.
 */
export const PHRASE_HIGH_POINT = 0.62;

/**
 * Phrase arch in CC11 units at a beat: −8 at the start, +8 at the high point, −10 at the cadence.
 * @example phraseArch(4, 4, 8) // 8 (at the high point)
 */
export function phraseArch(beat: number, high: number, phraseQ: number): number {
  if (beat <= high) return -8 + (16 * beat) / Math.max(1e-6, high);
  return 8 - (18 * (beat - high)) / Math.max(1e-6, phraseQ - high);
}

export function expressionCurve(ctx: BarContext, { voice }: VoiceFrame): ControllerEvent[] {
  const { inp, spans, from, barTicks, toTick } = ctx;
  const { params, state, meter, material } = inp;
  const ctl: ControllerEvent[] = [];
  const level = Math.round(clamp(48 + (79 * (params.velocity - 30)) / 82, 30, 119));
  const phraseQ = material.plan.bars * meter.barQ;
  const high = phraseQ * PHRASE_HIGH_POINT;
  const startV = state.expr.get(voice.id) ?? level;
  const pulses = meter.pulses;
  let last = -1;
  for (let i = 0; i < pulses.length; i++) {
    const beat = from + pulses[i];
    // Ambient pads and atmospheres swell wider (long pad swells); every other voice follows the phrase arch.
    const depth = inp.style === 'ambient' && (voice.role === 'pad' || voice.role === 'harmony') ? 2 : 1;
    const shaped = level + depth * phraseArch(beat, high, phraseQ);
    // Tail: fade from where the music was to a quiet close over the bar.
    const val = inp.ending === 'tail' ? startV + ((36 - startV) * (i + 1)) / pulses.length : i === 0 ? (startV + shaped) / 2 : shaped;
    const v = clamp(Math.round(val), 0, 127);
    if (v !== last) ctl.push({ tick: Math.round(pulses[i] * PPQ), controller: 11, value: v });
    last = v;
  }
  state.expr.set(voice.id, last);
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
