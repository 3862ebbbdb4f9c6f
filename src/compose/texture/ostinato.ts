/**
 * purpose: rhythmic layers on the phrase's ostinato pattern (sixteenth grid) — a driving low-string cell on the
 * chord's root and fifth, or rock power chords (root, fifth, octave) — tracking every chord change (a pedal
 * only under chords that contain it), with the accents shifting every two bars (3+3+2 against the pattern) and a
 * marked attack on each chord change.
 */
import { v7, type RawNote } from '../notes.js';
import { nearestPitchWithPc } from '../theory.js';
import { mod12 } from '../../theory/index.js';
import { EPS, type TextureWriter } from './context.js';

/** Sixteenths accented by a 3+3+2 grouping (per half bar of 8), used on alternate 2-bar blocks. */
const SHIFTED = new Set([0, 3, 6]);

export const ostinatoLayer: TextureWriter = (ctx, { voice, lo, hi, baseVel }) => {
  const { inp, spans, from, key, pedalSpan, toTick } = ctx;
  const { params, material } = inp;
  const notes: RawNote[] = [];
  const pat = material.ostinatoPattern;
  const shifted = Math.floor(inp.barInPhrase / 2) % 2 === 1;
  for (let i = 0; i < pat.length; i++) {
    const a = pat[i];
    if (!(a > 0)) continue;
    const beat = from + i * 0.25;
    const si = Math.max(0, spans.findIndex((s, j) => beat >= s.start - EPS && (j === spans.length - 1 || beat < spans[j + 1].start - EPS)));
    const ch = spans[si].chord;
    const rootPc = pedalSpan[si] ? key.tonic : ch.root;
    const base = nearestPitchWithPc(lo + 5, [rootPc], lo, hi - 12);
    const dur = Math.max(40, Math.round(120 * (params.density > 0.6 ? 0.9 : 1.6) * params.articulation));
    const change = i * 120 === toTick(Math.max(spans[si].start, from));
    const acc = shifted ? (SHIFTED.has(i % 8) ? 1 : 0.55) : a;
    const fifth = ch.pcs.includes(mod12(ch.root + 7)) ? 7 : mod12((ch.pcs[2] ?? ch.root) - ch.root);
    if (voice.texture === 'power') {
      // Power chords: root and fifth, the octave on the changes (MUSIC.md rock: overdrive guitar power chords).
      const ps = change || params.density > 0.8 ? [base, base + fifth, base + 12] : [base, base + fifth];
      for (const p of ps) if (p <= hi) notes.push({ tick: i * 120, duration: change ? Math.max(dur, 220) : dur, pitch: p, velocity: v7(baseVel * (0.7 + 0.3 * acc) + (change ? 8 : 0)) });
    } else {
      // Driving cell on root and fifth with the octave on accents; under dread the sixth (a half step above the
      // fifth) darkens it instead of a semitone against the bass.
      const cell = params.dissonance > 0.65 ? [0, 0, fifth, fifth + 1] : [0, 0, fifth, 12];
      let p = base + cell[i % 4];
      if (p > hi) p -= 12;
      notes.push({ tick: i * 120, duration: dur, pitch: p, velocity: v7(baseVel * (0.62 + 0.38 * acc) + (change ? 6 : 0)) });
    }
  }
  return notes;
};
