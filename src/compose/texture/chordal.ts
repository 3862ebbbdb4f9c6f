/**
 * purpose: the chord layers — sustained (with 4–3 / 9–8 suspensions), block chords on the pulse, and broken-chord
 * arpeggios — voice-led from the previous voicing against the shared bass.
 */
import { v7, type RawNote } from '../notes.js';
import { voiceLead } from '../voicing.js';
import { PPQ } from '../../score/schema.js';
import { EPS, type TextureWriter } from './context.js';

export const chordLayer: TextureWriter = (ctx, { voice, lo, hi, baseVel }) => {
  const { inp, spans, bassPitches, prevBassBefore, from, to, toTick } = ctx;
  const { params, state, meter } = inp;
  const notes: RawNote[] = [];
  const nVoices = voice.role === 'pad' ? 3 : params.weight > 0.4 ? 4 : 3;
  const prevSounding = state.sounding.get(voice.id) ?? new Set<number>();
  const arp = voice.texture === 'arpeggio' && !(inp.style === 'piano' && params.density > 0.78);
  const block = voice.texture === 'block' || (voice.texture === 'arpeggio' && !arp);
  spans.forEach((s, si) => {
    const prevV = state.voicings.get(voice.id) ?? null;
    const v = voiceLead({ chord: s.chord, prev: prevV, voices: nVoices, lo, hi, bass: bassPitches[si], prevBass: si > 0 ? bassPitches[si - 1] : prevBassBefore });
    state.voicings.set(voice.id, v);
    const sStart = Math.max(s.start, from), sEnd = Math.min(s.start + s.dur, to);
    const t0 = toTick(sStart), t1 = toTick(sEnd);
    const vel = baseVel - (voice.role === 'pad' ? 18 : 12);
    if (arp) {
      // Broken chords (harp/piano/atmosphere arpeggios; chiptune's fast arps): step by density.
      const step = inp.style === 'chiptune' || params.density > 0.62 ? 120 : params.density > 0.3 ? 240 : 480;
      const seq = [...v, v[1] + 12 <= hi ? v[1] + 12 : v[v.length - 1]];
      const order = params.density > 0.5 ? [...seq, ...seq.slice(1, -1).reverse()] : seq;
      let k = 0;
      for (let t = t0; t < t1; t += step, k++) {
        const p = order[k % order.length];
        notes.push({ tick: t, duration: Math.min(t1 - t, inp.style === 'chiptune' ? step : step * 2), pitch: p, velocity: v7(vel - 4 + (k === 0 ? params.accent * 0.5 : 0)) });
      }
    } else if (block) {
      const step = Math.round(meter.pulseQ * PPQ);
      for (let t = t0; t < t1; t += step) for (const p of v) notes.push({ tick: t, duration: Math.max(1, Math.min(t1 - t, Math.round(step * params.articulation))), pitch: p, velocity: v7(vel + (t === t0 ? params.accent * 0.5 : 0)) });
    } else {
      const suspend = params.devices.suspensions && voice.role !== 'pad' && s.start >= from - EPS && prevV && prevV.length === v.length;
      v.forEach((p, vi) => {
        const held = prevSounding.has(p) && (s.start < from - EPS || sStart === from);
        // 4–3 / 9–8 suspension: a voice that falls by step holds its old note for one pulse (grief/tender colour).
        const prevP = prevV ? prevV[vi] : p;
        if (suspend && prevP - p >= 1 && prevP - p <= 2 && t1 - t0 > meter.pulseQ * PPQ) {
          const d = Math.round(meter.pulseQ * PPQ);
          notes.push({ tick: t0, duration: d, pitch: prevP, velocity: v7(vel), tie: sStart === from && prevSounding.has(prevP) });
          notes.push({ tick: t0 + d, duration: t1 - t0 - d, pitch: p, velocity: v7(vel - 6) });
        } else notes.push({ tick: t0, duration: Math.max(1, t1 - t0), pitch: p, velocity: v7(vel), tie: held && t0 === 0 });
      });
    }
  });
  return notes;
};
