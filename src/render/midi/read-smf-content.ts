/**
 * purpose: the MIDI reader's first pass — every SMF track's events read into raw Score tracks (split by channel
 * and by program, notes paired first-in-first-out per channel and pitch) plus the file's tempo, metre, key,
 * marker and extras meta events as they were written (ticks unscaled except where noted).
 */
import { MAX_NOTE_TICKS, PPQ, type ControllerPoint, type Note } from '../../score/index.js';
import { LIMITS, limitError } from '../../util/limits.js';
import { decodeText, META, type SmfEvent, type SmfFile } from './smf.js';
import { DRUM_CHANNEL, gmProgramName } from '../../theory/index.js';
import { CC_PAN, CC_VOLUME, ccToPan, MARKER_PREFIX } from './score-to-midi.js';
import { EXTRAS_PREFIX, ExtrasSchema, type Extras } from './extras.js';

export interface RawTrack {
  name: string;
  channel: number;
  program: number;
  notes: Note[];
  controllers: ControllerPoint[];
  volume?: number;
  pan?: number;
  sourceTrack: number;
}

/** What the first pass found in the file. */
export interface SmfContent {
  raw: RawTrack[];
  tempoRaw: Array<{ tick: number; us: number }>;
  meterRaw: Array<{ tick: number; numerator: number; denominator: number }>;
  keyRaw: Array<{ tick: number; sf: number; mi: number; ti: number }>;
  markerRaw: Array<{ tick: number; text: string }>;
  extras: Extras | null;
  title: string;
  lastTick: number;
}

/**
 * Read every track of a decoded SMF; `scale` maps file ticks to 480 PPQ (notes and controllers are scaled here).
 *
 * @example
 * readSmfContent(decodeSmf(bytes), (t) => t).raw.length // one raw track per channel × program
 */
export function readSmfContent(smf: SmfFile, scale: (t: number) => number): SmfContent {
  const tempoRaw: Array<{ tick: number; us: number }> = [];
  const meterRaw: Array<{ tick: number; numerator: number; denominator: number }> = [];
  const keyRaw: Array<{ tick: number; sf: number; mi: number; ti: number }> = [];
  const markerRaw: Array<{ tick: number; text: string }> = [];
  let extras: Extras | null = null;
  let title = '';
  let lastTick = 0;
  const raw: RawTrack[] = [];

  smf.tracks.forEach((events, ti) => {
    let trackName = '';
    let instrumentName = '';
    const program = new Array<number>(16).fill(-1); // current program per channel
    const byKey = new Map<string, RawTrack>();
    const active = new Map<number, RawTrack>(); // the Score track receiving each channel's events now
    const open = new Map<number, Array<{ tick: number; velocity: number; track: RawTrack }>>(); // key ch*128+pitch
    const trackFor = (ch: number): RawTrack => {
      let t = active.get(ch);
      if (!t) {
        const prog = Math.max(0, program[ch]);
        t = { name: '', channel: ch, program: prog, notes: [], controllers: [], sourceTrack: ti };
        byKey.set(`${ch}:${prog}`, t);
        active.set(ch, t);
        raw.push(t);
      }
      return t;
    };
    const setProgram = (ch: number, prog: number) => {
      program[ch] = prog;
      const cur = active.get(ch);
      if (!cur || cur.program === prog) return;
      // A program change before the channel's first note just sets its instrument; a later one moves the
      // channel to another Score track so each Score track keeps one instrument.
      const sounding = [...open.values()].some((q) => q.some((o) => o.track === cur));
      if (cur.notes.length === 0 && !sounding && !byKey.has(`${ch}:${prog}`)) {
        byKey.delete(`${ch}:${cur.program}`);
        cur.program = prog;
        byKey.set(`${ch}:${prog}`, cur);
        return;
      }
      let t = byKey.get(`${ch}:${prog}`);
      if (!t) {
        t = { name: '', channel: ch, program: prog, notes: [], controllers: [], sourceTrack: ti };
        byKey.set(`${ch}:${prog}`, t);
        raw.push(t);
      }
      active.set(ch, t);
    };
    const closeNote = (ch: number, pitch: number, tick: number) => {
      const q = open.get(ch * 128 + pitch);
      const on = q?.shift();
      if (!on) return; // stray note-off
      const start = scale(on.tick);
      if (scale(tick) - start > MAX_NOTE_TICKS) {
        throw limitError(
          'LM_ERR_MIDI_CORRUPT',
          `a note (channel ${ch + 1}, pitch ${pitch}) lasts ${Math.round((scale(tick) - start) / PPQ)} quarter notes; the longest note Leitmotif reads is ${LIMITS.noteQuarters}`,
          'a note-off is probably missing; re-export the file from your DAW (limits: README "Limits")',
        );
      }
      on.track.notes.push({ tick: start, duration: Math.max(1, scale(tick) - start), pitch, velocity: on.velocity });
    };
    for (const e of events) {
      lastTick = Math.max(lastTick, e.tick);
      switch (e.kind) {
        case 'meta':
          readMeta(e, ti);
          break;
        case 'program':
          setProgram(e.channel, e.program);
          break;
        case 'noteOn': {
          const k = e.channel * 128 + e.pitch;
          let q = open.get(k);
          if (!q) open.set(k, (q = []));
          q.push({ tick: e.tick, velocity: e.velocity, track: trackFor(e.channel) });
          break;
        }
        case 'noteOff':
          closeNote(e.channel, e.pitch, e.tick);
          break;
        case 'controller': {
          const t = trackFor(e.channel);
          const tick = scale(e.tick);
          if (tick === 0 && e.controller === CC_VOLUME && t.volume === undefined) t.volume = e.value;
          else if (tick === 0 && e.controller === CC_PAN && t.pan === undefined) t.pan = ccToPan(e.value);
          else t.controllers.push({ tick, controller: e.controller, value: e.value });
          break;
        }
        default:
          break; // pitch bend, aftertouch, sysex: not part of the Score model
      }
    }
    // Notes still sounding at the end of the track end there.
    const trackEnd = events.length ? events[events.length - 1].tick : 0;
    for (const [k, q] of open) while (q.length) closeNote(Math.floor(k / 128), k % 128, Math.max(trackEnd, q[0].tick));
    const mine = raw.filter((t) => t.sourceTrack === ti);
    // In format 0 the one track's name is the song title; channels are named after their instruments.
    const label = smf.format === 0 ? instrumentName : trackName || instrumentName;
    // A track split by channel or program keeps its name on the first part; the others add their instrument.
    mine.forEach((t, i) => (t.name = i === 0 || !label ? label : `${label} (${t.channel === DRUM_CHANNEL ? 'Drums' : gmProgramName(t.program)})`));
    if (ti === 0 && trackName && (smf.format === 0 || mine.every((t) => t.notes.length === 0))) title = trackName;

    function readMeta(e: Extract<SmfEvent, { kind: 'meta' }>, tIndex: number) {
      const d = e.data;
      switch (e.type) {
        case META.trackName:
          if (!trackName) trackName = decodeText(d).trim();
          break;
        case META.instrumentName:
          if (!instrumentName) instrumentName = decodeText(d).trim();
          break;
        case META.tempo:
          if (d.length >= 3) {
            const us = (d[0] << 16) | (d[1] << 8) | d[2];
            if (us > 0) tempoRaw.push({ tick: e.tick, us });
          }
          break;
        case META.timeSignature:
          if (d.length >= 2 && d[1] <= 5) meterRaw.push({ tick: e.tick, numerator: d[0], denominator: 2 ** d[1] });
          break;
        case META.keySignature:
          if (d.length >= 2) keyRaw.push({ tick: e.tick, sf: d[0] > 127 ? d[0] - 256 : d[0], mi: d[1], ti: tIndex });
          break;
        case META.marker:
        case META.cuePoint: {
          const text = decodeText(d).trim();
          if (text) markerRaw.push({ tick: e.tick, text: e.type === META.cuePoint && !text.includes(':') ? MARKER_PREFIX.cue + text : text });
          break;
        }
        case META.sequencerSpecific:
          if (tIndex === 0 && !extras && startsWith(d, EXTRAS_PREFIX)) extras = parseExtras(d.subarray(EXTRAS_PREFIX.length));
          break;
      }
    }
  });

  return { raw, tempoRaw, meterRaw, keyRaw, markerRaw, extras, title, lastTick };
}

function startsWith(d: Uint8Array, prefix: Uint8Array): boolean {
  if (d.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (d[i] !== prefix[i]) return false;
  return true;
}

function parseExtras(d: Uint8Array): Extras | null {
  try {
    const r = ExtrasSchema.safeParse(JSON.parse(decodeText(d)));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}
