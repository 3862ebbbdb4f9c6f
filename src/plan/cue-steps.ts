/**
 * purpose: the steps planCueSheet takes for one spotted cue, each small enough to read and test alone — which
 * hits it aims at, how far it pre-laps the cut, how many whole bars it lasts, which leitmotifs it carries, and
 * the cue-sheet rows that report every hit (caught, dropped, or why not).
 */
import type { Hit } from '../affect/types.js';
import type { CueTiming, ResolvedHit } from '../cue/timing.js';
import type { CueMotifUse, CueSheetHit } from './cue-sheet.js';
import type { MotifForm } from '../cue/spec.js';
import type { PlannedMotif } from './leitmotifs.js';
import { TempoMap } from '../score/tempo-map.js';
import { secondsToTimecode } from './timecode.js';

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * The arc's hits inside the cue (a little after the in-point, before the out-point), strongest first, at most one
 * per 8 s (plus one); the rest are reported as dropped.
 *
 * @example
 * chooseHits([{ time: 5, salience: 0.9, … }], 0, 12, 0.35).chosen.length // 1
 */
export function chooseHits(hits: readonly Hit[], start: number, end: number, minSalience: number): { chosen: Hit[]; dropped: Hit[]; maxHits: number } {
  const inCue = hits.filter((h) => h.time >= start + 0.75 && h.time <= end - 0.25).sort((a, b) => b.salience - a.salience || a.time - b.time);
  const maxHits = 1 + Math.floor((end - start) / 8);
  const chosen: Hit[] = [];
  const dropped: Hit[] = [];
  for (const h of inCue) {
    if (h.salience < minSalience) continue;
    if (chosen.length >= maxHits) dropped.push(h);
    else chosen.push(h);
  }
  return { chosen, dropped, maxHits };
}

/**
 * Pre-lap: a cue that enters on its own may start up to a bar before the cut so that its first hit falls on a
 * downbeat at exactly the base tempo (no bending needed for it); music entering just ahead of a cut is standard
 * practice. Only into silence: never before `earliest` (the previous cue's end + 1 s, or picture start).
 * Returns the seconds to move the start earlier (0 = none).
 *
 * @example
 * preLap([{ time: 4.5, … }], 2, [4, 4], 120, 0) // 1.5 (the hit is then two bars from the start)
 */
export function preLap(chosen: readonly Hit[], start: number, meter: [number, number], bpm: number, earliest: number): number {
  if (!chosen.length) return 0;
  const barSec = (meter[0] * 4 * 60) / meter[1] / bpm;
  const first = Math.min(...chosen.map((h) => h.time));
  const r = (first - start) % barSec;
  const lead = r < 1e-9 || barSec - r < 1e-9 ? 0 : barSec - r;
  return lead > 0 && start - lead >= earliest ? lead : 0;
}

/**
 * Length in whole bars through the solved map: the planned span rounded to bars, long enough to sound past the
 * last caught hit, shortened while it would run into the next cue's in-point (`limit`).
 *
 * @example
 * cueLength(resolveTiming(spec, [4, 4], 120), 0, 16, Infinity) // { bars: 8, duration: 16 }
 */
export function cueLength(solved: CueTiming, start: number, plannedEnd: number, limit: number): { bars: number; duration: number } {
  const barTicks = solved.barTicks;
  const map = new TempoMap(solved.tempo);
  const lastHitTick = Math.max(0, ...solved.hits.filter((h) => h.caught).map((h) => h.tick));
  const minBars = Math.max(2, Math.floor(lastHitTick / barTicks) + 1);
  let bars = Math.max(minBars, Math.round(map.secondsToTicks(plannedEnd - start) / barTicks));
  while (bars > minBars && start + map.ticksToSeconds(bars * barTicks) > limit + 1e-6) bars--;
  return { bars, duration: map.ticksToSeconds(bars * barTicks) };
}

/**
 * Motifs of the characters present, at most two per cue (more would crowd the texture), in order of presence;
 * `formsFor(first)` picks each one's forms (a first appearance is stated plainly). Marks them as seen.
 *
 * @example
 * cueMotifUses(motifs, ['ANNA'], new Set(), () => ['original'])[0].id // 'anna'
 */
export function cueMotifUses(motifs: readonly PlannedMotif[], present: readonly string[], seen: Set<string>, formsFor: (firstAppearance: boolean) => MotifForm[]): CueMotifUse[] {
  return motifs
    .filter((m) => present.includes(m.character))
    .sort((a, b) => present.indexOf(a.character) - present.indexOf(b.character))
    .slice(0, 2)
    .map((m) => {
      const forms = formsFor(!seen.has(m.id));
      seen.add(m.id);
      return { id: m.id, character: m.character, forms, bars: [] as number[], statements: [] as Array<{ bar: number; form: string }> };
    });
}

/**
 * One cue-sheet row per hit, in time order: dropped ones with their reason; chosen ones as the FINAL spec resolves
 * them (the draft's caught hits are the spec's hits, in order), or the draft's reason when not caught.
 *
 * @example
 * sheetHitRows({ chosen, dropped: [], maxHits: 2, draft, final, start: 10, fps: 24 })[0].timecode // '00:00:14:00'
 */
export function sheetHitRows(a: { chosen: readonly Hit[]; dropped: readonly Hit[]; maxHits: number; draft: readonly ResolvedHit[]; final: readonly ResolvedHit[]; start: number; fps: number }): CueSheetHit[] {
  const rows: CueSheetHit[] = [];
  for (const h of a.dropped) rows.push(hitRow(h, a.start, a.fps, { caught: false, reason: `more than ${a.maxHits} hits in this cue; weaker ones dropped` }));
  let caughtIndex = 0;
  a.chosen.forEach((h, k) => {
    const draftHit = a.draft[k];
    const s = draftHit.caught ? a.final[caughtIndex++] : draftHit;
    rows.push(hitRow(h, a.start, a.fps, s.caught ? { caught: true, tick: s.tick, bar: s.bar, beat: s.beat, errorMs: round3((s.error ?? 0) * 1000) } : { caught: false, reason: s.reason }));
  });
  return rows.sort((x, y) => x.time - y.time);
}

function hitRow(h: Hit, cueStart: number, fps: number, r: Partial<CueSheetHit> & { caught: boolean }): CueSheetHit {
  return {
    label: h.text.slice(0, 120) || h.kind,
    time: round3(h.time),
    cueTime: round3(Math.max(0, h.time - cueStart)),
    timecode: secondsToTimecode(h.time, fps),
    kind: h.kind,
    salience: h.salience,
    scene: h.scene,
    ...r,
  };
}
