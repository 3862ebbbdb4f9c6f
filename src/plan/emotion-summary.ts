/**
 * purpose: summarise the Arc over a span of screen time — the mean affect, a smoothed curve for the cue spec,
 * and the distance between two affects (used to merge neighbours and to spot emotional turns).
 */
import type { Arc, Affect, Beat } from '../affect/types.js';
import type { EmotionPoint } from '../cue/spec.js';
import { clamp } from '../util/math.js';

/**
 * Distance in the circumplex plus tension. Tension lives on [0, 1] (half the range of valence/arousal) and
 * moves music as strongly as either (MUSIC.md: it drives dissonance, density and loudness), so it is scaled ×2.
 */
export function affectDistance(a: Affect, b: Affect): number {
  return Math.hypot(a.valence - b.valence, a.arousal - b.arousal, 2 * (a.tension - b.tension));
}

/** Beats that overlap [start, end), with the overlapping seconds as weight. */
export function beatsIn(arc: Arc, start: number, end: number): Array<{ beat: Beat; weight: number }> {
  const out: Array<{ beat: Beat; weight: number }> = [];
  for (const b of arc.beats) {
    const bEnd = b.start + Math.max(b.duration, 0.001);
    const w = Math.min(end, bEnd) - Math.max(start, b.start);
    if (w > 0) out.push({ beat: b, weight: w });
  }
  return out;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

export function roundAffect(a: Affect): Affect {
  return { valence: round3(clamp(a.valence, -1, 1)), arousal: round3(clamp(a.arousal, -1, 1)), tension: round3(clamp(a.tension, 0, 1)) };
}

/** Duration-weighted mean affect over [start, end); falls back to the scene affects when no beat overlaps. */
export function meanAffect(arc: Arc, start: number, end: number, scenes: readonly number[] = []): Affect {
  const bs = beatsIn(arc, start, end);
  let w = 0, v = 0, a = 0, t = 0;
  for (const { beat, weight } of bs) {
    w += weight;
    v += beat.valence * weight;
    a += beat.arousal * weight;
    t += beat.tension * weight;
  }
  if (w === 0) {
    for (const s of arc.scenes) {
      if (!scenes.includes(s.index)) continue;
      const sw = Math.max(s.duration, 0.001);
      w += sw;
      v += s.valence * sw;
      a += s.arousal * sw;
      t += s.tension * sw;
    }
  }
  if (w === 0) return { valence: 0, arousal: 0, tension: 0.3 };
  return roundAffect({ valence: v / w, arousal: a / w, tension: t / w });
}

/**
 * An emotion curve over [start, end) for the cue spec: the span cut into `points` windows (about one per six
 * seconds, 2–16), each the weighted mean of its beats, then a 3-point moving average so a single outlier line
 * does not jerk the music around. Empty windows are skipped; fewer than two points ⇒ no curve.
 */
export function emotionCurve(arc: Arc, start: number, end: number, scenes: readonly number[] = []): EmotionPoint[] | undefined {
  const dur = end - start;
  if (!(dur > 0)) return undefined;
  const n = clamp(Math.round(dur / 6), 2, 16);
  const raw: EmotionPoint[] = [];
  for (let i = 0; i < n; i++) {
    const a = start + (dur * i) / n, b = start + (dur * (i + 1)) / n;
    if (beatsIn(arc, a, b).length === 0) continue;
    const m = meanAffect(arc, a, b, scenes);
    raw.push({ at: round3((i + 0.5) / n), ...m });
  }
  if (raw.length < 2) return undefined;
  const smooth = raw.map((p, i) => {
    const win = raw.slice(Math.max(0, i - 1), i + 2);
    const avg = (k: 'valence' | 'arousal' | 'tension') => win.reduce((s, q) => s + q[k], 0) / win.length;
    return { at: p.at, ...roundAffect({ valence: avg('valence'), arousal: avg('arousal'), tension: avg('tension') }) };
  });
  // Anchor the ends so the curve covers the whole cue.
  smooth[0] = { ...smooth[0], at: 0 };
  smooth[smooth.length - 1] = { ...smooth[smooth.length - 1], at: 1 };
  return smooth;
}
