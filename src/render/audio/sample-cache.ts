/**
 * purpose: keep the decoded audio of SF3 (Vorbis-compressed) samples in the per-user cache, so a render does not
 * decode the same samples again on every run (≈ 0.3 s CPU of a 3-minute render with the default bank, ~6 %).
 *
 * One file per decoded sample, in `<cacheDir>/sf3-samples/<engine>/`, named by the SHA-256 of the sample's
 * compressed bytes (and its loop end, which sizes spessasynth's fallback for an undecodable sample): a changed
 * SoundFont or engine version simply misses. Each entry carries a header and the SHA-256 of its payload, so a
 * partial, truncated or corrupt entry is detected and ignored (the sample is decoded again and the entry
 * rewritten, atomically). The cached floats are the decoder's own bytes, so renders stay bit-identical.
 * Cache trouble (unwritable folder, full disk) never fails a render: it only costs the decode.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { BasicSoundBank } from 'spessasynth_core';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { cacheDir } from '../../store/data-dir.js';

const MAGIC = 0x46534d4c; // 'LMSF' little-endian
const FORMAT = 1;
const HEADER = 16; // magic, format, float count, reserved (u32 each)
const TRAILER = 32; // SHA-256 of the payload
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The decoder's identity: a new spessasynth_core (another stb_vorbis build) gets a cache of its own. */
function engineTag(): string {
  try {
    const v = (createRequire(import.meta.url)('spessasynth_core/package.json') as { version: string }).version;
    return `spessasynth_core-${v}-f${FORMAT}`;
  } catch {
    return `spessasynth_core-unknown-f${FORMAT}`;
  }
}

/** Folder of the decoded-sample cache (LEITMOTIF_CACHE_DIR moves it, as every Leitmotif cache). */
export function sampleCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(cacheDir(env), 'sf3-samples', engineTag());
}

interface CompressedSample {
  isCompressed: boolean;
  audioData?: Float32Array;
  compressedData?: Uint8Array;
  loopEnd: number;
  decodeVorbis(): Float32Array;
}

/** Cache key: the compressed bytes (and the loop end, for the decoder's fallback length). */
function keyOf(s: CompressedSample): string {
  const h = createHash('sha256');
  h.update(s.compressedData as Uint8Array);
  h.update(`:${s.loopEnd}`);
  return h.digest('hex');
}

/** The entry's floats, or null when it is missing, truncated or corrupt. */
export function readEntry(path: string): Float32Array | null {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch {
    return null;
  }
  if (buf.length < HEADER + TRAILER) return null;
  const n = buf.readUInt32LE(8);
  if (buf.readUInt32LE(0) !== MAGIC || buf.readUInt32LE(4) !== FORMAT || buf.length !== HEADER + 4 * n + TRAILER) return null;
  const payload = buf.subarray(HEADER, HEADER + 4 * n);
  const sum = createHash('sha256').update(payload).digest();
  if (!sum.equals(buf.subarray(HEADER + 4 * n))) return null;
  const out = new Float32Array(n);
  new Uint8Array(out.buffer).set(payload);
  return out;
}

/** Write one entry atomically (a reader sees no entry or the whole one); failures are ignored. */
export function writeEntry(path: string, data: Float32Array): void {
  const payload = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const file = Buffer.allocUnsafe(HEADER + payload.length + TRAILER);
  file.writeUInt32LE(MAGIC, 0);
  file.writeUInt32LE(FORMAT, 4);
  file.writeUInt32LE(data.length, 8);
  file.writeUInt32LE(0, 12);
  file.set(payload, HEADER);
  createHash('sha256').update(payload).digest().copy(file, HEADER + payload.length);
  try {
    writeFileAtomic(path, file);
  } catch {
    /* a cache that cannot be written costs only the decode next time */
  }
}

/**
 * Route every compressed sample's decode through the cache in `dir`. Returns how many samples were hooked
 * (0 on a big-endian machine, whose floats would not match the files).
 * @example attachSampleCache(loadSoundBank(), sampleCacheDir())
 */
export function attachSampleCache(bank: BasicSoundBank, dir: string): number {
  if (!LITTLE_ENDIAN) return 0;
  let hooked = 0;
  for (const sample of bank.samples as unknown as CompressedSample[]) {
    if (!sample.isCompressed || sample.audioData || typeof sample.decodeVorbis !== 'function') continue;
    const decode = sample.decodeVorbis.bind(sample);
    sample.decodeVorbis = () => {
      if (sample.audioData) return sample.audioData;
      const path = join(dir, `${keyOf(sample)}.f32`);
      const hit = readEntry(path);
      if (hit) return hit;
      const data = decode();
      writeEntry(path, data);
      return data;
    };
    hooked++;
  }
  return hooked;
}
