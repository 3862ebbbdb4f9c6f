/**
 * purpose: script/'s Node entry — reading a screenplay (and its timings file) from disk, with the size limits
 * and user-facing errors of io/read-input.ts; decoding and parsing are script/'s pure `scriptFromBytes`.
 */
import { readInputFile } from '../io/read-input.js';
import type { ScriptFormat } from './detect.js';
import { scriptFromBytes } from './index.js';
import { decodeScriptBytes, MAX_SCRIPT_BYTES, normaliseText } from './text.js';
import { applyTimings, parseTimingsFile } from './timings.js';
import type { Script } from './types.js';

/** Reads a screenplay file, parses it, and applies a timings file when given (read after the script parsed). */
export function loadScript(path: string, opts: { timings?: string; format?: ScriptFormat } = {}): Script {
  const script = scriptFromBytes(readInputFile(path, { what: 'script', maxBytes: MAX_SCRIPT_BYTES }), path, { format: opts.format });
  if (!opts.timings) return script;
  const tBytes = readInputFile(opts.timings, { what: 'timings file', maxBytes: 16 * 1024 * 1024 });
  return applyTimings(script, parseTimingsFile(normaliseText(decodeScriptBytes(tBytes, opts.timings).text), opts.timings));
}
