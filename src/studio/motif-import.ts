/**
 * purpose: a motif from outside — a MIDI file or typed notes ("E4 G4/2 A4 r B4/0.5") — turned into the cue
 * spec's motif form (cue/spec.ts: diatonic degrees from the motif's own tonic, lengths in beats), so it can be a
 * character's leitmotif or a cue's theme and compose transposes it into each cue's key and mode.
 */
import { midiToScore } from '../render/midi/midi-to-score.js';
import { detectKey, pitchClassHistogram } from '../style/key-detect.js';
import { MODE_SCALES, mod12, LETTER_PC, pcOfName, type Mode } from '../theory/index.js';
import type { MotifNote } from '../cue/spec.js';
import { PPQ, type Note } from '../score/schema.js';
import { LeitmotifError } from '../util/errors.js';

export const MAX_MOTIF_NOTES = 64;

export interface ImportedMotif {
  notes: MotifNote[];
  /** The motif's own key (the tonic its degrees count from). */
  tonic: number;
  mode: Mode;
  /** The absolute pitches read, for showing what was understood. */
  pitches: number[];
}

const bad = (msg: string, hint: string) => new LeitmotifError('LM_ERR_INPUT_INVALID', msg, { hint });

/** A MIDI pitch as a diatonic degree (+ alteration) of `tonicPitch`'s mode. */
export function degreeOf(pitch: number, tonicPitch: number, mode: Mode): { degree: number; alter: number } {
  const scale = MODE_SCALES[mode];
  const semis = pitch - tonicPitch;
  const octave = Math.floor(semis / 12);
  const within = mod12(semis);
  const exact = scale.indexOf(within);
  if (exact >= 0) return { degree: octave * 7 + exact, alter: 0 };
  // Chromatic: spell as the scale step below raised (a sharp), the way a melody leads upward.
  let below = 0;
  for (let i = 0; i < scale.length; i++) if (scale[i] < within) below = i;
  return { degree: octave * 7 + below, alter: within - scale[below] };
}

/** Quantise to a 16th and keep within the spec's 16-beat note limit. */
const beatsOf = (ticks: number) => Math.min(16, Math.max(0.25, Math.round((ticks / PPQ) * 4) / 4));

/** A monophonic line as spec motif notes (rests fill gaps of a 16th or more). */
export function motifFromLine(line: ReadonlyArray<Pick<Note, 'tick' | 'duration' | 'pitch'>>, key?: { tonic: number; mode: Mode }): ImportedMotif {
  if (line.length === 0) throw bad('the motif has no notes', 'give at least one note, e.g. "E4 G4 A4"');
  if (line.length > MAX_MOTIF_NOTES) throw bad(`the motif has ${line.length} notes; a motif holds at most ${MAX_MOTIF_NOTES}`, 'import a shorter phrase (a motif is a few bars)');
  const k = key ?? detectKey(pitchClassHistogram(line.map((n) => ({ pitch: n.pitch, duration: n.duration }))), { tonicHint: mod12(line[line.length - 1].pitch) });
  const mode: Mode = k.mode;
  // Count degrees from the tonic at or below the first note, so the motif keeps its contour.
  const first = line[0].pitch;
  const tonicPitch = first - mod12(first - k.tonic);
  const notes: MotifNote[] = [];
  for (let i = 0; i < line.length; i++) {
    const n = line[i];
    if (i > 0) {
      const prevEnd = line[i - 1].tick + line[i - 1].duration;
      if (n.tick - prevEnd >= PPQ / 4) notes.push({ degree: 0, alter: 0, beats: beatsOf(n.tick - prevEnd), rest: true });
    }
    const next = line[i + 1];
    const len = next ? Math.min(n.duration, next.tick - n.tick) : n.duration;
    const d = degreeOf(n.pitch, tonicPitch, mode);
    notes.push({ degree: Math.max(-21, Math.min(28, d.degree)), alter: Math.max(-2, Math.min(2, d.alter)), beats: beatsOf(len), rest: false });
  }
  if (notes.length > MAX_MOTIF_NOTES) throw bad(`the motif has ${notes.length} notes and rests; a motif holds at most ${MAX_MOTIF_NOTES}`, 'import a shorter phrase');
  return { notes, tonic: k.tonic, mode, pitches: line.map((n) => n.pitch) };
}

/** The top line of the busiest pitched track (skyline: the highest note at each onset, cut at the next onset). */
export function melodyLine(notes: ReadonlyArray<Note>): Note[] {
  const byTick = new Map<number, Note>();
  for (const n of notes) {
    const cur = byTick.get(n.tick);
    if (!cur || n.pitch > cur.pitch) byTick.set(n.tick, n);
  }
  return [...byTick.values()].sort((a, b) => a.tick - b.tick);
}

/**
 * A motif from MIDI file bytes: the pitched track with the most notes, its top line, in its detected key.
 * @example motifFromMidi(readFileSync('theme.mid')).notes[0] // { degree: 0, alter: 0, beats: 1, rest: false }
 */
export function motifFromMidi(bytes: Uint8Array): ImportedMotif {
  const score = midiToScore(bytes);
  // The melody track when the file says which; else the busiest pitched track.
  const pitched = score.tracks.filter((t) => t.channel !== 9 && t.notes.length > 0).sort((a, b) => Number(b.role === 'melody') - Number(a.role === 'melody') || b.notes.length - a.notes.length);
  if (!pitched.length) throw bad('the MIDI file has no pitched notes', 'export the theme as a MIDI track with notes (not drums only)');
  const line = melodyLine(pitched[0].notes).slice(0, MAX_MOTIF_NOTES);
  const key = score.keys[0] ? { tonic: pcOfName(score.keys[0].tonic) ?? 0, mode: score.keys[0].mode } : undefined;
  return motifFromLine(line, key);
}

const NOTE_RE = /^([A-Ga-g])([#b]{0,2})(-?\d)?(?:\/(\d+(?:\.\d+)?))?$/;
const REST_RE = /^[rR](?:\/(\d+(?:\.\d+)?))?$/;

/**
 * Typed notes: pitch names with an optional octave (default 4) and "/beats" (default 1); "r" is a rest.
 * @example motifFromText('E4 G4/0.5 A4/0.5 r B4/2').notes.length // 5
 */
export function motifFromText(text: string): ImportedMotif {
  const tokens = text.trim().split(/[\s,]+/).filter(Boolean);
  if (!tokens.length) throw bad('no notes typed', 'type notes like "E4 G4/0.5 A4/0.5 r B4/2" (name, octave, /beats; r = rest)');
  if (tokens.length > MAX_MOTIF_NOTES) throw bad(`${tokens.length} notes typed; a motif holds at most ${MAX_MOTIF_NOTES}`, 'type a shorter phrase');
  const line: Array<Pick<Note, 'tick' | 'duration' | 'pitch'>> = [];
  let tick = 0;
  for (const tok of tokens) {
    const rest = REST_RE.exec(tok);
    if (rest) {
      tick += Math.round(Number(rest[1] ?? 1) * PPQ);
      continue;
    }
    const m = NOTE_RE.exec(tok);
    if (!m) throw bad(`cannot read the note "${tok.slice(0, 20)}"`, 'write notes as a name, an optional octave and /beats: C4, F#3/0.5, Bb4/2; r for a rest');
    const beats = Number(m[4] ?? 1);
    if (!(beats > 0 && beats <= 16)) throw bad(`"${tok}": a note lasts between 1/4 and 16 beats`, 'e.g. C4/0.5 for an eighth note');
    const alter = [...m[2]].reduce((s, c) => s + (c === '#' ? 1 : -1), 0);
    const pitch = 12 * (Number(m[3] ?? 4) + 1) + LETTER_PC[m[1].toUpperCase()] + alter;
    if (pitch < 0 || pitch > 127) throw bad(`"${tok}" is outside the MIDI range`, 'use octaves 0–8');
    const duration = Math.round(beats * PPQ);
    line.push({ tick, duration, pitch });
    tick += duration;
  }
  return motifFromLine(line);
}
