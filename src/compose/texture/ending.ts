/**
 * purpose: the "button" ending — one short tutti stab of the final chord on the downbeat, then silence
 * (MUSIC.md "an ending: cadence, tail, or a designed button").
 */
import { v7, type RawNote } from '../notes.js';
import { voiceLead } from '../voicing.js';
import { nearestPitchWithPc } from '../theory.js';
import { PPQ } from '../../score/schema.js';
import type { TextureWriter } from './context.js';

export const buttonStab: TextureWriter = (ctx, { voice, lo, hi, baseVel }) => {
  const { inp, spans, blo, bhi } = ctx;
  const ch = spans[spans.length - 1].chord;
  const pitches = voice.texture === 'bass' ? [nearestPitchWithPc(blo + 7, [ch.root], blo, bhi)] : voiceLead({ chord: ch, prev: inp.state.voicings.get(voice.id) ?? null, voices: voice.texture === 'melody' ? 1 : 3, lo, hi });
  const notes: RawNote[] = [];
  for (const p of pitches) notes.push({ tick: 0, duration: Math.round(inp.meter.pulseQ * PPQ * 0.9), pitch: p, velocity: v7(baseVel + inp.params.accent) });
  return notes;
};
