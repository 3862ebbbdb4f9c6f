/**
 * purpose: write a film-length stem without materialising its silence. A 10-minute film with two minutes of
 * music has eleven 160 MB stems; writing those zeros took ~20 s on a slow disk. Here the header and each
 * segment are written at their offsets into a temp file that is then extended to full length (the gaps become
 * holes that read back as zero bytes — 24-bit silence), and renamed over the target: atomic, same bytes as
 * `segmentedWavBytes`.
 */
import { openSync, writeSync, ftruncateSync, closeSync } from 'node:fs';
import { writeFileAtomic, writeAtomicWith } from '../../io/atomic-write.js';
import { wavHeader, put24, isSparseWritable, segmentedWavBytes, type SegmentedWav } from './wav.js';

/** Writes the WAV; returns its size in bytes. */
export function writeSegmentedWavFile(path: string, w: SegmentedWav): number {
  if (!isSparseWritable(w)) {
    const bytes = segmentedWavBytes(w);
    writeFileAtomic(path, bytes);
    return bytes.byteLength;
  }
  const { header, total } = wavHeader(w.nch, w.frames, w.sampleRate, 24);
  const stride = w.nch * 3;
  const g = typeof w.gain === 'number' ? null : w.gain;
  const gk = typeof w.gain === 'number' ? w.gain : 1;
  writeAtomicWith(path, (tmp) => {
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, header, 0, header.length, 0);
      for (const s of w.segments) {
        const n = Math.min(s.channels[0].length, w.frames - s.offset);
        if (n <= 0) continue;
        const chunk = new Uint8Array(n * stride);
        // put24 indexes the gain curve by file frame; a negative data offset places frame `s.offset` at byte 0.
        put24(chunk, -s.offset * stride, w.nch, s.channels, s.offset, n, g, gk);
        writeSync(fd, chunk, 0, chunk.length, header.length + s.offset * stride);
      }
      ftruncateSync(fd, total);
    } finally {
      closeSync(fd);
    }
  });
  return total;
}
