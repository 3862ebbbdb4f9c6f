/**
 * purpose: enforce the anti-plagiarism max-order constraint on the FINAL melody (Papadopoulos, Roy & Pachet
 * 2014): the style model keeps each sampled passage under `maxCopy`, but repetition, sequence and the joins
 * between passages can still line up with a corpus tune. This scans windows of maxCopy+1 events and nudges one
 * note of each copied window by a scale step (weak beats first, chord tones kept on strong beats) until the
 * longest run found in the corpus is ≤ maxCopy, or the attempt budget is spent. Pure; mutates only `pitch`.
 */
import type { StyleModel } from '../style/api.js';
import { mod12 } from '../theory/index.js';

export interface GuardEvent {
  pitch: number;
  duration: number;
  /** Metrically strong (downbeat or mid-bar) — altered only to another allowed tone. */
  strong: boolean;
  /** Pitch classes this note may move to (scale tones; chord tones for strong beats). */
  allowed: readonly number[];
  lo: number;
  hi: number;
  /** Apply the chosen pitch (e.g. to the note and its octave doublings). */
  set(pitch: number): void;
}

function nextAllowed(p: number, dir: 1 | -1, allowed: readonly number[], lo: number, hi: number): number | null {
  for (let q = p + dir; q >= lo && q <= hi && Math.abs(q - p) <= 5; q += dir) if (allowed.includes(mod12(q))) return q;
  return null;
}

/** Returns the longest copied run after repair. */
export function enforceMaxCopy(events: GuardEvent[], model: Pick<StyleModel, 'longestCopiedRun'>, maxCopy: number, budget = 200): number {
  if (!Number.isFinite(maxCopy) || events.length <= maxCopy) return model.longestCopiedRun(events);
  let longest = model.longestCopiedRun(events);
  if (longest <= maxCopy) return longest;
  const w = maxCopy + 1;
  let tries = 0;
  for (let s = 0; s + w <= events.length && tries < budget; s++) {
    const window = events.slice(s, s + w);
    if (model.longestCopiedRun(window) < w) continue;
    // Candidates: inner notes of the window (changing an inner pitch breaks two interval tokens), weak first.
    const order = [...Array(w).keys()].slice(1, -1).sort((a, b) => Number(window[a].strong) - Number(window[b].strong) || Math.abs(a - w / 2) - Math.abs(b - w / 2));
    let fixed = false;
    for (const k of order) {
      const ev = window[k];
      for (const dir of [1, -1] as const) {
        const q = nextAllowed(ev.pitch, dir, ev.allowed, ev.lo, ev.hi);
        if (q === null) continue;
        tries++;
        const old = ev.pitch;
        ev.pitch = q;
        // Every run that contains note i lies within i ± maxCopy, and any run longer than maxCopy in that slice
        // must contain i: so this checks exactly "no copied run through the changed note".
        const i = s + k;
        if (model.longestCopiedRun(events.slice(Math.max(0, i - maxCopy), Math.min(events.length, i + maxCopy + 1))) <= maxCopy) {
          ev.set(q);
          fixed = true;
          break;
        }
        ev.pitch = old;
      }
      if (fixed) break;
    }
  }
  longest = model.longestCopiedRun(events);
  return longest;
}
