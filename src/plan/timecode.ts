/**
 * purpose: SMPTE-style timecode (HH:MM:SS:FF) for cue sheets, non-drop-frame at the rates film and TV use.
 *
 * Non-drop-frame counting (SMPTE ST 12-1): frames are numbered with the *nominal* rate (24 for 23.976, 30 for
 * 29.97) while they pass at the real rate (24000/1001, 30000/1001 per second). So at 23.976 the label
 * 00:01:00:00 is reached after 1440 frames = 60.06 s of wall-clock time — the usual NDF drift, which is what an
 * editor's timeline shows for NDF material. Frame-accurate: a time maps to the frame it falls in (floor), with
 * a tiny epsilon so exact frame boundaries computed in floating point are not pushed back a frame.
 */
import { LeitmotifError } from '../util/errors.js';

export const SUPPORTED_FPS = [23.976, 24, 25, 29.97, 30] as const;
export type Fps = (typeof SUPPORTED_FPS)[number];

export interface FrameRate {
  /** As the user names it. */
  label: Fps;
  /** Real frames per second (exact rational for the NTSC rates). */
  rate: number;
  /** Frames per timecode second (the label's frame field runs 0..nominal-1). */
  nominal: number;
}

export function frameRate(fps: number): FrameRate {
  if (Math.abs(fps - 23.976) < 0.002) return { label: 23.976, rate: 24000 / 1001, nominal: 24 };
  if (Math.abs(fps - 29.97) < 0.002) return { label: 29.97, rate: 30000 / 1001, nominal: 30 };
  for (const f of [24, 25, 30] as const) if (fps === f) return { label: f, rate: f, nominal: f };
  throw new LeitmotifError('LM_ERR_BAD_OPTION', `unsupported frame rate ${fps}`, { hint: `use one of ${SUPPORTED_FPS.join(', ')} (non-drop-frame timecode)` });
}

/** Frame index containing `seconds` (0 = first frame). */
export function secondsToFrames(seconds: number, fps: number): number {
  const fr = frameRate(fps);
  return Math.floor(Math.max(0, seconds) * fr.rate + 1e-6);
}

/** Seconds at the start of frame `frames`. */
export function framesToSeconds(frames: number, fps: number): number {
  return frames / frameRate(fps).rate;
}

/** HH:MM:SS:FF (non-drop-frame) for a time in seconds. */
export function secondsToTimecode(seconds: number, fps: number = 24): string {
  const fr = frameRate(fps);
  const total = secondsToFrames(seconds, fps);
  const ff = total % fr.nominal;
  const totalSec = Math.floor(total / fr.nominal);
  const ss = totalSec % 60;
  const mm = Math.floor(totalSec / 60) % 60;
  const hh = Math.floor(totalSec / 3600);
  const p2 = (n: number) => String(n).padStart(2, '0');
  return `${p2(hh)}:${p2(mm)}:${p2(ss)}:${p2(ff)}`;
}

/** Parse HH:MM:SS:FF (or HH:MM:SS;FF) back to seconds at the start of that frame. */
export function timecodeToSeconds(tc: string, fps: number = 24): number {
  const fr = frameRate(fps);
  const m = /^(\d{1,2}):(\d{2}):(\d{2})[:;.](\d{2})$/.exec(tc.trim());
  if (!m) throw new LeitmotifError('LM_ERR_INPUT_INVALID', `"${tc}" is not a timecode`, { hint: 'write timecode as HH:MM:SS:FF, e.g. 00:01:23:12' });
  const [hh, mm, ss, ff] = m.slice(1).map(Number);
  if (mm > 59 || ss > 59 || ff >= fr.nominal) throw new LeitmotifError('LM_ERR_INPUT_INVALID', `timecode ${tc} is out of range at ${fps} fps`, { hint: `minutes and seconds run 0–59, frames 0–${fr.nominal - 1}` });
  const frames = ((hh * 60 + mm) * 60 + ss) * fr.nominal + ff;
  return frames / fr.rate;
}
