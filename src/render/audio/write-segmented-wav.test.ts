import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSegmentedWavFile } from './write-segmented-wav.js';
import { segmentedWavBytes, parseWav, type SegmentedWav } from './wav.js';
import { LeitmotifError } from '../../util/errors.js';

const ramp = (n: number, k: number) => Float32Array.from({ length: n }, (_, i) => Math.sin((i + k) / 7) * 0.5);

function film(bitDepth: 16 | 24 | 32, overlapping = false): SegmentedWav {
  const frames = 48_000;
  const gain = Float32Array.from({ length: frames }, (_, i) => 0.5 + (i % 1000) / 2000);
  return {
    frames,
    nch: 2,
    sampleRate: 48_000,
    bitDepth,
    gain,
    segments: [
      { offset: 1000, channels: [ramp(2000, 0), ramp(2000, 3)] },
      { offset: overlapping ? 2500 : 20_000, channels: [ramp(5000, 1), ramp(5000, 2)] },
      { offset: 47_000, channels: [ramp(3000, 5), ramp(3000, 9)] }, // runs past the end: clipped to the file
    ],
  };
}

describe('writeSegmentedWavFile', () => {
  it.each([
    ['24-bit sparse', film(24)],
    ['24-bit overlapping (dense fallback)', film(24, true)],
    ['16-bit (dense fallback)', film(16)],
  ])('writes exactly the bytes segmentedWavBytes gives: %s', (_name, w) => {
    const dir = mkdtempSync(join(tmpdir(), 'lm-segwav-'));
    const path = join(dir, 'stem.wav');
    const size = writeSegmentedWavFile(path, w);
    const onDisk = readFileSync(path);
    expect(size).toBe(onDisk.length);
    expect(Buffer.compare(onDisk, Buffer.from(segmentedWavBytes(w)))).toBe(0);
    expect(parseWav(new Uint8Array(onDisk)).frames).toBe(w.frames);
    expect(readdirSync(dir)).toEqual(['stem.wav']); // no temp file left behind
  });

  it('reports an unwritable path as a LeitmotifError and leaves nothing behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lm-segwav-'));
    const blocker = join(dir, 'file');
    writeSegmentedWavFile(blocker, film(24));
    expect(() => writeSegmentedWavFile(join(blocker, 'x.wav'), film(24))).toThrow(LeitmotifError);
    expect(readdirSync(dir)).toEqual(['file']);
  });
});
