/* global URL, process */
// Build the compiled CLI (dist/) that bin/leitmotif.js runs when it is up to date with src/: tsc with
// tsconfig.build.json, then the non-TypeScript files the code loads at run time (the slice worker's .mjs entry).
// Run by `npm run build` and by npm's `prepare` (so `npm ci` builds it); CI runs it and the startup bench.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
const walk = (d) => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
for (const f of walk(join(root, 'src')).filter((p) => p.endsWith('.mjs'))) {
  const to = join(root, 'dist', relative(join(root, 'src'), f));
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(f, to);
}
// The entry's time marks the build (bin/leitmotif.js compares it with src/).
const now = new Date();
utimesSync(join(root, 'dist/cli/main.js'), now, now);
