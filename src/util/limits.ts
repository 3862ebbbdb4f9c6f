/**
 * purpose: the ONE table of documented input limits (README "Limits"). Every reader and schema imports its
 * bound from here and refuses input beyond it with a LeitmotifError that names the limit (`limitError`), so a
 * tiny hostile file can never make a run take unbounded time or memory.
 */
import { LeitmotifError, type ErrorCode } from './errors.js';

export const LIMITS = {
  /** Longest scene, seconds (time notes, FDX Length, timings files, page estimates). */
  sceneSeconds: 30 * 60,
  /** Longest film (whole script), seconds. */
  filmSeconds: 6 * 3600,
  /** Longest single cue, seconds (the cue spec). */
  cueSeconds: 3600,
  /** Longest adaptive session (timeline duration and every event time), seconds. */
  sessionSeconds: 4 * 3600,
  /** Longest Score / MIDI file / ABC tune, in quarter notes (≈ 6 h at 277 bpm; 25 000 bars of 4/4). */
  scoreQuarters: 100_000,
  /** Longest Score / MIDI file, seconds through the tempo map. */
  scoreSeconds: 6 * 3600,
  /** Longest single note, quarter notes (1 024 bars of 4/4). */
  noteQuarters: 4096,
  /** Largest MIDI file read, bytes. */
  midiBytes: 16 * 1024 * 1024,
  /** MIDI time division (ticks per quarter note) the reader accepts: the SMF 15-bit range. */
  midiPpqMax: 0x7fff,
  /** Longest free-text direction (`--direction`, a spec's `direction` field), characters: a paragraph, not a script. */
  directionChars: 2000,
  /** Largest reply body read from an LLM server (after decompression), bytes. */
  llmReplyBytes: 2_000_000,
} as const;

/** `1:30:00`, `12:05`, `45 s` — for messages. */
export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return String(s);
  if (s < 60) return `${Math.round(s * 10) / 10} s`;
  const t = Math.round(s);
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const sec = t % 60;
  const mm = String(m).padStart(h ? 2 : 1, '0');
  return h ? `${h}:${mm}:${String(sec).padStart(2, '0')}` : `${mm}:${String(sec).padStart(2, '0')}`;
}

/** Human form of a limit in seconds: "30 min", "6 h". */
export function formatLimit(s: number): string {
  return s % 3600 === 0 ? `${s / 3600} h` : s % 60 === 0 ? `${s / 60} min` : `${s} s`;
}

/** A user error for input beyond a documented limit. */
export function limitError(code: ErrorCode, message: string, hint = 'see "Limits" in the README'): LeitmotifError {
  return new LeitmotifError(code, message, { hint });
}
