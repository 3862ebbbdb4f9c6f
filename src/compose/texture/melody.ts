/**
 * purpose: the tune layers — the lead (melody), its octave doubling or hand-off (melody2) and the counter-line —
 * cut from the phrase's planned lines into this bar, with articulation and metric accents.
 */
import { v7, type RawNote } from '../notes.js';
import { PPQ } from '../../score/schema.js';
import { nearestPitchWithPc } from '../theory.js';
import { mod12 } from '../../theory/index.js';
import { EPS, type BarContext, type TextureWriter, type VoiceFrame } from './context.js';

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
    // A note repeated straight across the barline is re-articulated with a clear breath (portato), so it reads as
    // the tune's repeated note and not as a sustain re-struck by accident.
    if (!continues && Math.abs(n.beat + n.duration - to) < EPS && material.melody.some((m) => Math.abs(m.beat - to) < EPS && m.pitch === n.pitch)) dur = Math.min(dur, Math.max(0.12, end - start - 0.25));
    let pitch = n.pitch + (doubling ? 12 : 0);
    if (doubling && pitch > hi) pitch -= 12;
    if (pitch < 0 || pitch > 127) continue;
    const strong = meter.strong.some((s) => Math.abs(from + s - n.beat) < EPS);
    const vel = baseVel + (strong ? params.accent * 0.6 : 0) + (n.pitch - centre) * 0.6 - (doubling ? 12 : 0) + (n.pitch === peak && n.beat >= from - EPS ? 10 : 0);
    notes.push({ tick: toTick(start), duration: Math.max(1, Math.round(dur * PPQ)), pitch, velocity: v7(vel), tie: n.beat < from - EPS });
  }
  return notes;
};

/**
 * The counter-line, a little softer than the tune. A guide tone that repeats its pitch straight across a barline
 * is held (tied) rather than re-struck — horns and strings sustain it. In orchestral action with no motif in the
 * counter, the horns leave the line for brass writing: sustained open fifths on every chord change, marcato,
 * re-attacked as short stabs when the harmony moves fast (MUSIC.md orchestral action).
 */
export const counterLine: TextureWriter = (ctx, vf) => {
  const { inp, from, to, toTick } = ctx;
  const { material } = inp;
  if (inp.style === 'orchestral' && (inp.params.devices.ostinato || inp.params.density > 0.72) && !material.motifUses.some((u) => u.voice === 'counter')) return brassFifths(ctx, vf);
  const notes: RawNote[] = [];
  const line = material.counter;
  const prevSounding = inp.state.sounding.get(vf.voice.id);
  for (let i = 0; i < line.length; i++) {
    const n = line[i];
    if (n.beat >= to - EPS || n.beat + n.duration <= from + EPS) continue;
    const start = Math.max(n.beat, from);
    const end = Math.min(n.beat + n.duration, to);
    const prev = line[i - 1];
    const heldOver = Math.abs(n.beat - from) < EPS && !!prev && prev.pitch === n.pitch && Math.abs(prev.beat + prev.duration - n.beat) < EPS && !!prevSounding?.has(n.pitch);
    notes.push({ tick: toTick(start), duration: Math.max(1, Math.round((end - start) * PPQ)), pitch: n.pitch, velocity: v7(vf.baseVel - 10), tie: n.beat < from - EPS || heldOver });
  }
  return notes;
};

/** Horns in action: root and fifth of each chord, held through the span (a stab when the span is short). */
function brassFifths(ctx: BarContext, { voice, lo, hi, baseVel }: VoiceFrame): RawNote[] {
  const { inp, spans, from, to, toTick } = ctx;
  const notes: RawNote[] = [];
  const prevSounding = inp.state.sounding.get(voice.id) ?? new Set<number>();
  const centre = Math.round(lo + (hi - lo) * 0.4);
  for (const s of spans) {
    const t0 = toTick(Math.max(s.start, from)), t1 = toTick(Math.min(s.start + s.dur, to));
    const top = Math.min(hi, ctx.leadFloor(t0, t1) - 1);
    const root = nearestPitchWithPc(Math.min(centre, top - 7), [s.chord.root], lo, Math.max(lo, top - 7));
    const fifth = s.chord.pcs.includes(mod12(s.chord.root + 7)) ? root + 7 : root + 12;
    const attack = s.start >= from - EPS;
    const short = t1 - t0 < 2 * PPQ;
    for (const p of [root, fifth]) {
      if (p > top || p < lo) continue;
      // A fifth already sounding across the barline is held (also into a new chord on the same root).
      const tie = t0 === 0 && prevSounding.has(p);
      notes.push({ tick: t0, duration: Math.max(1, short ? Math.min(t1 - t0, Math.round(PPQ * 0.75)) : t1 - t0), pitch: p, velocity: v7(baseVel - 4 + (attack && !tie ? inp.params.accent * 0.6 : -6)), tie });
    }
  }
  return notes;
}
