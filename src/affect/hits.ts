/**
 * purpose: hit points — sync-worthy moments a composer catches (MUSIC.md "Film scoring practice"): impacts,
 * sounds, reveals, entrances (from cue words, timed by the word's position inside its element), scene cuts
 * (salience from how much the emotion changes across the cut) and big emotional turns inside a scene.
 */
import { clamp, quantile } from '../util/math.js';
import type { CueMatch } from './cues.js';
import type { Hit } from './types.js';

export interface HitBeat {
  scene: number;
  start: number;
  duration: number;
  text: string;
  valence: number;
  arousal: number;
  threat: number;
  cues: CueMatch[];
}

/**
 * Seconds within which two hits are one event: two cue words of one element ("A GUNSHOT. The back window
 * explodes…"), or two hits of the same kind from anywhere (an impact line and the next one).
 */
export const SAME_EVENT_SECONDS = 1.5;

/** Index of the sentence a character offset lies in (sentences end at . ! ? followed by a space or the end). */
function sentenceAt(text: string, index: number): number {
  return text.slice(0, index).match(/[.!?]+(?=\s|$)/g)?.length ?? 0;
}

/**
 * Hits from the cue words of one element. Time = start + duration · (offset of the word / text length). One
 * event, one hit: cue words of one sentence, or of the element within SAME_EVENT_SECONDS, are one hit — the most
 * salient of them (ties: the earlier).
 */
export function cueHits(b: HitBeat): Hit[] {
  const found: Array<Hit & { sentence: number }> = [];
  const len = Math.max(1, b.text.length);
  for (const c of b.cues) {
    const kind = c.category.hit;
    if (!kind) continue;
    // An entrance is a character arriving ("ELIAS enters"), not weather ("the storm arrives").
    const who = kind === 'entrance' ? (c.byCharacter ? 0.1 : -0.2) : 0;
    const salience = clamp(
      (c.category.hitSalience ?? 0.5) + who + (c.caps ? 0.1 : 0) + (c.exclaimed ? 0.1 : 0) + 0.15 * Math.max(0, b.arousal) + 0.1 * b.threat,
      0,
      1,
    );
    found.push({ time: b.start + b.duration * (c.index / len), scene: b.scene, text: excerpt(b.text, c.index, c.end), kind, salience, sentence: sentenceAt(b.text, c.index) });
  }
  found.sort((x, y) => x.time - y.time);
  const out: Array<Hit & { sentence: number }> = [];
  for (const h of found) {
    const last = out[out.length - 1];
    if (last && (last.sentence === h.sentence || h.time - last.time < SAME_EVENT_SECONDS)) {
      if (h.salience > last.salience) out[out.length - 1] = h;
      continue;
    }
    out.push(h);
  }
  return out.map(({ sentence: _s, ...h }) => h);
}

/** A short excerpt around the cue (≤ 60 chars) so the hit list reads like a spotting list. */
function excerpt(text: string, index: number, end: number): string {
  const from = Math.max(0, text.lastIndexOf(' ', Math.max(0, index - 20)) + 1);
  let to = text.indexOf(' ', Math.min(text.length, end + 25));
  if (to < 0) to = text.length;
  const s = text.slice(from, to).replace(/\s+/g, ' ').trim();
  return (from > 0 ? '…' : '') + (s.length > 60 ? s.slice(0, 59) + '…' : s) + (to < text.length && s.length <= 60 ? '…' : '');
}

export interface SceneSummary {
  index: number;
  heading: string;
  start: number;
  valence: number;
  arousal: number;
  tension: number;
}

/** One hit per scene start; salience grows with the emotional distance across the cut. */
export function cutHits(scenes: readonly SceneSummary[]): Hit[] {
  return scenes.map((s, i) => {
    const p = scenes[i - 1];
    let salience = 0.3;
    if (p) {
      const d = (Math.abs(s.valence - p.valence) + Math.abs(s.arousal - p.arousal)) / 2 + Math.abs(s.tension - p.tension);
      salience = 0.15 + 0.5 * d;
      // "CONTINUOUS" / "MOMENTS LATER": the action carries on across the cut; a softer sync point.
      if (/\bCONTINUOUS\b|\bMOMENTS? LATER\b|\bSAME\b/i.test(s.heading)) salience *= 0.6;
    }
    return { time: s.start, scene: s.index, text: s.heading, kind: 'cut' as const, salience: clamp(salience, 0, 1) };
  });
}

/**
 * Emotional turns: a SUSTAINED change inside a scene — the mean (valence, arousal, threat) of this beat and the
 * next one differs from the mean of the previous ≤ 3 beats of the same scene by more than TURN_THRESHOLD
 * (Euclidean, in units of the [-1, 1] axes) and is among the script's top 8 % of such changes. One line that flickers does not count; at most one turn per 8 s.
 */
const TURN_THRESHOLD = 0.6;
export function turnHits(beats: readonly HitBeat[]): Hit[] {
  const out: Hit[] = [];
  const meanOf = (xs: HitBeat[]) => {
    const m = (f: (x: HitBeat) => number) => xs.reduce((s, x) => s + f(x), 0) / xs.length;
    return [m((x) => x.valence), m((x) => x.arousal), m((x) => x.threat)];
  };
  const cands: Array<{ i: number; d: number }> = [];
  for (let i = 1; i < beats.length; i++) {
    const b = beats[i];
    const prev: HitBeat[] = [];
    for (let j = i - 1; j >= 0 && prev.length < 3 && beats[j].scene === b.scene; j--) prev.push(beats[j]);
    if (!prev.length) continue;
    const next = [b];
    if (beats[i + 1]?.scene === b.scene) next.push(beats[i + 1]);
    const [pv, pa, pt] = meanOf(prev);
    const [nv, na, nt] = meanOf(next);
    cands.push({ i, d: Math.hypot(nv - pv, na - pa, nt - pt) });
  }
  // Turns are what stands out in THIS script: above the absolute threshold and in its top 8 % of changes.
  const threshold = Math.max(TURN_THRESHOLD, quantile(cands.map((c) => c.d), 0.92));
  for (const { i, d } of cands) {
    const b = beats[i];
    if (d < threshold) continue;
    const hit: Hit = { time: b.start, scene: b.scene, text: excerpt(b.text, 0, 0), kind: 'emotional-turn', salience: clamp(0.35 + 0.5 * (d - TURN_THRESHOLD), 0, 1) };
    const last = out[out.length - 1];
    if (last && last.scene === b.scene && hit.time - last.time < 8) {
      if (hit.salience > last.salience) out[out.length - 1] = hit;
    } else out.push(hit);
  }
  return out;
}

/**
 * Sort by time; of hits closer than `minGap` seconds, or of the same kind closer than SAME_EVENT_SECONDS (one
 * event seen twice), keep the more salient (ties: the earlier).
 */
export function mergeHits(hits: readonly Hit[], minGap = 0.5): Hit[] {
  const sorted = [...hits].sort((a, b) => a.time - b.time || b.salience - a.salience);
  const out: Hit[] = [];
  for (const h of sorted) {
    let same = -1;
    for (let i = out.length - 1; i >= 0 && h.time - out[i].time < Math.max(minGap, SAME_EVENT_SECONDS); i--) {
      if (h.time - out[i].time < minGap || out[i].kind === h.kind) {
        same = i;
        break;
      }
    }
    if (same >= 0) {
      if (h.salience > out[same].salience) out[same] = h;
      continue;
    }
    out.push(h);
  }
  out.sort((a, b) => a.time - b.time);
  return out.map((h) => ({ ...h, time: Math.round(h.time * 1000) / 1000, salience: Math.round(h.salience * 1000) / 1000 }));
}
