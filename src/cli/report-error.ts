/** purpose: map an error to what a person sees on stderr, and to an exit code. */
import { isLeitmotifError, formatZodIssues } from '../util/errors.js';

/**
 * One line for the terminal: no newlines, no escape sequences or control characters (a file name or a script
 * fragment inside a message must not drive the terminal), at most `max` characters.
 */
export function oneLine(s: string, max = 600): string {
  // eslint-disable-next-line no-control-regex
  const t = s.replace(/\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b\[[0-?]*[ -/]*[@-~]?|\u001b./g, '').replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return t.length > max ? t.slice(0, max - 1) + '…' : t;
}

type Issues = Parameters<typeof formatZodIssues>[0];

/**
 * A zod validation error, recognised by shape rather than `instanceof ZodError`: importing zod here would load
 * it (~100 ms) into every command's start-up, the renderer's included, just to report an error.
 */
function isZodError(e: unknown): e is { issues: Issues } {
  // Not `instanceof Error`: zod 4's thrown errors are Errors, but a ZodError built with `new` is not.
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'ZodError' && Array.isArray((e as { issues?: unknown }).issues);
}

export function reportError(e: unknown, write: (s: string) => void = (s) => process.stderr.write(s)): number {
  if (isLeitmotifError(e)) {
    write(`leitmotif: ${oneLine(e.message)}\n`);
    if (e.hint) write(`  hint: ${oneLine(e.hint)}\n`);
    return e.exitCode === 1 || e.exitCode === 2 ? e.exitCode : 2;
  }
  if (isZodError(e)) {
    write(`leitmotif: invalid input: ${oneLine(formatZodIssues(e.issues))}\n`);
    return 2;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  write(`leitmotif: internal error: ${oneLine(err.message)}\n  this is a bug in Leitmotif; please report it with the command you ran.\n`);
  if (process.env.LEITMOTIF_DEBUG) write(`${err.stack}\n`);
  return 70;
}
