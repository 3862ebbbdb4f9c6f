/**
 * purpose: chord symbols over a cue's bars for the piano roll, read from what actually sounds (harmony, pad,
 * bass and counter tracks; percussion ignored) with tonal's chord detection — so they stay true after a lock,
 * a regeneration or a note edit, whatever compose planned.
 */
import { Chord } from 'tonal';
import { MeterMap } from '../score/meter-map.js';
import type { Score } from '../score/schema.js';
import { SHARP_NAMES, mod12 } from '../theory/index.js';

export interface BarChord {
  /** 1-based bar. */
  bar: number;
  tick: number;
  symbol: string;
}

/**
 * @example barChords(score)[0] // { bar: 1, tick: 0, symbol: 'Am' }
 */
export function barChords(score: Score): BarChord[] {
  const map = new MeterMap(score.meters);
  const bars = map.barBeatAt(Math.max(0, score.endTick - 1)).bar + 1;
  const tracks = score.tracks.filter((t) => t.channel !== 9 && t.role !== 'percussion');
  const out: BarChord[] = [];
  for (let b = 0; b < bars; b++) {
    const from = map.tickAtBar(b);
    const to = map.tickAtBar(b + 1);
    const weight = new Array<number>(12).fill(0);
    let bass: number | undefined;
    let bassTick = Infinity;
    for (const t of tracks) {
      for (const n of t.notes) {
        const s = Math.max(from, n.tick);
        const e = Math.min(to, n.tick + n.duration);
        if (e <= s) continue;
        weight[mod12(n.pitch)] += e - s;
        if (t.role === 'bass' && n.tick < bassTick) { bassTick = n.tick; bass = mod12(n.pitch); }
      }
    }
    const total = weight.reduce((a, c) => a + c, 0);
    if (total === 0) continue;
    // The pitch classes carrying real weight, strongest first (passing notes drop out).
    const pcs = weight.map((w, pc) => ({ w, pc })).filter((x) => x.w >= total * 0.08).sort((a, c) => c.w - a.w).slice(0, 5);
    const names = pcs.map((x) => SHARP_NAMES[x.pc]);
    if (bass !== undefined && !names.includes(SHARP_NAMES[bass])) names.unshift(SHARP_NAMES[bass]);
    else if (bass !== undefined) names.splice(0, 0, ...names.splice(names.indexOf(SHARP_NAMES[bass]), 1));
    // The plainest reading wins: bass + the three strongest, then four, then three pitch classes.
    const tries = [names.slice(0, 4), names.slice(0, 5), names.slice(0, 3)];
    const found = tries.flatMap((t) => Chord.detect(t, { assumePerfectFifth: true })).sort((a, c) => a.length - c.length);
    const symbol = found[0] ?? names[0];
    out.push({ bar: b + 1, tick: from, symbol: symbol.replace(/M$/, '') });
  }
  return out;
}
