/**
 * purpose: the public face of offline audio rendering — a Score or a MIDI file in, mastered WAV bytes out
 * (full mix plus optional per-channel stems), and a writer that puts them on disk atomically.
 *
 * @example
 *   const r = await renderToWav({ score }, { stems: true });
 *   writeRender(r, { out: 'cue.wav', stemsDir: 'stems' }); // cue.wav, stems/melody.wav, stems/bass.wav …
 *   r.stats // { durationSec: 63.2, integratedLufs: -16.0, truePeakDb: -1.1, … }
 */
import { join } from 'node:path';
import type { Score } from '../../score/index.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { LeitmotifError } from '../../util/errors.js';
import { planFromMidi, planFromScore, type RenderPlan } from './events.js';
import { loadSoundBank } from './soundfont.js';
import { renderPlan, type StemEffects } from './synth-engine.js';
import { master, type MasterResult } from './master.js';
import { encodeWav, type WavBitDepth } from './wav.js';
import { stemNames, FX_STEM, type StemNaming } from './stem-names.js';
import { DcBlocker } from './dc-blocker.js';

export { measureLoudness, integratedLoudness, kWeightingCoefficients, type LoudnessStats } from './loudness.js';
export { truePeak } from './true-peak.js';
export { encodeWav, encodeWavSegments, parseWav, segmentedWavBytes, type WavInfo, type WavBitDepth, type WavSegment, type SegmentedWav } from './wav.js';
export { writeSegmentedWavFile } from './write-segmented-wav.js';
export { loadSoundBank, defaultSoundFontPath, clearSoundBankCache } from './soundfont.js';
export { stemNames, safeFileStem, FX_STEM, type StemNaming } from './stem-names.js';
export type { StemEffects } from './synth-engine.js';
export { planFromScore, planFromMidi, guessRole, type RenderPlan, type ChannelInfo, type SynthEvent } from './events.js';

export const DEFAULT_LUFS = -16;
export const TRUE_PEAK_CEILING_DB = -1;
export const SAMPLE_RATES = [44100, 48000] as const;
export type SampleRate = (typeof SAMPLE_RATES)[number];

export interface RenderOptions {
  /** 44100 (default) or 48000 Hz. */
  sampleRate?: SampleRate;
  /** Integrated loudness target of the mix in LUFS (default −16); null leaves the level (ceiling still applies). */
  lufs?: number | null;
  /** .sf2/.sf3 path; default the bundled FluidR3Mono GM bank. */
  soundfont?: string;
  /** Also render one stem per MIDI channel. Default false. */
  stems?: boolean;
  /**
   * 'shared' (default): one synth; stems are each channel's dry signal plus one `fx` stem with the shared
   * reverb + chorus return (fast; Σ stems = mix). 'baked': one synth per channel, each stem with its own
   * reverb and chorus (self-contained stems, ≈ 4× the CPU).
   */
  stemEffects?: StemEffects;
  /** Stem file names by track role (default, `melody.wav`) or by track name. */
  stemNaming?: StemNaming;
  /** PCM bit depth: 24 (default), 16 (TPDF-dithered) or 32 (float). */
  bitDepth?: WavBitDepth;
  /** True-peak ceiling in dBTP (default −1). */
  ceilingDb?: number;
  /** Longest reverb tail after the last note, seconds (default 4). */
  maxTailSeconds?: number;
  /** Rendering progress in [0, 1] (synthesis is ~all of the time). */
  onProgress?: (fraction: number) => void;
  /** Name used in error messages for MIDI input. */
  sourceName?: string;
}

export interface RenderStats {
  /** Length of the WAV (content + tail), seconds. */
  durationSec: number;
  /** Length of the musical content before the tail, seconds. */
  contentSec: number;
  integratedLufs: number;
  truePeakDb: number;
  samplePeakDb: number;
  /** Static gain applied to mix and stems, dB. */
  gainDb: number;
  /** Largest look-ahead-limiter reduction, dB (0 = limiter idle). */
  limiterReductionDb: number;
  /** Loudness before mastering, LUFS. */
  inputLufs: number;
  /** Wall time of synthesis + mastering + encoding, seconds (excludes SoundFont parsing). */
  renderSeconds: number;
  /** Wall time spent loading the SoundFont (0 when cached). */
  soundfontSeconds: number;
  sampleRate: number;
}

export interface RenderedStem {
  /** File stem (no extension), unique within the render. */
  name: string;
  /** MIDI channel, or −1 for the shared effects return (`fx`). */
  channel: number;
  /** Role(s) on the channel, joined with '+' when several. */
  role: string;
  trackNames: string[];
  wav: Uint8Array;
}

export interface RenderResult {
  mix: Uint8Array;
  stems: RenderedStem[];
  stats: RenderStats;
}

function checkOptions(opts: RenderOptions): void {
  if (opts.sampleRate !== undefined && !SAMPLE_RATES.includes(opts.sampleRate)) {
    throw new LeitmotifError('LM_ERR_BAD_OPTION', `sample rate must be 44100 or 48000, got ${opts.sampleRate}`);
  }
  if (opts.lufs !== undefined && opts.lufs !== null && !(Number.isFinite(opts.lufs) && opts.lufs >= -70 && opts.lufs <= 0)) {
    throw new LeitmotifError('LM_ERR_BAD_OPTION', `loudness target must be between -70 and 0 LUFS, got ${opts.lufs}`);
  }
  if (opts.stemEffects !== undefined && opts.stemEffects !== 'shared' && opts.stemEffects !== 'baked') {
    throw new LeitmotifError('LM_ERR_BAD_OPTION', `stem effects must be "shared" or "baked", got ${String(opts.stemEffects)}`);
  }
  if (opts.bitDepth !== undefined && ![16, 24, 32].includes(opts.bitDepth)) {
    throw new LeitmotifError('LM_ERR_BAD_OPTION', `bit depth must be 16, 24 or 32, got ${opts.bitDepth}`);
  }
}

/**
 * Render a Score (preferred: exact tempo ramps, roles for stem names) or SMF bytes to mastered WAV bytes.
 * @throws LeitmotifError LM_ERR_SOUNDFONT_INVALID, LM_ERR_MIDI_CORRUPT, LM_ERR_BAD_OPTION, LM_ERR_INPUT_INVALID
 */
export async function renderToWav(input: { score?: Score; midi?: Uint8Array }, opts: RenderOptions = {}): Promise<RenderResult> {
  checkOptions(opts);
  let plan: RenderPlan;
  if (input.score) plan = planFromScore(input.score);
  else if (input.midi) {
    // Names only name stems; the Score reader behind them loads zod, so it is imported only when stems are wanted.
    const names = opts.stems === true ? (await import('./midi-channel-names.js')).namesFromScoreReader : undefined;
    plan = planFromMidi(input.midi, opts.sourceName, { names });
  }
  else throw new LeitmotifError('LM_ERR_INPUT_INVALID', 'nothing to render: pass a score or MIDI bytes');
  return renderPlanToWav(plan, opts);
}

export async function renderPlanToWav(plan: RenderPlan, opts: RenderOptions = {}): Promise<RenderResult> {
  checkOptions(opts);
  const sampleRate = opts.sampleRate ?? 44100;
  // Everything is rendered in memory as float32: refuse clearly rather than die of an out-of-memory crash.
  const buffers = 2 * (1 + (opts.stems ? plan.channels.length + 2 : 0)); // + fx return + spare bus
  const bytes = (plan.endSeconds + (opts.maxTailSeconds ?? 4)) * sampleRate * 4 * buffers;
  if (bytes > 3e9) {
    throw new LeitmotifError('LM_ERR_INPUT_TOO_LARGE', `rendering ${(plan.endSeconds / 60).toFixed(1)} minutes${opts.stems ? ` with ${plan.channels.length} stems` : ''} needs about ${(bytes / 1e9).toFixed(1)} GB of memory; the limit is 3 GB`, {
      hint: 'render stems separately or split the piece into cues',
    });
  }
  const t0 = performance.now();
  const bank = loadSoundBank(opts.soundfont);
  const t1 = performance.now();
  const out = await renderPlan(plan, { sampleRate, bank, stems: opts.stems ?? false, stemEffects: opts.stemEffects, maxTailSeconds: opts.maxTailSeconds, onProgress: opts.onProgress });
  // DC offset out before measuring (dc-blocker.ts); the same filter on the mix, every stem and the fx return.
  for (const lr of [out.mix, ...out.stems.values(), ...(out.fx ? [out.fx] : [])]) new DcBlocker(sampleRate).process(lr[0], lr[1], lr[0].length);
  const m = master(out.mix[0], out.mix[1], {
    sampleRate,
    targetLufs: opts.lufs === undefined ? DEFAULT_LUFS : opts.lufs,
    ceilingDb: opts.ceilingDb ?? TRUE_PEAK_CEILING_DB,
  });
  const gain = m.curve ?? Math.pow(10, m.gainDb / 20);
  const bitDepth = opts.bitDepth ?? 24;
  const mix = encodeWav(out.mix, sampleRate, bitDepth, gain);
  const stems: RenderedStem[] = [];
  if (opts.stems) {
    const names = stemNames(plan.channels, opts.stemNaming ?? 'role', out.fx !== null);
    plan.channels.forEach((c, k) => {
      const buf = out.stems.get(c.channel);
      if (!buf) return;
      stems.push({
        name: names[k],
        channel: c.channel,
        role: [...new Set(c.tracks.map((t) => t.role))].join('+'),
        trackNames: c.tracks.map((t) => t.name),
        wav: encodeWav(buf, sampleRate, bitDepth, gain),
      });
      out.stems.delete(c.channel); // let the float buffers go as soon as the stem is encoded (peak memory)
    });
    if (out.fx) stems.push({ name: FX_STEM, channel: -1, role: FX_STEM, trackNames: [], wav: encodeWav(out.fx, sampleRate, bitDepth, gain) });
  }
  const t2 = performance.now();
  return {
    mix,
    stems,
    stats: renderStats(m, { frames: out.frames, contentFrames: out.contentFrames, sampleRate, t0, t1, t2 }),
  };
}

/** RenderStats from a mastering result and the render's timestamps (performance.now(): start, bank loaded, done). */
export function renderStats(
  m: MasterResult,
  r: { frames: number; contentFrames: number; sampleRate: number; t0: number; t1: number; t2: number },
): RenderStats {
  return {
    durationSec: r.frames / r.sampleRate,
    contentSec: r.contentFrames / r.sampleRate,
    integratedLufs: m.integratedLufs,
    truePeakDb: m.truePeakDb,
    samplePeakDb: m.samplePeakDb,
    gainDb: m.gainDb,
    limiterReductionDb: m.limiterReductionDb,
    inputLufs: m.inputLufs,
    renderSeconds: (r.t2 - r.t1) / 1000,
    soundfontSeconds: (r.t1 - r.t0) / 1000,
    sampleRate: r.sampleRate,
  };
}

/**
 * Write the mix to `out` and each stem to `<stemsDir>/<name>.wav`, atomically. Returns the paths written.
 * @throws LeitmotifError LM_ERR_OUTPUT_UNWRITABLE
 */
export function writeRender(result: RenderResult, paths: { out: string; stemsDir?: string }): string[] {
  const written: string[] = [];
  writeFileAtomic(paths.out, result.mix);
  written.push(paths.out);
  if (paths.stemsDir) {
    for (const s of result.stems) {
      const p = join(paths.stemsDir, `${s.name}.wav`);
      writeFileAtomic(p, s.wav);
      written.push(p);
    }
  }
  return written;
}
