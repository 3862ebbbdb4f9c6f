/**
 * purpose: worker-thread body that writes some of a streamed film render's WAV files (../film-wav-file.ts) while
 * the main thread writes the others: each job is answered with its file's size and SHA-256, or its error.
 */
import { parentPort } from 'node:worker_threads';
import { writeFilmWav, type FilmWavJob } from '../film-wav-file.js';

export type WavJobReply = { k: number; ok: true; bytes: number; sha256: string } | { k: number; ok: false; error: string };

parentPort?.on('message', (m: { k: number; job: FilmWavJob }) => {
  try {
    const r = writeFilmWav(m.job);
    parentPort!.postMessage({ k: m.k, ok: true, ...r } satisfies WavJobReply);
  } catch (e) {
    parentPort!.postMessage({ k: m.k, ok: false, error: e instanceof Error ? e.message : String(e) } satisfies WavJobReply);
  }
});
