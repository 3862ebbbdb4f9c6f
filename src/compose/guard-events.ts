/**
 * purpose: the copy guard's view of a composed cue — the lead line as heard (notes of the melody tracks sorted,
 * octave doublings at one tick are one event), each event knowing whether it falls on a strong beat and which
 * pitch classes it may move to (the chord's tones on strong beats, the phrase key's scale elsewhere), and a
 * setter that moves the note with its doublings. copy-guard.ts repairs these events in place.
 */
import { PPQ, type Track } from '../score/schema.js';
import { scalePcs, type MeterInfo } from '../theory/index.js';
import type { GuardEvent } from './copy-guard.js';
import type { PhraseMaterial } from './phrase.js';

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

/**
 * Guard events for the melody tracks of a cue. Mutating an event (`set`) moves the track notes themselves.
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
): GuardEvent[] {
  const leadNotes = tracks.filter((t) => t.role === 'melody').flatMap((t) => t.notes).sort((a, b) => a.tick - b.tick || b.pitch - a.pitch);
  const timeline = harmonyTimeline(materials, barTicks);
  const strongAt = (tick: number) => meter.strong.some((q) => Math.round(q * PPQ) === tick % barTicks);
  const events: GuardEvent[] = [];
  for (let i = 0; i < leadNotes.length; i++) {
    const n = leadNotes[i];
    const group = [n];
    while (i + 1 < leadNotes.length && leadNotes[i + 1].tick === n.tick) group.push(leadNotes[++i]);
    const h = spanAt(timeline, n.tick);
    const strong = strongAt(n.tick);
    events.push({ pitch: n.pitch, duration: n.duration / PPQ, strong, allowed: strong ? h.pcs : h.scale, lo: n.pitch - 4, hi: n.pitch + 4, set: (q) => { const d = q - n.pitch; for (const g of group) g.pitch += d; } });
  }
  return events;
}
