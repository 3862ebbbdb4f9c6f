/**
 * purpose: sparse colour (bells, crystal): a few seeded chord tones on random pulses of the bar.
 */
import { v7, type RawNote } from '../notes.js';
import { nearestPitchWithPc } from '../theory.js';
import { PPQ } from '../../score/schema.js';
import type { TextureWriter } from './context.js';

export const sparkleLayer: TextureWriter = (ctx, { lo, hi, baseVel }) => {
  const { inp, spans, barTicks } = ctx;
  const { params, meter, rng } = inp;
  const notes: RawNote[] = [];
  const count = params.density > 0.5 ? 3 : params.density > 0.2 ? 2 : 1;
  const ch = spans[0].chord;
  for (let k = 0; k < count; k++) {
    if (!rng.chance(0.7)) continue;
    const pulse = rng.int(0, meter.pulses.length - 1);
    const p = nearestPitchWithPc(rng.int(lo, hi), ch.pcs, lo, hi);
    const t = Math.round(meter.pulses[pulse] * PPQ);
    notes.push({ tick: t, duration: Math.max(1, Math.min(barTicks - t, 2 * PPQ)), pitch: p, velocity: v7(baseVel - 22) });
  }
  return notes;
};
