/* global URL */
// Worker entry for the audio worker threads: `workerData.entry` names the body — 'render-slice' (parallel slice
// rendering, ../film-audio.ts; the default) or 'write-wavs' (a film's WAV files on a second thread,
// ../film-stream.ts). In the compiled build (dist/) load the compiled body; from the TypeScript sources register
// tsx in this thread first (loader hooks are per thread), the same trick as bin/leitmotif.js.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { workerData } from 'node:worker_threads';

const entry = workerData?.entry === 'write-wavs' ? 'write-wavs' : 'render-slice';
const compiled = new URL(`./${entry}.js`, import.meta.url);
if (existsSync(fileURLToPath(compiled))) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(`./${entry}.ts`);
}
