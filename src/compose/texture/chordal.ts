/**
 * purpose: the chord layers — sustained (open voicing, 4–3 / 9–8 suspensions), block chords on the pulse,
 * broken-chord arpeggios, and the piano's left hand (broken chords spanning a tenth, Alberti, rolled chords) —
 * voice-led from the previous voicing against the shared bass and always voiced under the tune: each span's
 * window tops out below the lowest lead note sounding over it (MUSIC.md "the tune always sits on top").
 */
import { v7, type RawNote } from '../notes.js';
import { voiceLead } from '../voicing.js';
import { nearestPitchWithPc } from '../theory.js';
import { mod12 } from '../../theory/index.js';
import { PPQ } from '../../score/schema.js';
import { EPS, type BarContext, type TextureWriter } from './context.js';

/**
 * The register window of a chord layer for one span: the voice's window, topped one semitone under the lead's
 * lowest note over the span (equal is allowed by the check but a unison with the tune blurs it), and opened
 * downward (to the voice's range floor) so three or four voices still fit under a low tune.
 */
export function windowUnderLead(ctx: BarContext, lo: number, hi: number, rangeLo: number, t0: number, t1: number): [number, number] {
  const floor = ctx.leadFloor(t0, t1);
  if (floor === Infinity) return [lo, hi];
  const top = Math.min(hi, floor - 1);
  const bottom = Math.max(rangeLo, Math.min(lo, top - 14));
  return [bottom, Math.max(bottom, top)];
}

export const chordLayer: TextureWriter = (ctx, { voice, lo, hi, baseVel }) => {
  const { inp, spans, bassPitches, prevBassBefore, from, to, toTick } = ctx;
  const { params, state, meter } = inp;
  const notes: RawNote[] = [];
  const nVoices = voice.role === 'pad' ? 3 : params.weight > 0.4 ? 4 : 3;
  const prevSounding = state.sounding.get(voice.id) ?? new Set<number>();
  const arp = voice.texture === 'arpeggio' && !(inp.style === 'piano' && params.density > 0.78);
  const block = voice.texture === 'block' || (voice.texture === 'arpeggio' && !arp);
  const pulse = Math.round(meter.pulseQ * PPQ);
  spans.forEach((s, si) => {
    const prevV = state.voicings.get(voice.id) ?? null;
    const sStart = Math.max(s.start, from), sEnd = Math.min(s.start + s.dur, to);
    const t0 = toTick(sStart), t1 = toTick(sEnd);
    const [wlo, whi] = windowUnderLead(ctx, lo, hi, voice.range[0], t0, t1);
    const prevChord = si > 0 ? spans[si - 1].chord : state.lastChord;
    // Grief: sustained strings in open spacing (MUSIC.md grief row).
    const open = voice.texture === 'sustain' && inp.emotion.valence < -0.3 && inp.emotion.arousal < 0.1;
    const v = voiceLead({ chord: s.chord, prev: prevV, voices: nVoices, lo: wlo, hi: whi, bass: bassPitches[si], prevBass: si > 0 ? bassPitches[si - 1] : prevBassBefore, prevChord: s.start >= from - EPS ? prevChord : undefined, open });
    state.voicings.set(voice.id, v);
    const vel = baseVel - (voice.role === 'pad' ? 18 : 12);
    if (arp && inp.style === 'piano') notes.push(...leftHand(ctx, v, bassPitches[si], s.chord.pcs, t0, t1, wlo, whi, vel));
    else if (arp) {
      // Broken chords (harp/atmosphere arpeggios; chiptune's fast arps): step by density.
      const step = inp.style === 'chiptune' || params.density > 0.62 ? 120 : params.density > 0.3 ? 240 : 480;
      const seq = [...v, v[1] !== undefined && v[1] + 12 <= whi ? v[1] + 12 : v[v.length - 1]];
      const order = params.density > 0.5 ? [...seq, ...seq.slice(1, -1).reverse()] : seq;
      let k = 0;
      for (let t = t0; t < t1; t += step, k++) {
        const p = order[k % order.length];
        notes.push({ tick: t, duration: Math.min(t1 - t, inp.style === 'chiptune' ? step : step * 2), pitch: p, velocity: v7(vel - 4 + (k === 0 ? params.accent * 0.5 : 0)) });
      }
    } else if (block) {
      for (let t = t0; t < t1; t += pulse) for (const p of v) notes.push({ tick: t, duration: Math.max(1, Math.min(t1 - t, Math.round(pulse * params.articulation))), pitch: p, velocity: v7(vel + (t === t0 ? params.accent * 0.5 : 0)) });
    } else {
      const suspend = params.devices.suspensions && voice.role !== 'pad' && s.start >= from - EPS && prevV && prevV.length === v.length;
      v.forEach((p, vi) => {
        const held = prevSounding.has(p) && (s.start < from - EPS || sStart === from);
        // 4–3 / 9–8 suspension: a voice that falls by step holds its old note for one pulse (grief/tender colour).
        const prevP = prevV ? prevV[vi] : p;
        if (suspend && prevP - p >= 1 && prevP - p <= 2 && prevP <= whi && t1 - t0 > pulse) {
          notes.push({ tick: t0, duration: pulse, pitch: prevP, velocity: v7(vel), tie: sStart === from && prevSounding.has(prevP) });
          notes.push({ tick: t0 + pulse, duration: t1 - t0 - pulse, pitch: p, velocity: v7(vel - 6) });
        } else notes.push({ tick: t0, duration: Math.max(1, t1 - t0), pitch: p, velocity: v7(vel), tie: held && t0 === 0 });
      });
    }
  });
  return notes;
};

/**
 * The piano's left hand over the bass note (the bass voice strikes it on the span's downbeat): slow music rolls
 * the chord; tender/middling music breaks it across a tenth (5th, octave, 10th above the bass, eighths); busier
 * music plays Alberti (low–high–middle–high) on the voicing. All under the tune; the pedal (expression.ts)
 * changes with the harmony.
 */
function leftHand(ctx: BarContext, v: readonly number[], bass: number, pcs: readonly number[], t0: number, t1: number, lo: number, hi: number, vel: number): RawNote[] {
  const { params } = ctx.inp;
  const out: RawNote[] = [];
  const len = t1 - t0;
  // Grief rolls the chord; tender music breaks it across a tenth; busier music plays Alberti.
  if ((params.density < 0.3 && ctx.inp.emotion.valence < -0.2) || len < 480) {
    // Rolled chord: bottom to top a 32nd apart, held to the change.
    v.forEach((p, i) => { if (t0 + 40 * i < t1) out.push({ tick: t0 + 40 * i, duration: Math.max(1, len - 40 * i), pitch: p, velocity: v7(vel - 2 * i) }); });
    return out;
  }
  const eighth = 240;
  if (params.density < 0.6) {
    // A tenth in the hand: fifth, octave, tenth over the bass, then back down (Chopin/Satie left hand).
    const third = pcs[1];
    const fifth = pcs[2] ?? pcs[0];
    // The hand's frame starts at the bass (an octave up when the fifth would leave the hand's range).
    let b = bass;
    while (b + 5 < lo) b += 12;
    const f = nearestPitchWithPc(b + 7, [mod12(fifth)], b + 3, b + 9);
    const o = b + 12;
    const t = nearestPitchWithPc(b + 15, [mod12(third)], b + 13, b + 17);
    const fig = [f, o, t, o];
    let k = 0;
    for (let tt = t0 + eighth; tt < t1; tt += eighth, k++) out.push({ tick: tt, duration: Math.min(t1 - tt, eighth * 2), pitch: fig[k % fig.length], velocity: v7(vel - 4 + (k % 4 === 2 ? 3 : 0)) });
    return out;
  }
  // Alberti: low, high, middle, high in eighths on the three lowest voices of the voicing.
  const [a, b, c] = [v[0], v[Math.min(1, v.length - 1)], v[Math.min(2, v.length - 1)]];
  const fig = [a, c, b, c];
  let k = 0;
  for (let tt = t0; tt < t1; tt += eighth, k++) out.push({ tick: tt, duration: Math.min(t1 - tt, eighth), pitch: fig[k % 4], velocity: v7(vel - 4 + (k % 4 === 0 ? 4 : 0)) });
  return out;
}
