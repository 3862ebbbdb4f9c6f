/**
 * purpose: byte-level Standard MIDI File (SMF) chunks ⇄ absolute-tick event lists, strictly.
 *
 * Why not @tonejs/midi for this layer: its writer puts the wrong value in key-signature events (index + 7
 * instead of index − 7), writes only one program change per track and puts controllers after the note-ons of
 * the same tick; its parser (midi-file) reads text as Latin-1, reads past the end of a truncated chunk as NaN
 * instead of failing, and keeps markers only from the first track. We need exact, deterministic bytes and a
 * clear error for corrupt files, so this small codec follows the SMF 1.0 spec (MMA RP-001) directly; the tests
 * cross-check our output with @tonejs/midi as an independent reader.
 */
import { LeitmotifError } from '../../util/errors.js';

export type SmfEvent =
  | { tick: number; kind: 'noteOn' | 'noteOff'; channel: number; pitch: number; velocity: number }
  | { tick: number; kind: 'controller'; channel: number; controller: number; value: number }
  | { tick: number; kind: 'program'; channel: number; program: number }
  | { tick: number; kind: 'pitchBend'; channel: number; value: number } // 0..16383, 8192 = centre
  | { tick: number; kind: 'channelPressure'; channel: number; value: number }
  | { tick: number; kind: 'polyPressure'; channel: number; pitch: number; value: number }
  | { tick: number; kind: 'meta'; type: number; data: Uint8Array }
  | { tick: number; kind: 'sysex'; status: 0xf0 | 0xf7; data: Uint8Array };

export interface SmfFile {
  format: 0 | 1 | 2;
  /** Ticks per quarter note, or for SMPTE division the ticks per second (with `smpte` set). */
  division: { ppq: number } | { smpte: { fps: number; ticksPerFrame: number } };
  tracks: SmfEvent[][];
}

/** Meta event types used here (SMF 1.0, "Meta-Events"). */
export const META = {
  text: 0x01,
  copyright: 0x02,
  trackName: 0x03,
  instrumentName: 0x04,
  lyric: 0x05,
  marker: 0x06,
  cuePoint: 0x07,
  channelPrefix: 0x20,
  endOfTrack: 0x2f,
  tempo: 0x51,
  timeSignature: 0x58,
  keySignature: 0x59,
  sequencerSpecific: 0x7f,
} as const;

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });
const latin1Decoder = new TextDecoder('latin1');

export const textBytes = (s: string): Uint8Array => utf8.encode(s);

/** SMF text has no declared encoding; modern tools write UTF-8, older ones Latin-1/Windows-1252. */
export function decodeText(b: Uint8Array): string {
  try {
    return utf8Decoder.decode(b);
  } catch {
    return latin1Decoder.decode(b);
  }
}

// ---------------------------------------------------------------------------------------------- writing

class ByteWriter {
  private buf = new Uint8Array(1024);
  length = 0;
  private ensure(n: number) {
    if (this.length + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.length + n) cap *= 2;
    const nb = new Uint8Array(cap);
    nb.set(this.buf.subarray(0, this.length));
    this.buf = nb;
  }
  u8(v: number) {
    this.ensure(1);
    this.buf[this.length++] = v & 0xff;
  }
  u16(v: number) {
    this.u8(v >>> 8);
    this.u8(v);
  }
  u32(v: number) {
    this.u8(v >>> 24);
    this.u8(v >>> 16);
    this.u8(v >>> 8);
    this.u8(v);
  }
  vlq(v: number) {
    if (!Number.isInteger(v) || v < 0 || v > 0x0fffffff) {
      throw new LeitmotifError('LM_ERR_SCORE_INVALID', `a time gap or length of ${v} ticks does not fit in a MIDI file (at most ${0x0fffffff})`, {
        hint: 'see "Limits" in the README',
      });
    }
    const bytes = [v & 0x7f];
    while ((v >>>= 7)) bytes.push((v & 0x7f) | 0x80);
    for (let i = bytes.length - 1; i >= 0; i--) this.u8(bytes[i]);
  }
  bytes(b: Uint8Array | string) {
    if (typeof b === 'string') {
      for (let i = 0; i < b.length; i++) this.u8(b.charCodeAt(i));
      return;
    }
    this.ensure(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }
  result(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

const data7 = (v: number, what: string) => {
  if (!Number.isInteger(v) || v < 0 || v > 127) throw new RangeError(`SMF ${what} must be 0–127, got ${v}`);
  return v;
};

/**
 * Encode tracks of events (already in the order they must be written; ticks non-decreasing) into SMF bytes.
 * Adds an end-of-track event at `endTicks[i]` (or the last event) when the track has none. Uses running status
 * for channel messages; meta and sysex events cancel it, as RP-001 says.
 */
export function encodeSmf(file: { format: 0 | 1; ppq: number; tracks: SmfEvent[][]; endTicks?: number[] }): Uint8Array {
  const w = new ByteWriter();
  w.bytes('MThd');
  w.u32(6);
  w.u16(file.format);
  w.u16(file.tracks.length);
  if (!Number.isInteger(file.ppq) || file.ppq < 1 || file.ppq > 0x7fff) throw new RangeError(`ppq out of range: ${file.ppq}`);
  w.u16(file.ppq);
  file.tracks.forEach((events, ti) => {
    const t = new ByteWriter();
    let last = 0;
    let running = -1;
    let ended = false;
    const delta = (tick: number) => {
      if (tick < last) throw new RangeError(`SMF events out of order in track ${ti}: ${tick} after ${last}`);
      t.vlq(tick - last);
      last = tick;
    };
    for (const e of events) {
      if (ended) throw new RangeError(`event after end-of-track in track ${ti}`);
      delta(e.tick);
      if (e.kind === 'meta') {
        t.u8(0xff);
        t.u8(e.type);
        t.vlq(e.data.length);
        t.bytes(e.data);
        running = -1;
        if (e.type === META.endOfTrack) ended = true;
        continue;
      }
      if (e.kind === 'sysex') {
        t.u8(e.status);
        t.vlq(e.data.length);
        t.bytes(e.data);
        running = -1;
        continue;
      }
      const status = channelStatus(e);
      if (status !== running) t.u8(status);
      running = status;
      switch (e.kind) {
        case 'noteOn':
        case 'noteOff':
          t.u8(data7(e.pitch, 'pitch'));
          t.u8(data7(e.velocity, 'velocity'));
          break;
        case 'controller':
          t.u8(data7(e.controller, 'controller'));
          t.u8(data7(e.value, 'controller value'));
          break;
        case 'program':
          t.u8(data7(e.program, 'program'));
          break;
        case 'channelPressure':
          t.u8(data7(e.value, 'pressure'));
          break;
        case 'polyPressure':
          t.u8(data7(e.pitch, 'pitch'));
          t.u8(data7(e.value, 'pressure'));
          break;
        case 'pitchBend':
          t.u8(e.value & 0x7f);
          t.u8((e.value >> 7) & 0x7f);
          break;
      }
    }
    if (!ended) {
      delta(Math.max(last, file.endTicks?.[ti] ?? last));
      t.u8(0xff);
      t.u8(META.endOfTrack);
      t.u8(0);
    }
    w.bytes('MTrk');
    w.u32(t.length);
    w.bytes(t.result());
  });
  return w.result();
}

function channelStatus(e: Exclude<SmfEvent, { kind: 'meta' } | { kind: 'sysex' }>): number {
  if (!Number.isInteger(e.channel) || e.channel < 0 || e.channel > 15) throw new RangeError(`MIDI channel must be 0–15, got ${e.channel}`);
  const hi = { noteOff: 0x80, noteOn: 0x90, polyPressure: 0xa0, controller: 0xb0, program: 0xc0, channelPressure: 0xd0, pitchBend: 0xe0 }[e.kind];
  return hi | e.channel;
}

// ---------------------------------------------------------------------------------------------- reading

const corrupt = (msg: string) =>
  new LeitmotifError('LM_ERR_MIDI_CORRUPT', `not a readable Standard MIDI File: ${msg}`, {
    hint: 'check that the file is a .mid/.midi file and was copied completely; re-export it from your DAW if needed',
  });

/**
 * Parse SMF bytes strictly: a wrong header, a chunk running past the end of the file, a truncated event or a
 * data byte where a status byte must be all throw LM_ERR_MIDI_CORRUPT naming the track and byte offset.
 * A missing end-of-track event is tolerated (common in the wild). Unknown chunk types are skipped (RP-001).
 * Note-on with velocity 0 is returned as noteOff.
 */
export function decodeSmf(bytes: Uint8Array): SmfFile {
  if (!(bytes instanceof Uint8Array)) throw corrupt('input is not a byte array');
  if (bytes.length === 0) throw corrupt('the file is empty');
  if (bytes.length < 14) throw corrupt(`the file is only ${bytes.length} bytes long`);
  const str4 = (o: number) => String.fromCharCode(bytes[o], bytes[o + 1], bytes[o + 2], bytes[o + 3]);
  const u32 = (o: number) => ((bytes[o] << 24) | (bytes[o + 1] << 16) | (bytes[o + 2] << 8) | bytes[o + 3]) >>> 0;
  const u16 = (o: number) => (bytes[o] << 8) | bytes[o + 1];

  let pos = 0;
  // RIFF-wrapped MIDI (RMID): skip to the embedded SMF.
  if (str4(0) === 'RIFF' && str4(8) === 'RMID') {
    const at = findSubarray(bytes, textBytes('MThd'), 12);
    if (at < 0) throw corrupt('RIFF RMID file without an MThd chunk');
    pos = at;
  }
  if (str4(pos) !== 'MThd') throw corrupt(`it does not start with "MThd" (found ${JSON.stringify(str4(pos).replace(/[^\x20-\x7e]/g, '?'))})`);
  const hlen = u32(pos + 4);
  if (hlen < 6 || pos + 8 + hlen > bytes.length) throw corrupt(`bad header length ${hlen}`);
  const format = u16(pos + 8);
  const ntrks = u16(pos + 10);
  const div = u16(pos + 12);
  if (format > 2) throw corrupt(`unknown SMF format ${format}`);
  let division: SmfFile['division'];
  if (div & 0x8000) {
    const fpsByte = 256 - (div >> 8);
    const tpf = div & 0xff;
    if (![24, 25, 29, 30].includes(fpsByte) || tpf === 0) throw corrupt(`bad SMPTE time division 0x${div.toString(16)}`);
    division = { smpte: { fps: fpsByte === 29 ? 30000 / 1001 : fpsByte, ticksPerFrame: tpf } };
  } else {
    if (div === 0) throw corrupt('time division is 0 ticks per quarter note');
    division = { ppq: div };
  }
  pos += 8 + hlen;

  const tracks: SmfEvent[][] = [];
  while (pos < bytes.length && tracks.length < ntrks) {
    if (pos + 8 > bytes.length) break; // trailing padding shorter than a chunk header
    const id = str4(pos);
    const len = u32(pos + 4);
    const start = pos + 8;
    if (start + len > bytes.length) {
      throw corrupt(`chunk "${id.replace(/[^\x20-\x7e]/g, '?')}" at byte ${pos} claims ${len} bytes but only ${bytes.length - start} remain (truncated file?)`);
    }
    if (id === 'MTrk') tracks.push(parseTrack(bytes, start, start + len, tracks.length));
    else if (!/^[\x20-\x7e]{4}$/.test(id)) throw corrupt(`garbage where a chunk should start at byte ${pos}`);
    pos = start + len;
  }
  if (tracks.length < ntrks) throw corrupt(`the header announces ${ntrks} track(s) but the file holds ${tracks.length} (truncated file?)`);
  if (format === 0 && tracks.length !== 1) throw corrupt(`format 0 must have exactly one track, found ${tracks.length}`);
  return { format: format as 0 | 1 | 2, division, tracks };
}

function parseTrack(b: Uint8Array, start: number, end: number, ti: number): SmfEvent[] {
  const out: SmfEvent[] = [];
  let p = start;
  let tick = 0;
  let running = -1;
  const fail = (what: string) => corrupt(`track ${ti + 1}, byte ${p}: ${what}`);
  const need = (n: number) => {
    if (p + n > end) throw fail('event cut off at the end of the track chunk (truncated file?)');
  };
  const vlq = () => {
    let v = 0;
    for (let i = 0; i < 4; i++) {
      need(1);
      const c = b[p++];
      v = (v << 7) | (c & 0x7f);
      if (!(c & 0x80)) return v;
    }
    throw fail('variable-length number longer than 4 bytes');
  };
  const data = () => {
    need(1);
    const v = b[p++];
    if (v & 0x80) throw fail(`expected a data byte, found status 0x${v.toString(16)}`);
    return v;
  };
  while (p < end) {
    tick += vlq();
    need(1);
    let status = b[p];
    if (status & 0x80) p++;
    else if (running >= 0) status = running;
    else throw fail('data byte with no running status');

    if (status === 0xff) {
      need(1);
      const type = b[p++];
      const len = vlq();
      need(len);
      const d = b.slice(p, p + len);
      p += len;
      out.push({ tick, kind: 'meta', type, data: d });
      if (type === META.endOfTrack) break; // anything after end-of-track is ignored
      continue;
    }
    if (status === 0xf0 || status === 0xf7) {
      const len = vlq();
      need(len);
      out.push({ tick, kind: 'sysex', status, data: b.slice(p, p + len) });
      p += len;
      continue;
    }
    if (status >= 0xf0) throw fail(`system message 0x${status.toString(16)} is not allowed in a MIDI file`);
    running = status;
    const channel = status & 0x0f;
    switch (status & 0xf0) {
      case 0x80: {
        const pitch = data();
        out.push({ tick, kind: 'noteOff', channel, pitch, velocity: data() });
        break;
      }
      case 0x90: {
        const pitch = data();
        const velocity = data();
        out.push({ tick, kind: velocity === 0 ? 'noteOff' : 'noteOn', channel, pitch, velocity });
        break;
      }
      case 0xa0: {
        const pitch = data();
        out.push({ tick, kind: 'polyPressure', channel, pitch, value: data() });
        break;
      }
      case 0xb0: {
        const controller = data();
        out.push({ tick, kind: 'controller', channel, controller, value: data() });
        break;
      }
      case 0xc0:
        out.push({ tick, kind: 'program', channel, program: data() });
        break;
      case 0xd0:
        out.push({ tick, kind: 'channelPressure', channel, value: data() });
        break;
      case 0xe0: {
        const lo = data();
        out.push({ tick, kind: 'pitchBend', channel, value: lo | (data() << 7) });
        break;
      }
    }
  }
  return out;
}

function findSubarray(hay: Uint8Array, needle: Uint8Array, from: number): number {
  outer: for (let i = from; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
