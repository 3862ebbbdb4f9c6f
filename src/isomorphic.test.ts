/**
 * The pure stages must run in a browser (house rule, issue 10 "models as inputs"): nothing reachable from a
 * pure module (following runtime imports, not `import type`) may import a Node built-in, reach for one through
 * `process.getBuiltinModule` / `require`, or import a Node entry file (`node.ts`, `node/`). Loaders live in those
 * entries; tests and test support are exempt. The folder list is eslint.config.js's PURE_STAGES, so a new pure
 * folder (theory/, cue/, film/, …) is covered here and by the lint rule the day it lands. A second check bundles
 * every pure module for the browser with Vite (no shims) and fails on any Node built-in it meets, including
 * ones reached through npm packages.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, existsSync, readdirSync, statSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, resolve, relative, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinModules } from 'node:module';
import { build, type Plugin } from 'vite';

const srcRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = resolve(srcRoot, '..');
const NODE = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Files that use a Node built-in behind a feature test, with a browser fallback in the same function. */
const GUARDED: Record<string, string> = {
  'style/codec.ts': 'packBytes: node:zlib when present (byte-identical model files with earlier trainings), fflate otherwise',
};

function pureStages(): string[] {
  const cfg = readFileSync(join(repoRoot, 'eslint.config.js'), 'utf8');
  const m = /const PURE_STAGES = \[([^\]]*)\]/.exec(cfg);
  if (!m) throw new Error('eslint.config.js has no PURE_STAGES list');
  return [...m[1].matchAll(/'([^']+)'/g)].map((x) => x[1]);
}

const isExempt = (rel: string) =>
  /(^|\/)node(\.ts|\/)/.test(rel) || rel.endsWith('.test.ts') || /(^|\/)(test-support|testing|__fixtures__|fixtures)\//.test(rel) || rel.endsWith('.d.ts');

function walkTs(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) walkTs(p, out);
    else if (e.endsWith('.ts')) out.push(p);
  }
  return out;
}

function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  const re = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1]);
  for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1]);
  for (const m of text.matchAll(/\b(?:getBuiltinModule|require)\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1]);
  return out;
}

const posix = (p: string) => p.split(sep).join('/');

/** Every problem reachable from `entries`, as "a.ts → b.ts imports node:fs"; also the set of files reached. */
function audit(entries: string[]): { offenders: string[]; seen: Set<string> } {
  const seen = new Set<string>();
  const offenders = new Set<string>();
  const via = new Map<string, string>();
  const stack = [...entries];
  while (stack.length) {
    const f = stack.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    const rel = posix(relative(srcRoot, f));
    const chain = () => {
      const parts = [rel];
      for (let p = via.get(f); p && parts.length < 6; p = via.get(p)) parts.unshift(posix(relative(srcRoot, p)));
      return parts.join(' → ');
    };
    for (const spec of runtimeImports(f)) {
      if (NODE.has(spec) || spec.startsWith('node:')) {
        if (!GUARDED[rel]) offenders.add(`${chain()} imports ${spec}`);
      } else if (spec.startsWith('.')) {
        const ts = resolve(dirname(f), spec.replace(/\.js$/, '.ts'));
        const target = posix(relative(srcRoot, ts));
        if (/(^|\/)node(\.ts|\/)/.test(target)) offenders.add(`${chain()} imports the Node entry ${target}`);
        if (existsSync(ts) && !seen.has(ts)) {
          if (!via.has(ts)) via.set(ts, f);
          stack.push(ts);
        }
      }
    }
  }
  return { offenders: [...offenders].sort(), seen };
}

describe('pure stages are isomorphic (no Node built-ins reachable)', () => {
  const stages = pureStages().filter((d) => existsSync(join(srcRoot, d)));
  const entries = stages.flatMap((d) => walkTs(join(srcRoot, d))).filter((f) => !isExempt(posix(relative(srcRoot, f))));

  it('covers the stages the house rule names', () => {
    for (const d of ['score', 'compose', 'style', 'originality', 'affect', 'adaptive', 'plan', 'script']) expect(stages).toContain(d);
    const rels = new Set(entries.map((f) => posix(relative(srcRoot, f))));
    for (const f of ['adaptive/index.ts', 'adaptive/composer.ts', 'compose/index.ts', 'style/index.ts', 'score/index.ts', 'affect/index.ts']) expect(rels).toContain(f);
    expect(entries.length).toBeGreaterThan(100);
  });

  for (const d of stages) {
    it(`src/${d}/ reaches no Node built-in and no node.ts entry`, () => {
      const own = entries.filter((f) => posix(relative(srcRoot, f)).startsWith(`${d}/`));
      expect(audit(own).offenders).toEqual([]);
    });
  }

  it('the browser graph of adaptive/composer.ts includes compose/ and style/ decoding', () => {
    const { seen, offenders } = audit([resolve(srcRoot, 'adaptive/composer.ts'), resolve(srcRoot, 'style/load.ts')]);
    expect(offenders).toEqual([]);
    const rels = [...seen].map((f) => posix(relative(srcRoot, f)));
    expect(rels).toContain('compose/bar-composer.ts');
    expect(rels).toContain('style/model-file.ts');
  });

  it('the audit itself catches a Node import', () => {
    const { offenders } = audit([resolve(srcRoot, 'style/node.ts')]);
    expect(offenders.some((o) => o.includes('imports node:fs'))).toBe(true);
  });

  it('bundles for the browser with Vite, no Node shims, no Node built-in resolved', async () => {
    const met: string[] = [];
    const plugin: Plugin = {
      name: 'leitmotif-no-node-builtins',
      enforce: 'pre',
      resolveId(id, importer) {
        if (!NODE.has(id) && !id.startsWith('node:')) return null;
        met.push(`${importer ? posix(relative(repoRoot, importer)) : '?'} imports ${id}`);
        return { id: `\0node-builtin:${id}`, external: true };
      },
    };
    const tmp = mkdtempSync(join(tmpdir(), 'lm-iso-'));
    try {
      const entry = join(tmp, 'entry.ts');
      writeFileSync(entry, entries.map((f, i) => `export * as m${i} from ${JSON.stringify(f)};`).join('\n'));
      await build({
        configFile: false,
        root: repoRoot,
        logLevel: 'silent',
        plugins: [plugin],
        build: { write: false, minify: false, lib: { entry, formats: ['es'], fileName: 'pure' } },
      });
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
    expect(met).toEqual([]);
  }, 120_000);
});
