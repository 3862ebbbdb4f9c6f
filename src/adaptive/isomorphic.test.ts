/**
 * adaptive/'s core must run in a browser: nothing reachable from src/adaptive/index.ts (following runtime
 * imports, not `import type`) may import a Node built-in. The Node adapter lives in adaptive/node/.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { dirname, resolve, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinModules } from 'node:module';

const srcRoot = fileURLToPath(new URL('..', import.meta.url));
const NODE = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  const re = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1]);
  for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1]);
  return out;
}

function nodeImportsFrom(entry: string): { seen: Set<string>; offenders: string[] } {
  const seen = new Set<string>();
  const offenders: string[] = [];
  const stack = [resolve(srcRoot, entry)];
  while (stack.length) {
    const f = stack.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    for (const spec of runtimeImports(f)) {
      if (NODE.has(spec) || spec.startsWith('node:')) offenders.push(`${relative(srcRoot, f)} imports ${spec}`);
      else if (spec.startsWith('.')) {
        const ts = resolve(dirname(f), spec.replace(/\.js$/, '.ts'));
        if (existsSync(ts)) stack.push(ts);
      }
    }
  }
  return { seen, offenders };
}

describe('adaptive core is isomorphic', () => {
  it('reaches no Node built-in from src/adaptive/index.ts', () => {
    const { seen, offenders } = nodeImportsFrom('adaptive/index.ts');
    expect(seen.size).toBeGreaterThan(10);
    expect(offenders).toEqual([]);
  });

  it('reaches no Node built-in from src/theory/index.ts (the runtime reads its harmony there)', () => {
    const { seen, offenders } = nodeImportsFrom('theory/index.ts');
    expect(seen.has(resolve(srcRoot, 'adaptive/harmony.ts'))).toBe(false);
    expect(seen.size).toBeGreaterThan(5);
    expect(offenders).toEqual([]);
  });
});
