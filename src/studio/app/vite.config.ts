/**
 * purpose: Vite build of the studio page (src/studio/app → dist). The server (src/studio/server) serves the
 * bundle, the API and the synth assets (AudioWorklet processor, SoundFont), so the build copies no assets.
 */
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 4096 },
  clearScreen: false,
});
