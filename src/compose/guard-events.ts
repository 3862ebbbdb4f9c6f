/**
 * purpose: the copy guard's view of a composed cue — the lead line as heard, under the one copy definition
 * (src/originality/definition.ts): the skyline of every melody-role track merged, one event per onset with its
 * inter-onset interval (hand-offs, rests and doublings included), each event knowing whether it falls on a strong beat and which
 * pitch classes it may move to (the chord's tones on strong beats, the phrase key's scale elsewhere), and a
 * setter that moves the note with its doublings. copy-guard.ts repairs these events in place.
 */
import { PPQ, type Track } from '../score/schema.js';
import { scalePcs, type MeterInfo } from '../theory/index.js';
import type { GuardEvent } from './copy-guard.js';
import type { StyleModel } from '../style/api.js';
import type { PhraseMaterial } from './phrase.js';
import { MIN_IOI } from '../originality/definition.js';

interface HarmonySpan {
  tick: number;
  pcs: number[];
  scale: number[];
}

/** Every chord of every phrase at its absolute tick, with the phrase key's scale. */
function harmonyTimeline(materials: ReadonlyArray<Pick<PhraseMaterial, 'plan' | 'chords'>>, barTicks: number): HarmonySpan[] {
  const timeline: HarmonySpan[] = [];
  for (const m of materials) {
    const scale = scalePcs(m.plan.key);
    for (const c of m.chords) timeline.push({ tick: m.plan.startBar * barTicks + Math.round(c.start * PPQ), pcs: c.chord.pcs, scale });
  }
  return timeline;
}

/** The span sounding at `tick` (binary search; before the first chord, the first; no chords, an empty span). */
function spanAt(timeline: readonly HarmonySpan[], tick: number): HarmonySpan {
  let lo = 0, hi = timeline.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (timeline[mid].tick <= tick) lo = mid;
    else hi = mid - 1;
  }
  return timeline[lo] ?? { tick: 0, pcs: [], scale: [] };
}

/** Highest accompaniment pitch (harmony, pad, ostinato, bass) sounding at each of the given ticks. */
function accompanimentTops(tracks: readonly Track[], ticks: readonly number[]): Map<number, number> {
  const acc = tracks.filter((t) => t.role === 'harmony' || t.role === 'pad' || t.role === 'ostinato' || t.role === 'bass').flatMap((t) => t.notes).sort((a, b) => a.tick - b.tick);
  const out = new Map<number, number>();
  const want = [...new Set(ticks)].sort((a, b) => a - b);
  let start = 0;
  const open: Array<{ end: number; pitch: number }> = [];
  for (const t of want) {
    while (start < acc.length && acc[start].tick <= t) {
      open.push({ end: acc[start].tick + acc[start].duration, pitch: acc[start].pitch });
      start++;
    }
    let top = -1;
    for (let i = open.length - 1; i >= 0; i--) {
      if (open[i].end <= t) open.splice(i, 1);
      else top = Math.max(top, open[i].pitch);
    }
    if (top >= 0) out.set(t, top);
  }
  return out;
}

/**
 * Guard events for the melody tracks of a cue (or, with `line` 'bass', the lowest line of its bass tracks).
 * Mutating an event (`set`) moves the track notes themselves.
 *
 * @example
 * const events = guardEvents(tracks, materials, meterInfo(4, 4), 1920);
 * enforceMaxCopy(events, models.melody, 6); // repairs tracks' melody notes in place
 */
export function guardEvents(
  tracks: readonly Track[],
  materials: ReadonlyArray<Pick<PhraseMaterial, 'plan' | 'chords'>>,
  meter: Pick<MeterInfo, 'strong'>,
  barTicks: number,
  line: 'melody' | 'bass' = 'melody',
): GuardEvent[] {
  const top = line === 'melody';
  const leadNotes = tracks.filter((t) => t.role === line).flatMap((t) => t.notes).sort((a, b) => a.tick - b.tick || (top ? b.pitch - a.pitch : a.pitch - b.pitch));
  // The tune stays the top voice (melody only): the accompaniment's top at each onset is a floor for repairs.
  const under = top ? accompanimentTops(tracks, leadNotes.map((n) => n.tick)) : new Map<number, number>();
  const timeline = harmonyTimeline(materials, barTicks);
  const strongAt = (tick: number) => meter.strong.some((q) => Math.round(q * PPQ) === tick % barTicks);
  const events: GuardEvent[] = [];
  const ticks: number[] = [];
  for (let i = 0; i < leadNotes.length; i++) {
    const n = leadNotes[i];
    const group = [n];
    while (i + 1 < leadNotes.length && leadNotes[i + 1].tick === n.tick) group.push(leadNotes[++i]);
    const h = spanAt(timeline, n.tick);
    const strong = strongAt(n.tick);
    ticks.push(n.tick);
    // The tune stays the top voice: a repaired note never drops under the accompaniment sounding at its onset.
    const floor = n.pitch >= (under.get(n.tick) ?? -1) ? (under.get(n.tick) ?? -1) : -1;
    events.push({ pitch: n.pitch, duration: n.duration / PPQ, strong, allowed: strong ? h.pcs : h.scale, lo: Math.max(n.pitch - 4, floor), hi: n.pitch + 4, set: (q) => { const d = q - n.pitch; for (const g of group) g.pitch += d; } });
  }
  // The copy definition's durations: inter-onset intervals (a rest belongs to the note before it; the last
  // note keeps its length), exactly as `leitmotif check` and the corpus index measure them.
  for (let i = 0; i + 1 < events.length; i++) events[i].duration = Math.max(MIN_IOI, (ticks[i + 1] - ticks[i]) / PPQ);
  return events;
}

/**
 * The longest run a line shares with either model's training corpus (melody: both models' melodies; bass: their
 * bass lines).
 * @example enforceMaxCopy(guardEvents(tracks, materials, mi, barTicks), copiedInEither(models, 'melody'), 6)
 */
export function copiedInEither(models: { melody: StyleModel; harmony: StyleModel }, line: 'melody' | 'bass'): Pick<StyleModel, 'longestCopiedRun'> {
  const ms = models.melody === models.harmony ? [models.melody] : [models.melody, models.harmony];
  return {
    longestCopiedRun: (notes) => Math.max(0, ...ms.map((m) => (line === 'melody' ? m.longestCopiedRun(notes) : (m.longestCopiedBassRun?.(notes) ?? 0)))),
  };
}
