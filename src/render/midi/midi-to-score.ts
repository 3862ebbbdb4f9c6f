/**
 * purpose: any Standard MIDI File (format 0, 1 or 2; PPQ or SMPTE timing) → a valid Score at 480 PPQ.
 *
 * Each SMF track is split by channel and by program (one Score track plays one instrument); notes are paired
 * first-in-first-out per channel and pitch; same-pitch overlaps on a channel are trimmed across tracks so the
 * Score validates; roles are guessed (channel 10 → percussion, GM bass programs or the lowest line → bass, …).
 * Files written by scoreToMidi carry an extras event (extras.ts) that restores roles, sections, hit points,
 * modal keys and tempo ramps exactly, where it still matches the file's own events.
 */
import { ZodError } from 'zod';
import {
  PPQ,
  SCORE_VERSION,
  ScoreSchema,
  assertValidScore,
  contentEnd,
  normalizeScore,
  resolveSamePitchOverlaps,
  ticksPerBar,
  type HitPoint,
  type KeyEvent,
  type Marker,
  type MeterEvent,
  type Note,
  type Score,
  type Section,
  type TempoEvent,
  type Track,
  type TrackRole,
} from '../../score/index.js';
import { LeitmotifError, formatZodIssues } from '../../util/errors.js';
import { LIMITS, formatLimit, formatSeconds, limitError } from '../../util/limits.js';
import { decodeSmf, type SmfFile } from './smf.js';
import { DRUM_CHANNEL, MODE_TABLE, gmProgramName, keyFifths, keyFromSmf } from '../../theory/index.js';
import { panToCc, MARKER_PREFIX, annotationMarkers } from './score-to-midi.js';
import { tempoToSmf } from './tempo-steps.js';
import { readSmfContent, type RawTrack, type SmfContent } from './read-smf-content.js';
import type { Extras } from './extras.js';

export interface MidiToScoreOptions {
  /** Title when the file names none (defaults to the file's first track name, else "Untitled"). */
  title?: string;
  /** Ignore the Leitmotif extras event and read only standard SMF content (default false). */
  ignoreExtras?: boolean;
}



export function midiToScore(bytes: Uint8Array, opts: MidiToScoreOptions = {}): Score {
  if (bytes instanceof Uint8Array && bytes.length > LIMITS.midiBytes) {
    throw limitError('LM_ERR_INPUT_TOO_LARGE', `the MIDI file is ${(bytes.length / 1048576).toFixed(1)} MB; the largest MIDI file Leitmotif reads is ${LIMITS.midiBytes / 1048576} MB`);
  }
  try {
    const smf = decodeSmf(bytes);
    assertMidiLength(smf);
    return buildScore(smf, opts);
  } catch (e) {
    if (e instanceof LeitmotifError) throw e;
    const why = e instanceof ZodError ? formatZodIssues(e.issues, 3) : (e as Error).message.replace(/\s+/g, ' ').slice(0, 300);
    throw new LeitmotifError('LM_ERR_MIDI_CORRUPT', `the MIDI file could not be turned into a score: ${why}`, {
      hint: 'the file parses as MIDI but holds inconsistent data; re-export it from your DAW',
      cause: e,
    });
  }
}

/** The file's length in quarter notes (PPQ files) or seconds (SMPTE files) must be within LIMITS. */
function assertMidiLength(smf: SmfFile): void {
  let last = 0;
  for (const events of smf.tracks) if (events.length) last = Math.max(last, events[events.length - 1].tick);
  if ('ppq' in smf.division) {
    const quarters = last / smf.division.ppq;
    if (quarters > LIMITS.scoreQuarters) {
      throw limitError(
        'LM_ERR_MIDI_CORRUPT',
        `the MIDI file's last event is ${Math.round(quarters)} quarter notes in (tick ${last} at ${smf.division.ppq} PPQ); the longest MIDI file Leitmotif reads is ${LIMITS.scoreQuarters} quarter notes`,
        'check the file for a stray late event (a far-off note or end-of-track), or split it (limits: README "Limits")',
      );
    }
  } else {
    const seconds = last / (smf.division.smpte.fps * smf.division.smpte.ticksPerFrame);
    if (seconds > LIMITS.scoreSeconds || seconds * 2 > LIMITS.scoreQuarters) {
      throw limitError('LM_ERR_MIDI_CORRUPT', `the MIDI file's last event is at ${formatSeconds(seconds)}; the longest MIDI file Leitmotif reads is ${formatLimit(Math.min(LIMITS.scoreSeconds, LIMITS.scoreQuarters / 2))}`);
    }
  }
}

function buildScore(smf: SmfFile, opts: MidiToScoreOptions): Score {
  const { scale, smpte } = tickScale(smf);
  const content = readSmfContent(smf, scale);
  const ex = opts.ignoreExtras ? null : content.extras;
  let tempo = readTempo(content, scale, smpte);
  const meters = fixMeters(dedupLast(content.meterRaw.map((m) => ({ ...m, tick: scale(m.tick) }))));
  const keys = readKeys(content, scale, ex);
  const tracks = readTracks(content.raw, ex);
  const ann = readAnnotations(content, scale, ex, tracks);
  if (ex && !smpte && sameTempo(ex.tempo, content.tempoRaw, scale, ann.endTick)) tempo = ex.tempo;
  const score: Score = normalizeScore(ScoreSchema.parse({
    version: SCORE_VERSION,
    ppq: PPQ,
    title: (opts.title ?? (content.title || 'Untitled')).slice(0, 500),
    tempo,
    meters,
    keys,
    tracks,
    sections: ann.sections,
    markers: ann.markers,
    hits: ann.hits,
    endTick: ann.endTick,
    meta: ann.meta,
  }));
  assertValidScore(score, 'MIDI file');
  return score;
}

/** Tick rescaling to 480 PPQ. SMPTE files have no beats: they are laid on a fixed 120 BPM grid. */
function tickScale(smf: SmfFile): { scale: (t: number) => number; smpte: boolean } {
  if ('ppq' in smf.division) {
    const ppq = smf.division.ppq;
    return { scale: ppq === PPQ ? (t) => t : (t) => Math.round((t * PPQ) / ppq), smpte: false };
  }
  const ticksPerSecond = smf.division.smpte.fps * smf.division.smpte.ticksPerFrame;
  return { scale: (t) => Math.round((t / ticksPerSecond) * 2 * PPQ), smpte: true };
}

/** Set-tempo events as steps (the SMF default 120 bpm when the file starts without one). */
function readTempo(c: SmfContent, scale: (t: number) => number, smpte: boolean): TempoEvent[] {
  let tempo: TempoEvent[] = dedupLast(c.tempoRaw.map((t) => ({ tick: scale(t.tick), us: t.us }))).map((t) => ({
    tick: t.tick,
    bpm: fileBpm(t.us),
    ramp: 'step' as const,
  }));
  if (smpte) tempo = [{ tick: 0, bpm: 120, ramp: 'step' }];
  if (tempo.length === 0 || tempo[0].tick !== 0) tempo.unshift({ tick: 0, bpm: 120, ramp: 'step' }); // SMF default
  return tempo;
}

/**
 * Key signatures. Some writers (MuseScore) repeat the key in every track, and give the drum track C major: take
 * the keys of the first track that has any and is not a drum track; the extras restore modal keys exactly.
 */
function readKeys(c: SmfContent, scale: (t: number) => number, ex: Extras | null): KeyEvent[] {
  const { raw, keyRaw } = c;
  let keys: KeyEvent[] = [];
  const drumOnly = (ti: number) => raw.some((t) => t.sourceTrack === ti) && raw.every((t) => t.sourceTrack !== ti || t.channel === DRUM_CHANNEL);
  const keyTrack = [...new Set(keyRaw.map((k) => k.ti))].sort((a, b) => a - b).find((ti) => !drumOnly(ti));
  const keyEvents = keyRaw.filter((k) => k.ti === keyTrack);
  for (const k of dedupLast(keyEvents.map((k) => ({ ...k, tick: scale(k.tick) })))) {
    const key = keyFromSmf(k.sf, k.mi);
    if (key) keys.push({ tick: k.tick, ...key });
  }
  if (ex && ex.keys.length === keys.length && ex.keys.every((k, i) => k.tick === keys[i].tick && sameKeySignature(k, keyEvents[i]))) keys = ex.keys;
  return keys;
}

/** Raw tracks → Score tracks: empty split leftovers dropped, same-pitch overlaps resolved, roles and names. */
function readTracks(raw: RawTrack[], ex: Extras | null): Track[] {
  let tracks: Track[] = raw
    // An SMF track that holds an instrument but no notes stays (an empty part someone set up); an empty
    // leftover of a split (a program change after the last note) does not.
    .filter((t) => t.notes.length > 0 || raw.every((o) => o === t || o.sourceTrack !== t.sourceTrack))
    .map((t) => ({
      name: t.name,
      role: 'other' as TrackRole,
      program: t.program,
      channel: t.channel,
      volume: t.volume ?? 100,
      pan: t.pan ?? 0,
      notes: t.notes,
      controllers: t.controllers.sort((a, b) => a.tick - b.tick),
    }));
  tracks = resolveChannelOverlaps(tracks);
  guessRoles(tracks);
  const fileNames = tracks.map((t) => t.name);
  nameTracks(tracks);
  if (ex && ex.tracks.length === tracks.length && ex.tracks.every((t, i) => t.name === fileNames[i] && t.channel === tracks[i].channel)) {
    ex.tracks.forEach((t, i) => {
      tracks[i].role = t.role;
      tracks[i].name = t.name; // the Score's own names, even where two tracks share one
      // CC10 has 128 steps; the exact pan comes back when the file still has the value written for it.
      if (t.pan !== undefined && panToCc(t.pan) === panToCc(tracks[i].pan)) tracks[i].pan = t.pan;
    });
  }
  for (const t of tracks) if (t.channel === DRUM_CHANNEL) t.role = 'percussion';
  return tracks;
}

/** Markers, sections and hit points from the file's markers (exact from the extras when they still match). */
function readAnnotations(c: SmfContent, scale: (t: number) => number, ex: Extras | null, tracks: Track[]): { markers: Marker[]; hits: HitPoint[]; sections: Section[]; meta: Record<string, unknown>; endTick: number } {
  const { markerRaw, lastTick } = c;
  const markers: Marker[] = [];
  const hits: HitPoint[] = [];
  const sectionStarts: Array<{ tick: number; name: string }> = [];
  for (const m of markerRaw) {
    const tick = scale(m.tick);
    if (m.text.startsWith(MARKER_PREFIX.section)) sectionStarts.push({ tick, name: m.text.slice(MARKER_PREFIX.section.length) || 'section' });
    else if (m.text.startsWith(MARKER_PREFIX.hit)) hits.push({ tick, label: m.text.slice(MARKER_PREFIX.hit.length).slice(0, 500) });
    else if (m.text.startsWith(MARKER_PREFIX.cue)) markers.push({ tick, text: m.text.slice(MARKER_PREFIX.cue.length).slice(0, 500), kind: 'cue' });
    else if (m.text.startsWith(MARKER_PREFIX.sync)) markers.push({ tick, text: m.text.slice(MARKER_PREFIX.sync.length).slice(0, 500), kind: 'sync' });
    else markers.push({ tick, text: m.text.slice(0, 500), kind: 'marker' });
  }

  const lastEventTick = scale(lastTick);
  const partial = { tracks, markers, hits, sections: [] as Section[] };
  let endTick = Math.max(contentEnd(partial), lastEventTick);
  sectionStarts.sort((a, b) => a.tick - b.tick);
  let sections: Section[] = sectionStarts.map((s, i) => ({
    name: s.name.slice(0, 200),
    kind: 'section' as const,
    tick: s.tick,
    endTick: Math.max(s.tick + 1, sectionStarts.slice(i + 1).find((n) => n.tick > s.tick)?.tick ?? endTick),
  }));
  let outMarkers = markers;
  let outHits = hits;
  let meta: Record<string, unknown> = {};
  if (ex) {
    // Restore exact annotations (section spans and kinds, hit seconds/salience, hit markers) when the file's
    // markers are still exactly the ones scoreToMidi wrote for them.
    const key = (m: { tick: number; text: string }) => `${m.tick}\u0000${m.text}`;
    const want = annotationMarkers(ex).map(key).sort();
    const have = markerRaw.map((m) => key({ tick: scale(m.tick), text: m.text })).sort();
    if (want.length === have.length && want.every((w, i) => w === have[i])) {
      sections = ex.sections;
      outMarkers = ex.markers;
      outHits = ex.hits;
    }
    meta = ex.meta;
  }
  endTick = Math.max(endTick, ...sections.map((s) => s.endTick));
  return { markers: outMarkers, hits: outHits, sections, meta, endTick };
}

const clampBpm = (b: number) => Math.min(1000, Math.max(5, b));

/**
 * The BPM a set-tempo event means: the shortest decimal (up to 3 places) that a writer would have rounded to
 * exactly these µs per quarter (714286 µs → 84, not 83.99996…), else the exact quotient.
 */
function fileBpm(us: number): number {
  const exact = 60e6 / us;
  for (let d = 0; d <= 3; d++) {
    const c = Number(exact.toFixed(d));
    if (c > 0 && Math.round(60e6 / c) === us) return clampBpm(c);
  }
  return clampBpm(exact);
}



/** Later events at the same tick replace earlier ones; output sorted by tick. */
function dedupLast<T extends { tick: number }>(xs: T[]): T[] {
  const sorted = xs.map((x, i) => ({ x, i })).sort((a, b) => a.x.tick - b.x.tick || a.i - b.i).map((o) => o.x);
  const out: T[] = [];
  for (const x of sorted) {
    if (out.length && out[out.length - 1].tick === x.tick) out[out.length - 1] = x;
    else out.push(x);
  }
  return out;
}

/** True when writing `exact` would produce exactly the file's set-tempo events (so it was not edited). */
function sameTempo(exact: TempoEvent[], fileTempo: Array<{ tick: number; us: number }>, scale: (t: number) => number, endTick: number): boolean {
  try {
    const want = tempoToSmf(exact, endTick);
    const have = dedupLast(fileTempo.map((t) => ({ tick: scale(t.tick), us: t.us })));
    return want.length === have.length && want.every((w, i) => w.tick === have[i].tick && w.usPerQuarter === have[i].us);
  } catch {
    return false;
  }
}

function sameKeySignature(k: KeyEvent, raw: { sf: number; mi: number } | undefined): boolean {
  return !!raw && keyFifths(k) === raw.sf && (MODE_TABLE[k.mode].smfMinor ? 1 : 0) === raw.mi;
}

/**
 * Meters valid for the Score: legal numerators/denominators, first at tick 0, and every change on a barline
 * of the previous meter. A change that falls mid-bar (pickups, edited files) shortens the bar before it by
 * inserting a meter for the remainder (e.g. 1/4 for a one-beat pickup), or is moved to the next barline when
 * the remainder is not a whole number of 32nd notes.
 */
export function fixMeters(input: Array<{ tick: number; numerator: number; denominator: number }>): MeterEvent[] {
  const legal = input.filter((m) => m.numerator >= 1 && m.numerator <= 32 && [1, 2, 4, 8, 16, 32].includes(m.denominator)) as MeterEvent[];
  if (legal.length === 0 || legal[0].tick !== 0) legal.unshift({ tick: 0, numerator: 4, denominator: 4 });
  const out: MeterEvent[] = [];
  for (const m of legal) {
    const prev = out[out.length - 1];
    if (!prev) {
      out.push(m);
      continue;
    }
    const bar = ticksPerBar(prev);
    const rem = (m.tick - prev.tick) % bar;
    if (rem === 0) {
      if (m.tick === prev.tick) out[out.length - 1] = m;
      else if (m.numerator !== prev.numerator || m.denominator !== prev.denominator) out.push(m);
      continue;
    }
    const lastBar = m.tick - rem;
    const den = ([4, 8, 16, 32] as const).find((d) => rem % ((PPQ * 4) / d) === 0);
    if (den && rem / ((PPQ * 4) / den) <= 32) {
      const partial: MeterEvent = { tick: lastBar, numerator: rem / ((PPQ * 4) / den), denominator: den };
      if (lastBar === prev.tick) out[out.length - 1] = partial;
      else out.push(partial);
      out.push(m);
    } else {
      out.push({ ...m, tick: lastBar + bar });
    }
  }
  return dedupLast(out);
}

/**
 * Two notes of one pitch on one channel cannot sound at once in MIDI; trim the earlier where the later starts,
 * across all tracks sharing the channel (the validator checks the same thing per channel).
 */
function resolveChannelOverlaps(tracks: Track[]): Track[] {
  const byChannel = new Map<number, number[]>();
  tracks.forEach((t, i) => {
    const l = byChannel.get(t.channel) ?? [];
    l.push(i);
    byChannel.set(t.channel, l);
  });
  const notesOut: Note[][] = tracks.map(() => []);
  for (const idx of byChannel.values()) {
    const tagged = idx.flatMap((ti) => tracks[ti].notes.map((n) => ({ ...n, ti })));
    const resolved = resolveSamePitchOverlaps(tagged) as Array<Note & { ti: number }>;
    for (const { ti, ...n } of resolved) notesOut[ti].push(n);
  }
  // Tracks that were empty stay; tracks emptied by trimming (all notes slivers) go.
  return tracks
    .map((t, i) => ({ ...t, notes: notesOut[i].sort((a, b) => a.tick - b.tick || a.pitch - b.pitch) }))
    .filter((t, i) => t.notes.length > 0 || tracks[i].notes.length === 0);
}

const meanPitch = (t: Track) => t.notes.reduce((s, n) => s + n.pitch, 0) / t.notes.length;

/** Fraction of notes that start while another note of the track still sounds (chords, arpeggio pedal). */
function polyphony(t: Track): number {
  const ns = [...t.notes].sort((a, b) => a.tick - b.tick);
  let overlapped = 0;
  let maxEnd = -1;
  for (const n of ns) {
    if (n.tick < maxEnd) overlapped++;
    maxEnd = Math.max(maxEnd, n.tick + n.duration);
  }
  return ns.length ? overlapped / ns.length : 0;
}

/**
 * Role guesses from GM program families and register: channel 10 → percussion; GM basses (32–39) or the
 * lowest line when it sits low → bass; GM pads (88–95) → pad; GM synth effects / sound effects → fx; chordal
 * tracks → harmony; the highest single line → melody; other single lines → counter.
 */
function guessRoles(tracks: Track[]): void {
  const pitched = tracks.filter((t) => t.channel !== DRUM_CHANNEL);
  for (const t of tracks) {
    if (t.channel === DRUM_CHANNEL) t.role = 'percussion';
    else if (t.program >= 32 && t.program <= 39) t.role = 'bass';
    else if (t.program >= 88 && t.program <= 95) t.role = 'pad';
    else if ((t.program >= 96 && t.program <= 103) || t.program >= 120) t.role = 'fx';
  }
  const open = () => pitched.filter((t) => t.role === 'other');
  if (!pitched.some((t) => t.role === 'bass') && open().length > 1) {
    const low = open().sort((a, b) => meanPitch(a) - meanPitch(b))[0];
    if (meanPitch(low) < 52) low.role = 'bass';
  }
  for (const t of open()) if (polyphony(t) > 0.3) t.role = 'harmony';
  const lines = open().sort((a, b) => meanPitch(b) - meanPitch(a));
  lines.forEach((t, i) => (t.role = i === 0 ? 'melody' : 'counter'));
}

/** Unnamed tracks get their GM instrument name; duplicate names get " 2", " 3" (the Score needs names). */
function nameTracks(tracks: Track[]): void {
  const seen = new Map<string, number>();
  for (const t of tracks) {
    let name = (t.name || (t.channel === DRUM_CHANNEL ? 'Drums' : gmProgramName(t.program))).slice(0, 190);
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    if (n > 1) name = `${name} ${n}`;
    t.name = name;
  }
}
