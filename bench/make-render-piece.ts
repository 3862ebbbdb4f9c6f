/**
 * purpose: build the fixed piece the render benchmark plays — 3 minutes, 8 General MIDI tracks, 100 BPM 4/4,
 * A minor — deterministically from a seed, and write it as bench/fixtures/render-piece.mid (committed, ~30 KB).
 * Run: npx tsx bench/make-render-piece.ts   (re-running writes byte-identical output)
 *
 * The texture is a typical underscore cue: sustained strings and choir pad, piano arpeggios, pizzicato ostinato,
 * bass, a flute melody with clarinet counter-line, and a drum groove — so polyphony and effects load are realistic
 * (≈ 20–40 simultaneous voices), not a sine test.
 */
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { emptyScore, addTrack, type Score, type Note } from '../src/score/index.js';
import { scoreToMidi } from '../src/render/midi/index.js';
import { writeFileAtomic } from '../src/io/atomic-write.js';
import { Rng } from '../src/util/rng.js';

export const PIECE_PATH = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'render-piece.mid');
const BPM = 100;
const BARS = 75; // 75 bars × 4 beats at 100 BPM = 180 s
const Q = 480;
const BAR = 4 * Q;

// i – VI – III – VII – iv – i – V – V in A minor, as chord roots (MIDI) and qualities.
const PROGRESSION: Array<[number, 'min' | 'maj']> = [[57, 'min'], [53, 'maj'], [48, 'maj'], [55, 'maj'], [50, 'min'], [57, 'min'], [52, 'maj'], [52, 'maj']];
const triad = (root: number, q: 'min' | 'maj') => [root, root + (q === 'min' ? 3 : 4), root + 7];
const A_MINOR = [0, 2, 3, 5, 7, 8, 11]; // harmonic minor pitch classes over A

export function makeRenderPiece(seed = 2026): Score {
  const rng = new Rng(seed);
  const s = emptyScore({ title: 'Leitmotif render benchmark', bpm: BPM, key: { tonic: 'A', mode: 'minor' } });
  const fl = addTrack(s, { name: 'Flute', role: 'melody', program: 73, channel: 0, volume: 100, pan: -0.2 });
  const cl = addTrack(s, { name: 'Clarinet', role: 'counter', program: 71, channel: 1, volume: 90, pan: 0.25 });
  const str = addTrack(s, { name: 'Strings', role: 'harmony', program: 48, channel: 2, volume: 92, pan: 0 });
  const pad = addTrack(s, { name: 'Choir Pad', role: 'pad', program: 52, channel: 3, volume: 75, pan: 0 });
  const pno = addTrack(s, { name: 'Piano', role: 'harmony', program: 0, channel: 4, volume: 85, pan: 0.1 });
  const piz = addTrack(s, { name: 'Pizzicato', role: 'ostinato', program: 45, channel: 5, volume: 88, pan: -0.35 });
  const bass = addTrack(s, { name: 'Contrabass', role: 'bass', program: 43, channel: 6, volume: 100, pan: 0 });
  const drums = addTrack(s, { name: 'Drums', role: 'percussion', program: 0, channel: 9, volume: 95, pan: 0 });
  const note = (notes: Note[], tick: number, duration: number, pitch: number, velocity: number) =>
    notes.push({ tick, duration, pitch, velocity: Math.max(1, Math.min(127, Math.round(velocity))) });

  let melodyPitch = 76;
  for (let bar = 0; bar < BARS; bar++) {
    const t0 = bar * BAR;
    const [root, q] = PROGRESSION[bar % PROGRESSION.length];
    const chord = triad(root, q);
    // Dynamics arc: build to bar 50, fall away to the end (velocity offset −15 … +15).
    const arc = bar < 50 ? -15 + (30 * bar) / 50 : 15 - (30 * (bar - 50)) / 25;
    const section = Math.floor(bar / 16); // texture enters in layers
    // Strings: whole-bar chord, voiced an octave up.
    for (const p of chord) note(str.notes, t0, BAR - 20, p + 12, 70 + arc);
    // Choir pad from section 1.
    if (section >= 1) for (const p of [chord[0], chord[2] + 12]) note(pad.notes, t0, BAR - 10, p, 60 + arc);
    // Piano: eighth-note arpeggio.
    const arp = [chord[0], chord[1], chord[2], chord[1] + 12, chord[2] + 12, chord[1] + 12, chord[2], chord[1]];
    arp.forEach((p, i) => note(pno.notes, t0 + (i * Q) / 2, Q / 2 - 10, p + 12, 62 + arc + rng.int(-6, 6)));
    // Pizzicato ostinato on quarter notes from section 1.
    if (section >= 1) for (let b = 0; b < 4; b++) note(piz.notes, t0 + b * Q, Q / 2, chord[b % 3] + (b === 3 ? 12 : 0), 75 + arc);
    // Bass: root on 1, fifth on 3.
    note(bass.notes, t0, 2 * Q - 20, root - 24, 90 + arc);
    note(bass.notes, t0 + 2 * Q, 2 * Q - 20, root - 17, 84 + arc);
    // Melody: stepwise random walk in A harmonic minor, phrases of 2 bars with a breath.
    if (bar >= 4) {
      let t = t0;
      const rhythm = bar % 2 === 0 ? [Q, Q / 2, Q / 2, Q, Q] : [Q * 1.5, Q / 2, Q * 2];
      for (let i = 0; i < rhythm.length; i++) {
        const isLast = bar % 2 === 1 && i === rhythm.length - 1;
        if (!isLast) {
          let step = rng.pick([-2, -1, -1, 1, 1, 2]);
          if (melodyPitch > 84) step = -Math.abs(step);
          if (melodyPitch < 69) step = Math.abs(step);
          melodyPitch = stepInScale(melodyPitch, step);
        }
        note(fl.notes, t, rhythm[i] - 30, melodyPitch, 85 + arc + rng.int(-5, 5));
        t += rhythm[i];
      }
    }
    // Counter-line: half notes a sixth below the melody's chord tone, from section 2.
    if (section >= 2) for (let h = 0; h < 2; h++) note(cl.notes, t0 + h * 2 * Q, 2 * Q - 30, chord[(h + 1) % 3] + 12, 72 + arc);
    // Drums from bar 8: kick 1 & 3, snare 2 & 4, closed hat eighths, crash every 8 bars.
    if (bar >= 8) {
      for (let b = 0; b < 4; b++) note(drums.notes, t0 + b * Q, 120, b % 2 ? 38 : 36, (b % 2 ? 88 : 100) + arc);
      for (let e = 0; e < 8; e++) note(drums.notes, t0 + (e * Q) / 2, 60, 42, 60 + arc + rng.int(-8, 8));
      if (bar % 8 === 0) note(drums.notes, t0, Q, 49, 100 + arc);
    }
  }
  s.endTick = BARS * BAR;
  return s;
}

function stepInScale(pitch: number, step: number): number {
  let p = pitch;
  const dir = Math.sign(step);
  for (let k = 0; k < Math.abs(step); k++) {
    do p += dir;
    while (!A_MINOR.includes((((p - 57) % 12) + 12) % 12));
  }
  return p;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const bytes = scoreToMidi(makeRenderPiece());
  writeFileAtomic(PIECE_PATH, bytes);
  console.log(`wrote ${PIECE_PATH} (${bytes.length} bytes)`);
}
