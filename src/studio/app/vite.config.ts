/**
 * purpose: Vite build of the studio page (src/studio/app; the studio builds it into the per-user cache, server/app-build.ts). The server (src/studio/server) serves the
 * bundle, the API and the synth assets (AudioWorklet processor, SoundFont), so the build copies no assets.
 */
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // A hand-run `vite build` lands outside the checkout too (the studio itself builds into the per-user cache).
  build: { outDir: join(process.env.LEITMOTIF_CACHE_DIR ?? join(tmpdir(), 'leitmotif'), 'bundles', 'studio-app-manual'), emptyOutDir: true, chunkSizeWarningLimit: 4096 },
  clearScreen: false,
});
