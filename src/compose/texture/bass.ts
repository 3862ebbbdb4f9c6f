/**
 * purpose: the bass layer — driving eighths in active music, root-and-fifth with a step approach into the next
 * chord at middling density, held roots in calm music — on the bass pitches the bar computed for every layer.
 */
import { v7, type RawNote } from '../notes.js';
import { nearestPitchWithPc } from '../theory.js';
import { mod12 } from '../../theory/index.js';
import { clamp } from '../../util/math.js';
import { PPQ } from '../../score/schema.js';
import { EPS, type TextureWriter } from './context.js';

export const bassLine: TextureWriter = (ctx, { voice, lo, hi, baseVel }) => {
  const { inp, spans, bassPitches, pedal, from, to, toTick } = ctx;
  const { params, state, meter, material } = inp;
  const notes: RawNote[] = [];
  spans.forEach((s, si) => {
    const p = bassPitches[si];
    const t0 = toTick(Math.max(s.start, from)), t1 = toTick(Math.min(s.start + s.dur, to));
    const vel = baseVel - 4;
    if (params.density > 0.72) {
      // Driving eighths (action/rock), octave bounce in chiptune.
      const step = 240;
      let k = 0;
      for (let t = t0; t < t1; t += step, k++) {
        const q = inp.style === 'chiptune' && k % 2 === 1 && p + 12 <= hi ? p + 12 : p;
        notes.push({ tick: t, duration: Math.max(1, Math.min(t1 - t, Math.round(step * Math.max(0.5, params.articulation)))), pitch: q, velocity: v7(vel + (t % Math.round(meter.pulseQ * PPQ) === 0 ? params.accent * 0.5 : -6)) });
      }
    } else if (params.density > 0.45 && !pedal) {
      // Root on strong pulses, fifth between, a step approach into the next chord (walking feel).
      const pulse = Math.round(meter.pulseQ * PPQ);
      let k = 0;
      for (let t = t0; t < t1; t += pulse, k++) {
        let q = p;
        if (k % 2 === 1) q = p + 7 <= hi ? p + 7 : p - 5 >= lo ? p - 5 : p;
        const nextSpan = material.chords.find((c) => c.start >= s.start + s.dur - EPS);
        if (t + pulse >= t1 && k > 0 && nextSpan && t1 === toTick(s.start + s.dur)) {
          const target = nearestPitchWithPc(p, [nextSpan.chord.bass], lo, hi);
          q = target > p ? target - (mod12(target - p) >= 2 ? 2 : 1) : target + 2;
        }
        notes.push({ tick: t, duration: Math.max(1, Math.min(t1 - t, Math.round(pulse * Math.max(0.6, params.articulation)))), pitch: clamp(q, 0, 127), velocity: v7(vel + (k === 0 ? params.accent * 0.4 : -4)) });
      }
    } else {
      const held = (state.sounding.get(voice.id)?.has(p) ?? false) && t0 === 0;
      notes.push({ tick: t0, duration: Math.max(1, t1 - t0), pitch: p, velocity: v7(vel), tie: held });
    }
  });
  return notes;
};
