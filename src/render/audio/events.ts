/**
 * purpose: turn a Score or a Standard MIDI File into one flat, time-sorted list of synth events in seconds,
 * plus what is known about each MIDI channel (track names, roles, program) for naming stems.
 *
 * Scores are converted directly through their TempoMap (exact through linear tempo ramps, which an SMF can only
 * approximate with steps). MIDI files are parsed by spessasynth's BasicMIDI (SMF 0/1, RMIDI, XMF) and timed the
 * way its sequencer does (tempo meta events in file order).
 */
import { BasicMIDI } from 'spessasynth_core';
// Direct imports, not the score and midi barrels: those load zod (~100 ms), which a render does not need.
import { TempoMap } from '../../score/tempo-map.js';
import { contentEnd } from '../../score/build.js';
import type { Score, TrackRole } from '../../score/schema.js';
import { LeitmotifError } from '../../util/errors.js';
import { LIMITS, formatLimit, formatSeconds, limitError } from '../../util/limits.js';
import { panToCc, trackSetupTicks } from '../midi/score-to-midi.js';
import { decodeSmf } from '../midi/smf.js';
import { DRUM_CHANNEL } from '../../theory/index.js';

/** Status nibbles / bytes as in the MIDI 1.0 spec. */
export const NOTE_OFF = 0x80, NOTE_ON = 0x90, POLY_PRESSURE = 0xa0, CONTROL = 0xb0, PROGRAM = 0xc0, CHANNEL_PRESSURE = 0xd0, PITCH_WHEEL = 0xe0, SYSEX = 0xf0;

export interface SynthEvent {
  /** Seconds from the start of the piece. */
  time: number;
  /** 0–15, or −1 for a message every channel's synth must see (system exclusive). */
  channel: number;
  /** Status nibble (0x80…0xE0) or SYSEX. */
  type: number;
  d1: number;
  d2: number;
  /** System-exclusive payload without the leading 0xF0. */
  sysex?: Uint8Array;
}

export interface ChannelInfo {
  channel: number;
  /** The Score tracks (or SMF tracks) that play on this channel, in order. */
  tracks: Array<{ name: string; role: TrackRole }>;
  /** First program heard on the channel (GM, 0-based); a game session's channel may take others later. */
  program: number;
}

export interface RenderPlan {
  events: SynthEvent[];
  /** Channels that play at least one note, ascending. */
  channels: ChannelInfo[];
  /** End of the musical content in seconds (the score's endTick or the last event); the tail follows it. */
  endSeconds: number;
}

// Order of simultaneous events: setup (program, controllers) before note-offs before note-ons, so a repeated
// pitch is released before it is struck again and a new controller value applies to the note at that tick.
const rank = (t: number) => (t === NOTE_ON ? 2 : t === NOTE_OFF ? 1 : 0);

export function planFromScore(score: Score): RenderPlan {
  const tempo = new TempoMap(score.tempo);
  const sec = (tick: number) => tempo.ticksToSeconds(tick);
  const events: SynthEvent[] = [];
  const byChannel = new Map<number, ChannelInfo>();
  const setupDone = new Set<number>();
  const setup = trackSetupTicks(score.tracks);
  score.tracks.forEach((tr, ti) => {
    const ch = tr.channel;
    if (tr.notes.length === 0) return;
    let info = byChannel.get(ch);
    if (!info) byChannel.set(ch, (info = { channel: ch, tracks: [], program: tr.program }));
    info.tracks.push({ name: tr.name, role: tr.role });
    // Channel setup as the MIDI writer sends it (trackSetupTicks): at 0 from the first track on the channel (two
    // tracks on one channel share its state), and again where a later instrument takes the channel over.
    const s = setup[ti];
    if (!setupDone.has(ch) || (s.opens && s.tick > 0)) {
      setupDone.add(ch);
      const time = sec(s.tick);
      events.push({ time, channel: ch, type: CONTROL, d1: 0, d2: 0 }); // bank select MSB 0 (GM)
      events.push({ time, channel: ch, type: PROGRAM, d1: tr.program, d2: 0 });
      events.push({ time, channel: ch, type: CONTROL, d1: 7, d2: tr.volume });
      events.push({ time, channel: ch, type: CONTROL, d1: 10, d2: panToCc(tr.pan) });
    }
    for (const c of tr.controllers) events.push({ time: sec(c.tick), channel: ch, type: CONTROL, d1: c.controller, d2: c.value });
    for (const n of tr.notes) {
      events.push({ time: sec(n.tick), channel: ch, type: NOTE_ON, d1: n.pitch, d2: n.velocity });
      events.push({ time: sec(n.tick + n.duration), channel: ch, type: NOTE_OFF, d1: n.pitch, d2: 0 });
    }
  });
  events.sort((a, b) => a.time - b.time || rank(a.type) - rank(b.type));
  const endTick = Math.max(score.endTick, contentEnd(score));
  const lastEvent = events.length ? events[events.length - 1].time : 0;
  return {
    events,
    channels: [...byChannel.values()].sort((a, b) => a.channel - b.channel),
    endSeconds: Math.max(sec(endTick), lastEvent),
  };
}

/** Parse SMF bytes with spessasynth, mapping a parse failure to LM_ERR_MIDI_CORRUPT. */
export function parseMidiBytes(bytes: Uint8Array, name = 'MIDI file'): BasicMIDI {
  if (bytes.length > LIMITS.midiBytes) {
    throw limitError('LM_ERR_INPUT_TOO_LARGE', `${name} is ${(bytes.length / 1048576).toFixed(1)} MB; the largest MIDI file Leitmotif reads is ${LIMITS.midiBytes / 1048576} MB`);
  }
  const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  try {
    return BasicMIDI.fromArrayBuffer(ab, name);
  } catch (e) {
    // Our own SMF reader says precisely what is wrong ("claims 1522 bytes but only 278 remain"); prefer its words.
    try {
      decodeSmf(bytes);
    } catch (ours) {
      if (ours instanceof LeitmotifError) throw ours;
    }
    throw new LeitmotifError('LM_ERR_MIDI_CORRUPT', `${name} is not a readable MIDI file: ${((e as Error).message ?? String(e)).replace(/[^\x20-\x7e]/g, '?')}`, {
      hint: 'check it is a Standard MIDI File (.mid); re-export it from your DAW if it was truncated',
      cause: e,
    });
  }
}

/** Track names and roles per channel, for stem names (midi-channel-names.ts reads them as the Score reader does). */
export type ChannelNamer = (bytes: Uint8Array) => Map<number, ChannelInfo['tracks']>;

/**
 * `names`: where each channel's track names and roles come from, for stem names — `namesFromScoreReader`
 * (midi-channel-names.ts, a second full read of the file, ≈ 90 ms for a 3-minute piece). Without it, the SMF
 * track names and a role guessed from the GM program, enough when no stems are written.
 *
 * @example
 * const plan = planFromMidi(bytes, 'cue.mid', { names: namesFromScoreReader });
 */
export function planFromMidi(bytes: Uint8Array, name = 'MIDI file', opts: { names?: ChannelNamer } = {}): RenderPlan {
  const midi = parseMidiBytes(bytes, name);
  const events: SynthEvent[] = [];
  const byChannel = new Map<number, ChannelInfo>();
  const firstProgram = new Map<number, number>();
  const tpq = midi.timeDivision > 0 ? midi.timeDivision : 480;
  let secPerTick = 60 / (120 * tpq);
  let lastTick = 0;
  let seconds = 0;
  for (const te of midi.timeline) {
    const track = midi.tracks[te.tr];
    const ev = track.events[te.ev];
    seconds += (ev.ticks - lastTick) * secPerTick;
    lastTick = ev.ticks;
    const status: number = ev.statusByte;
    if (status === 0x51 && ev.data.length >= 3) {
      // Set tempo: microseconds per quarter note, 24-bit big-endian.
      const us = (ev.data[0] << 16) | (ev.data[1] << 8) | ev.data[2];
      if (us > 0) secPerTick = us / 1e6 / tpq;
      continue;
    }
    if (status === SYSEX || status === 0xf7) {
      events.push({ time: seconds, channel: -1, type: SYSEX, d1: 0, d2: 0, sysex: ev.data });
      continue;
    }
    if (status < 0x80 || status >= 0xf0) continue; // other meta events: names, markers, key/time signatures
    const type = status & 0xf0;
    const ch = status & 0x0f;
    let d1 = ev.data[0] ?? 0;
    const d2 = ev.data[1] ?? 0;
    if (type === PROGRAM && !firstProgram.has(ch)) firstProgram.set(ch, d1);
    if (type === NOTE_ON && d2 > 0) {
      let info = byChannel.get(ch);
      if (!info) byChannel.set(ch, (info = { channel: ch, tracks: [], program: 0 }));
      if (!info.tracks.some((t) => t.name === trackLabel(track.name, te.tr))) info.tracks.push({ name: trackLabel(track.name, te.tr), role: 'other' });
    }
    if (type === PITCH_WHEEL) d1 = (ev.data[1] << 7) | ev.data[0]; // 14-bit value in d1
    events.push({ time: seconds, channel: ch, type, d1, d2 });
  }
  const channels = [...byChannel.values()].sort((a, b) => a.channel - b.channel);
  const named = opts.names ? opts.names(bytes) : new Map<number, ChannelInfo['tracks']>();
  for (const c of channels) {
    c.program = firstProgram.get(c.channel) ?? 0;
    const fromScore = named.get(c.channel);
    if (fromScore?.length) c.tracks = fromScore;
    else {
      const role = guessRole(c.program, c.channel);
      for (const t of c.tracks) t.role = role;
    }
  }
  // `seconds` is now the time of the file's last event, end-of-track included (the length the author meant).
  const endSeconds = Math.max(seconds, events.length ? events[events.length - 1].time : 0);
  if (!(endSeconds <= LIMITS.scoreSeconds)) {
    throw limitError(
      'LM_ERR_MIDI_CORRUPT',
      `${name} lasts ${formatSeconds(endSeconds)}; the longest MIDI file Leitmotif renders is ${formatLimit(LIMITS.scoreSeconds)}`,
      'check the file for a stray late event (a far-off note or end-of-track), or split it (limits: README "Limits")',
    );
  }
  return { events, channels, endSeconds };
}

function trackLabel(name: string, index: number): string {
  const n = name.trim();
  return n || `track ${index + 1}`;
}

/**
 * A musical role for a GM program when a MIDI file does not say (stem naming only).
 * Families per the GM 1 sound set: 32–39 basses, 88–95 pads, 96–103 synth FX, 112–119 percussive, 120–127 SFX.
 */
export function guessRole(program: number, channel: number): TrackRole {
  if (channel === DRUM_CHANNEL) return 'percussion';
  if (program === 43 || program === 58 || program === 70 || (program >= 32 && program <= 39)) return 'bass'; // contrabass, tuba, bassoon, basses
  if (program === 47 || (program >= 112 && program <= 119)) return 'percussion'; // timpani, percussive
  if (program === 45) return 'ostinato'; // pizzicato strings
  if (program === 55 || (program >= 96 && program <= 103) || program >= 120) return 'fx';
  if ((program >= 48 && program <= 54) || (program >= 88 && program <= 95) || (program >= 16 && program <= 23)) return 'pad';
  if (program <= 15 || (program >= 24 && program <= 31) || program === 46) return 'harmony'; // keys, mallets, guitars, harp
  return 'melody'; // solo strings, brass, reeds, pipes, leads, ethnic
}
