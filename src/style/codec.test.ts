import { describe, it, expect } from 'vitest';
import { packBytes, unpackBytes } from './codec.js';

describe('packBytes / unpackBytes', () => {
  const bytes = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 251);
  it('round-trips with node:zlib', () => {
    expect(unpackBytes(packBytes(bytes))).toEqual(bytes);
  });
  it('round-trips without Node (the browser path: fflate + btoa)', () => {
    const saved = globalThis.process;
    let packed: string;
    try {
      // @ts-expect-error -- simulate a browser for one synchronous call
      globalThis.process = undefined;
      packed = packBytes(bytes);
    } finally {
      globalThis.process = saved;
    }
    expect(unpackBytes(packed)).toEqual(bytes);
  });
});
