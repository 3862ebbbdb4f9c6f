/* global URL */
// Worker entry for parallel slice rendering (src/render/audio/film-audio.ts): in the compiled build (dist/) load
// the compiled worker body; from the TypeScript sources register tsx in this thread first (loader hooks are per
// thread), the same trick as bin/leitmotif.js.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = new URL('./render-slice.js', import.meta.url);
if (existsSync(fileURLToPath(compiled))) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./render-slice.ts');
}
