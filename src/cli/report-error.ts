/** purpose: map an error to what a person sees on stderr, and to an exit code. */
import { ZodError } from 'zod';
import { isLeitmotifError, formatZodIssues } from '../util/errors.js';

export function reportError(e: unknown, write: (s: string) => void = (s) => process.stderr.write(s)): number {
  if (isLeitmotifError(e)) {
    write(`leitmotif: ${e.message}\n`);
    if (e.hint) write(`  hint: ${e.hint}\n`);
    return e.exitCode;
  }
  if (e instanceof ZodError) {
    write(`leitmotif: invalid input: ${formatZodIssues(e.issues)}\n`);
    return 2;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  write(`leitmotif: internal error: ${err.message}\n  this is a bug in Leitmotif; please report it with the command you ran.\n`);
  if (process.env.LEITMOTIF_DEBUG) write(`${err.stack}\n`);
  return 70;
}
