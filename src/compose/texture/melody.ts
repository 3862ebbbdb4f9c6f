/**
 * purpose: the tune layers — the lead (melody), its octave doubling or hand-off (melody2) and the counter-line —
 * cut from the phrase's planned lines into this bar, with articulation and metric accents.
 */
import { v7, type RawNote } from '../notes.js';
import { PPQ } from '../../score/schema.js';
import { EPS, type TextureWriter } from './context.js';

/** Lead and its doubling: short notes detached in active music, legato in calm music [GL10 "articulation"]. */
export const melodyLine: TextureWriter = (ctx, { voice, hi, baseVel }) => {
  const { inp, from, to, toTick } = ctx;
  const { material, params, meter } = inp;
  const notes: RawNote[] = [];
  const doubling = voice.texture === 'melody2' && material.lead === 'melody';
  const leadVoice = inp.voices.find((v) => v.texture === material.lead);
  const centre = leadVoice ? (leadVoice.range[0] + leadVoice.range[1]) / 2 : 72;
  // Accent at the climax: the phrase's highest note in the climax phrase is leaned on (marcato).
  const peak = material.plan.climax ? material.melody.reduce((m, n) => Math.max(m, n.pitch), -1) : 999;
  for (const n of material.melody) {
    if (n.beat >= to - EPS || n.beat + n.duration <= from + EPS) continue;
    const start = Math.max(n.beat, from);
    const end = Math.min(n.beat + n.duration, to);
    let dur = end - start;
    const continues = n.beat + n.duration > to + EPS;
    if (!continues && n.duration <= 1.01) dur = Math.max(0.12, dur * params.articulation);
    let pitch = n.pitch + (doubling ? 12 : 0);
    if (doubling && pitch > hi) pitch -= 12;
    if (pitch < 0 || pitch > 127) continue;
    const strong = meter.strong.some((s) => Math.abs(from + s - n.beat) < EPS);
    const vel = baseVel + (strong ? params.accent * 0.6 : 0) + (n.pitch - centre) * 0.6 - (doubling ? 12 : 0) + (n.pitch === peak && n.beat >= from - EPS ? 10 : 0);
    notes.push({ tick: toTick(start), duration: Math.max(1, Math.round(dur * PPQ)), pitch, velocity: v7(vel), tie: n.beat < from - EPS });
  }
  return notes;
};

/** The counter-line, a little softer than the tune. */
export const counterLine: TextureWriter = (ctx, { baseVel }) => {
  const { inp, from, to, toTick } = ctx;
  const notes: RawNote[] = [];
  for (const n of inp.material.counter) {
    if (n.beat >= to - EPS || n.beat + n.duration <= from + EPS) continue;
    const start = Math.max(n.beat, from);
    const end = Math.min(n.beat + n.duration, to);
    notes.push({ tick: toTick(start), duration: Math.max(1, Math.round((end - start) * PPQ)), pitch: n.pitch, velocity: v7(baseVel - 10), tie: n.beat < from - EPS });
  }
  return notes;
};
