/**
 * purpose: what a person sees for each kind of error, and the exit code: a LeitmotifError's message and hint,
 * a zod validation error's issues (recognised by shape — report-error.ts does not load zod), anything else as an
 * internal error.
 */
import { describe, expect, it } from 'vitest';
import { z, ZodError } from 'zod';
import { reportError } from './report-error.js';
import { LeitmotifError } from '../util/errors.js';

const report = (e: unknown): [number, string] => {
  let out = '';
  const code = reportError(e, (s) => (out += s));
  return [code, out];
};

describe('reportError', () => {
  it('a LeitmotifError: its message and hint, its exit code', () => {
    const [code, out] = report(new LeitmotifError('LM_ERR_INPUT_INVALID', 'bad file', { hint: 'try another' }));
    expect(out).toBe('leitmotif: bad file\n  hint: try another\n');
    expect(code).toBe(2);
  });

  it('a zod error, thrown by parse or built by hand: the issues, exit 2', () => {
    const thrown = z.object({ bpm: z.number() }).safeParse({ bpm: 'fast' }).error;
    const built = new ZodError([{ code: 'custom', path: ['tracks', 0], message: 'no notes', input: undefined }]);
    for (const [e, want] of [[thrown, /^leitmotif: invalid input: bpm: /], [built, /^leitmotif: invalid input: tracks\.0: no notes/]] as const) {
      const [code, out] = report(e);
      expect(out).toMatch(want);
      expect(code).toBe(2);
    }
  });

  it('anything else: an internal error, exit 70', () => {
    const [code, out] = report(new TypeError('x is undefined'));
    expect(out).toMatch(/^leitmotif: internal error: x is undefined/);
    expect(code).toBe(70);
  });
});
