/**
 * purpose: guard what a command loads before it does any work. Each package costs start-up time on every run
 * (zod ≈ 100 ms, spessasynth ≈ 120 ms), so the bare CLI loads none of them and `leitmotif render` of a MIDI file
 * loads the synthesizer but not zod. Walks the static value imports of src/ (type-only imports are erased by
 * the compiler; `await import()` is lazy by design).
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** `import … from 'x'` / `export … from 'x'` that survive compilation: not `import type`, not all-`type` lists. */
function valueImports(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(/(?:^|\n)\s*(import|export)\s+([^'";]*?)\s*from\s*['"]([^'"]+)['"]/g)) {
    const clause = m[2].trim();
    if (clause.startsWith('type ')) continue;
    const list = /^\{([\s\S]*)\}$/.exec(clause);
    if (list && list[1].split(',').map((s) => s.trim()).filter(Boolean).every((s) => s.startsWith('type '))) continue;
    out.push(m[3]);
  }
  for (const m of source.matchAll(/(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)) out.push(m[1]); // side-effect imports
  return out;
}

/** Every package reachable from `entry` through static value imports, with the chain that reaches it. */
function packagesReached(entry: string): Map<string, string[]> {
  const packages = new Map<string, string[]>();
  const seen = new Set<string>();
  const walk = (file: string, chain: string[]): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of valueImports(readFileSync(file, 'utf8'))) {
      if (spec.startsWith('.')) {
        const ts = resolve(dirname(file), spec).replace(/\.js$/, '.ts');
        if (existsSync(ts)) walk(ts, [...chain, relative(SRC, ts)]);
      } else if (!spec.startsWith('node:')) {
        const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
        if (!packages.has(name)) packages.set(name, chain);
      }
    }
  };
  walk(join(SRC, entry), [entry]);
  return packages;
}

describe('start-up imports', () => {
  it('reads type-only imports as erased', () => {
    expect(valueImports("import type { A } from 'zod';\nimport { type B, type C } from './x.js';\nimport { D, type E } from './y.js';")).toEqual(['./y.js']);
    expect(valueImports("export { z } from 'zod';\nimport 'side-effect';")).toEqual(['zod', 'side-effect']);
  });

  it('the bare CLI loads only commander', () => {
    expect([...packagesReached('cli/main.ts').keys()]).toEqual(['commander']);
  });

  it('rendering a MIDI file does not load zod (the Score reader is imported only for JSON input or stems)', () => {
    const reached = packagesReached('cli/commands/render.ts');
    expect(reached.get('zod'), `zod reached through ${reached.get('zod')?.join(' → ')}`).toBeUndefined();
    expect(reached.has('spessasynth_core')).toBe(true); // the walk does follow the render path
  });
});
