import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { watFiles, tsPathOf, wasmModuleText } from '../../../../scripts/build-wasm.js';

describe('committed WebAssembly kernels', () => {
  const wats = watFiles();
  it('exist', () => expect(wats.length).toBeGreaterThan(0));
  for (const wat of wats) {
    it(`${relative(process.cwd(), tsPathOf(wat))} is exactly what ${relative(process.cwd(), wat)} assembles to (npm run build:wasm)`, async () => {
      expect(readFileSync(tsPathOf(wat), 'utf8')).toBe(await wasmModuleText(wat));
    });
  }
});
