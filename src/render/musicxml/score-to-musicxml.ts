/**
 * purpose: Score → MusicXML 4.0 (score-partwise), one part per track, deterministic text.
 *
 * Measures follow the meter map; notes crossing a barline are split and tied; lengths are written as note
 * types with dots or triplets (durations.ts); simultaneous notes of equal length are chords, overlapping ones of
 * different lengths go to separate voices joined with <backup> (voices.ts); pitches are spelled from the key
 * (spelling.ts) with accidentals as a copyist writes them (key signature, then per bar and octave); drums are
 * unpitched notes on a percussion staff (drums.ts). The first part carries tempo marks with <sound tempo>
 * (a ramp is written "accel."/"rit." up to the next mark, as on paper: notation programs print every
 * <sound tempo> as a visible mark, so a beat-by-beat ramp would bury the page in numbers — the SMF carries the
 * exact ramp), rehearsal marks for sections and cue markers, and words for hit points and other markers.
 * Note velocities go into the `dynamics` attribute (percent of forte = 90) for playback, and printed
 * dynamics follow each part's bar-by-bar level (dynamics.ts).
 */
import { MeterMap, barCount, normalizeScore, PPQ, type KeyEvent, type Note, type Score, type Track } from '../../score/index.js';
import { splitDuration, type NotatedValue } from './durations.js';
import { DRUM_CHANNEL, MODE_TABLE, keyFifths, spellPitch, spellingKey, type SpelledPitch, type SpellingKey } from '../../theory/index.js';
import { drumDisplay } from './drums.js';
import { drumNotation, layoutVoices, type NoteGroup } from './voices.js';
import { quantizeForNotation } from './quantize.js';
import { dynamicMarks } from './dynamics.js';
import { esc, gcd, num } from './xml.js';


interface Bar {
  index: number;
  start: number;
  end: number;
  numerator: number;
  denominator: number;
}

/** One <note> to write (a chord member, a tied piece or a rest), in ticks. */
interface NoteItem {
  kind: 'note';
  tick: number;
  ticks: number;
  value: NotatedValue | null; // null: whole-measure rest
  voice: number;
  rest: boolean;
  hidden: boolean;
  chord: boolean;
  pitch?: SpelledPitch;
  drum?: { pitch: number };
  tieStop: boolean;
  tieStart: boolean;
  velocity: number;
  accidental?: string;
  /** Start/stop of a triplet bracket (on the lead note of a chord). */
  tuplet?: 'start' | 'stop' | 'both';
  /** Staff number in a grand staff. */
  staff?: number;
}
interface BackupItem {
  kind: 'backup';
  ticks: number;
}
interface DirectionItem {
  kind: 'direction';
  tick: number;
  xml: (offset: string) => string;
}
type Item = NoteItem | BackupItem | DirectionItem;

export interface ScoreToMusicXmlOptions {
  /** Software name written into <encoding> (default "Leitmotif"). */
  software?: string;
  /**
   * Write the rhythm a copyist would (quantize.ts; default true). With false every note keeps its exact
   * tick and length, however odd the notation gets (tuplets, untyped remainders).
   */
  quantize?: boolean;
}

export function scoreToMusicXml(input: Score, opts: ScoreToMusicXmlOptions = {}): string {
  const score = normalizeScore(input);
  const mm = new MeterMap(score.meters);
  const nBars = Math.max(1, barCount(score));
  const bars: Bar[] = [];
  for (let i = 0; i < nBars; i++) {
    const start = mm.tickAtBar(i);
    const m = mm.meterAt(start);
    bars.push({ index: i, start, end: mm.tickAtBar(i + 1), numerator: m.numerator, denominator: m.denominator });
  }
  const barAt = (tick: number) => Math.min(nBars - 1, mm.barBeatAt(tick).bar);
  const keys = score.keys;
  const keyAt = (tick: number): KeyEvent | undefined => {
    let k: KeyEvent | undefined;
    for (const e of keys) if (e.tick <= tick) k = e; else break;
    return k;
  };

  const parts = score.tracks.map((track, ti) => layoutPart(track, ti === 0 ? directionsFor(score, barAt) : new Map()));
  // Divisions: the coarsest grid every written duration and offset lies on.
  let g = PPQ;
  for (const p of parts) for (const bar of p) for (const it of bar) {
    if (it.kind === 'note' || it.kind === 'backup') g = gcd(g, it.ticks);
  }
  for (const b of bars) g = gcd(g, b.end - b.start);
  for (const p of parts) for (const bar of p) for (const it of bar) if (it.kind === 'direction') g = gcd(g, it.tick);
  const divisions = PPQ / g;
  const dur = (ticks: number) => String(ticks / g);

  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8" standalone="no"?>');
  out.push('<!DOCTYPE score-partwise PUBLIC "-//Recordare//DTD MusicXML 4.0 Partwise//EN" "http://www.musicxml.org/dtds/partwise.dtd">');
  out.push('<score-partwise version="4.0">');
  out.push(`  <work><work-title>${esc(score.title)}</work-title></work>`);
  out.push('  <identification>');
  out.push(`    <encoding><software>${esc(opts.software ?? 'Leitmotif')}</software></encoding>`);
  out.push('  </identification>');
  out.push('  <part-list>');
  score.tracks.forEach((t, i) => out.push(...partListEntry(t, i)));
  out.push('  </part-list>');

  score.tracks.forEach((track, ti) => {
    const id = `P${ti + 1}`;
    const perc = isPercussion(track);
    out.push(`  <part id="${id}">`);
    let prevKey: number | null = null;
    let prevMeter = '';
    for (const bar of bars) {
      out.push(`    <measure number="${bar.index + 1}">`);
      const attrs: string[] = [];
      if (bar.index === 0) attrs.push(`<divisions>${divisions}</divisions>`);
      const kf = keyFifths(keyAt(bar.start) ?? { tonic: 'C', mode: 'major' });
      const kev = keyAt(bar.start);
      if (!perc && (bar.index === 0 || kf !== prevKey)) {
        const mode = kev ? xmlMode(kev.mode) : null;
        attrs.push(`<key><fifths>${kf}</fifths>${mode ? `<mode>${mode}</mode>` : ''}</key>`);
        prevKey = kf;
      }
      const meterKey = `${bar.numerator}/${bar.denominator}`;
      if (meterKey !== prevMeter) attrs.push(`<time><beats>${bar.numerator}</beats><beat-type>${bar.denominator}</beat-type></time>`);
      prevMeter = meterKey;
      if (bar.index === 0) {
        if (perc) attrs.push('<clef><sign>percussion</sign></clef>');
        else if (grandStaff(track, track.notes)) attrs.push('<staves>2</staves><clef number="1"><sign>G</sign><line>2</line></clef><clef number="2"><sign>F</sign><line>4</line></clef>');
        else attrs.push(clefFor(track));
      }
      if (attrs.length) out.push(`      <attributes>${attrs.join('')}</attributes>`);
      for (const it of parts[ti][bar.index]) out.push(...writeItem(it, id, dur));
      const barline = barlineFor(score, bar, nBars);
      if (barline) out.push(`      ${barline}`);
      out.push('    </measure>');
    }
    out.push('  </part>');
  });
  out.push('</score-partwise>');
  return out.join('\n') + '\n';

  // ------------------------------------------------------------------------------------------- layout

  function layoutPart(track: Track, directions: Map<number, DirectionItem[]>): Item[][] {
    const perc = isPercussion(track);
    const lastTick = bars[bars.length - 1].end;
    const source = opts.quantize === false ? track.notes : quantizeForNotation(track.notes, lastTick);
    const notes: Note[] = perc
      ? drumNotation(source, (t) => bars[barAt(t)].end, (len) => splitDuration(len)[0]?.ticks ?? len)
      : source;
    if (!perc) {
      for (const d of dynamicMarks(source, bars)) {
        const b = barAt(d.tick);
        const list = directions.get(b) ?? [];
        list.push({ kind: 'direction', tick: d.tick, xml: (off) => `<direction placement="below"><direction-type><dynamics><${d.mark}/></dynamics></direction-type>${off}</direction>` });
        directions.set(b, list);
      }
    }
    // One staff, or a grand staff split at middle C for wide keyboard/harp/pad parts; staff 2 uses voices 5–8.
    const staves: Array<{ voices: NoteGroup[][]; first: number; staff?: number }> = grandStaff(track, track.notes)
      ? [
          { voices: layoutVoices(notes.filter((n) => n.pitch >= 60)), first: 1, staff: 1 },
          { voices: layoutVoices(notes.filter((n) => n.pitch < 60)), first: 5, staff: 2 },
        ]
      : [{ voices: layoutVoices(notes), first: 1 }];
    return bars.map((bar) => {
      const streams: NoteItem[][] = [];
      for (const st of staves) {
        const mine: NoteItem[][] = [];
        st.voices.forEach((groups, vi) => {
          const inBar = groups.filter((gr) => gr.tick < bar.end && gr.end > bar.start);
          if (vi > 0 && inBar.length === 0) return;
          mine.push(voiceStream(inBar, bar, st.first + vi, perc, st.staff));
        });
        if (mine.length === 0) mine.push(voiceStream([], bar, st.first, perc, st.staff));
        // Accidentals hold per staff (Gould, "Behind Bars", p. 79).
        if (!perc) markAccidentals(mine.flat(), bar);
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
  }

  function voiceStream(groups: NoteGroup[], bar: Bar, voice: number, perc: boolean, staff?: number): NoteItem[] {
    const items: NoteItem[] = [];
    if (groups.length === 0) {
      items.push({ ...restItem(bar.start, bar.end - bar.start, null, voice, false), staff });
      return items;
    }
    let cursor = bar.start;
    const rests = (from: number, to: number) => {
      let t = from;
      for (const v of splitDuration(to - from)) {
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
          const key = spellingKey(keyAt(t));
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
  function markAccidentals(items: NoteItem[], bar: Bar): void {
    const sig = signatureAlters(keyFifths(keyAt(bar.start) ?? { tonic: 'C', mode: 'major' }));
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

const restItem = (tick: number, ticks: number, value: NotatedValue | null, voice: number, hidden: boolean): NoteItem => ({
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

function writeItem(it: Item, partId: string, dur: (t: number) => string): string[] {
  if (it.kind === 'backup') return [`      <backup><duration>${dur(it.ticks)}</duration></backup>`];
  if (it.kind === 'direction') return [`      ${it.xml(it.tick > 0 ? `<offset sound="yes">${dur(it.tick)}</offset>` : '')}`];
  const attrs = [it.hidden ? ' print-object="no"' : '', !it.rest ? ` dynamics="${num((it.velocity / 90) * 100)}"` : ''].join('');
  const x: string[] = [];
  if (it.chord) x.push('<chord/>');
  if (it.rest) x.push(it.value === null ? '<rest measure="yes"/>' : '<rest/>');
  else if (it.drum) {
    const d = drumDisplay(it.drum.pitch);
    x.push(`<unpitched><display-step>${d.step}</display-step><display-octave>${d.octave}</display-octave></unpitched>`);
  } else {
    const p = it.pitch!;
    x.push(`<pitch><step>${p.step}</step>${p.alter ? `<alter>${p.alter}</alter>` : ''}<octave>${p.octave}</octave></pitch>`);
  }
  x.push(`<duration>${dur(it.ticks)}</duration>`);
  if (it.tieStop) x.push('<tie type="stop"/>');
  if (it.tieStart) x.push('<tie type="start"/>');
  if (it.drum) x.push(`<instrument id="${partId}-I${it.drum.pitch + 1}"/>`);
  x.push(`<voice>${it.voice}</voice>`);
  const v = it.value;
  if (v?.type) {
    x.push(`<type>${v.type}</type>`);
    for (let i = 0; i < v.dots; i++) x.push('<dot/>');
  }
  if (it.accidental) x.push(`<accidental>${it.accidental}</accidental>`);
  if (v?.triplet) x.push('<time-modification><actual-notes>3</actual-notes><normal-notes>2</normal-notes></time-modification>');
  if (it.drum) {
    const d = drumDisplay(it.drum.pitch);
    if (d.notehead !== 'normal') x.push(`<notehead>${d.notehead}</notehead>`);
  }
  if (it.staff) x.push(`<staff>${it.staff}</staff>`);
  const tuplet =
    it.tuplet === 'start' ? '<tuplet type="start" bracket="yes"/>' : it.tuplet === 'stop' ? '<tuplet type="stop"/>' : it.tuplet === 'both' ? '<tuplet type="start" bracket="yes"/><tuplet type="stop"/>' : '';
  if (it.tieStop || it.tieStart || tuplet) {
    x.push(`<notations>${it.tieStop ? '<tied type="stop"/>' : ''}${it.tieStart ? '<tied type="start"/>' : ''}${tuplet}</notations>`);
  }
  return [`      <note${attrs}>${x.join('')}</note>`];
}

// ------------------------------------------------------------------------------------------- part-list

function partListEntry(t: Track, i: number): string[] {
  const id = `P${i + 1}`;
  const vol = num((t.volume / 127) * 100);
  const pan = num(t.pan * 90);
  const out = [`    <score-part id="${id}">`, `      <part-name>${esc(t.name)}</part-name>`];
  if (isPercussion(t)) {
    const pitches = [...new Set(t.notes.map((n) => n.pitch))].sort((a, b) => a - b);
    for (const p of pitches) out.push(`      <score-instrument id="${id}-I${p + 1}"><instrument-name>${esc(drumDisplay(p).name)}</instrument-name></score-instrument>`);
    for (const p of pitches) {
      out.push(`      <midi-instrument id="${id}-I${p + 1}"><midi-channel>10</midi-channel><midi-program>${t.program + 1}</midi-program><midi-unpitched>${p + 1}</midi-unpitched><volume>${vol}</volume><pan>${pan}</pan></midi-instrument>`);
    }
  } else {
    out.push(`      <score-instrument id="${id}-I1"><instrument-name>${esc(t.name)}</instrument-name></score-instrument>`);
    out.push(`      <midi-instrument id="${id}-I1"><midi-channel>${t.channel + 1}</midi-channel><midi-program>${t.program + 1}</midi-program><volume>${vol}</volume><pan>${pan}</pan></midi-instrument>`);
  }
  out.push('    </score-part>');
  return out;
}

const isPercussion = (t: Track) => t.channel === DRUM_CHANNEL || t.role === 'percussion';

/** GM pianos, chromatic percussion and organs (0–23), harp (46), choirs/ensembles (48–55), pads (88–95). */
const KEYBOARD_LIKE = (p: number) => p <= 23 || p === 46 || (p >= 48 && p <= 55) || (p >= 88 && p <= 95);

/**
 * A grand staff for a keyboard-like part that really uses both registers: at least a quarter of its notes
 * below G3 and a quarter from E4 up, over more than an octave and a half. One staff would bury it in ledger
 * lines. (The decision uses the track's own notes, so it is the same for the attributes and the layout.)
 */
function grandStaff(t: Track, notes: readonly Note[]): boolean {
  if (isPercussion(t) || !KEYBOARD_LIKE(t.program) || notes.length < 4) return false;
  const ps = notes.map((n) => n.pitch);
  const low = ps.filter((p) => p < 55).length / ps.length;
  const high = ps.filter((p) => p >= 64).length / ps.length;
  const span = ps.reduce((m, p) => Math.max(m, p), 0) - ps.reduce((m, p) => Math.min(m, p), 127);
  return low >= 0.25 && high >= 0.25 && span > 18;
}

/** Treble clef unless the track's middle pitch sits below A3 (bass lines, cellos, low pads). */
function clefFor(t: Track): string {
  const ps = t.notes.map((n) => n.pitch).sort((a, b) => a - b);
  const median = ps.length ? ps[ps.length >> 1] : t.role === 'bass' ? 40 : 67;
  return median < 57 ? '<clef><sign>F</sign><line>4</line></clef>' : '<clef><sign>G</sign><line>2</line></clef>';
}

/**
 * <mode> is written for major and minor only: MusicXML 4 allows the church modes too, but MuseScore 3 reports
 * them as import errors, and the key signature (all a player reads) is the same either way.
 */
function xmlMode(mode: KeyEvent['mode']): string | null {
  return mode === 'major' ? 'major' : MODE_TABLE[mode].smfMinor ? 'minor' : null;
}

function barlineFor(score: Score, bar: Bar, nBars: number): string | null {
  if (bar.index === nBars - 1) return '<barline location="right"><bar-style>light-heavy</bar-style></barline>';
  // A double bar where a new section starts.
  if (score.sections.some((s) => s.tick === bar.end)) return '<barline location="right"><bar-style>light-light</bar-style></barline>';
  return null;
}

// ------------------------------------------------------------------------------------------- directions

/** Tempo marks, ramp playback, rehearsal marks and words, by bar index (first part only). */
function directionsFor(score: Score, barAt: (t: number) => number): Map<number, DirectionItem[]> {
  const out = new Map<number, DirectionItem[]>();
  const add = (tick: number, xml: (offset: string) => string) => {
    const b = barAt(tick);
    const list = out.get(b) ?? [];
    list.push({ kind: 'direction', tick, xml });
    out.set(b, list);
  };
  const tempo = score.tempo.filter((e, i, a) => a[i + 1]?.tick !== e.tick);
  tempo.forEach((e, i) => {
    const next = tempo[i + 1];
    const shown = Math.round(e.bpm);
    add(e.tick, (off) => `<direction placement="above"><direction-type><metronome parentheses="no"><beat-unit>quarter</beat-unit><per-minute>${shown}</per-minute></metronome></direction-type>${off}<sound tempo="${num(e.bpm)}"/></direction>`);
    if (e.ramp === 'linear' && next && next.bpm !== e.bpm) {
      const word = next.bpm > e.bpm ? 'accel.' : 'rit.';
      add(e.tick, (off) => `<direction placement="above"><direction-type><words font-style="italic">${word}</words></direction-type>${off}</direction>`);
    }
  });
  for (const s of score.sections) add(s.tick, (off) => `<direction placement="above"><direction-type><rehearsal>${esc(s.name)}</rehearsal></direction-type>${off}</direction>`);
  for (const m of score.markers) {
    const el = m.kind === 'cue' ? `<rehearsal>${esc(m.text)}</rehearsal>` : `<words>${esc(m.kind === 'marker' ? m.text : `${m.kind}: ${m.text}`)}</words>`;
    add(m.tick, (off) => `<direction placement="above"><direction-type>${el}</direction-type>${off}</direction>`);
  }
  const hitMarkers = new Set(score.markers.filter((m) => m.kind === 'hit').map((m) => `${m.tick}\u0000${m.text}`));
  for (const h of score.hits) {
    if (hitMarkers.has(`${h.tick}\u0000${h.label}`)) continue;
    add(h.tick, (off) => `<direction placement="above"><direction-type><words>hit: ${esc(h.label)}</words></direction-type>${off}</direction>`);
  }
  return out;
}
