/**
 * purpose: hit accents laid over any texture — sforzando chord in the chord layers, cymbal + bass drum, a timpani
 * stroke on the root, the bass in octaves (MUSIC.md "landing a hit").
 */
import { v7, type RawNote } from '../notes.js';
import { voiceLead } from '../voicing.js';
import { nearestPitchWithPc } from '../theory.js';
import { clamp } from '../../util/math.js';
import { PPQ } from '../../score/schema.js';
import { GM_DRUMS as GM } from '../../theory/index.js';
import type { TextureWriter } from './context.js';

export const hitAccents: TextureWriter = (ctx, { voice, lo, hi }) => {
  const { inp, spans, barTicks, toTick, blo, bhi } = ctx;
  const notes: RawNote[] = [];
  for (const acc of inp.accents) {
    const t = clamp(acc.tick, 0, barTicks - 1);
    const vel = v7(100 + 27 * acc.salience);
    const len = Math.max(1, Math.min(barTicks - t, Math.round(inp.meter.pulseQ * PPQ)));
    const ch = spans.find((s) => toTick(s.start) <= t)?.chord ?? spans[0].chord;
    if (voice.texture === 'drums') {
      notes.push({ tick: t, duration: Math.min(barTicks - t, 4 * 120), pitch: GM.crash, velocity: vel });
      notes.push({ tick: t, duration: Math.min(barTicks - t, 120), pitch: GM.kick2, velocity: vel });
    } else if (voice.texture === 'timpani') notes.push({ tick: t, duration: Math.min(barTicks - t, 240), pitch: nearestPitchWithPc(45, [ch.root], lo, hi), velocity: vel });
    else if (voice.texture === 'bass') {
      const p = nearestPitchWithPc(blo + 4, [ch.bass], blo, bhi);
      notes.push({ tick: t, duration: len, pitch: p, velocity: vel });
      if (p + 12 <= bhi) notes.push({ tick: t, duration: len, pitch: p + 12, velocity: vel });
    } else if (voice.texture === 'sustain' || voice.texture === 'arpeggio' || voice.texture === 'block' || voice.texture === 'power' || voice.texture === 'ostinato') {
      const v = inp.state.voicings.get(voice.id) ?? voiceLead({ chord: ch, prev: null, voices: 3, lo, hi });
      for (const p of v) notes.push({ tick: t, duration: len, pitch: p, velocity: vel });
    }
  }
  return notes;
};
