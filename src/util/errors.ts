/**
 * purpose: one error type for everything a user can cause (bad input, missing file, absurd flag).
 * The CLI prints `message` and `hint` on one or two lines and exits with `exitCode`; it never prints a
 * stack trace for a LeitmotifError. Anything else reaching the CLI is a bug and is reported as such.
 */
export type ErrorCode =
  | 'LM_ERR_INPUT_NOT_FOUND'
  | 'LM_ERR_INPUT_UNREADABLE'
  | 'LM_ERR_INPUT_INVALID'
  | 'LM_ERR_INPUT_TOO_LARGE'
  | 'LM_ERR_MIDI_CORRUPT'
  | 'LM_ERR_SCORE_INVALID'
  | 'LM_ERR_SPEC_INVALID'
  | 'LM_ERR_SCRIPT_INVALID'
  | 'LM_ERR_MODEL_INVALID'
  /** A style model's copy index (the anti-copying guard's corpus index) is corrupt or missing. */
  | 'LM_ERR_COPY_INDEX_INVALID'
  | 'LM_ERR_CORPUS_MISSING'
  | 'LM_ERR_SOUNDFONT_INVALID'
  | 'LM_ERR_OUTPUT_UNWRITABLE'
  | 'LM_ERR_BAD_OPTION'
  | 'LM_ERR_DIRECTOR'
  | 'LM_ERR_GRAPH_INVALID'
  /** The embedded database (profiles, takes, studio projects) cannot be opened, is too new, or a record is missing. */
  | 'LM_ERR_STORE'
  /** `leitmotif verify`: an output file or the manifest's signature does not match. */
  | 'LM_ERR_VERIFY_FAILED';

export class LeitmotifError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;
  readonly exitCode: number;
  constructor(code: ErrorCode, message: string, options: { hint?: string; exitCode?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LeitmotifError';
    this.code = code;
    this.hint = options.hint;
    // 2 = bad usage / bad input (like most Unix tools), 1 = could not complete (I/O).
    this.exitCode = options.exitCode ?? (code === 'LM_ERR_OUTPUT_UNWRITABLE' || code === 'LM_ERR_VERIFY_FAILED' ? 1 : 2);
  }
}

export function isLeitmotifError(e: unknown): e is LeitmotifError {
  return e instanceof LeitmotifError;
}

/** Turns zod issues into one readable line: `path.to.field: message; other: message`. */
export function formatZodIssues(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>, max = 5): string {
  const parts = issues.slice(0, max).map((i) => `${i.path.length ? i.path.map(String).join('.') : '(root)'}: ${i.message}`);
  if (issues.length > max) parts.push(`… and ${issues.length - max} more`);
  return parts.join('; ');
}
