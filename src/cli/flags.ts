/**
 * purpose: the flags several commands share, parsed in one place so `--seed`, `--lufs`, `--sample-rate` and
 * `--stem-naming` mean
 * the same everywhere (`--lufs off` works wherever audio is written) and fail with the same one-line message.
 */
import { LeitmotifError } from '../util/errors.js';
import { STEM_NAMINGS, type StemNaming } from '../render/audio/stem-names.js';

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
/** `--stem-naming`: how stem files are named (render/audio/stem-names.ts). */
export const STEM_NAMING_HELP = 'stem file names: "instrument" (timpani.wav, harp.wav; the role added where an instrument repeats), "role" (melody.wav, bass.wav …) or "track" (track names)';

export function parseStemNamingFlag(value: string): StemNaming {
  if (!(STEM_NAMINGS as readonly string[]).includes(value)) throw badOption(`--stem-naming must be ${STEM_NAMINGS.map((n) => `"${n}"`).join(', ')}, got "${value}"`);
  return value as StemNaming;
}

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

/** A mix within this many LU of its target meets it (issue 12: ±0.5 LU). */
export const LUFS_TOLERANCE = 0.5;

/**
 * Why a mastered mix missed its loudness target, in a sentence (render stats in, text out).
 *
 * @example
 * loudnessShortfallReason({ integratedLufs: -19.8, truePeakDb: -1, limiterReductionDb: 6 })
 * // 'the true-peak ceiling (-1 dBTP) stopped the gain after 6.0 dB of limiting; use --lufs -20 or accept the quieter mix'
 */
export function loudnessShortfallReason(s: { integratedLufs: number; truePeakDb: number; limiterReductionDb: number }): string {
  if (s.limiterReductionDb > 0 || s.truePeakDb > -1.5) {
    return `the true-peak ceiling (-1 dBTP) stopped the gain after ${s.limiterReductionDb.toFixed(1)} dB of limiting; use --lufs ${Math.floor(s.integratedLufs)} or accept the quieter mix`;
  }
  return 'the mix is too short or too quiet to measure reliably';
}
