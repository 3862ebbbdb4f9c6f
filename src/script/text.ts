/**
 * purpose: get clean text out of whatever bytes a user hands us: UTF-8 (with or without BOM), UTF-16 LE/BE
 * (with BOM, or without one when the NUL pattern is unmistakable), legacy Windows-1252 exports (with a warning),
 * CRLF/CR line ends. Binary files (PDF, DOCX, images) are refused with a clear error instead of being parsed into
 * nonsense.
 */
import { LeitmotifError } from '../util/errors.js';

/** ~8000 screenplay pages; a feature is ~0.2 M characters. Bigger inputs are refused rather than parsed slowly. */
export const MAX_SCRIPT_CHARS = 16 * 1024 * 1024;
/** Bytes: UTF-16 doubles the size of the same text. */
export const MAX_SCRIPT_BYTES = 2 * MAX_SCRIPT_CHARS;

export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
  warnings: string[];
}

function notText(what: string, why: string): LeitmotifError {
  return new LeitmotifError('LM_ERR_SCRIPT_INVALID', `${what} is not a text screenplay (${why})`, {
    hint: 'save it as Fountain (.fountain), Final Draft (.fdx) or plain text (.txt); PDF and Word files are not read',
  });
}

function swapBytes(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.length - (b.length % 2));
  for (let i = 0; i + 1 < b.length; i += 2) {
    out[i] = b[i + 1];
    out[i + 1] = b[i];
  }
  return out;
}

/** Decodes file bytes to text (BOM removed, line ends not yet normalised). */
export function decodeScriptBytes(bytes: Uint8Array, what = 'the input'): DecodedText {
  const warnings: string[] = [];
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: decodeUtf8(bytes.subarray(3), what, warnings), encoding: 'utf-8', warnings };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', warnings };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16le').decode(swapBytes(bytes.subarray(2))), encoding: 'utf-16be', warnings };
  }
  // UTF-16 without BOM: mostly-ASCII text has a NUL in every other byte.
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n >= 8) {
    let evenNul = 0;
    let oddNul = 0;
    for (let i = 0; i < n; i += 2) {
      if (bytes[i] === 0) evenNul++;
      if (bytes[i + 1] === 0) oddNul++;
    }
    const pairs = n / 2;
    if (oddNul > pairs * 0.6 && evenNul < pairs * 0.05) {
      warnings.push('no byte-order mark; read as UTF-16 little-endian');
      return { text: new TextDecoder('utf-16le').decode(bytes.subarray(0, bytes.length & ~1)), encoding: 'utf-16le', warnings };
    }
    if (evenNul > pairs * 0.6 && oddNul < pairs * 0.05) {
      warnings.push('no byte-order mark; read as UTF-16 big-endian');
      return { text: new TextDecoder('utf-16le').decode(swapBytes(bytes)), encoding: 'utf-16be', warnings };
    }
  }
  return { text: decodeUtf8(bytes, what, warnings), encoding: warnings.some((w) => w.includes('1252')) ? 'windows-1252' : 'utf-8', warnings };
}

function decodeUtf8(bytes: Uint8Array, what: string, warnings: string[]): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8. Binary, or an old single-byte export? Control bytes tell them apart.
    let control = 0;
    const n = Math.min(bytes.length, 65536);
    for (let i = 0; i < n; i++) {
      const b = bytes[i];
      if (b === 0) throw notText(what, 'it contains NUL bytes');
      if (b < 32 && b !== 9 && b !== 10 && b !== 12 && b !== 13) control++;
    }
    if (control > n * 0.01) throw notText(what, 'it is binary data, not UTF-8 or UTF-16 text');
    warnings.push('not valid UTF-8; read as Windows-1252 (re-save as UTF-8 to be sure accents are right)');
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** Refuses text that is really binary (NULs, many control characters) or too large. */
export function assertScriptText(text: string, what = 'the input'): void {
  if (text.length > MAX_SCRIPT_CHARS) {
    throw new LeitmotifError(
      'LM_ERR_INPUT_TOO_LARGE',
      `${what} has ${(text.length / 1048576).toFixed(1)} M characters; screenplays are read up to ${MAX_SCRIPT_CHARS / 1048576} M (about 8000 pages)`,
      { hint: 'split it into parts, or check that this is really a screenplay' },
    );
  }
  const n = Math.min(text.length, 65536);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) throw notText(what, 'it contains NUL characters');
    if (c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13) control++;
    else if (c === 0xfffd) control++;
  }
  if (control > Math.max(8, n * 0.01)) throw notText(what, 'too many control or undecodable characters');
  if (text.length > n && text.indexOf('\u0000', n) >= 0) throw notText(what, 'it contains NUL characters');
}

/** BOM removed, CRLF and lone CR → LF, form feeds (old page breaks) → blank lines. */
export function normaliseText(text: string): string {
  let t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (t.indexOf('\r') >= 0) t = t.replace(/\r\n?/g, '\n');
  if (t.indexOf('\f') >= 0) t = t.replace(/\f/g, '\n\n');
  return t;
}

// OSC (ESC ] … BEL or ESC \), DCS/SOS/PM/APC strings, CSI (ESC [ … final byte), other two-byte ESC sequences,
// their 8-bit C1 forms, and every remaining C0 control except tab and newline (and DEL).
// eslint-disable-next-line no-control-regex
const TERMINAL_CONTROLS = /\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[PX^_][^\u001b]*(?:\u001b\\)?|\u001b\[[0-?]*[ -/]*[@-~]?|\u001b[ -/]*[0-~]?|\u009b[0-?]*[ -/]*[@-~]?|\u009d[^\u0007\u009c]*[\u0007\u009c]?|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Removes terminal escape sequences (OSC, CSI…) and control characters other than tab and newline, so text from
 * a script can be echoed to a terminal and written into XML/SVG safely. Run after normaliseText.
 */
export function stripTerminalControls(text: string): string {
  return TERMINAL_CONTROLS.test(text) ? text.replace(TERMINAL_CONTROLS, '') : text;
}
