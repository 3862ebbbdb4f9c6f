/**
 * purpose: reading a cue's emotion — the value at a point of the cue (from its curve when it has one), the mean
 * over the cue, and the sanitising every runtime value goes through. Pure.
 */
import type { Emotion } from './spec.js';
import { safeClamp } from '../util/math.js';

/** Valence and arousal in [-1, 1], tension in [0, 1] (DESIGN.md conventions). */
export interface EmotionValues {
  valence: number;
  arousal: number;
  tension: number;
}

/**
 * Emotion at a position in the cue (0..1), from the curve when there is one (linear between its points).
 *
 * @example
 * emotionAt({ valence: 0, arousal: 0, tension: 0.3, curve: [{ at: 0, valence: -1, arousal: 0, tension: 0 }, { at: 1, valence: 1, arousal: 0, tension: 1 }] }, 0.5)
 * // { valence: 0, arousal: 0, tension: 0.5 }
 */
export function emotionAt(e: Emotion, at: number): EmotionValues {
  const c = e.curve;
  if (!c || c.length === 0) return { valence: e.valence, arousal: e.arousal, tension: e.tension };
  const pts = [...c].sort((a, b) => a.at - b.at);
  if (at <= pts[0].at) return pts[0];
  for (let i = 1; i < pts.length; i++) {
    if (at <= pts[i].at) {
      const a = pts[i - 1], b = pts[i];
      const t = b.at > a.at ? (at - a.at) / (b.at - a.at) : 1;
      return { valence: a.valence + (b.valence - a.valence) * t, arousal: a.arousal + (b.arousal - a.arousal) * t, tension: a.tension + (b.tension - a.tension) * t };
    }
  }
  return pts[pts.length - 1];
}

/**
 * Mean emotion over the cue (16 evenly spaced samples of the curve): what sets the cue's tempo and metre.
 *
 * @example
 * meanEmotion({ valence: 0.5, arousal: -0.2, tension: 0.1 }) // { valence: 0.5, arousal: -0.2, tension: 0.1 } (up to rounding)
 */
export function meanEmotion(e: Emotion): EmotionValues {
  const n = 16;
  const acc = { valence: 0, arousal: 0, tension: 0 };
  for (let i = 0; i < n; i++) {
    const p = emotionAt(e, (i + 0.5) / n);
    acc.valence += p.valence / n;
    acc.arousal += p.arousal / n;
    acc.tension += p.tension / n;
  }
  return acc;
}

/**
 * Sanitize a runtime emotion: clamp to range, NaN → the fallback (MUSIC.md: never stop the clock).
 *
 * @example
 * cleanEmotion({ valence: 3, arousal: NaN, tension: 0.5 }) // { valence: 1, arousal: 0, tension: 0.5 }
 */
export function cleanEmotion(e: Partial<EmotionValues> | undefined, fallback: EmotionValues = { valence: 0, arousal: 0, tension: 0.3 }): EmotionValues {
  return {
    valence: safeClamp(e?.valence ?? fallback.valence, -1, 1, fallback.valence),
    arousal: safeClamp(e?.arousal ?? fallback.arousal, -1, 1, fallback.arousal),
    tension: safeClamp(e?.tension ?? fallback.tension, 0, 1, fallback.tension),
  };
}
