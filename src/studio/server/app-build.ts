/**
 * purpose: the studio's browser bundle. `leitmotif studio` needs no build step from the user: on start it
 * builds the page with Vite (src/studio/app) when no bundle of the current sources exists, and the adaptive game
 * demo (demo/) the first time /demo/ is opened. Bundles go to the per-user cache folder
 * (store/data-dir.ts cacheDir: `bundles/<name>-<hash of the sources>`), never into the checkout: a bundle holds
 * third-party code (Vite's runtime, spessasynth_lib) that is not ours and not seeded. Tests build into a folder
 * of their own.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDir } from '../../store/data-dir.js';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const APP_ROOT = join(REPO_ROOT, 'src/studio/app');
export const DEMO_ROOT = join(REPO_ROOT, 'demo');
const STAMP = '.leitmotif-build';

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    if (name === 'dist' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/** Hash of the sources a bundle is built from (their paths and bytes). */
export function sourceHash(roots: string[]): string {
  const h = createHash('sha256');
  // The lock file too: a new spessasynth_lib or Vite rebuilds the bundle.
  const lock = join(REPO_ROOT, 'package-lock.json');
  const files = [...roots.flatMap((r) => walk(r)), ...(existsSync(lock) ? [lock] : [])];
  for (const f of files) h.update(relative(REPO_ROOT, f)).update(readFileSync(f));
  return h.digest('hex').slice(0, 16);
}

const building = new Map<string, Promise<string>>();

/**
 * Build `root` (with its vite.config.ts) into `outDir` — by default `<cache>/bundles/<name>-<source hash>` — unless
 * a bundle of the same sources is there.
 */
export function ensureBuilt(root: string, outDir: string | undefined, opts: { name: string; base?: string; hashRoots?: string[]; log?: (s: string) => void }): Promise<string> {
  const hash = sourceHash(opts.hashRoots ?? [root]);
  const out = outDir ?? join(cacheDir(), 'bundles', `${opts.name}-${hash}`);
  const key = `${root}→${out}`;
  const pending = building.get(key);
  if (pending) return pending;
  const p = (async (outDir: string) => {
    const stamp = join(outDir, STAMP);
    if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash && existsSync(join(outDir, 'index.html'))) return outDir;
    opts.log?.(`building ${relative(REPO_ROOT, root) || root} (first start, a few seconds)…`);
    const { build } = await import('vite');
    await build({ configFile: join(root, 'vite.config.ts'), root, base: opts.base ?? '/', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
    writeFileSync(stamp, hash);
    return outDir;
  })(out);
  building.set(key, p);
  p.catch(() => building.delete(key));
  return p;
}

/** The studio page bundle (src/studio/app and the client modules it imports from src/studio). */
export function ensureAppBuilt(outDir?: string, log?: (s: string) => void): Promise<string> {
  return ensureBuilt(APP_ROOT, outDir, { name: 'studio-app', log, hashRoots: [APP_ROOT] });
}

/** The adaptive game demo, served under /demo/. */
export function ensureDemoBuilt(outDir?: string, log?: (s: string) => void): Promise<string> {
  return ensureBuilt(DEMO_ROOT, outDir, { name: 'demo', base: '/demo/', log });
}
