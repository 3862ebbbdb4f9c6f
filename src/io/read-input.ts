/** purpose: read a user-named input file with errors a person can act on (missing, a folder, too large). */
import { readFileSync, statSync } from 'node:fs';
import { LeitmotifError } from '../util/errors.js';

export function readInputFile(path: string, opts: { maxBytes?: number; what?: string } = {}): Buffer {
  const what = opts.what ?? 'input file';
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new LeitmotifError('LM_ERR_INPUT_INVALID', `${what} ${path} is a folder, not a file`);
    size = st.size;
  } catch (e) {
    if (e instanceof LeitmotifError) throw e;
    throw new LeitmotifError('LM_ERR_INPUT_NOT_FOUND', `${what} not found: ${path}`, { hint: 'check the path and spelling' });
  }
  const max = opts.maxBytes ?? 200 * 1024 * 1024;
  if (size > max) {
    throw new LeitmotifError('LM_ERR_INPUT_TOO_LARGE', `${what} ${path} is ${(size / 1048576).toFixed(1)} MB; the limit is ${(max / 1048576).toFixed(0)} MB`);
  }
  try {
    return readFileSync(path);
  } catch (e) {
    throw new LeitmotifError('LM_ERR_INPUT_UNREADABLE', `cannot read ${what} ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

export function readJsonInput(path: string, what = 'JSON file'): unknown {
  return parseJsonText(readInputFile(path, { what }).toString('utf8'), `${what} ${path}`);
}

/** JSON.parse with a one-line LeitmotifError naming the file (a BOM is allowed). */
export function parseJsonText(text: string, what = 'JSON file'): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new LeitmotifError('LM_ERR_INPUT_INVALID', `${what} is not valid JSON: ${(e as Error).message.replace(/\s+/g, ' ').slice(0, 200)}`, {
      hint: 'check it in a JSON validator (a missing comma or quote is the usual cause)',
    });
  }
}
