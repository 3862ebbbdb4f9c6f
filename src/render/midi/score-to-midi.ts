/**
 * purpose: Score → Standard MIDI File type 1 bytes, deterministically (same Score ⇒ identical bytes).
 *
 * Layout: track 1 is the conductor track (title, time and key signatures, tempo map with ramps as 1/16-note
 * steps, markers "cue:…", "hit:…", "sync:…", "section:…", and the Leitmotif extras); then one track per Score
 * track with its name, program change, CC7 volume and CC10 pan (at tick 0, or where the track starts when it
 * follows another instrument on its channel: see trackSetupTicks), its controller points and notes.
 * At equal ticks note-offs come first (so a repeated pitch re-attacks), then controllers (so CC64/CC11 apply
 * to the notes they accompany), then note-ons.
 */
import { MAX_SCORE_TICKS, PPQ } from '../../score/units.js';
import type { Score, Section, Track } from '../../score/schema.js';
import { LIMITS, limitError } from '../../util/limits.js';
import { encodeSmf, META, textBytes, type SmfEvent } from './smf.js';
import { tempoToSmf } from './tempo-steps.js';
import { DRUM_CHANNEL, MODE_TABLE, isCompound, keyFifths } from '../../theory/index.js';
import { EXTRAS_PREFIX } from './extras-tag.js';
import type { Extras } from './extras.js';

export const CC_VOLUME = 7;
export const CC_PAN = 10;
export const NOTE_OFF_VELOCITY = 64;

/** Score pan −1…1 → CC10 0…127 with centre 64 (0 hard left, 127 hard right). */
export const panToCc = (pan: number): number => Math.max(0, Math.min(127, Math.round(pan < 0 ? 64 + pan * 64 : 64 + pan * 63)));
export const ccToPan = (v: number): number => (v < 64 ? (v - 64) / 64 : (v - 64) / 63);

/** Text of the marker written for each Score annotation (read back by midiToScore). */
export const MARKER_PREFIX = { cue: 'cue:', hit: 'hit:', sync: 'sync:', section: 'section:' } as const;

const meta = (tick: number, type: number, data: Uint8Array): SmfEvent => ({ tick, kind: 'meta', type, data });
const metaText = (tick: number, type: number, text: string) => meta(tick, type, textBytes(text));

export interface ScoreToMidiOptions {
  /** Embed the Leitmotif extras event (default true). */
  extras?: boolean;
}

/** Largest time gap a Standard MIDI File can express in one event (28-bit variable-length delta). */
export const SMF_MAX_DELTA = 0x0fffffff;

/** Every tick of a Score must be expressible in SMF before anything is encoded (LeitmotifError otherwise). */
function assertSmfRange(score: Score): void {
  let max = score.endTick;
  const see = (t: number) => {
    if (!(t <= max)) max = t;
  };
  for (const tr of score.tracks) {
    for (const n of tr.notes) see(n.tick + n.duration);
    for (const c of tr.controllers) see(c.tick);
  }
  for (const xs of [score.tempo, score.meters, score.keys, score.markers, score.hits]) for (const x of xs) see(x.tick);
  for (const sec of score.sections) see(sec.endTick);
  if (!Number.isFinite(max) || max > SMF_MAX_DELTA || max > MAX_SCORE_TICKS) {
    throw limitError(
      'LM_ERR_SCORE_INVALID',
      `the score reaches tick ${max}; a MIDI file holds at most ${Math.min(SMF_MAX_DELTA, MAX_SCORE_TICKS)} ticks here (${LIMITS.scoreQuarters} quarter notes at ${PPQ} PPQ)`,
    );
  }
}

export function scoreToMidi(score: Score, opts: ScoreToMidiOptions = {}): Uint8Array {
  assertSmfRange(score);
  const endTick = Math.max(score.endTick, 0);
  const setup = trackSetupTicks(score.tracks);
  const tracks: SmfEvent[][] = [conductorTrack(score, opts.extras !== false), ...score.tracks.map((t, i) => trackEvents(t, setup[i].tick))];
  return encodeSmf({ format: 1, ppq: PPQ, tracks, endTicks: tracks.map(() => endTick) });
}

function conductorTrack(score: Score, withExtras: boolean): SmfEvent[] {
  // [event, order-within-tick] so that signatures precede tempo and markers at the same tick.
  const ev: Array<[SmfEvent, number]> = [];
  ev.push([metaText(0, META.trackName, score.title), 0]);
  for (const m of score.meters) {
    const log2 = Math.log2(m.denominator);
    // MIDI clocks per metronome click: a dotted quarter in compound meters (6/8, 9/8, 12/8), else one beat.
    const clocks = ((24 * 4) / m.denominator) * (isCompound(m) ? 3 : 1);
    ev.push([meta(m.tick, META.timeSignature, new Uint8Array([m.numerator, log2, Math.min(255, clocks), 8])), 1]);
  }
  for (const k of score.keys) {
    const sf = keyFifths(k);
    ev.push([meta(k.tick, META.keySignature, new Uint8Array([sf & 0xff, MODE_TABLE[k.mode].smfMinor ? 1 : 0])), 2]);
  }
  for (const t of tempoToSmf(score.tempo, score.endTick)) {
    const us = t.usPerQuarter;
    ev.push([meta(t.tick, META.tempo, new Uint8Array([(us >> 16) & 0xff, (us >> 8) & 0xff, us & 0xff])), 3]);
  }
  for (const m of annotationMarkers(score)) ev.push([metaText(m.tick, META.marker, m.text), 4]);
  if (withExtras) {
    const extras: Extras = {
      v: 1,
      tempo: score.tempo,
      keys: score.keys,
      tracks: score.tracks.map((t) => ({ name: t.name, role: t.role, channel: t.channel, pan: t.pan })),
      sections: score.sections,
      markers: score.markers,
      hits: score.hits,
      meta: score.meta,
    };
    const json = textBytes(JSON.stringify(extras));
    const data = new Uint8Array(EXTRAS_PREFIX.length + json.length);
    data.set(EXTRAS_PREFIX);
    data.set(json, EXTRAS_PREFIX.length);
    ev.push([meta(0, META.sequencerSpecific, data), 0.5]);
  }
  return stableByTick(ev);
}

/**
 * The marker texts written for a Score's sections, markers and hit points, in write order: ONE marker per event.
 * A Score often says one thing twice (a section and its rehearsal marker "Intro"; a hit point and its marker
 * "hit: door slam"; a cue's section and its "1m1 start" marker); the file carries each once:
 *  - a hit point is written as `hit:<label>`; a hit marker at the same tick is the same hit and is not written;
 *  - a plain marker whose text names a section starting at its tick is that section's `section:` marker;
 *  - a section starting where a cue marker stands is said by that `cue:` marker when it is the cue's own section
 *    or the marker names it (a game session's "state: combat");
 *  - markers identical in tick and text are written once.
 */
export function annotationMarkers(score: Pick<Score, 'sections' | 'markers' | 'hits'>): Array<{ tick: number; text: string }> {
  const out: Array<{ tick: number; text: string; o: number }> = [];
  const key = (tick: number, text: string) => `${tick}\u0000${text}`;
  const hitTicks = new Set(score.hits.map((h) => h.tick));
  const cueMarkers = new Map<number, string[]>();
  for (const m of score.markers) if (m.kind === 'cue') cueMarkers.set(m.tick, [...(cueMarkers.get(m.tick) ?? []), m.text]);
  // A section said by a cue marker at its start: the cue's own section, or one the marker names ("state: combat").
  const saidByCue = (sec: Section) => {
    const texts = cueMarkers.get(sec.tick);
    return !!texts && (sec.kind === 'cue' || texts.some((t) => t === sec.name || t.endsWith(` ${sec.name}`)));
  };
  const sectionNames = new Set(score.sections.map((s) => key(s.tick, s.name)));
  const seen = new Set<string>();
  const add = (tick: number, text: string, o: number) => {
    const k = key(tick, text);
    if (seen.has(k)) return;
    seen.add(k);
    out.push({ tick, text, o });
  };
  for (const s of score.sections) {
    if (saidByCue(s)) continue;
    add(s.tick, MARKER_PREFIX.section + s.name, 0);
  }
  for (const m of score.markers) {
    if (m.kind === 'hit' && hitTicks.has(m.tick)) continue;
    if (m.kind === 'marker' && sectionNames.has(key(m.tick, m.text))) continue;
    add(m.tick, m.kind === 'marker' ? m.text : MARKER_PREFIX[m.kind] + m.text, 1);
  }
  for (const h of score.hits) add(h.tick, MARKER_PREFIX.hit + h.label, 1);
  return out.sort((a, b) => a.tick - b.tick || a.o - b.o).map(({ tick, text }) => ({ tick, text }));
}

/** Where a track's channel setup (program, CC7, CC10) is sent, and whether it is the one that sets the channel up. */
export interface TrackSetup {
  tick: number;
  /** True for the track that opens a run of its channel (a new instrument there); false for tracks joining it. */
  opens: boolean;
}

const trackSpan = (t: Track): [number, number] => {
  let a = Infinity;
  let b = 0;
  for (const n of t.notes) {
    if (n.tick < a) a = n.tick;
    if (n.tick + n.duration > b) b = n.tick + n.duration;
  }
  for (const c of t.controllers) {
    if (c.tick < a) a = c.tick;
    if (c.tick > b) b = c.tick;
  }
  return Number.isFinite(a) ? [a, b] : [0, 0];
};

/**
 * When each track's program change (with CC7/CC10) is sent. Tracks on one channel are taken in order of their
 * first event: the first sets the channel up at tick 0; a later track with another program that starts after
 * everything before it on the channel has ended (an instrument taking over the channel, as in a game session)
 * sets it up where it starts; any other track joins the run before it (same program, or overlapping: the channel
 * keeps the run's instrument) and sends its setup where that run started. The MIDI writer and the audio
 * renderer (planFromScore) both follow this, so a file and its render agree on every note's program.
 */
export function trackSetupTicks(tracks: readonly Track[]): TrackSetup[] {
  const out: TrackSetup[] = tracks.map(() => ({ tick: 0, opens: false }));
  const byChannel = new Map<number, Array<{ i: number; a: number; b: number }>>();
  tracks.forEach((t, i) => {
    const [a, b] = trackSpan(t);
    let l = byChannel.get(t.channel);
    if (!l) byChannel.set(t.channel, (l = []));
    l.push({ i, a, b });
  });
  for (const [ch, list] of byChannel) {
    list.sort((x, y) => x.a - y.a || x.i - y.i);
    let run: { program: number; start: number; end: number } | undefined;
    for (const { i, a, b } of list) {
      const program = tracks[i].program;
      if (!run) run = { program, start: 0, end: b };
      else if (ch !== DRUM_CHANNEL && program !== run.program && a >= run.end) run = { program, start: a, end: b };
      else {
        run.end = Math.max(run.end, b);
        out[i] = { tick: run.start, opens: false };
        continue;
      }
      out[i] = { tick: run.start, opens: true };
    }
  }
  return out;
}

function trackEvents(track: Track, setupTick: number): SmfEvent[] {
  const ch = track.channel;
  const ev: Array<[SmfEvent, number]> = [
    [metaText(0, META.trackName, track.name), -3],
    [{ tick: setupTick, kind: 'program', channel: ch, program: track.program }, -2],
    [{ tick: setupTick, kind: 'controller', channel: ch, controller: CC_VOLUME, value: track.volume }, -1],
    [{ tick: setupTick, kind: 'controller', channel: ch, controller: CC_PAN, value: panToCc(track.pan) }, -1],
  ];
  const ccs = [...track.controllers].sort((a, b) => a.tick - b.tick);
  for (const c of ccs) ev.push([{ tick: c.tick, kind: 'controller', channel: ch, controller: c.controller, value: c.value }, 1]);
  const notes = [...track.notes].sort((a, b) => a.tick - b.tick || a.pitch - b.pitch || a.duration - b.duration);
  for (const n of notes) {
    ev.push([{ tick: n.tick + n.duration, kind: 'noteOff', channel: ch, pitch: n.pitch, velocity: NOTE_OFF_VELOCITY }, 0]);
    ev.push([{ tick: n.tick, kind: 'noteOn', channel: ch, pitch: n.pitch, velocity: n.velocity }, 2]);
  }
  return stableByTick(ev);
}

/** Sort by tick, then order class, then insertion order (Array.prototype.sort is stable since ES2019). */
function stableByTick(ev: Array<[SmfEvent, number]>): SmfEvent[] {
  return ev
    .map((e, i) => ({ e: e[0], o: e[1], i }))
    .sort((a, b) => a.e.tick - b.e.tick || a.o - b.o || a.i - b.i)
    .map((x) => x.e);
}
