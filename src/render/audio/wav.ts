/**
 * purpose: encode stereo float audio as a RIFF/WAVE file and parse one back, without any peak normalisation
 * (spessasynth's `audioToWav` normalises by default, which would undo our loudness work).
 * PCM 16/24-bit (format 1) or IEEE float 32-bit (format 3, with the `fact` chunk the spec asks for).
 */
import { Rng } from '../../util/rng.js';

export type WavBitDepth = 16 | 24 | 32;

export interface WavInfo {
  sampleRate: number;
  channels: number;
  bitDepth: number;
  /** 1 = PCM, 3 = IEEE float. */
  format: 1 | 3;
  frames: number;
  /** De-interleaved samples, floats in [-1, 1]. */
  data: Float32Array[];
}

/**
 * Encode channels (all the same length) as WAV bytes. 24-bit is the default: headroom for mixing and no
 * audible quantisation. 16-bit gets TPDF dither (±1 LSB, seeded, so output stays byte-identical per input).
 * Samples beyond ±1 are clamped (the mastering stage keeps true peak below the ceiling, so it never bites).
 */
export function encodeWav(channels: readonly Float32Array[], sampleRate: number, bitDepth: WavBitDepth = 24, gain: Float32Array | number = 1): Uint8Array {
  const nch = channels.length;
  const frames = nch ? channels[0].length : 0;
  const { out, dataOffset } = wavWithHeader(nch, frames, sampleRate, bitDepth);
  let o = dataOffset;
  const dv = new DataView(out.buffer);
  const g = typeof gain === 'number' ? null : gain;
  const gk = typeof gain === 'number' ? gain : 1;
  if (bitDepth === 32) {
    for (let i = 0; i < frames; i++) {
      const gi = g ? g[i] : gk;
      for (let c = 0; c < nch; c++, o += 4) dv.setFloat32(o, channels[c][i] * gi, true);
    }
    return out;
  }
  const full = bitDepth === 24 ? 8388607 : 32767;
  if (bitDepth === 24) {
    put24(out, dataOffset, nch, channels, 0, frames, g, gk);
    return out;
  }
  const rng = new Rng(0x5eed);
  for (let i = 0; i < frames; i++) {
    const gi = g ? g[i] : gk;
    for (let c = 0; c < nch; c++) {
      const v = channels[c][i] * gi * full + (rng.next() - rng.next()); // TPDF dither, ±1 LSB
      let q = Math.round(v);
      if (q > full) q = full;
      else if (q < -full - 1) q = -full - 1;
      dv.setInt16(o, q, true);
      o += 2;
    }
  }
  return out;
}

/** Parse a PCM (8/16/24/32-bit) or float (32/64-bit) WAV. Throws `Error` with a reason on malformed input. */
export function parseWav(bytes: Uint8Array): WavInfo {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (o: number) => String.fromCharCode(bytes[o], bytes[o + 1], bytes[o + 2], bytes[o + 3]);
  if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new Error('not a RIFF/WAVE file');
  let o = 12;
  let fmt: { format: number; channels: number; sampleRate: number; bitDepth: number } | undefined;
  while (o + 8 <= bytes.length) {
    const id = tag(o);
    const size = dv.getUint32(o + 4, true);
    const body = o + 8;
    if (id === 'fmt ') {
      let format = dv.getUint16(body, true);
      if (format === 0xfffe && size >= 40) format = dv.getUint16(body + 24, true); // WAVE_FORMAT_EXTENSIBLE sub-format
      fmt = { format, channels: dv.getUint16(body + 2, true), sampleRate: dv.getUint32(body + 4, true), bitDepth: dv.getUint16(body + 14, true) };
    } else if (id === 'data') {
      if (!fmt) throw new Error('data chunk before fmt chunk');
      const { format, channels, sampleRate, bitDepth } = fmt;
      if (format !== 1 && format !== 3) throw new Error(`unsupported WAV format ${format}`);
      const bps = bitDepth / 8;
      const len = Math.min(size, bytes.length - body);
      const frames = Math.floor(len / (bps * channels));
      const data = Array.from({ length: channels }, () => new Float32Array(frames));
      let p = body;
      for (let i = 0; i < frames; i++) {
        for (let c = 0; c < channels; c++, p += bps) {
          let v: number;
          if (format === 3) v = bitDepth === 64 ? dv.getFloat64(p, true) : dv.getFloat32(p, true);
          else if (bitDepth === 16) v = dv.getInt16(p, true) / 32768;
          else if (bitDepth === 24) v = (((bytes[p] | (bytes[p + 1] << 8) | (bytes[p + 2] << 16)) << 8) >> 8) / 8388608;
          else if (bitDepth === 32) v = dv.getInt32(p, true) / 2147483648;
          else v = (bytes[p] - 128) / 128;
          data[c][i] = v;
        }
      }
      return { sampleRate, channels, bitDepth, format: format as 1 | 3, frames, data };
    }
    o = body + size + (size & 1);
  }
  throw new Error('no data chunk');
}

/** The RIFF/WAVE header for `frames` frames; `total` is the whole file's length in bytes. */
export function wavHeader(nch: number, frames: number, sampleRate: number, bitDepth: WavBitDepth): { header: Uint8Array; total: number } {
  const bytesPer = bitDepth / 8;
  const isFloat = bitDepth === 32;
  const dataBytes = frames * nch * bytesPer;
  const size = isFloat ? 58 : 44;
  const total = size + dataBytes + (dataBytes & 1);
  const header = new Uint8Array(size);
  const dv = new DataView(header.buffer);
  const str = (o: number, s: string) => { for (let i = 0; i < s.length; i++) header[o + i] = s.charCodeAt(i); };
  str(0, 'RIFF');
  dv.setUint32(4, total - 8, true);
  str(8, 'WAVE');
  str(12, 'fmt ');
  dv.setUint32(16, isFloat ? 18 : 16, true);
  dv.setUint16(20, isFloat ? 3 : 1, true);
  dv.setUint16(22, nch, true);
  dv.setUint32(24, sampleRate, true);
  dv.setUint32(28, sampleRate * nch * bytesPer, true);
  dv.setUint16(32, nch * bytesPer, true);
  dv.setUint16(34, bitDepth, true);
  let o = 36;
  if (isFloat) {
    dv.setUint16(36, 0, true); // cbSize
    str(38, 'fact');
    dv.setUint32(42, 4, true);
    dv.setUint32(46, frames, true);
    o = 50;
  }
  str(o, 'data');
  dv.setUint32(o + 4, dataBytes, true);
  return { header, total };
}

/** A zeroed WAV of `frames` frames with its header written; returns the byte offset of the sample data. */
function wavWithHeader(nch: number, frames: number, sampleRate: number, bitDepth: WavBitDepth): { out: Uint8Array; dataOffset: number } {
  const { header, total } = wavHeader(nch, frames, sampleRate, bitDepth);
  const out = new Uint8Array(total);
  out.set(header);
  return { out, dataOffset: header.length };
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** One float × gain → the signed 24-bit integer written (clamped before the int conversion, rounded half away from zero). */
function q24(x: number, gi: number): number {
  let v = x * gi * 8388607;
  if (v > 8388607) v = 8388607;
  else if (v < -8388608) v = -8388608;
  return v >= 0 ? (v + 0.5) | 0 : -((0.5 - v) | 0);
}

function put24Frame(out: Uint8Array, p: number, l: number, r: number, gi: number): void {
  const a = q24(l, gi), b = q24(r, gi);
  out[p] = a;
  out[p + 1] = a >> 8;
  out[p + 2] = a >> 16;
  out[p + 3] = b;
  out[p + 4] = b >> 8;
  out[p + 5] = b >> 16;
}

/** Frames [from, from + 2·pairs) of L/R × gk as little-endian 24-bit, four samples per three words of `w`. */
function put24Pairs(w: Uint32Array, xl: Float32Array, xr: Float32Array, from: number, pairs: number, gk: number): void {
  for (let k = 0, i = from, j = 0; k < pairs; k++, i += 2, j += 3) {
    const a = q24(xl[i], gk), b = q24(xr[i], gk), c = q24(xl[i + 1], gk), d = q24(xr[i + 1], gk);
    w[j] = (a & 0xffffff) | (b << 24);
    w[j + 1] = ((b >> 8) & 0xffff) | (c << 16);
    w[j + 2] = ((c >> 16) & 0xff) | (d << 8);
  }
}

/** As put24Pairs with a per-frame gain: frame i of the input takes g[at + i]. */
function put24PairsCurve(w: Uint32Array, xl: Float32Array, xr: Float32Array, from: number, pairs: number, g: Float32Array, at: number): void {
  for (let k = 0, i = from, j = 0; k < pairs; k++, i += 2, j += 3) {
    const ga = g[at + i], gb = g[at + i + 1];
    const a = q24(xl[i], ga), b = q24(xr[i], ga), c = q24(xl[i + 1], gb), d = q24(xr[i + 1], gb);
    w[j] = (a & 0xffffff) | (b << 24);
    w[j + 1] = ((b >> 8) & 0xffff) | (c << 16);
    w[j + 2] = ((c >> 16) & 0xff) | (d << 8);
  }
}

/**
 * 24-bit hot path (the default format): samples [0, count) of `channels` go to frames [at, at + count) of the
 * file. One channel at a time (monomorphic loop), plain byte stores, rounding half away from zero, clamped
 * before the int conversion (|0 would wrap huge values). `g` is indexed by file frame.
 */
export function put24(out: Uint8Array, dataOffset: number, nch: number, channels: readonly Float32Array[], at: number, count: number, g: Float32Array | null, gk: number): void {
  const stride = nch * 3;
  if (nch === 2) {
    // Stereo: one sequential pass, both channels of a frame together (same rounding, same bytes). Where the
    // bytes are 4-aligned, two frames at a time go out as three 32-bit words (a third of the stores).
    const xl = channels[0], xr = channels[1];
    let i = 0;
    let p = dataOffset + at * stride;
    if (LITTLE_ENDIAN && ((out.byteOffset + p) & 3) !== 0 && count > 0) {
      put24Frame(out, p, xl[0], xr[0], g ? g[at] : gk);
      i = 1;
      p += 6;
    }
    if (LITTLE_ENDIAN && ((out.byteOffset + p) & 3) === 0) {
      const pairs = (count - i) >> 1;
      if (pairs > 0) {
        if (g) put24PairsCurve(new Uint32Array(out.buffer, out.byteOffset + p, pairs * 3), xl, xr, i, pairs, g, at);
        else put24Pairs(new Uint32Array(out.buffer, out.byteOffset + p, pairs * 3), xl, xr, i, pairs, gk);
        i += 2 * pairs;
        p += 12 * pairs;
      }
    }
    for (; i < count; i++, p += 6) put24Frame(out, p, xl[i], xr[i], g ? g[at + i] : gk);
    return;
  }
  const full = 8388607;
  for (let c = 0; c < nch; c++) {
    const x = channels[c];
    let p = dataOffset + at * stride + c * 3;
    for (let i = 0; i < count; i++, p += stride) {
      let v = x[i] * (g ? g[at + i] : gk) * full;
      if (v > full) v = full;
      else if (v < -full - 1) v = -full - 1;
      const q = v >= 0 ? (v + 0.5) | 0 : -((0.5 - v) | 0);
      out[p] = q;
      out[p + 1] = q >> 8;
      out[p + 2] = q >> 16;
    }
  }
}

/** A stretch of signal placed at a frame offset in a longer, otherwise silent file. */
export interface WavSegment {
  offset: number;
  channels: readonly Float32Array[];
}

/**
 * Encode a long, mostly silent signal given as segments at frame offsets (a film stem: sound only where cues
 * play) without materialising the silence as floats — in 24-bit, silence is zero bytes, so only the segments
 * are converted. Bytes are identical to `encodeWav` of the summed signal: overlapping segments, 16-bit (whose
 * dither makes silence non-zero) and 32-bit take that route.
 */
export function encodeWavSegments(frames: number, nch: number, segments: readonly WavSegment[], sampleRate: number, bitDepth: WavBitDepth = 24, gain: Float32Array | number = 1): Uint8Array {
  const sorted = [...segments].sort((a, b) => a.offset - b.offset);
  const overlapping = sorted.some((s, k) => k > 0 && s.offset < sorted[k - 1].offset + sorted[k - 1].channels[0].length);
  if (bitDepth !== 24 || overlapping) {
    const full = Array.from({ length: nch }, () => new Float32Array(frames));
    for (const s of sorted) {
      for (let c = 0; c < nch; c++) {
        const n = Math.min(s.channels[c].length, frames - s.offset);
        for (let i = 0; i < n; i++) full[c][s.offset + i] += s.channels[c][i];
      }
    }
    return encodeWav(full, sampleRate, bitDepth, gain);
  }
  const { out, dataOffset } = wavWithHeader(nch, frames, sampleRate, 24);
  const g = typeof gain === 'number' ? null : gain;
  const gk = typeof gain === 'number' ? gain : 1;
  for (const s of sorted) {
    const n = Math.min(s.channels[0].length, frames - s.offset);
    if (n > 0) put24(out, dataOffset, nch, s.channels, s.offset, n, g, gk);
  }
  return out;
}

/** A long, mostly silent WAV described by its segments (see encodeWavSegments), encoded only when written. */
export interface SegmentedWav {
  frames: number;
  nch: number;
  sampleRate: number;
  bitDepth: WavBitDepth;
  segments: readonly WavSegment[];
  gain: Float32Array | number;
}

export const segmentedWavBytes = (w: SegmentedWav): Uint8Array => encodeWavSegments(w.frames, w.nch, w.segments, w.sampleRate, w.bitDepth, w.gain);

/** True when the segments can be written one by one into a sparse file (24-bit, no overlaps): silence stays a hole. */
export function isSparseWritable(w: SegmentedWav): boolean {
  if (w.bitDepth !== 24) return false;
  const sorted = [...w.segments].sort((a, b) => a.offset - b.offset);
  return !sorted.some((s, k) => k > 0 && s.offset < sorted[k - 1].offset + sorted[k - 1].channels[0].length);
}

/**
 * 24-bit from interleaved float frames: frames [0, count) of `x` (2·count values for stereo) × gain → bytes at
 * `o` of `out`, in one sequential pass over both (the streaming film writer's hot loop). `g` is per frame
 * (g[i] for frame i), else the constant `gk`. Same rounding and clamping as put24, so same bytes.
 */
export function put24Interleaved(out: Uint8Array, o: number, nch: number, x: Float32Array, count: number, g: Float32Array | null, gk: number): void {
  const full = 8388607;
  let p = o;
  let i = 0, j = 0;
  if (nch === 2 && LITTLE_ENDIAN && ((out.byteOffset + o) & 3) === 0 && count >= 2) {
    // Stereo, aligned: two frames per three 32-bit words (q24(0) is 0, so silence needs no special case).
    const pairs = count >> 1;
    const w = new Uint32Array(out.buffer, out.byteOffset + o, pairs * 3);
    if (g) interleavedPairsCurve(w, x, pairs, g);
    else interleavedPairs(w, x, pairs, gk);
    i = 2 * pairs;
    j = 2 * i;
    p = o + 6 * i;
  }
  for (; i < count; i++) {
    const gi = g ? g[i] : gk;
    for (let c = 0; c < nch; c++, j++, p += 3) {
      if (x[j] === 0) {
        // Silence (most of a stem, most of the time): the same zero bytes without the arithmetic.
        out[p] = out[p + 1] = out[p + 2] = 0;
        continue;
      }
      let v = x[j] * gi * full;
      if (v > full) v = full;
      else if (v < -full - 1) v = -full - 1;
      const q = v >= 0 ? (v + 0.5) | 0 : -((0.5 - v) | 0);
      out[p] = q;
      out[p + 1] = q >> 8;
      out[p + 2] = q >> 16;
    }
  }
}

function interleavedPairs(w: Uint32Array, x: Float32Array, pairs: number, gk: number): void {
  for (let k = 0, i = 0, j = 0; k < pairs; k++, i += 4, j += 3) {
    const a = q24(x[i], gk), b = q24(x[i + 1], gk), c = q24(x[i + 2], gk), d = q24(x[i + 3], gk);
    w[j] = (a & 0xffffff) | (b << 24);
    w[j + 1] = ((b >> 8) & 0xffff) | (c << 16);
    w[j + 2] = ((c >> 16) & 0xff) | (d << 8);
  }
}

function interleavedPairsCurve(w: Uint32Array, x: Float32Array, pairs: number, g: Float32Array): void {
  for (let k = 0, i = 0, j = 0; k < pairs; k++, i += 4, j += 3) {
    const ga = g[2 * k], gb = g[2 * k + 1];
    const a = q24(x[i], ga), b = q24(x[i + 1], ga), c = q24(x[i + 2], gb), d = q24(x[i + 3], gb);
    w[j] = (a & 0xffffff) | (b << 24);
    w[j + 1] = ((b >> 8) & 0xffff) | (c << 16);
    w[j + 2] = ((c >> 16) & 0xff) | (d << 8);
  }
}
