/**
 * purpose: the orchestration checks — notes outside the instrument's comfortable range, sustained notes
 * re-struck at a barline where a tie was meant, and the percussion pattern (backbeat, bars with percussion).
 */
import { MeterMap, type Score } from '../score/index.js';
import { barsOf, isPercussion, share } from './lines.js';
import { isSustainingProgram, programRange } from '../theory/index.js';

export interface RangeReport {
  /** Share of pitched notes outside their track program's comfortable range (src/theory/instruments.ts). */
  share: number;
  outside: number;
  notes: number;
  /** Per offending track: "name (program)" → notes outside. */
  byTrack: Record<string, number>;
}

/**
 * Notes outside instrument ranges: every note of every non-percussion track, judged against
 * programRange(track.program); a note below the low or above the high bound is outside.
 * @example outOfRange(score).share // 0 when every part stays in its comfortable range
 */
export function outOfRange(score: Score): RangeReport {
  let notes = 0;
  let outside = 0;
  const byTrack: Record<string, number> = {};
  for (const t of score.tracks) {
    if (isPercussion(t)) continue;
    const [lo, hi] = programRange(t.program);
    for (const n of t.notes) {
      notes++;
      if (n.pitch < lo || n.pitch > hi) {
        outside++;
        const k = `${t.name} (${t.program})`;
        byTrack[k] = (byTrack[k] ?? 0) + 1;
      }
    }
  }
  return { share: share(outside, notes), outside, notes, byTrack };
}

/** How close before the barline a note may end and still count as "ended there" (a 32nd at 480 PPQ). @example RESTRIKE_GAP_TICKS // 60 */
export const RESTRIKE_GAP_TICKS = 60;

export interface RestrikeReport {
  /** Re-struck notes per note of the sustaining tracks. */
  share: number;
  restruck: number;
  notes: number;
}

/**
 * Re-struck sustained notes: in tracks whose program sustains (src/theory/instruments.ts isSustainingProgram: bowed strings,
 * ensembles, choirs, organs, pads, winds, brass), a note that starts exactly on a barline, on the same
 * pitch as a note of that track ending at that barline or at most RESTRIKE_GAP_TICKS before it. A tie would
 * have been right. Share = such notes / all notes of sustaining tracks.
 * @example reStruckSustains(score).restruck // 1 for a held C4 re-attacked on the next downbeat
 */
export function reStruckSustains(score: Score): RestrikeReport {
  const map = new MeterMap(score.meters);
  let notes = 0;
  let restruck = 0;
  for (const t of score.tracks) {
    if (isPercussion(t) || !isSustainingProgram(t.program)) continue;
    const endsAt = new Map<number, number[]>(); // pitch → end ticks
    for (const n of t.notes) {
      const e = endsAt.get(n.pitch);
      if (e) e.push(n.tick + n.duration);
      else endsAt.set(n.pitch, [n.tick + n.duration]);
    }
    for (const n of t.notes) {
      notes++;
      if (map.barBeatAt(n.tick).barTick !== n.tick) continue;
      if ((endsAt.get(n.pitch) ?? []).some((e) => e <= n.tick && e >= n.tick - RESTRIKE_GAP_TICKS)) restruck++;
    }
  }
  return { share: share(restruck, notes), restruck, notes };
}

export interface PercussionReport {
  /** Share of bars with any percussion onset. */
  barsWithPercussion: number;
  /** Among 4/4 bars, the share with a snare (GM 38 or 40) onset on beat 2 and on beat 4 (rock backbeat). */
  backbeat: number;
  bars: number;
}

const SNARES = new Set([38, 40]);

/**
 * Percussion pattern: bars are the score's bars up to endTick; a bar "has percussion" when a note of a
 * percussion track (role 'percussion' or channel 9) starts in it. Backbeat counts 4/4 bars only: a snare
 * (38 acoustic, 40 electric) must start exactly on beat 2 and exactly on beat 4.
 * @example percussionPattern(score).backbeat // 1 for a kit groove with snare on 2 and 4 every bar
 */
export function percussionPattern(score: Score): PercussionReport {
  const { map, count } = barsOf(score);
  const any = new Set<number>();
  const snareBeats = new Map<number, Set<number>>();
  for (const t of score.tracks) {
    if (!isPercussion(t)) continue;
    for (const n of t.notes) {
      const bb = map.barBeatAt(n.tick);
      any.add(bb.bar);
      if (SNARES.has(n.pitch) && Number.isInteger(bb.beat)) {
        const s = snareBeats.get(bb.bar) ?? new Set<number>();
        s.add(bb.beat);
        snareBeats.set(bb.bar, s);
      }
    }
  }
  let fourFour = 0;
  let back = 0;
  for (let b = 0; b < count; b++) {
    const m = map.meterAt(map.tickAtBar(b));
    if (m.numerator !== 4 || m.denominator !== 4) continue;
    fourFour++;
    const s = snareBeats.get(b);
    if (s?.has(1) && s.has(3)) back++;
  }
  return { barsWithPercussion: share([...any].filter((b) => b < count).length, count), backbeat: share(back, fourFour), bars: count };
}
