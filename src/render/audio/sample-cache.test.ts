import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BasicSoundBank } from 'spessasynth_core';
import { clearSoundBankCache, defaultSoundFontPath, loadSoundBank, parseSoundBank } from './soundfont.js';
import { attachSampleCache, readEntry, sampleCacheDir, writeEntry } from './sample-cache.js';

let bytes: Buffer;
const PICK = [0, 7, 100, 400]; // a few compressed samples of the default bank
const fresh = (): BasicSoundBank => parseSoundBank(bytes);
const same = (a: Float32Array, b: Float32Array) => a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

describe('decoded-sample cache', () => {
  beforeAll(() => {
    bytes = readFileSync(defaultSoundFontPath());
  });

  it('gives the decoder\'s exact floats, cold and warm, and a warm bank reads the files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lm-sfcache-'));
    const plain = fresh();
    const cold = fresh();
    expect(attachSampleCache(cold, dir)).toBe(cold.samples.length); // every sample of the sf3 is compressed
    for (const k of PICK) expect(same(cold.samples[k].getAudioData(), plain.samples[k].getAudioData())).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.f32'))).toHaveLength(PICK.length);
    const warm = fresh();
    attachSampleCache(warm, dir);
    for (const k of PICK) expect(same(warm.samples[k].getAudioData(), plain.samples[k].getAudioData())).toBe(true);
    // Replace one entry by a valid entry of other data: a warm bank must return it (so it came from the file).
    const entry = join(dir, readdirSync(dir).find((f) => f.endsWith('.f32')) as string);
    const marker = new Float32Array([0.25, -0.5, 0.125]);
    writeEntry(entry, marker);
    const warm2 = fresh();
    attachSampleCache(warm2, dir);
    expect(PICK.some((k) => same(warm2.samples[k].getAudioData(), marker))).toBe(true);
  });

  it('ignores truncated, corrupt and foreign entries, decodes again and repairs them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lm-sfcache-'));
    const plain = fresh();
    const k = PICK[1];
    const first = fresh();
    attachSampleCache(first, dir);
    first.samples[k].getAudioData();
    const entry = join(dir, readdirSync(dir)[0]);
    const good = readFileSync(entry);
    const damage: Array<() => void> = [
      () => truncateSync(entry, good.length - 100), // partial write
      () => writeFileSync(entry, Buffer.concat([good.subarray(0, 40), Buffer.from([good[40] ^ 1]), good.subarray(41)])), // one flipped bit
      () => writeFileSync(entry, Buffer.from('not a cache entry at all, but long enough to have a header and trailer')),
      () => writeFileSync(entry, Buffer.alloc(0)),
    ];
    for (const harm of damage) {
      harm();
      expect(readEntry(entry)).toBeNull();
      const bank = fresh();
      attachSampleCache(bank, dir);
      expect(same(bank.samples[k].getAudioData(), plain.samples[k].getAudioData())).toBe(true);
      expect(readFileSync(entry).equals(good)).toBe(true); // rewritten whole
    }
  });

  it('never fails a render when the cache cannot be written', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lm-sfcache-')), 'a-file');
    writeFileSync(file, 'x');
    const bank = fresh();
    attachSampleCache(bank, join(file, 'below-a-file'));
    expect(same(bank.samples[PICK[0]].getAudioData(), fresh().samples[PICK[0]].getAudioData())).toBe(true);
  });

  it('is what loadSoundBank uses, under LEITMOTIF_CACHE_DIR (and not at all with LEITMOTIF_SAMPLE_CACHE=0)', () => {
    const before = { dir: process.env.LEITMOTIF_CACHE_DIR, off: process.env.LEITMOTIF_SAMPLE_CACHE };
    const root = mkdtempSync(join(tmpdir(), 'lm-sfcache-'));
    try {
      for (const [off, k, expected] of [['0', PICK[2], 0], [undefined, PICK[3], 1]] as const) {
        const dir = join(root, off ?? 'on');
        process.env.LEITMOTIF_CACHE_DIR = dir;
        if (off === undefined) delete process.env.LEITMOTIF_SAMPLE_CACHE;
        else process.env.LEITMOTIF_SAMPLE_CACHE = off;
        clearSoundBankCache();
        const data = loadSoundBank().samples[k].getAudioData();
        expect(same(data, fresh().samples[k].getAudioData())).toBe(true);
        let files: string[] = [];
        try {
          files = readdirSync(sampleCacheDir());
        } catch {
          /* no folder: nothing cached */
        }
        expect(files.filter((f) => f.endsWith('.f32'))).toHaveLength(expected);
      }
    } finally {
      for (const [key, v] of [['LEITMOTIF_CACHE_DIR', before.dir], ['LEITMOTIF_SAMPLE_CACHE', before.off]] as const) {
        if (v === undefined) delete process.env[key];
        else process.env[key] = v;
      }
      clearSoundBankCache();
    }
  });

  it('lives under LEITMOTIF_CACHE_DIR, per engine version', () => {
    expect(sampleCacheDir({ LEITMOTIF_CACHE_DIR: '/x/c' })).toMatch(/^\/x\/c\/sf3-samples\/spessasynth_core-\d+\.\d+\.\d+-f1$/);
  });
});
