import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { sha256Hex } from './sha256.js';

const ref = (s: string | Uint8Array) => createHash('sha256').update(s).digest('hex');

describe('sha256Hex (isomorphic)', () => {
  it.each(['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'ünïcødé ✓ 🎵', 'x'.repeat(100_000)])('matches node:crypto on %#', (s) => {
    expect(sha256Hex(s)).toBe(ref(s));
  });
  it('matches node:crypto on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (b) => sha256Hex(b) === ref(b)), { numRuns: 200 });
  });
});
