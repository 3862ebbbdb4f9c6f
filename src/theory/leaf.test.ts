/**
 * src/theory is a leaf that runs anywhere (Node, browser runtime): it imports only its own files (and at most
 * `tonal`), never a Node built-in or another src/ folder. Also checks every `@example` in it: each export's
 * documented result is evaluated against the real export.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import * as theory from './index.js';

const dir = new URL('.', import.meta.url);
const sources = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

describe('src/theory is a leaf', () => {
  it('imports only ./ siblings (or tonal)', () => {
    const bad: string[] = [];
    for (const f of sources) {
      const text = readFileSync(new URL(f, dir), 'utf8');
      for (const m of text.matchAll(/^\s*(?:import|export)\s[^'";]*?from\s+['"]([^'"]+)['"]/gm)) if (!/^\.\/[\w-]+\.js$/.test(m[1]) && m[1] !== 'tonal') bad.push(`${f}: ${m[1]}`);
      for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]/g)) bad.push(`${f}: dynamic ${m[1]}`);
      if (/\brequire\(/.test(text)) bad.push(`${f}: require`);
    }
    expect(bad).toEqual([]);
  });

  it('every export has an @example, and each example gives its documented result', () => {
    const missing: string[] = [];
    const wrong: string[] = [];
    let checked = 0;
    const names = Object.keys(theory);
    const scope = new Function(...names, 'expr', 'return eval(expr)') as (...a: unknown[]) => unknown;
    const values = names.map((n) => (theory as Record<string, unknown>)[n]);
    for (const f of sources.filter((s) => s !== 'index.ts')) {
      const text = readFileSync(new URL(f, dir), 'utf8');
      const blocks = text.split(/\n(?=export (?:const|function) )/);
      for (let i = 1; i < blocks.length; i++) {
        const name = /^export (?:const|function) (\w+)/.exec(blocks[i])![1];
        const doc = blocks[i - 1].slice(blocks[i - 1].lastIndexOf('/**'));
        const ex = /@example (.*?) \/\/ → (.*)$/m.exec(doc);
        if (!ex || !doc.includes('*/')) {
          missing.push(`${f}: ${name}`);
          continue;
        }
        checked++;
        try {
          expect(scope(...values, `(${ex[1]})`)).toEqual(scope(...values, `(${ex[2]})`));
        } catch (e) {
          wrong.push(`${f}: ${name}: ${ex[1]} → ${String(e).slice(0, 200)}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(45);
    expect(missing).toEqual([]);
    expect(wrong).toEqual([]);
  });
});
