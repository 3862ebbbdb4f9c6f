/**
 * purpose: pitched and unpitched percussion layers — timpani on tonic and dominant (a roll into the climax) and
 * the kit/percussion voice through drums.ts's per-palette mapping, with a snare build into an orchestral climax.
 */
import { v7, type RawNote } from '../notes.js';
import { nearestPitchWithPc } from '../theory.js';
import { mod12 } from '../../theory/index.js';
import { drumBar } from '../drums.js';
import { GM_DRUMS as GM } from '../../theory/index.js';
import type { TextureWriter } from './context.js';

export const timpaniLayer: TextureWriter = (ctx, { lo, hi, baseVel }) => {
  const { inp, key, barTicks } = ctx;
  const { params, material } = inp;
  const notes: RawNote[] = [];
  const tonicP = nearestPitchWithPc(45, [key.tonic], lo, hi);
  const domP = nearestPitchWithPc(tonicP - 5, [mod12(key.tonic + 7)], lo, hi);
  if (inp.buildToClimax && params.percussion > 0.1) {
    // Roll into the climax: sixteenths with a crescendo.
    for (let t = 0; t < barTicks; t += 120) notes.push({ tick: t, duration: 110, pitch: tonicP, velocity: v7(50 + (70 * t) / barTicks) });
  } else if (params.percussion >= 0.3) {
    const pat = material.drumPatterns[inp.barInPhrase % material.drumPatterns.length];
    for (let i = 0; i < pat.length; i++) if (pat[i] >= 0.85 || i === 0) notes.push({ tick: i * 120, duration: 220, pitch: i === 0 ? tonicP : domP, velocity: v7(baseVel * (0.6 + 0.4 * pat[i])) });
  }
  return notes;
};

export const drumLayer: TextureWriter = (ctx, { voice, baseVel }) => {
  const { inp, barTicks, lastBarOfPhrase } = ctx;
  const { params, material, meter } = inp;
  const plan = material.plan;
  const notes: RawNote[] = [];
  if (params.percussion >= (voice.minPercussion ?? 0)) {
    const pat = material.drumPatterns[inp.barInPhrase % material.drumPatterns.length];
    notes.push(...drumBar({ style: inp.style, pattern: pat, meter, level: params.percussion, velocity: v7(baseVel * (0.75 + 0.25 * params.percussion)), density: params.density, fill: lastBarOfPhrase && !plan.final && params.percussion > 0.45 && (inp.style !== 'orchestral' || inp.buildToClimax), crash: inp.barInPhrase === 0 && (plan.climax || plan.statement === 0) && params.percussion > 0.5 && plan.kind !== 'intro' }));
    if (inp.buildToClimax && inp.style === 'orchestral') for (let t = barTicks / 2; t < barTicks; t += 60) notes.push({ tick: t, duration: 55, pitch: GM.snare, velocity: v7(45 + (60 * t) / barTicks) });
  }
  return notes;
};
