/**
 * purpose: the flags several commands share, parsed in one place so `--seed`, `--lufs` and `--sample-rate` mean
 * the same everywhere (`--lufs off` works wherever audio is written) and fail with the same one-line message.
 */
import { LeitmotifError } from '../util/errors.js';

export function badOption(message: string, hint?: string): LeitmotifError {
  return new LeitmotifError('LM_ERR_BAD_OPTION', message, hint ? { hint } : {});
}

/**
 * `--seed`: a whole number from 0 to 2^32 − 1.
 *
 * @example
 * parseSeedFlag('42') // 42
 */
export function parseSeedFlag(value: string): number {
  const seed = Number(value);
  if (value.trim() === '' || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw badOption(`--seed must be a whole number from 0 to 4294967295, got "${value}"`);
  return seed;
}

/**
 * `--lufs`: an integrated loudness target in [-70, 0], or "off" (null: no normalisation; true peak still limited).
 *
 * @example
 * parseLufsFlag('-23') // -23
 * parseLufsFlag('off') // null
 */
export function parseLufsFlag(value: string): number | null {
  if (value.trim().toLowerCase() === 'off') return null;
  const lufs = Number(value);
  if (value.trim() === '' || !Number.isFinite(lufs) || lufs < -70 || lufs > 0) {
    throw badOption(`--lufs must be a loudness between -70 and 0 (LUFS) or "off", got "${value}"`, 'streaming platforms use about -14 to -16; film/broadcast stems often -23 or -24');
  }
  return lufs;
}

/**
 * `--sample-rate`: 44100 or 48000.
 *
 * @example
 * parseSampleRateFlag('48000') // 48000
 */
export function parseSampleRateFlag(value: string): 44100 | 48000 {
  const sampleRate = Number(value);
  if (sampleRate !== 44100 && sampleRate !== 48000) throw badOption(`--sample-rate must be 44100 or 48000, got "${value}"`);
  return sampleRate;
}

/** `--profile NAME` and `--db FILE`: whose taste steers the take, and which store holds it (compose, score, play). */
export interface ProfileFlags {
  profile?: string;
  db?: string;
}

/**
 * Add the shared `--profile` and `--db` options to a command.
 *
 * @example
 * withProfileFlags(program.command('compose'))
 */
export function withProfileFlags<T extends { option(flags: string, description: string): T }>(cmd: T): T {
  return cmd
    .option('--profile <name>', 'steer the take by this listener/director profile and record it for feedback (see `leitmotif profile`)')
    .option('--db <file>', 'profile database (default: leitmotif.db in the user data folder, or $LEITMOTIF_DATA_DIR)');
}

/**
 * `--variants`: 1 or 2 takes (2 = an A/B pair for `leitmotif feedback --prefer`).
 *
 * @example
 * parseVariantsFlag('2') // 2
 */
export function parseVariantsFlag(value: string): 1 | 2 {
  if (value !== '1' && value !== '2') throw badOption(`--variants must be 1 or 2, got "${value}"`, 'two takes make an A/B pair: pick one with `leitmotif feedback --profile NAME --prefer ID --over ID`');
  return value === '1' ? 1 : 2;
}
