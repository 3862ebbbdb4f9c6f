/**
 * purpose: the <direction>s of a part — for the first part the score's tempo marks (a ramp written "accel."/"rit."
 * with a metronome mark per bar), one rehearsal mark per cue and section, and one text per hit and marker;
 * for every pitched part its printed dynamics (dynamics.ts) and hairpins from its CC11 swells; for a piano its
 * sustain pedal from CC64.
 */
import { PPQ, TempoMap, type ControllerPoint, type Score } from '../../score/index.js';
import { dynamicMarks } from './dynamics.js';
import { addDirection, type BarGrid, type DirectionsByBar } from './items.js';
import { esc, num } from './xml.js';

/** A cue number at the start of a label ("1m1", "7m1", "2M3"). */
const CUE_ID = /^(\d+[mM]\d+[A-Za-z]?)(?:\s+|$)/;
/** Longest text written above the staff: longer labels are cut, so nothing runs off the page. */
const MAX_TEXT = 48;
const clip = (t: string) => (t.length > MAX_TEXT ? `${t.slice(0, MAX_TEXT - 1).trimEnd()}…` : t);
const dropCueId = (t: string) => t.replace(CUE_ID, '');
const words = (text: string, italic = false) => `<words${italic ? ' font-style="italic"' : ''}>${esc(clip(text))}</words>`;

/**
 * Tempo marks, ramp playback, rehearsal marks and words, by bar index (first part only). Every event is
 * written once: a cue gets one rehearsal mark (its number) with its title beside it; a section gets one
 * rehearsal mark (a section starting with its cue joins the title instead); a marker repeating a section's
 * name is not written again; each hit is one "hit:" text, whether it came from the hit list, a marker or both.
 * A ramp is "accel."/"rit." with a metronome mark at each barline it crosses (addTempo), so notation playback
 * follows the SMF's curve.
 *
 * @example
 * directionsFor(score, barGrid(score)).get(0)![0].xml('') // '<direction placement="above"><direction-type><metronome …'
 */
export function directionsFor(score: Score, grid: Pick<BarGrid, 'barAt' | 'bars'>): DirectionsByBar {
  const out: DirectionsByBar = new Map();
  const add = (tick: number, xml: (offset: string) => string) => addDirection(out, grid, tick, xml);
  addTempo(score, grid, add);

  const cueSections = score.sections.filter((s) => s.kind === 'cue');
  const cueMarkers = score.markers.filter((m) => m.kind === 'cue');
  const cueTicks = new Set([...cueSections.map((s) => s.tick), ...cueMarkers.filter((m) => !/ end$/.test(m.text)).map((m) => m.tick)]);
  const sectionNames = new Map<number, string[]>();
  for (const s of score.sections) if (s.kind !== 'cue') sectionNames.set(s.tick, [...(sectionNames.get(s.tick) ?? []), dropCueId(s.name)]);
  for (const tick of [...cueTicks].sort((a, b) => a - b)) {
    const marker = cueMarkers.find((m) => m.tick === tick && !/ end$/.test(m.text));
    const section = cueSections.find((s) => s.tick === tick);
    const label = marker?.text ?? section?.name ?? '';
    const id = CUE_ID.exec(label)?.[1] ?? CUE_ID.exec(section?.name ?? '')?.[1];
    const title = [dropCueId(section?.name ?? ''), dropCueId(marker?.text ?? '')].find((t) => t && t !== 'start') ?? '';
    const text = [title, ...(sectionNames.get(tick) ?? [])].filter(Boolean).join(' · ');
    const head = id ?? (title || sectionNames.get(tick)?.[0] || 'Cue');
    const rest = id ? text : [...(sectionNames.get(tick) ?? [])].filter((n) => n !== head).join(' · ');
    add(tick, (off) => `<direction placement="above"><direction-type><rehearsal>${esc(clip(head))}</rehearsal></direction-type>${rest ? `<direction-type>${words(rest)}</direction-type>` : ''}${off}</direction>`);
  }
  for (const [tick, names] of sectionNames) {
    if (cueTicks.has(tick)) continue;
    add(tick, (off) => `<direction placement="above"><direction-type><rehearsal>${esc(clip(names.join(' · ')))}</rehearsal></direction-type>${off}</direction>`);
  }
  // Cue ends only where no other cue begins (back-to-back cues show the next cue's mark).
  for (const m of cueMarkers) if (/ end$/.test(m.text) && !cueTicks.has(m.tick)) add(m.tick, (off) => `<direction placement="above"><direction-type>${words(m.text, true)}</direction-type>${off}</direction>`);
  for (const m of score.markers) {
    if (m.kind !== 'marker' && m.kind !== 'sync') continue;
    const plain = dropCueId(m.text);
    if (sectionNames.get(m.tick)?.includes(plain) || cueSections.some((s) => s.tick === m.tick && dropCueId(s.name) === plain)) continue;
    add(m.tick, (off) => `<direction placement="above"><direction-type>${words(plain, m.kind === 'sync')}</direction-type>${off}</direction>`);
  }
  const hits = new Map<number, string>();
  for (const h of score.hits) if (!hits.has(h.tick)) hits.set(h.tick, dropCueId(h.label));
  for (const m of score.markers) if (m.kind === 'hit' && !hits.has(m.tick)) hits.set(m.tick, dropCueId(m.text).replace(/^hit:\s*/, ''));
  for (const [tick, label] of hits) add(tick, (off) => `<direction placement="above"><direction-type>${words(`hit: ${label}`)}</direction-type>${off}</direction>`);
  return out;
}

/**
 * Metronome marks at each tempo event; inside a linear ramp one more at each barline, in whole BPM as a player
 * reads them. Each mark's tempo is chosen so the written time at the end of its span matches the tempo map, the
 * rounding carried on to the next span (error diffusion), so notation playback stays within a few milliseconds
 * of the SMF at every barline.
 */
function addTempo(score: Score, grid: Pick<BarGrid, 'barAt' | 'bars'>, add: (tick: number, xml: (offset: string) => string) => void): void {
  const map = new TempoMap(score.tempo);
  const mark = (tick: number, bpm: number, sound: number) =>
    add(tick, (off) => `<direction placement="above"><direction-type><metronome parentheses="no"><beat-unit>quarter</beat-unit><per-minute>${bpm}</per-minute></metronome></direction-type>${off}<sound tempo="${num(sound, 3)}"/></direction>`);
  const tempo = [...score.tempo].sort((a, b) => a.tick - b.tick).filter((e, i, a) => a[i + 1]?.tick !== e.tick);
  tempo.forEach((e, i) => {
    const next = tempo[i + 1];
    if (!(e.ramp === 'linear' && next && next.bpm !== e.bpm)) {
      mark(e.tick, Math.round(e.bpm), e.bpm);
      return;
    }
    add(e.tick, (off) => `<direction placement="above"><direction-type><words font-style="italic">${next.bpm > e.bpm ? 'accel.' : 'rit.'}</words></direction-type>${off}</direction>`);
    const cuts = [e.tick, ...grid.bars.map((b) => b.start).filter((t) => t > e.tick && t < next.tick), next.tick];
    let written = map.ticksToSeconds(e.tick);
    for (let k = 0; k + 1 < cuts.length; k++) {
      const beats = (cuts[k + 1] - cuts[k]) / PPQ;
      const bpm = Math.max(1, Math.round((beats * 60) / (map.ticksToSeconds(cuts[k + 1]) - written)));
      written += (beats * 60) / bpm;
      mark(cuts[k], bpm, bpm);
    }
  });
}

/**
 * Printed dynamics (below the staff) where a part's bar-by-bar level changes, added to its directions.
 *
 * @example
 * const dirs = new Map();
 * addDynamicMarks(dirs, grid, track.notes);
 * dirs.get(0)![0].xml('') // '<direction placement="below"><direction-type><dynamics><mf/></dynamics></direction-type></direction>'
 */
export function addDynamicMarks(directions: DirectionsByBar, grid: Pick<BarGrid, 'bars' | 'barAt'>, notes: ReadonlyArray<{ tick: number; velocity: number }>): void {
  for (const d of dynamicMarks(notes, grid.bars)) {
    addDirection(directions, grid, d.tick, (off) => `<direction placement="below"><direction-type><dynamics><${d.mark}/></dynamics></direction-type>${off}</direction>`);
  }
}

/** A hairpin needs the expression (CC11) to move this far, over at least two beats. */
const SWELL_STEP = 16;

/**
 * Hairpins where a part's CC11 expression swells or fades: the curve is read per beat, and a run that keeps
 * rising (or falling) by SWELL_STEP or more over two beats or more is a crescendo (diminuendo) wedge.
 *
 * @example
 * addHairpins(dirs, grid, [{ tick: 0, controller: 11, value: 60 }, { tick: 1920, controller: 11, value: 100 }]);
 * // a crescendo from bar 1 to bar 2
 */
export function addHairpins(directions: DirectionsByBar, grid: Pick<BarGrid, 'bars' | 'barAt'>, controllers: readonly ControllerPoint[]): void {
  const cc = controllers.filter((c) => c.controller === 11).sort((a, b) => a.tick - b.tick);
  if (cc.length < 2) return;
  const end = grid.bars[grid.bars.length - 1].end;
  const samples: Array<{ tick: number; v: number }> = [];
  let j = 0, v = cc[0].value;
  for (let t = cc[0].tick - (cc[0].tick % PPQ); t <= end; t += PPQ) {
    while (j < cc.length && cc[j].tick <= t) v = cc[j++].value;
    samples.push({ tick: t, v });
  }
  let i = 0;
  while (i < samples.length - 1) {
    const dir = Math.sign(samples[i + 1].v - samples[i].v);
    if (dir === 0) { i++; continue; }
    let k = i + 1;
    while (k + 1 < samples.length && Math.sign(samples[k + 1].v - samples[k].v) === dir) k++;
    if (Math.abs(samples[k].v - samples[i].v) >= SWELL_STEP && k - i >= 2 && samples[i].tick < end) {
      const type = dir > 0 ? 'crescendo' : 'diminuendo';
      addDirection(directions, grid, samples[i].tick, (off) => `<direction placement="below"><direction-type><wedge type="${type}" number="1"/></direction-type>${off}</direction>`);
      // A swell reaching the final barline ends just before it (on the 32nd grid).
      addDirection(directions, grid, Math.min(samples[k].tick, end - PPQ / 8), (off) => `<direction placement="below"><direction-type><wedge type="stop" number="1"/></direction-type>${off}</direction>`);
    }
    i = k;
  }
}

/** A lift and re-press this close together is one pedal change (the "Ped." line's notch). */
const PEDAL_CHANGE_TICKS = 120;

/**
 * Sustain pedal marks (on the lower staff) from CC64: down ≥ 64 starts the pedal line, a quick lift and
 * re-press is a change, a lift ends it.
 *
 * @example
 * addPedalMarks(dirs, grid, [{ tick: 0, controller: 64, value: 127 }, { tick: 1896, controller: 64, value: 0 }, { tick: 1920, controller: 64, value: 127 }]);
 * // pedal start at 0, change at 1920
 */
export function addPedalMarks(directions: DirectionsByBar, grid: Pick<BarGrid, 'bars' | 'barAt'>, controllers: readonly ControllerPoint[]): void {
  const cc = controllers.filter((c) => c.controller === 64).sort((a, b) => a.tick - b.tick);
  const end = grid.bars[grid.bars.length - 1].end;
  const pedal = (type: string) => (off: string) => `<direction placement="below"><direction-type><pedal type="${type}" line="yes" sign="yes"/></direction-type>${off}<staff>2</staff></direction>`;
  let down = false;
  let liftedAt = -1;
  const marks: Array<{ tick: number; type: string }> = [];
  for (const c of cc) {
    const isDown = c.value >= 64;
    if (isDown === down) continue;
    if (isDown) {
      const last = marks[marks.length - 1];
      if (liftedAt >= 0 && c.tick - liftedAt <= PEDAL_CHANGE_TICKS && last?.type === 'stop') Object.assign(last, { type: 'change', tick: c.tick });
      else marks.push({ tick: c.tick, type: 'start' });
    } else {
      marks.push({ tick: c.tick, type: 'stop' });
      liftedAt = c.tick;
    }
    down = isDown;
  }
  if (down) marks.push({ tick: Math.max(0, end - PPQ / 8), type: 'stop' }); // just before the final barline, on the 32nd grid
  for (const m of marks) if (m.tick < end) addDirection(directions, grid, m.tick, pedal(m.type));
}
