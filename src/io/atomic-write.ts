/**
 * purpose: never leave a half-written output file. Write to a temp file beside the target, fsync, rename.
 * A failure (unwritable folder, disk full) becomes a LeitmotifError naming the path, and the temp file is removed.
 */
import { mkdirSync, writeFileSync, renameSync, unlinkSync, openSync, fsyncSync, closeSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { LeitmotifError } from '../util/errors.js';

let counter = 0;

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${counter++}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, data);
    const fd = openSync(tmp, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      /* temp file never created */
    }
    const err = e as NodeJS.ErrnoException;
    throw new LeitmotifError('LM_ERR_OUTPUT_UNWRITABLE', `cannot write ${path}: ${err.code ?? err.message}`, {
      hint: 'check that the folder exists or can be created, that you may write there, and that the disk has space',
      cause: e,
    });
  }
}

export function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, JSON.stringify(value, null, 2) + '\n');
}
