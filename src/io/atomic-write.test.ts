/** purpose: a file that cannot be written is reported in words, with the errno code kept for a bug report. */
import { describe, expect, it } from 'vitest';
import { whyNot, writeFileAtomic } from './atomic-write.js';

const err = (code: string) => Object.assign(new Error(`raw ${code}`), { code });

describe('whyNot', () => {
  it.each([
    ['ENOENT', 'the folder it goes in does not exist and cannot be made there (ENOENT)'],
    ['ENOSPC', 'the disk is full (ENOSPC)'],
    ['EACCES', 'permission denied (EACCES)'],
    ['EWHATEVER', 'EWHATEVER'],
  ])('%s → %s', (code, want) => {
    expect(whyNot(err(code))).toBe(want);
  });

  it('a write under /proc fails with a sentence, not a bare code', () => {
    expect(() => writeFileAtomic('/proc/leitmotif-test/x.wav', 'x')).toThrow(/cannot (write|create folder) \/proc\/leitmotif-test.*: [a-z].* \(E[A-Z]+\)/);
  });
});
