/**
 * purpose: Standard MIDI File reader for style training, on top of render/midi's `midiToScore`. Picks out:
 *   melody — the highest (mean pitch) non-drum track that is mostly monophonic (≤ 25 % overlapping notes),
 *            else the skyline (highest note per onset) of all pitched tracks;
 *   bass   — the lowest other pitched track, monophonised to its lowest note per onset;
 *   chords — Roman numerals per beat from every pitched note (texture.ts);
 *   bars   — per-bar onset patterns from the GM drum channel (10) when there is one, else from all onsets.
 * Key by Krumhansl–Schmuckler (MIDI key signatures are too often missing or wrong); metre from the first
 * time signature (4/4 when none).
 */
import { midiToScore } from '../../render/midi/midi-to-score.js';
import type { Note, Score } from '../../score/schema.js';
import type { KeyContext, MeterContext } from '../api.js';
import { detectKey, pitchClassHistogram } from '../key-detect.js';
import { DRUM_CHANNEL, mod12 } from '../../theory/index.js';
import { barPatternsOf, chordSpansOfTexture, placeInBars } from './texture.js';
import type { CorpusPiece, ReadResult } from './types.js';

type Plain = { onset: number; duration: number; pitch: number };

function toBeats(notes: readonly Note[], ppq: number): Plain[] {
  return notes.map((n) => ({ onset: n.tick / ppq, duration: n.duration / ppq, pitch: n.pitch })).sort((a, b) => a.onset - b.onset || b.pitch - a.pitch);
}

/** One note per onset (highest or lowest), each cut at the next onset. */
export function monophonise(notes: readonly Plain[], pick: 'high' | 'low'): Plain[] {
  const byOnset = new Map<number, Plain>();
  for (const n of notes) {
    const k = Math.round(n.onset * 96);
    const cur = byOnset.get(k);
    if (!cur || (pick === 'high' ? n.pitch > cur.pitch : n.pitch < cur.pitch)) byOnset.set(k, n);
  }
  const out = [...byOnset.values()].sort((a, b) => a.onset - b.onset).map((n) => ({ ...n }));
  for (let i = 0; i + 1 < out.length; i++) out[i].duration = Math.min(out[i].duration, out[i + 1].onset - out[i].onset);
  return out.filter((n) => n.duration > 1e-6);
}

function overlapRatio(notes: readonly Plain[]): number {
  let over = 0;
  for (let i = 0; i + 1 < notes.length; i++) if (notes[i + 1].onset < notes[i].onset + notes[i].duration * 0.5 - 1e-6) over++;
  return notes.length > 1 ? over / (notes.length - 1) : 0;
}

function mean(notes: readonly Plain[]): number {
  return notes.reduce((s, n) => s + n.pitch, 0) / Math.max(1, notes.length);
}

export function pieceFromScore(score: Score, file: string): CorpusPiece | string {
  const ppq = score.ppq;
  const pitched = score.tracks.filter((t) => t.channel !== DRUM_CHANNEL && t.notes.length > 0).map((t) => toBeats(t.notes, ppq));
  const drums = score.tracks.filter((t) => t.channel === DRUM_CHANNEL).flatMap((t) => toBeats(t.notes, ppq));
  const all = pitched.flat().sort((a, b) => a.onset - b.onset);
  if (all.length < 8) return 'fewer than 8 pitched notes';
  const m0 = score.meters[0];
  const meter: MeterContext = m0 ? { numerator: m0.numerator, denominator: m0.denominator } : { numerator: 4, denominator: 4 };
  const candidates = pitched.filter((t) => t.length >= 8 && overlapRatio(t) <= 0.25);
  let melodyTrack: Plain[] | undefined;
  for (const t of candidates) if (!melodyTrack || mean(t) > mean(melodyTrack)) melodyTrack = t;
  const melodyRaw = monophonise(melodyTrack ?? all, 'high');
  const others = pitched.filter((t) => t !== melodyTrack);
  let bassTrack: Plain[] | undefined;
  for (const t of others) if (t.length >= 4 && (!bassTrack || mean(t) < mean(bassTrack))) bassTrack = t;
  const bassRaw = bassTrack ? monophonise(bassTrack, 'low') : pitched.length === 1 && overlapRatio(all) > 0.25 ? monophonise(all, 'low') : undefined;
  const lastBass = bassRaw?.[bassRaw.length - 1] ?? melodyRaw[melodyRaw.length - 1];
  const est = detectKey(pitchClassHistogram(all), { tonicHint: mod12(lastBass.pitch) });
  const key: KeyContext = { tonic: est.tonic, mode: est.mode };
  const chordSpans = chordSpansOfTexture(all, key, 1);
  const melody = placeInBars(melodyRaw, meter, 0);
  if (melody.length < 8) return 'melody has fewer than 8 notes';
  const piece: CorpusPiece = {
    id: file,
    file,
    format: 'midi',
    title: score.title,
    key,
    keySource: 'detected',
    meter,
    melody,
    chords: chordSpans.map((c) => c.roman),
    chordSpans,
    chordSource: 'texture',
  };
  if (bassRaw && bassRaw.length > 1) piece.bass = placeInBars(bassRaw, meter, 0);
  const rhythmSource = drums.length >= 8 ? drums : all;
  piece.barPatterns = barPatternsOf(placeInBars(rhythmSource, meter, 0), meter);
  piece.drumPatterns = drums.length >= 8;
  return piece;
}

export function readMidi(bytes: Uint8Array, file: string): ReadResult {
  try {
    const score = midiToScore(bytes, { ignoreExtras: true });
    const p = pieceFromScore(score, file);
    return typeof p === 'string' ? { pieces: [], warnings: [`${file}: skipped (${p})`] } : { pieces: [p], warnings: [] };
  } catch (e) {
    return { pieces: [], warnings: [`${file}: skipped (${(e as Error).message.split('\n')[0]})`] };
  }
}
