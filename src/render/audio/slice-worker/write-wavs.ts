/**
 * purpose: worker-thread body that writes some of a streamed film render's WAV files (../film-wav-file.ts) while
 * the main thread writes the others. First message: the shared gain and a stop flag; then one message per file,
 * each answered with the file's size and SHA-256, its error, or "skipped" once the main thread has raised the
 * stop flag (a failure elsewhere: no file is started after it, none is left half-written).
 */
import { parentPort } from 'node:worker_threads';
import { writeFilmWav, type FilmWavGain, type FilmWavJob } from '../film-wav-file.js';
import { isLeitmotifError, type ErrorCode } from '../../../util/errors.js';

export type WavWorkerMessage = { type: 'init'; gain: FilmWavGain; stop: SharedArrayBuffer } | { type: 'job'; k: number; job: FilmWavJob };

/** An error as plain data: a LeitmotifError's code, hint and exit code, or a system error's errno code. */
export interface WorkerError {
  message: string;
  leitmotif?: { code: ErrorCode; hint?: string; exitCode: number };
  errno?: string;
}

export type WavJobReply = { k: number; ok: true; bytes: number; sha256: string } | { k: number; ok: false; skipped?: boolean; error?: WorkerError };

let gain: FilmWavGain = { regions: [], outside: 1 };
let stop: Int32Array<ArrayBufferLike> = new Int32Array(1);

parentPort?.on('message', (m: WavWorkerMessage) => {
  if (m.type === 'init') {
    gain = m.gain;
    stop = new Int32Array(m.stop);
    return;
  }
  if (Atomics.load(stop, 0) !== 0) {
    parentPort!.postMessage({ k: m.k, ok: false, skipped: true } satisfies WavJobReply);
    return;
  }
  try {
    const r = writeFilmWav(m.job, gain);
    parentPort!.postMessage({ k: m.k, ok: true, ...r } satisfies WavJobReply);
  } catch (e) {
    parentPort!.postMessage({ k: m.k, ok: false, error: toWorkerError(e) } satisfies WavJobReply);
  }
});

function toWorkerError(e: unknown): WorkerError {
  if (isLeitmotifError(e)) return { message: e.message, leitmotif: { code: e.code, hint: e.hint, exitCode: e.exitCode } };
  const errno = (e as { code?: unknown })?.code;
  return { message: e instanceof Error ? e.message : String(e), errno: typeof errno === 'string' ? errno : undefined };
}
