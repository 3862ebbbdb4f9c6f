/**
 * purpose: the last pass of a streamed film render (film-stream.ts) for ONE output: its float32 temp file →
 * gain → interleaved 24-bit WAV, written sparsely (silence stays a hole) and hashed (SHA-256) as it is written,
 * then renamed over its final name. Each output's file depends only on its own temp file and the shared gain, so
 * the outputs can be written on two threads (slice-worker/write-wavs.ts) with the same bytes as on one.
 */
import { createHash, type Hash } from 'node:crypto';
import { openSync, writeSync, readSync, closeSync, ftruncateSync, rmSync } from 'node:fs';
import { writeAtomicWith } from '../../io/atomic-write.js';
import { wavHeader, put24Interleaved } from './wav.js';

/** Frames per read of a temp file. */
export const READ_FRAMES = 65536;

/** A stretch of the limiter's gain curve (compacted frames [start, start + curve.length)); the static gain elsewhere. */
export interface CurveRegion {
  start: number;
  curve: Float32Array;
}

/** Where a slice went: its timeline frame, its length in the file, and where it lies in the temp and compacted mix. */
export interface TempSegment {
  offset: number;
  frames: number;
  rendered: number;
  tempFrame: number;
  compact: number;
}

/** The mastering gain every output gets: the static gain, and the limiter's curve around the peaks it touches. */
export interface FilmWavGain {
  regions: CurveRegion[];
  /** The static gain, outside the limiter's regions. */
  outside: number;
}

/** What one output's WAV needs besides the shared gain (plain data: it crosses to a worker thread). */
export interface FilmWavJob {
  /** The output's interleaved float32 temp file (removed once written). */
  tempPath: string;
  finalPath: string;
  segs: TempSegment[];
  /** Frame ranges [start, end) of the temp file actually written, ascending (the rest are holes: silence). */
  written: number[];
  /** Frames of the WAV (the whole timeline). */
  length: number;
  sampleRate: number;
}

/**
 * Write `job`'s WAV and remove its temp file; returns the file's size and SHA-256 (hex, holes hashed as the
 * zeros they read as).
 *
 * @example
 *   const { bytes, sha256 } = writeFilmWav({ tempPath, finalPath: 'out/mix.wav', segs, written, length, sampleRate: 44100 }, { regions: [], outside: 1 });
 */
export function writeFilmWav(job: FilmWavJob, gain: FilmWavGain): { bytes: number; sha256: string } {
  const { header, total: fileBytes } = wavHeader(2, job.length, job.sampleRate, 24);
  let buf = new Float32Array(2 * READ_FRAMES);
  let bytes = new Uint8Array(6 * READ_FRAMES);
  const gainBuf = new Float32Array(READ_FRAMES);
  // Hashed as it is written, in file order (the provenance needs it): no second read of the whole file.
  const hash = createHash('sha256');
  let hashed = 0;
  const put = (fd: number, b: Uint8Array, at: number) => {
    hashZeros(hash, at - hashed);
    hash.update(b);
    hashed = at + b.length;
    writeAll(fd, b, at);
  };
  const src = openSync(job.tempPath, 'r');
  try {
    writeAtomicWith(job.finalPath, (tmp) => {
      const fd = openSync(tmp, 'w');
      try {
        put(fd, header, 0);
        for (const seg of job.segs) {
          const n = Math.min(seg.frames, job.length - seg.offset);
          for (let i = 0; i < n; i += READ_FRAMES) {
            const c = Math.min(READ_FRAMES, n - i);
            if (buf.length < 2 * c) buf = new Float32Array(2 * c);
            if (bytes.length < 6 * c) bytes = new Uint8Array(6 * c);
            // A stretch the render never wrote is a hole (silence): not even read back.
            if (!overlapsWritten(job.written, seg.tempFrame + i, seg.tempFrame + i + c)) continue;
            readAll(src, new Uint8Array(buf.buffer, 0, 8 * c), (seg.tempFrame + i) * 8);
            if (isSilent(buf, 2 * c)) continue; // 24-bit silence is zero bytes: leave the hole
            const g = gain.regions.length ? fillGain(gainBuf, gain.regions, gain.outside, seg.compact + i, c) : null;
            put24Interleaved(bytes, 0, 2, buf, c, g, gain.outside);
            put(fd, bytes.subarray(0, 6 * c), header.length + (seg.offset + i) * 6);
          }
        }
        ftruncateSync(fd, fileBytes);
        hashZeros(hash, fileBytes - hashed);
      } finally {
        closeSync(fd);
      }
    });
  } finally {
    closeSync(src);
  }
  rmSync(job.tempPath, { force: true }); // free the disk as we go
  return { bytes: fileBytes, sha256: hash.digest('hex') };
}

const ZEROS = new Uint8Array(1 << 20);
/** Feed n zero bytes (a hole of the sparse file) to the hash. */
function hashZeros(h: Hash, n: number): void {
  for (let left = n; left > 0; left -= ZEROS.length) h.update(ZEROS.subarray(0, Math.min(left, ZEROS.length)));
}

/** Whether [from, to) meets any of the ascending ranges `w` (flat start, end pairs). Binary search: O(log n). */
function overlapsWritten(w: number[], from: number, to: number): boolean {
  let lo = 0, hi = w.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (w[2 * mid + 1] <= from) lo = mid + 1;
    else hi = mid;
  }
  return lo < w.length / 2 && w[2 * lo] < to;
}

/** Gain per frame for compacted frames [at, at + n) into out[0, n). */
export function fillGain(out: Float32Array, regions: CurveRegion[], outside: number, at: number, n: number): Float32Array {
  out.fill(outside, 0, n);
  // Binary search: the first region ending after `at`.
  let lo = 0, hi = regions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (regions[mid].start + regions[mid].curve.length <= at) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < regions.length && regions[k].start < at + n; k++) {
    const r = regions[k];
    const from = Math.max(at, r.start), to = Math.min(at + n, r.start + r.curve.length);
    out.set(r.curve.subarray(from - r.start, to - r.start), from - at);
  }
  return out;
}

export function isSilent(x: Float32Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (x[i] !== 0) return false;
  return true;
}

export function writeAll(fd: number, b: Uint8Array, position: number): void {
  for (let off = 0; off < b.length; ) off += writeSync(fd, b, off, b.length - off, position + off);
}

export function readAll(fd: number, b: Uint8Array, position: number): void {
  for (let off = 0; off < b.length; ) {
    const n = readSync(fd, b, off, b.length - off, position + off);
    if (n === 0) throw new Error('temp audio file ended early');
    off += n;
  }
}
