/**
 * purpose: real endings (MUSIC.md "an ending: cadence, tail, or a designed button") — the button: a tutti hit of
 * the final chord on the downbeat lasting at least a full beat (the tune on top, every other layer under it);
 * the tail: the final chord held to the end of the last bar in every pitched layer (bass on the chord's bass,
 * ostinati and power chords on an open fifth), fading with the expression curve.
 */
import { v7, type RawNote } from '../notes.js';
import { voiceLead } from '../voicing.js';
import { nearestPitchWithPc } from '../theory.js';
import { mod12 } from '../../theory/index.js';
import { PPQ } from '../../score/schema.js';
import { EPS, type BarContext, type TextureWriter, type VoiceFrame } from './context.js';
import { TEXTURES_FOR_TAIL } from './tail-table.js';
import { windowUnderLead } from './chordal.js';

/** Length of the button: a full beat (the pulse in compound metre) and a sixteenth of ring. */
export function buttonTicks(pulseQ: number): number {
  return Math.round(Math.max(1, pulseQ) * PPQ) + 120;
}

/** The tune's button note: its last note if a chord tone, else the chord tone just above it (never lower than the
 * tune was — under dialogue it stays above the voice band). */
function buttonTop(ctx: BarContext, lo: number, hi: number): number {
  const m = ctx.inp.material.melody;
  const ch = ctx.spans[ctx.spans.length - 1].chord;
  const last = m[m.length - 1]?.pitch ?? Math.round((lo + hi) / 2);
  return nearestPitchWithPc(last, ch.pcs, Math.min(hi - 5, Math.max(lo, last)), hi);
}

export const buttonStab: TextureWriter = (ctx, { voice, lo, hi, baseVel }) => {
  const { inp, spans, blo, bhi } = ctx;
  const ch = spans[spans.length - 1].chord;
  const dur = buttonTicks(inp.meter.pulseQ);
  const leadVoice = inp.voices.find((v) => v.texture === 'melody');
  const top = leadVoice ? buttonTop(ctx, leadVoice.range[0], leadVoice.range[1]) : 127;
  let pitches: number[];
  if (voice.texture === 'bass') pitches = [nearestPitchWithPc(blo + 7, [ch.bass], blo, bhi)];
  else if (voice.role === 'melody') pitches = [voice.texture === 'melody' ? top : buttonTop(ctx, lo, hi)];
  else {
    // Under the tune's button note, held over from the last voicing where it can.
    const whi = Math.max(lo + 7, Math.min(hi, top - 1));
    pitches = voiceLead({ chord: ch, prev: inp.state.voicings.get(voice.id) ?? null, voices: 3, lo: Math.max(voice.range[0], Math.min(lo, whi - 14)), hi: whi });
  }
  // A sustained pitch already sounding into the button is held into it and cut off with the tutti (a tie).
  const sounding = inp.state.sounding.get(voice.id) ?? new Set<number>();
  return pitches.map((p) => ({ tick: 0, duration: dur, pitch: p, velocity: v7(baseVel + inp.params.accent), tie: sounding.has(p) }));
};

/** Tail bar: the layer's ordinary texture up to the last chord of the bar, then that chord held to the barline. */
export function tailChord(ctx: BarContext, vf: VoiceFrame): RawNote[] {
  const { spans, from, toTick, barTicks, bassPitches, inp } = ctx;
  const { voice, lo, hi, baseVel } = vf;
  const last = spans[spans.length - 1];
  const tLast = toTick(Math.max(last.start, from));
  const before = tLast > 0 ? TEXTURES_FOR_TAIL[voice.texture](ctx, vf).filter((n) => n.tick < tLast).map((n) => ({ ...n, duration: Math.min(n.duration, tLast - n.tick) })) : [];
  const sounding = inp.state.sounding.get(voice.id) ?? new Set<number>();
  const vel = v7(baseVel - (voice.role === 'pad' ? 16 : 10));
  let pitches: number[];
  if (voice.texture === 'bass') pitches = [bassPitches[bassPitches.length - 1]];
  else if (voice.texture === 'ostinato' || voice.texture === 'power') {
    const root = nearestPitchWithPc(lo + 5, [last.chord.root], lo, hi - 7);
    pitches = last.chord.pcs.includes(mod12(last.chord.root + 7)) ? [root, root + 7] : [root];
  } else {
    const [wlo, whi] = windowUnderLead(ctx, lo, hi, voice.range[0], tLast, barTicks);
    pitches = voiceLead({ chord: last.chord, prev: inp.state.voicings.get(voice.id) ?? null, voices: voice.role === 'pad' ? 3 : 4, lo: wlo, hi: whi, bass: bassPitches[bassPitches.length - 1], prevChord: last.start >= from - EPS ? spans[spans.length - 2]?.chord ?? inp.state.lastChord : undefined });
    inp.state.voicings.set(voice.id, pitches);
  }
  return [...before, ...pitches.map((p) => ({ tick: tLast, duration: barTicks - tLast, pitch: p, velocity: vel, tie: tLast === 0 && sounding.has(p) }))];
}
