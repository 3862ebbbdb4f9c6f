/**
 * purpose: the training corpora as Scores, so eval:music measures them with the same musician's checks
 * (src/eval/) as the generated cues. Bach chorales become 4-voice scores (soprano = melody, alto and tenor =
 * harmony, bass = bass, all choir program 52, one key per chorale as the reader detects it, 4/4 with the
 * reader's bar phase); folk ABC tunes become melody-only scores (program 40, fiddle), so only the melodic
 * figures apply to them. Notes are placed by the reader's bar and position, so bars line up with the reader's.
 * The chorale data cannot tell a held note from a repeated one, and the reader merges equal consecutive
 * pitches: repeated bass notes and re-struck notes are therefore 0 in Bach by construction.
 */
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { readAbc } from '../src/style/corpus/abc.js';
import { readChoraleJson } from '../src/style/corpus/chorales.js';
import type { CorpusNote, CorpusPiece } from '../src/style/corpus/types.js';
import { emptyScore, type KeyEvent, type MeterEvent, type Note, type Score, type Track, type TrackRole } from '../src/score/index.js';

const TONIC_NAMES: ReadonlyArray<KeyEvent['tonic']> = ['C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'];

type Plain = { tick: number; duration: number; pitch: number };

function toNotes(ns: readonly Plain[]): Note[] {
  const sorted = [...ns].sort((a, b) => a.tick - b.tick);
  // a note never overlaps its successor in the same voice (short ABC bars are padded, not compressed)
  return sorted.map((n, i) => {
    const next = sorted[i + 1];
    const d = next && next.tick < n.tick + n.duration ? next.tick - n.tick : n.duration;
    return { tick: n.tick, duration: Math.max(1, d), pitch: n.pitch, velocity: 80 };
  }).filter((n, i, a) => i === 0 || n.tick !== a[i - 1].tick);
}

const placed = (ns: readonly CorpusNote[], barQuarters: number): Plain[] =>
  ns.map((n) => ({ tick: Math.round((n.bar * barQuarters + n.pos) * 480), duration: Math.max(1, Math.round(n.duration * 480)), pitch: n.pitch }));

/** A Score from a reader's piece plus optional extra voices (already in ticks). */
export function pieceToScore(p: CorpusPiece, voices: Array<{ role: TrackRole; name: string; program: number; notes: Plain[] }>): Score {
  const s = emptyScore({ title: p.title ?? p.id, meter: [p.meter.numerator, p.meter.denominator as MeterEvent['denominator']], key: { tonic: TONIC_NAMES[p.key.tonic], mode: p.key.mode } });
  s.tracks = voices.map((v, i): Track => ({ name: v.name, role: v.role, program: v.program, channel: i, volume: 100, pan: 0, notes: toNotes(v.notes), controllers: [] }));
  s.endTick = Math.max(0, ...s.tracks.flatMap((t) => t.notes.map((n) => n.tick + n.duration)));
  return s;
}

/** One voice of a separated chorale ([S, A, T, B] per sixteenth, −1 = silence), equal consecutive pitches merged as the reader does. */
function rawVoice(steps: number[][], k: number, stepBeats: number, offsetBeats: number): Plain[] {
  const out: Plain[] = [];
  let open: Plain | undefined;
  steps.forEach((s, t) => {
    const p = s[k];
    if (open && open.pitch === p) open.duration += stepBeats * 480;
    else {
      open = undefined;
      if (p >= 0) {
        open = { tick: Math.round((t * stepBeats + offsetBeats) * 480), duration: stepBeats * 480, pitch: p };
        out.push(open);
      }
    }
  });
  return out;
}

/** Bach chorales (Jsb16thSeparated.json) as 4-voice Scores. */
export function choraleScores(jsbDir: string, max = Infinity): Score[] {
  const file = join(jsbDir, 'Jsb16thSeparated.json');
  if (!existsSync(file)) return [];
  const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, number[][][]>;
  const out: Score[] = [];
  for (const p of readChoraleJson(data, file).pieces) {
    if (out.length >= max) break;
    const m = /#(\w+)\/(\d+)$/.exec(p.id);
    const steps = m ? data[m[1]]?.[Number(m[2])] : undefined;
    if (!steps || !p.bass) continue;
    const first = p.melody[0];
    const offset = first.bar * 4 + first.pos - first.onset;
    out.push(pieceToScore(p, [
      { role: 'melody', name: 'Soprano', program: 52, notes: placed(p.melody, 4) },
      { role: 'harmony', name: 'Alto', program: 52, notes: rawVoice(steps, 1, 0.25, offset) },
      { role: 'harmony', name: 'Tenor', program: 52, notes: rawVoice(steps, 2, 0.25, offset) },
      { role: 'bass', name: 'Bass', program: 52, notes: placed(p.bass, 4) },
    ]));
  }
  return out;
}

/**
 * Files under `dir` (recursively, sorted) whose names end in `ext`, at most `max`.
 * @example filesUnder(join(corpora, 'folk-abc-music21-pd'), '.abc', 40) // the first 40 .abc files, in name order
 */
export function filesUnder(dir: string, ext: string, max: number): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      if (out.length >= max) return;
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(ext)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** Folk ABC tunes (at most `maxFiles` files, tunes of ≥ 8 notes) as melody-only Scores. */
export function folkScores(folkDir: string, maxFiles = 200): Score[] {
  if (!existsSync(folkDir)) return [];
  const out: Score[] = [];
  for (const f of filesUnder(folkDir, '.abc', maxFiles))
    for (const p of readAbc(readFileSync(f, 'utf8'), f).pieces) {
      if (p.melody.length < 8) continue;
      const barQuarters = (p.meter.numerator * 4) / p.meter.denominator;
      out.push(pieceToScore(p, [{ role: 'melody', name: 'Fiddle', program: 40, notes: placed(p.melody, barQuarters) }]));
    }
  return out;
}
