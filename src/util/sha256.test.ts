import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { sha256Hex } from './sha256.js';

describe('sha256Hex', () => {
  it('matches node:crypto on strings and bytes of every padding length', () => {
    for (let n = 0; n < 200; n++) {
      const s = 'aé€𝄞'.repeat(n).slice(0, n);
      expect(sha256Hex(s)).toBe(createHash('sha256').update(s).digest('hex'));
      const b = Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 255);
      expect(sha256Hex(b)).toBe(createHash('sha256').update(b).digest('hex'));
    }
  });
});
