/**
 * purpose: `leitmotif render` — a MIDI file or a Score JSON to a mastered WAV (and per-channel stems) through
 * the SoundFont synth. Thin wrapper over render/audio: parse flags, read input, render, write, summarise.
 */
import type { Command } from 'commander';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { ensureDir } from '../../io/atomic-write.js';
import { dirname, extname, resolve, basename, join } from 'node:path';
import { readInputFile, readJsonInput } from '../../io/read-input.js';
import type { Score } from '../../score/schema.js';
import { LeitmotifError } from '../../util/errors.js';
import { createProgress } from '../progress.js';
import { badOption, parseLufsFlag, parseSampleRateFlag, parseStemNamingFlag, STEM_NAMING_HELP } from '../flags.js';

export { parseLufsFlag, parseSampleRateFlag } from '../flags.js';
import { renderToWav, writeRender, DEFAULT_LUFS, type RenderOptions, type SampleRate, type WavBitDepth } from '../../render/audio/index.js';

interface RenderFlags {
  out?: string;
  stems?: string;
  stemNaming: string;
  stemEffects?: string;
  soundfont?: string;
  sampleRate: string;
  lufs: string;
  bitDepth: string;
  tail: string;
}

const STEM_EFFECTS_HELP = 'shared: dry stems + fx.wav return (fast, sums to the mix); baked: each stem with its own reverb/chorus (≈4× slower)';

const MIDI_EXT = new Set(['.mid', '.midi', '.smf', '.kar', '.rmi']);

/** Turn flag strings into RenderOptions, with one clear error per bad value. */
export function parseRenderFlags(f: RenderFlags): RenderOptions {
  const sampleRate = parseSampleRateFlag(f.sampleRate);
  const lufs = parseLufsFlag(f.lufs);
  const bitDepth = Number(f.bitDepth);
  if (bitDepth !== 16 && bitDepth !== 24 && bitDepth !== 32) throw badOption(`--bit-depth must be 16, 24 or 32, got "${f.bitDepth}"`);
  const tail = Number(f.tail);
  if (!Number.isFinite(tail) || tail < 0 || tail > 30) throw badOption(`--tail must be between 0 and 30 seconds, got "${f.tail}"`);
  const stemEffects = f.stemEffects ?? 'shared';
  if (stemEffects !== 'shared' && stemEffects !== 'baked') throw badOption(`--stem-effects must be "shared" or "baked", got "${stemEffects}"`, STEM_EFFECTS_HELP);
  return {
    sampleRate: sampleRate as SampleRate,
    lufs,
    bitDepth: bitDepth as WavBitDepth,
    maxTailSeconds: tail,
    stems: f.stems !== undefined,
    stemNaming: parseStemNamingFlag(f.stemNaming),
    stemEffects,
    soundfont: f.soundfont,
  };
}

/** Fail before a long render, not after it: the target must not be a folder, and its folder must be writable. */
function checkWritable(path: string, what: string): void {
  const abs = resolve(path);
  if (existsSync(abs) && statSync(abs).isDirectory()) {
    throw new LeitmotifError('LM_ERR_OUTPUT_UNWRITABLE', `${what} ${path} is a folder`, { hint: 'give a file name such as out.wav' });
  }
  ensureDir(dirname(abs));
  try {
    accessSync(dirname(abs), constants.W_OK);
  } catch (e) {
    throw new LeitmotifError('LM_ERR_OUTPUT_UNWRITABLE', `cannot write ${what} ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, {
      hint: 'choose a folder you can write to',
    });
  }
}

function checkStemsDir(path: string): void {
  const abs = resolve(path);
  if (existsSync(abs) && !statSync(abs).isDirectory()) {
    throw new LeitmotifError('LM_ERR_OUTPUT_UNWRITABLE', `--stems ${path} is a file, not a folder`, { hint: 'give a folder name; it is created if missing' });
  }
  checkWritable(join(abs, 'x.wav'), 'stems folder');
}

export function register(program: Command): void {
  program
    .command('render')
    .description('Render a MIDI file or a Score JSON to a mastered stereo WAV (SoundFont synthesis, reverb and chorus), with optional per-channel stems.')
    .argument('<input>', 'a .mid file or a Score .json')
    .option('-o, --out <file>', 'output WAV (default: the input name with .wav)')
    .option('--stems <dir>', 'also write one WAV per MIDI channel into this folder')
    .option('--stem-naming <how>', STEM_NAMING_HELP, 'instrument')
    .option('--stem-effects <mode>', STEM_EFFECTS_HELP, 'shared')
    .option('--soundfont <file>', 'a .sf2/.sf3 SoundFont (default: bundled FluidR3Mono General MIDI)')
    .option('--sample-rate <hz>', '44100 or 48000', '44100')
    .option('--lufs <target>', `integrated loudness target of the mix in LUFS, or "off" (true peak stays ≤ -1 dBTP either way)`, String(DEFAULT_LUFS))
    .option('--bit-depth <bits>', '16 (dithered), 24 or 32 (float)', '24')
    .option('--tail <seconds>', 'longest reverb tail after the last note; stops early once it is 80 dB down', '4')
    .addHelpText(
      'after',
      `
Examples:
  $ leitmotif render cue.mid -o cue.wav
  $ leitmotif render score.json -o mix.wav --stems stems --sample-rate 48000 --lufs -23
  $ leitmotif render cue.mid -o cue.wav --stems stems --stem-effects baked
  $ leitmotif render cue.mid -o cue.wav --soundfont MyOrchestra.sf2 --lufs off

Stems are one per MIDI channel, mastered with the same gain as the mix, so they sum back to the mix.
With --stem-effects shared (default) each channel stem is dry and fx.wav holds the shared reverb + chorus
return (mix = all channel stems + fx.wav); with --stem-effects baked each stem carries its own reverb and
chorus and there is no fx.wav (self-contained stems, about 4× the render time).`,
    )
    .action(async (input: string, flags: RenderFlags) => {
      const opts = parseRenderFlags(flags);
      const out = flags.out ?? join(dirname(input), `${basename(input, extname(input))}.wav`);
      if (resolve(out) === resolve(input)) throw badOption(`output ${out} would overwrite the input`, 'pass -o with another name');
      checkWritable(out, 'output');
      if (flags.stems !== undefined) checkStemsDir(flags.stems);

      const ext = extname(input).toLowerCase();
      // The Score reader (zod, ~100 ms to load) is imported only for Score JSON input, not for MIDI.
      const readScore = async (): Promise<Score> => (await import('../../score/validate.js')).parseScore(readJsonInput(input, 'Score file'), input);
      let source: { score?: Score; midi?: Uint8Array };
      if (ext === '.json') {
        source = { score: await readScore() };
      } else {
        const bytes = new Uint8Array(readInputFile(input, { what: 'input file' }));
        const head = String.fromCharCode(...bytes.subarray(0, 4));
        if (MIDI_EXT.has(ext) || head === 'MThd' || head === 'RIFF' || head === 'XMF_') source = { midi: bytes };
        else if (bytes[0] === 0x7b) source = { score: await readScore() };
        else {
          throw new LeitmotifError('LM_ERR_INPUT_INVALID', `${input} is neither a MIDI file nor a Score JSON`, { hint: 'pass a .mid file or a Score .json' });
        }
      }

      const progress = createProgress('rendering');
      let result;
      try {
        result = await renderToWav(source, { ...opts, sourceName: input, onProgress: (f) => progress.update(f) });
      } finally {
        progress.done();
      }
      const written = writeRender(result, { out, stemsDir: flags.stems });
      const s = result.stats;
      const fmt = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '-inf');
      const lines = [
        `wrote ${out}: ${fmt(s.durationSec, 2)} s (${fmt(s.contentSec, 2)} s + ${fmt(s.durationSec - s.contentSec, 2)} s tail), ${s.sampleRate} Hz, ${opts.bitDepth === 32 ? '32-bit float' : `${opts.bitDepth}-bit`} stereo`,
        `loudness ${fmt(s.integratedLufs)} LUFS integrated${opts.lufs === null ? ' (normalisation off)' : ` (target ${opts.lufs})`}, true peak ${fmt(s.truePeakDb, 2)} dBTP, gain ${s.gainDb >= 0 ? '+' : ''}${fmt(s.gainDb, 1)} dB${s.limiterReductionDb > 0.01 ? `, limiter up to ${fmt(s.limiterReductionDb, 1)} dB` : ''}`,
      ];
      if (Number.isFinite(s.integratedLufs) && opts.lufs !== null && opts.lufs !== undefined && s.integratedLufs < opts.lufs - 0.5) {
        lines.push(`note: reaching ${opts.lufs} LUFS would have needed more than 6 dB of peak limiting; kept dynamics and stopped at ${fmt(s.integratedLufs)} LUFS`);
      }
      if (!Number.isFinite(s.integratedLufs)) lines.push('note: the render is silent (no notes, or the SoundFont lacks the programs used)');
      if (flags.stems !== undefined) lines.push(`stems (${result.stems.length}) in ${flags.stems}: ${result.stems.map((x) => `${x.name}.wav`).join(', ')}`);
      lines.push(`rendered in ${fmt(s.renderSeconds + s.soundfontSeconds, 2)} s (${fmt(s.durationSec / Math.max(1e-9, s.renderSeconds), 0)}× real time)`);
      process.stdout.write(lines.join('\n') + '\n');
      void written;
    });
}
