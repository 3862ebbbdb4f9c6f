/**
 * purpose: rhythmic layers on the phrase's ostinato pattern (sixteenth grid) — a spiccato string cell, or power
 * chords (root, fifth, octave) for rock — tracking the chord root (or the tonic under a pedal).
 */
import { v7, type RawNote } from '../notes.js';
import { nearestPitchWithPc } from '../theory.js';
import { EPS, type TextureWriter } from './context.js';

export const ostinatoLayer: TextureWriter = (ctx, { voice, lo, hi, baseVel }) => {
  const { inp, spans, from, key } = ctx;
  const { params, material } = inp;
  const notes: RawNote[] = [];
  const pat = material.ostinatoPattern;
  for (let i = 0; i < pat.length; i++) {
    const a = pat[i];
    if (!(a > 0)) continue;
    const beat = from + i * 0.25;
    const si = Math.max(0, spans.findIndex((s, j) => beat >= s.start - EPS && (j === spans.length - 1 || beat < spans[j + 1].start - EPS)));
    const ch = spans[si].chord;
    const rootPc = params.devices.pedal ? key.tonic : ch.root;
    const base = nearestPitchWithPc(lo + 5, [rootPc], lo, hi - 12);
    const dur = Math.max(40, Math.round(120 * (params.density > 0.6 ? 0.9 : 1.6) * params.articulation));
    if (voice.texture === 'power') {
      // Power chords: root, fifth, octave (MUSIC.md rock: overdrive guitar power chords).
      for (const p of [base, base + 7, base + 12]) if (p <= hi) notes.push({ tick: i * 120, duration: dur, pitch: p, velocity: v7(baseVel * (0.7 + 0.3 * a)) });
    } else {
      // Spiccato cell: root with the upper fifth/octave on accents; a semitone neighbour under dread.
      const cell = params.dissonance > 0.65 ? [0, 0, 1, 0] : [0, 0, 7, 12];
      let p = base + cell[i % 4];
      if (p > hi) p -= 12;
      notes.push({ tick: i * 120, duration: dur, pitch: p, velocity: v7(baseVel * (0.62 + 0.38 * a)) });
    }
  }
  return notes;
};
