// Worker entry for parallel slice rendering (src/render/audio/film-audio.ts): register tsx in this thread, then load
// the TypeScript worker body — the same trick as bin/leitmotif.js, since loader hooks are per thread.
import { register } from 'tsx/esm/api';

register();
await import('./render-slice.ts');
