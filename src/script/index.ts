/**
 * purpose: the script/ stage's public API — screenplay text or file bytes → `Script`. Pure; reading a file from
 * disk is Node-only: `loadScript(path)` in script/node.ts.
 *
 * @example
 * parseScript('INT. KITCHEN - NIGHT\n\nSARAH (30s) waits.\n\nSARAH\nYou came.\n')
 * // => { format: 'fountain', scenes: [{ heading: 'INT. KITCHEN - NIGHT', setting: 'INT', … }], characters: [{ id: 'sarah', … }] }
 */
import { LeitmotifError } from '../util/errors.js';
import { buildScript } from './build.js';
export { assertScoreable } from './build.js';
import { detectFormat, type ScriptFormat } from './detect.js';
import { readFdx } from './fdx.js';
import { readFountain } from './fountain.js';
import { readPlain } from './plain.js';
import { assertScriptText, decodeScriptBytes, normaliseText, stripTerminalControls } from './text.js';
import { applyTimings, parseTimingsFile } from './timings.js';
import type { Script } from './types.js';

export type { Script, Scene, ScriptElement, Character, ElementType } from './types.js';
export { ScriptSchema, ELEMENT_TYPES } from './types.js';
export { applyTimings, parseTimingsFile, type SceneTiming } from './timings.js';
export { parseDuration } from './timecode.js';
export { sceneLabels, hasPrelude } from './scene-label.js';
export { characterId } from './characters.js';
export { detectFormat, type ScriptFormat } from './detect.js';
export { SECONDS_PER_PAGE, LINES_PER_PAGE } from './page-model.js';

export interface ParseOptions {
  format?: ScriptFormat;
  filename?: string;
}

/**
 * Parses screenplay text. Never throws anything but a LeitmotifError (binary/oversized input, malformed FDX).
 * Empty or whitespace-only text gives a Script with no scenes and a warning.
 */
export function parseScript(text: string, opts: ParseOptions = {}): Script {
  const what = opts.filename ?? 'the script';
  if (typeof text !== 'string') throw new LeitmotifError('LM_ERR_SCRIPT_INVALID', `${what}: expected text`);
  assertScriptText(text, what);
  const clean = stripTerminalControls(normaliseText(text));
  const format = detectFormat(clean, opts);
  if (clean.trim() === '') {
    return { format, titlePage: {}, scenes: [], characters: [], duration: 0, pages: 0, warnings: [`${what} is empty: no scenes`] };
  }
  try {
    const draft = format === 'fdx' ? readFdx(clean, what) : format === 'plain' ? readPlain(clean) : readFountain(clean);
    return buildScript(draft);
  } catch (e) {
    if (e instanceof LeitmotifError) throw e;
    // A reader bug must not escape as a crash: report it as unreadable input naming the cause.
    throw new LeitmotifError('LM_ERR_SCRIPT_INVALID', `${what} could not be read as ${format}: ${e instanceof Error ? e.message : String(e)}`, {
      hint: 'check the file is a Fountain, Final Draft (.fdx) or plain-text screenplay',
      cause: e,
    });
  }
}

/**
 * Decodes screenplay file bytes (any of the encodings in text.ts), parses them, and applies a timings file's bytes
 * when given. Encoding notes (no BOM, Windows-1252 fallback) are added to `warnings`. `name` labels messages.
 */
export function scriptFromBytes(bytes: Uint8Array, name: string, opts: { timings?: { bytes: Uint8Array; name: string }; format?: ScriptFormat } = {}): Script {
  const decoded = decodeScriptBytes(bytes, name);
  const script = parseScript(decoded.text, { filename: name, format: opts.format });
  script.warnings = [...decoded.warnings.map((w) => `${name}: ${w}`), ...script.warnings];
  if (!opts.timings) return script;
  const tText = stripTerminalControls(normaliseText(decodeScriptBytes(opts.timings.bytes, opts.timings.name).text));
  return applyTimings(script, parseTimingsFile(tText, opts.timings.name));
}
