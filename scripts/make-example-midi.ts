/**
 * purpose: build the example piece shipped in examples/ — "The Lighthouse (theme)", 20 bars, four tracks
 * (flute melody, string harmony, bass, drums) — as a Score, deterministically, and write
 * examples/example.mid and examples/example.score.json. The README's render example uses the .mid.
 *
 * Form: intro (bars 1–4, strings and bass swell in with CC11), A (5–12, D minor, the theme with drums, an
 * accelerando into B), B (13–20, the relative major F, climax at bar 16, ritardando into a held final chord).
 * Markers: cue "1m1" at the start, a hit point on the downbeat of B. Same script ⇒ identical bytes.
 *
 * Run: npx tsx scripts/make-example-midi.ts [--out-dir examples]
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addTrack, assertValidScore, emptyScore, normalizeScore, ScoreSchema, TempoMap, type Score } from '../src/score/index.js';
import { Rng } from '../src/util/rng.js';
import { writeFileAtomic } from '../src/io/atomic-write.js';
import { writeMidiFile } from '../src/render/midi/index.js';

const BAR = 1920;
const Q = 480;
const bar = (n: number) => (n - 1) * BAR; // 1-based bar → tick

/** Pitch names → MIDI (C4 = 60), e.g. "Bb5", "C#5". */
function midi(name: string): number {
  const m = /^([A-G])(#|b)?(-?\d)$/.exec(name);
  if (!m) throw new Error(`bad note name ${name}`);
  const pc = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 }[m[1] as 'C'] + (m[2] === '#' ? 1 : m[2] === 'b' ? -1 : 0);
  return pc + (Number(m[3]) + 1) * 12;
}

/** Chords per bar (or half bar) as pitch classes; root first. */
const CHORDS: Record<string, number[]> = {
  Dm: [2, 5, 9], Bb: [10, 2, 5], Gm: [7, 10, 2], A: [9, 1, 4], A7: [9, 1, 4, 7], F: [5, 9, 0], C: [0, 4, 7], C7: [0, 4, 7, 10],
};
// [bar, beat offset in quarters, chord, length in quarters]
const PROGRESSION: Array<[number, number, string, number]> = [
  [1, 0, 'Dm', 4], [2, 0, 'Bb', 4], [3, 0, 'Gm', 4], [4, 0, 'A', 4],
  [5, 0, 'Dm', 4], [6, 0, 'Gm', 4], [7, 0, 'C', 4], [8, 0, 'Dm', 4],
  [9, 0, 'Dm', 4], [10, 0, 'Bb', 4], [11, 0, 'Gm', 2], [11, 2, 'A7', 2], [12, 0, 'Dm', 4],
  [13, 0, 'F', 4], [14, 0, 'C', 4], [15, 0, 'Dm', 4], [16, 0, 'Bb', 4],
  [17, 0, 'F', 4], [18, 0, 'Gm', 2], [18, 2, 'C7', 2], [19, 0, 'F', 8],
];

// The theme: [bar, beat, note, quarters]
const MELODY: Array<[number, number, string, number]> = [
  [5, 0, 'D5', 1.5], [5, 1.5, 'E5', 0.5], [5, 2, 'F5', 1], [5, 3, 'A5', 1],
  [6, 0, 'G5', 3], [6, 3, 'F5', 1],
  [7, 0, 'E5', 1], [7, 1, 'D5', 1], [7, 2, 'C5', 1], [7, 3, 'E5', 1],
  [8, 0, 'D5', 3], [8, 3, 'A4', 1],
  [9, 0, 'D5', 1.5], [9, 1.5, 'E5', 0.5], [9, 2, 'F5', 1], [9, 3, 'A5', 1],
  [10, 0, 'Bb5', 3], [10, 3, 'A5', 1],
  [11, 0, 'G5', 1], [11, 1, 'F5', 1], [11, 2, 'E5', 1], [11, 3, 'C#5', 1],
  [12, 0, 'D5', 2], [12, 2, 'F5', 0.5], [12, 2.5, 'G5', 0.5], [12, 3, 'A5', 1], // pickup into B
  [13, 0, 'C6', 2], [13, 2, 'A5', 1], [13, 3, 'F5', 1],
  [14, 0, 'G5', 3], [14, 3, 'E5', 1],
  [15, 0, 'F5', 1], [15, 1, 'E5', 1], [15, 2, 'D5', 1], [15, 3, 'A5', 1],
  [16, 0, 'Bb5', 2], [16, 2, 'D6', 2], // climax
  [17, 0, 'C6', 2], [17, 2, 'A5', 1], [17, 3, 'F5', 1],
  [18, 0, 'G5', 2], [18, 2, 'E5', 1], [18, 3, 'Bb5', 1],
  [19, 0, 'A5', 8], // held across the barline to the end
];

export function buildExampleScore(): Score {
  const rng = new Rng('leitmotif-example-v1');
  const human = rng.fork('velocity');
  const s = emptyScore({ title: 'The Lighthouse (theme)', bpm: 84, key: { tonic: 'D', mode: 'minor' } });
  s.keys.push({ tick: bar(13), tonic: 'F', mode: 'major' });
  s.tempo = [
    { tick: 0, bpm: 84, ramp: 'step' },
    { tick: bar(12), bpm: 84, ramp: 'linear' }, // accelerando through bar 12 …
    { tick: bar(13), bpm: 96, ramp: 'step' }, // … into B
    { tick: bar(19), bpm: 96, ramp: 'linear' }, // ritardando over the last two bars
    { tick: bar(20) + 2 * Q, bpm: 66, ramp: 'step' },
  ];
  s.endTick = bar(21);
  s.sections = [
    { name: 'Intro', kind: 'intro', tick: 0, endTick: bar(5) },
    { name: 'A', kind: 'phrase', tick: bar(5), endTick: bar(13) },
    { name: 'B', kind: 'climax', tick: bar(13), endTick: bar(21) },
  ];
  s.markers = [{ tick: 0, text: '1m1', kind: 'cue' }];
  s.meta = { generator: 'scripts/make-example-midi.ts', seed: rng.seed };

  const vel = (base: number, spread = 6) => Math.max(1, Math.min(127, Math.round(base + (human.next() * 2 - 1) * spread)));

  // Melody: flute, phrased louder toward the climax.
  const flute = addTrack(s, { name: 'Flute', role: 'melody', program: 73, channel: 0, volume: 104, pan: -0.15 });
  for (const [b, beat, name, len] of MELODY) {
    const tick = bar(b) + beat * Q;
    const arc = b >= 13 ? 92 + (b === 16 ? 14 : 0) : 80;
    flute.notes.push({ tick, duration: Math.round(len * Q) - (len >= 2 ? 24 : 12), pitch: midi(name), velocity: vel(arc + (beat === 0 ? 6 : 0)) });
  }
  for (let b = 5; b <= 20; b += 4) {
    // CC11 expression: each four-bar phrase swells to its third bar and relaxes.
    for (let k = 0; k <= 16; k++) flute.controllers.push({ tick: bar(b) + k * Q, controller: 11, value: Math.round(84 + 30 * Math.sin((Math.PI * k) / 20)) });
  }

  // Harmony: strings in close position, voice-led (each chord the inversion nearest the last).
  const strings = addTrack(s, { name: 'Strings', role: 'harmony', program: 48, channel: 1, volume: 92, pan: 0.2 });
  let prev = [57, 62, 65];
  for (const [b, beat, chord, len] of PROGRESSION) {
    const voicing = nearestVoicing(CHORDS[chord].slice(0, 3), prev);
    prev = voicing;
    const tick = bar(b) + beat * Q;
    for (const p of voicing) strings.notes.push({ tick, duration: len * Q, pitch: p, velocity: vel(66, 4) });
  }
  // CC11 swell: the intro fades in from near silence; B swells to the climax at bar 16 and settles.
  for (let k = 0; k <= 32; k++) strings.controllers.push({ tick: k * (Q / 2), controller: 11, value: Math.round(30 + 80 * (k / 32)) });
  for (let k = 0; k <= 24; k++) strings.controllers.push({ tick: bar(13) + k * Q, controller: 11, value: Math.round(96 + 31 * Math.sin((Math.PI * Math.min(k, 16)) / 32) * (k <= 16 ? 1 : 1 - (k - 16) / 16)) });

  // Bass: root on 1, anticipation on the "and" of 2, fifth on 3; whole notes in the intro and at the end.
  const bass = addTrack(s, { name: 'Bass', role: 'bass', program: 33, channel: 2, volume: 100 });
  for (const [b, beat, chord, len] of PROGRESSION) {
    const root = bassNote(CHORDS[chord][0]);
    const fifth = bassNote(CHORDS[chord][2]);
    const tick = bar(b) + beat * Q;
    if (b <= 4 || b >= 19 || len < 4) {
      bass.notes.push({ tick, duration: len * Q - 20, pitch: root, velocity: vel(88) });
      continue;
    }
    bass.notes.push(
      { tick, duration: 1.5 * Q - 20, pitch: root, velocity: vel(98) },
      { tick: tick + 1.5 * Q, duration: 0.5 * Q - 10, pitch: root, velocity: vel(80) },
      { tick: tick + 2 * Q, duration: 2 * Q - 20, pitch: fifth, velocity: vel(90) },
    );
  }

  // Drums (channel 10): from bar 5; crash on section downbeats; a tom fill leading into B.
  const drums = addTrack(s, { name: 'Drums', role: 'percussion', program: 0, channel: 9, volume: 96 });
  const hit = (tick: number, pitch: number, v: number) => drums.notes.push({ tick, duration: 60, pitch, velocity: vel(v, 5) });
  for (let b = 5; b <= 18; b++) {
    const t0 = bar(b);
    const fill = b === 12;
    for (let e = 0; e < 8; e++) if (!(fill && e >= 4)) hit(t0 + e * 240, 42, e % 2 ? 62 : 78);
    hit(t0, 36, 108);
    hit(t0 + 2 * Q, 36, 96);
    if (b % 2 === 0) hit(t0 + 2.5 * Q, 36, 84);
    hit(t0 + Q, 38, 100);
    if (!fill) hit(t0 + 3 * Q, 38, 102);
    if (fill) [50, 50, 48, 48, 47, 47, 45, 45].forEach((p, i) => hit(t0 + 2 * Q + i * 120, p, 88 + i * 3));
  }
  for (const b of [5, 13]) hit(bar(b), 49, 112);
  hit(bar(19), 49, 100);
  hit(bar(19), 36, 100);

  // The hit point: the downbeat of B, with the time it lands at.
  const map = new TempoMap(s.tempo);
  s.hits = [{ tick: bar(13), label: 'lighthouse beam', seconds: Number(map.ticksToSeconds(bar(13)).toFixed(3)), salience: 1 }];

  const out = normalizeScore(s);
  assertValidScore(out, 'example score');
  return out;
}

/** The voicing of `pcs` (root-position pitch classes) closest to `prev`, within G3–E5. */
function nearestVoicing(pcs: number[], prev: number[]): number[] {
  let best: number[] = [];
  let bestCost = Infinity;
  for (let inv = 0; inv < 3; inv++) {
    for (let base = 48; base <= 66; base++) {
      if (base % 12 !== pcs[inv]) continue;
      const v = [base];
      for (let i = 1; i < 3; i++) {
        let p = v[i - 1] + 1;
        while (p % 12 !== pcs[(inv + i) % 3]) p++;
        v.push(p);
      }
      if (v[0] < 55 || v[2] > 76) continue;
      const cost = v.reduce((c, p, i) => c + Math.abs(p - prev[i]), 0);
      if (cost < bestCost) [best, bestCost] = [v, cost];
    }
  }
  return best;
}

/** A bass pitch class placed in E1–D#2 (MIDI 28–39), the bass guitar's bottom octave. */
const bassNote = (pc: number) => 24 + pc + (pc < 4 ? 12 : 0);

/**
 * The Score as pretty JSON in schema key order, each note/controller/event object on one line: readable,
 * diffable, and a third of the size of fully indented JSON.
 */
export function exampleScoreJson(score: Score): string {
  return JSON.stringify(ScoreSchema.parse(score), null, 2).replace(/\{\n\s+([^{}[\]]*?)\n\s+\}/g, (_, body: string) => `{ ${body.replace(/,\n\s+/g, ', ')} }`) + '\n';
}

function main() {
  const args = process.argv.slice(2);
  const i = args.indexOf('--out-dir');
  const dir = resolve(i >= 0 && args[i + 1] ? args[i + 1] : join(fileURLToPath(new URL('..', import.meta.url)), 'examples'));
  const score = buildExampleScore();
  writeMidiFile(join(dir, 'example.mid'), score);
  writeFileAtomic(join(dir, 'example.score.json'), exampleScoreJson(score));
  const notes = score.tracks.reduce((n, t) => n + t.notes.length, 0);
  process.stdout.write(`wrote ${join(dir, 'example.mid')} and example.score.json: ${score.tracks.length} tracks, ${notes} notes, ${score.endTick / BAR} bars\n`);
}

if (process.argv[1] && /make-example-midi\.ts$/.test(process.argv[1])) main();
