/**
 * purpose: the score's map of a composed cue — key changes at phrase starts, sections and rehearsal markers from
 * the form plan, the climax sync mark, and the hit points with their markers (an uncaught hit says it sits on the
 * nearest beat). Pure bookkeeping over the form plan and the resolved hits; no music is decided here.
 */
import type { HitPoint, Marker, Score } from '../score/schema.js';
import type { ResolvedHit } from '../cue/timing.js';
import { spellTonic } from '../theory/index.js';
import type { FormPlan, PhrasePlan } from './form.js';

/**
 * Keys: the home key, then every modulation at a phrase start (inside the cue).
 *
 * @example
 * keyChanges([{ startBar: 0, key: { tonic: 0, mode: 'major' } }, { startBar: 8, key: { tonic: 7, mode: 'major' } }], 1920, 30720)
 * // [{ tick: 0, tonic: 'C', mode: 'major' }, { tick: 15360, tonic: 'G', mode: 'major' }]
 */
export function keyChanges(phrases: ReadonlyArray<Pick<PhrasePlan, 'startBar' | 'key'>>, barTicks: number, endTick: number): Score['keys'] {
  const keys: Score['keys'] = [];
  let lastKey = '';
  for (const p of phrases) {
    const k = `${p.key.tonic}:${p.key.mode}`;
    if (k !== lastKey && p.startBar * barTicks < endTick) keys.push({ tick: p.startBar * barTicks, tonic: spellTonic(p.key.tonic, p.key.mode), mode: p.key.mode });
    lastKey = k;
  }
  return keys;
}

export interface CueMap {
  sections: Score['sections'];
  markers: Marker[];
  hits: HitPoint[];
}

/**
 * Sections and markers: the whole cue (named by its title or id), each form section cut at the cue's end with a
 * rehearsal marker, the climax as a sync mark, then one hit point and one hit marker per resolved hit.
 *
 * @example
 * const { sections, markers } = cueMap({ id: '1m1', title: 'Arrival' }, form, hits, 1920, endTick);
 * markers[0] // { tick: 0, text: '1m1 Arrival', kind: 'cue' }
 */
export function cueMap(
  cue: { id?: string; title?: string },
  form: Pick<FormPlan, 'sections' | 'climaxBar'>,
  hits: readonly ResolvedHit[],
  barTicks: number,
  endTick: number,
): CueMap {
  const cueName = cue.id ?? 'cue';
  // Section names are at most 200 characters in a Score; the cue spec allows longer titles (the Score title keeps them).
  const sections: Score['sections'] = [{ name: (cue.title ?? cueName).slice(0, 200), kind: 'cue', tick: 0, endTick }];
  const markers: Marker[] = [{ tick: 0, text: `${cueName}${cue.title ? ` ${cue.title}` : ''}`, kind: 'cue' }];
  for (const s of form.sections) {
    const tick = s.startBar * barTicks;
    const end = Math.min(endTick, s.endBar * barTicks);
    if (tick >= end) continue;
    sections.push({ name: s.name, kind: s.kind, tick, endTick: end });
    markers.push({ tick, text: s.name, kind: 'marker' });
  }
  markers.push({ tick: Math.min(endTick, form.climaxBar * barTicks), text: 'climax', kind: 'sync' });
  for (const h of hits) markers.push({ tick: h.tick, text: `hit: ${h.label}${h.caught ? '' : ' (nearest beat)'}`, kind: 'hit' });
  return { sections, markers, hits: hits.map((h) => ({ tick: h.tick, label: h.label, seconds: h.seconds, salience: h.salience })) };
}
