/**
 * purpose: one track laid out as notation, bar by bar — quantized for a copyist (quantize.ts), drums bundled
 * (voices.ts), split into a grand staff when it needs one, notes into voices, each voice into a stream of
 * notes, tied pieces and rests per bar; then accidentals (per bar, staff, step and octave), triplet brackets,
 * and the bar's directions placed before the note sounding at their tick.
 */
import { markSlurs } from './slurs.js';
import { separateUnisons } from './unisons.js';
import { splitDuration, metricRests, type NotatedValue } from './durations.js';
import { keyFifths, spellPitch, spellingKey, type SpelledPitch, type SpellingKey } from '../../theory/index.js';
import { drumNotation, layoutVoices, type NoteGroup } from './voices.js';
import { quantizeForNotation } from './quantize.js';
import { addDynamicMarks, addHairpins, addPedalMarks } from './directions.js';
import { grandStaff } from './staves.js';
import { articulate, drumRolls, TIMPANI_ROLL_IOI, type NotationNote } from './articulate.js';
import { writtenFifths, type PartPlan } from './parts.js';
import type { Track } from '../../score/index.js';
import type { Bar, BarGrid, DirectionItem, DirectionsByBar, Item, NoteItem } from './items.js';

/** GM timpani: its rolls are written as tremolo like a drum's. */
const TIMPANI = 47;

/** How far (semitones) a part's written pitch sits above its sounding pitch. */
export const writtenShift = (part: Pick<PartPlan, 'transpose'>): number => (part.transpose ? -part.transpose.chromatic - 12 * part.transpose.octaveChange : 0);

/** A piano hand's staff: the tune's track on the upper staff, the others below, each crossing where it must. */
function pianoStaff(track: Track, pitch: number): number {
  if (track.role === 'melody') return pitch < 55 ? 2 : 1;
  return pitch >= 67 ? 1 : 2;
}

/** Whether a part is written on two staves (pianos always; other wide keyboard-like parts by range). */
export const twoStaves = (part: PartPlan): boolean => part.piano || (!part.percussion && part.tracks.length === 1 && grandStaff(part.tracks[0]));

/**
 * The items of one part, one list per bar of the grid. Dynamics, hairpins and pedal marks for the part are
 * added to `directions` (which for the first part already holds the score's tempo marks, rehearsal marks
 * and words).
 *
 * @example
 * const bars = layoutPart(barGrid(score), planParts(score.tracks)[0], directionsFor(score, grid), true);
 * bars[0][0].kind // 'direction' (the tempo mark) or 'note'
 */
export function layoutPart(grid: BarGrid, part: PartPlan, directions: DirectionsByBar, quantize: boolean): Item[][] {
  const { bars, barAt } = grid;
  const perc = part.percussion;
  const lastTick = bars[bars.length - 1].end;
  const shift = writtenShift(part);
  let notes: NotationNote[];
  if (perc) {
    const all = part.tracks.flatMap((t) => t.notes);
    // Rolls are found in the performance; one stroke per drum and onset once quantized (a flam's two strokes meet).
    const source = quantize ? drumRolls(quantizeForNotation(drumRolls(all), lastTick)).flatMap((n) => (n.tremolo ? splitAtBars(n, grid) : [n])) : all;
    notes = drumNotation(source, (t) => bars[barAt(t)].end, (len) => splitDuration(len)[0]?.ticks ?? len);
  } else {
    notes = separateUnisons(part.tracks.flatMap((t) => {
      const played = t.program === TIMPANI ? { ...t, notes: drumRolls(t.notes, TIMPANI_ROLL_IOI) } : t;
      const source: NotationNote[] = quantize ? quantizeForNotation(articulate(played, { phrase: t.role === 'melody' || t.role === 'counter' }), lastTick) : t.notes;
      return source.map((n) => ({ ...n, pitch: Math.max(0, Math.min(127, n.pitch + shift)), staff: part.piano ? pianoStaff(t, n.pitch) : undefined }));
    }));
    addDynamicMarks(directions, grid, part.tracks.flatMap((t) => t.notes));
    addHairpins(directions, grid, part.tracks[0].controllers);
    if (part.piano) addPedalMarks(directions, grid, part.tracks[0].controllers);
  }
  const keyShift = part.transpose?.fifths ?? 0;
  const restDrum = perc && notes.length ? notes.reduce((m, n) => Math.min(m, n.pitch), 127) : undefined;
  // One staff, or a grand staff (pianos by hand, other wide parts split at middle C); staff 2 uses voices 5–8.
  const split = twoStaves(part);
  const upper = (n: NotationNote) => (n.staff ? n.staff === 1 : n.pitch >= 60);
  const staves: Array<{ voices: NoteGroup[][]; first: number; staff?: number }> = split
    ? [
        { voices: layoutVoices(notes.filter(upper)), first: 1, staff: 1 },
        { voices: layoutVoices(notes.filter((n) => !upper(n))), first: 5, staff: 2 },
      ]
    : [{ voices: layoutVoices(notes), first: 1 }];
  const laidOut = bars.map((bar) => {
    const streams: NoteItem[][] = [];
    for (const st of staves) {
      const mine: NoteItem[][] = [];
      st.voices.forEach((groups, vi) => {
        const inBar = groups.filter((gr) => gr.tick < bar.end && gr.end > bar.start);
        if (vi > 0 && inBar.length === 0) return;
        mine.push(voiceStream(grid, inBar, bar, st.first + vi, perc, keyShift, st.staff, restDrum));
      });
      if (mine.length === 0) mine.push(voiceStream(grid, [], bar, st.first, perc, keyShift, st.staff, restDrum));
      // Accidentals hold per staff (Gould, "Behind Bars", p. 79).
      if (!perc) markAccidentals(grid, mine.flat(), bar, keyShift);
      for (const stream of mine) markTuplets(stream);
      streams.push(...mine);
    }
    const items: Item[] = [];
    streams.forEach((s, i) => {
      if (i > 0) items.push({ kind: 'backup', ticks: bar.end - bar.start });
      if (i === 0) items.push(...withDirections(s, directions.get(bar.index) ?? []));
      else items.push(...s);
    });
    return items;
  });
  if (!perc) markSlurs(laidOut.flat());
  return laidOut;
}

/** A roll cut at barlines: each bar gets its own tremolo note (drums are never tied). */
function splitAtBars(n: NotationNote, grid: BarGrid): NotationNote[] {
  const out: NotationNote[] = [];
  let t = n.tick;
  const end = n.tick + n.duration;
  while (t < end) {
    const e = Math.min(end, grid.bars[grid.barAt(t)].end);
    if (e <= t) break;
    out.push({ ...n, tick: t, duration: e - t });
    t = e;
  }
  return out;
}

/** The spelling key of the written part at a tick (the concert key moved by the part's transposition). */
function writtenKey(grid: Pick<BarGrid, 'keyAt'>, tick: number, keyShift: number): SpellingKey {
  const k = spellingKey(grid.keyAt(tick));
  return keyShift ? { ...k, fifths: writtenFifths(k.fifths, keyShift) } : k;
}

/** One voice through one bar: its chords cut to the bar, split into notated values and tied, rests between. */
function voiceStream(grid: Pick<BarGrid, 'keyAt'>, groups: NoteGroup[], bar: Bar, voice: number, perc: boolean, keyShift: number, staff?: number, restDrum?: number): NoteItem[] {
  const items: NoteItem[] = [];
  // A drum part's rests name one of its instruments: MuseScore files a note without one as an instrument change.
  const restItem = (tick: number, ticks: number, value: NotatedValue | null, v: number, hidden: boolean): NoteItem => ({ ...plainRest(tick, ticks, value, v, hidden), ...(restDrum !== undefined ? { drum: { pitch: restDrum } } : {}) });
  if (groups.length === 0) {
    items.push({ ...restItem(bar.start, bar.end - bar.start, null, voice, false), staff });
    return items;
  }
  let cursor = bar.start;
  const rests = (from: number, to: number) => {
    let t = from;
    for (const v of metricRests(from, to, bar)) {
      items.push({ ...restItem(t, v.ticks, v, voice, staff ? voice !== staff * 4 - 3 : voice > 1), staff });
      t += v.ticks;
    }
  };
  for (const gr of groups) {
    const s = Math.max(gr.tick, bar.start), e = Math.min(gr.end, bar.end);
    if (s > cursor) rests(cursor, s);
    const pieces = splitDuration(e - s);
    let t = s;
    pieces.forEach((v, pi) => {
      gr.notes.forEach((n, ni) => {
        const key = writtenKey(grid, t, keyShift);
        const first = pi === 0 && s === gr.tick && !n.tiedFromPrevious;
        items.push({
          kind: 'note',
          tick: t,
          ticks: v.ticks,
          value: v,
          voice,
          rest: false,
          hidden: false,
          chord: ni > 0,
          pitch: perc ? undefined : spell(n.pitch, key),
          drum: perc ? { pitch: n.pitch } : undefined,
          tieStop: pi > 0 || s > gr.tick || !!n.tiedFromPrevious,
          tieStart: pi < pieces.length - 1 || e < gr.end || !!n.tiedToNext,
          velocity: n.velocity,
          staff,
          // Marks belong to the attack (the first tied piece), once per chord (on its lead note).
          staccato: first && ni === 0 && gr.notes.some((m) => m.staccato),
          accent: first && ni === 0 && gr.notes.some((m) => m.accent),
          legato: first && ni === 0 && gr.notes.length === 1 && !!gr.notes[0].legato,
          tremolo: n.tremolo && ni === 0 ? n.tremolo : undefined,
        });
      });
      t += v.ticks;
    });
    cursor = e;
  }
  if (cursor < bar.end) rests(cursor, bar.end);
  return items;
}

/** Accidentals against the key signature shown in this bar, remembered per step and octave within the bar. */
function markAccidentals(grid: Pick<BarGrid, 'keyAt'>, items: NoteItem[], bar: Bar, keyShift: number): void {
  const sig = signatureAlters(writtenFifths(keyFifths(grid.keyAt(bar.start) ?? { tonic: 'C', mode: 'major' }), keyShift));
  const state = new Map<string, number>();
  const sorted = items.filter((i) => i.pitch).sort((a, b) => a.tick - b.tick || a.voice - b.voice);
  for (const it of sorted) {
    const p = it.pitch!;
    const k = `${p.step}${p.octave}`;
    const current = state.get(k) ?? sig[p.step] ?? 0;
    // A note tied over the barline carries its accidental (no sign), but still sets the bar's state.
    const carried = it.tieStop && it.tick === bar.start;
    if (p.alter !== current && !carried) it.accidental = ACCIDENTAL[p.alter];
    state.set(k, p.alter);
  }
}

const spellCache = new Map<string, SpelledPitch>();
function spell(pitch: number, key: SpellingKey): SpelledPitch {
  const k = `${pitch}:${key.fifths}:${key.mode}`;
  let s = spellCache.get(k);
  if (!s) spellCache.set(k, (s = spellPitch(pitch, key)));
  return s;
}

const ACCIDENTAL: Record<number, string> = { [-2]: 'flat-flat', [-1]: 'flat', 0: 'natural', 1: 'sharp', 2: 'double-sharp' };

function signatureAlters(fifths: number): Record<string, number> {
  const out: Record<string, number> = {};
  const sharps = ['F', 'C', 'G', 'D', 'A', 'E', 'B'];
  if (fifths > 0) for (const s of sharps.slice(0, fifths)) out[s] = 1;
  if (fifths < 0) for (const s of [...sharps].reverse().slice(0, -fifths)) out[s] = -1;
  return out;
}

const plainRest = (tick: number, ticks: number, value: NotatedValue | null, voice: number, hidden: boolean): NoteItem => ({
  kind: 'note',
  tick,
  ticks,
  value,
  voice,
  rest: true,
  hidden,
  chord: false,
  tieStop: false,
  tieStart: false,
  velocity: 0,
});

/**
 * Bracket runs of triplet values (notes and rests) in one voice: a bracket closes when the run fills a whole
 * triplet group of its smallest value (three triplet eighths, or a triplet quarter and eighth, fill a
 * quarter), or where the run ends. Notation programs need the start/stop to draw the "3".
 */
function markTuplets(stream: NoteItem[]): void {
  const leads = stream.filter((it) => !it.chord);
  let i = 0;
  while (i < leads.length) {
    if (!leads[i].value?.triplet) {
      i++;
      continue;
    }
    let sum = 0;
    let unit = Infinity;
    let j = i;
    while (j < leads.length && leads[j].value?.triplet) {
      sum += leads[j].ticks;
      unit = Math.min(unit, leads[j].ticks);
      if (sum % (3 * unit) === 0) break;
      j++;
    }
    const last = Math.min(j, leads.length - 1);
    if (!leads[last].value?.triplet) j = last - 1;
    else j = last;
    if (j === i) leads[i].tuplet = 'both';
    else {
      leads[i].tuplet = 'start';
      leads[j].tuplet = 'stop';
    }
    i = j + 1;
  }
}

/** Put each direction before the voice-1 note sounding at its tick, with an offset when it falls inside it. */
function withDirections(stream: NoteItem[], dirs: DirectionItem[]): Item[] {
  const out: Item[] = [];
  const pending = [...dirs].sort((a, b) => a.tick - b.tick);
  let lastLead = -1;
  stream.forEach((it, i) => { if (!it.chord) lastLead = i; });
  for (let i = 0; i < stream.length; i++) {
    const it = stream[i];
    if (!it.chord) {
      const end = it.tick + it.ticks;
      while (pending.length && (pending[0].tick < end || i === lastLead)) {
        const d = pending.shift()!;
        out.push({ ...d, tick: d.tick - it.tick }); // tick now holds the offset from this note
      }
    }
    out.push(it);
  }
  return out;
}
