/**
 * purpose: play a RenderPlan through spessasynth_core offline, sample-accurately, with reverb and chorus on,
 * into a stereo mix and (optionally) one stereo stem per MIDI channel, rendering past the end until the
 * reverb tail has died away.
 *
 * Stems and effects, two modes:
 *  - 'shared' (default): ONE synth renders everything through spessasynth's `processSplit`, which writes each
 *    voice into its channel's DRY output pair and every reverb/chorus send into one shared effects bus. Stems
 *    are the per-channel dry outputs plus one `fx` stem (the reverb + chorus return). The mix is exactly
 *    Σ dry + fx, so the stems sum to the mix. One set of effect processors: measured ≈ 1.7–2× the CPU of a
 *    mix-only render (the rest is writing and page-faulting the stem buffers), against ≈ 4× for 'baked'.
 *  - 'baked': one SpessaSynthProcessor per channel, each fed only that channel's events (system exclusive goes
 *    to all), each with its own reverb and chorus — self-contained stems, what a mixer expects when it cannot
 *    add a return bus. Every voice is still rendered once, but the effect processors run once per stem
 *    (≈ 4× the CPU of a mix-only render). Reverb and chorus are linear (the chorus LFO depends on time, not
 *    on the signal) and voices are never stolen (`autoAllocateVoices`), so the stems sum to a single-synth
 *    render to float rounding. The mix IS that sum.
 * Without stems one synth renders everything with plain `process` (no per-channel buffers).
 */
import { SpessaSynthProcessor, type BasicSoundBank, type MIDIController } from 'spessasynth_core';
import { accelerateReverb, sleepyChorus } from './fast-reverb.js';
import { accelerateVoices } from './fast-voice.js';
import { NOTE_ON, NOTE_OFF, CONTROL, PROGRAM, PITCH_WHEEL, CHANNEL_PRESSURE, POLY_PRESSURE, SYSEX, type RenderPlan, type SynthEvent } from './events.js';

/** Largest block handed to the synth; modulators, LFOs and envelopes update once per block. */
export const BLOCK = 128;

export type StemEffects = 'shared' | 'baked';

export interface EngineOptions {
  sampleRate: number;
  bank: BasicSoundBank;
  /** Render one stem per channel in `plan.channels` as well as the mix. */
  stems: boolean;
  /** How stems get their reverb/chorus (see the file comment). Default 'shared'. */
  stemEffects?: StemEffects;
  /** Longest tail after the content end, seconds. Default 4. */
  maxTailSeconds?: number;
  /** The tail ends once the mix stays this far below its peak so far for `quietSeconds`. Default −80 dB. */
  tailFloorDb?: number;
  onProgress?: (fraction: number) => void;
  /**
   * Releasing voices are ended once all they could still add is below this level (default −100 dBFS, see
   * fast-voice.ts); null plays every voice to spessasynth's own end (bit-identical to spessasynth_core).
   */
  inaudibleDb?: number | null;
  /**
   * Voices write straight to their outputs in spessasynth's own arithmetic (bit-identical with `inaudibleDb:
   * null`) instead of summing per block into mono buses (fast-voice.ts; differs by float rounding only).
   */
  exactVoices?: boolean;
}

export interface EngineOutput {
  sampleRate: number;
  mix: [Float32Array, Float32Array];
  /** Keyed by MIDI channel; present only when `stems` was asked for (dry in 'shared' mode). */
  stems: Map<number, [Float32Array, Float32Array]>;
  /** The shared reverb + chorus return ('shared' stems only); mix = Σ stems + fx. */
  fx: [Float32Array, Float32Array] | null;
  /** Frames of musical content (before the tail). */
  contentFrames: number;
  frames: number;
}

async function makeSynth(sampleRate: number, bank: BasicSoundBank, opts: Pick<EngineOptions, 'inaudibleDb' | 'exactVoices'>): Promise<SpessaSynthProcessor> {
  const s = new SpessaSynthProcessor(sampleRate, { eventsEnabled: false, effectsEnabled: true, maxBufferSize: BLOCK });
  s.soundBankManager.addSoundBank(bank, 'main');
  await s.processorInitialized;
  // Offline there is no real-time budget: never steal voices (it would also break "stems sum to the mix").
  s.setSystemParameter('autoAllocateVoices', true);
  trimVoicePool(s);
  accelerateReverb(s); // same output within 1e-7, ~4× faster reverb loop, sleeps through silence (fast-reverb.ts)
  sleepyChorus(s); // skips the chorus while nothing is sent to it and it has rung out
  // Bit-identical, faster oscillator and fewer passes per voice and block; ends releasing voices below −100 dBFS.
  accelerateVoices(s, { inaudibleDb: opts.inaudibleDb, exact: opts.exactVoices });
  return s;
}

/**
 * Start with a small voice pool (it grows by one whenever every voice is busy: autoAllocateVoices) instead of
 * spessasynth's 350: every block scans the pool, and so does every note-on/off. The first free voice is always
 * the one taken, so the voices' order — and the output, bit for bit — is the same as with the large pool.
 * The array is cut too, because a grown voice is appended at its end.
 */
export const START_VOICES = 48;
export function trimVoicePool(s: SpessaSynthProcessor): void {
  const core = (s as unknown as { synthCore?: { voices?: unknown[]; systemParameters?: { voiceCap?: number } } }).synthCore;
  const voices = core?.voices;
  if (!Array.isArray(voices) || core?.systemParameters?.voiceCap !== voices.length || voices.length <= START_VOICES) return;
  s.setSystemParameter('voiceCap', START_VOICES);
  voices.length = START_VOICES;
}

function dispatch(s: SpessaSynthProcessor, e: SynthEvent): void {
  const ch = e.channel;
  switch (e.type) {
    case NOTE_ON:
      if (e.d2 > 0) s.noteOn(ch, e.d1, e.d2);
      else s.noteOff(ch, e.d1);
      break;
    case NOTE_OFF:
      s.noteOff(ch, e.d1);
      break;
    case CONTROL:
      s.controllerChange(ch, e.d1 as MIDIController, e.d2);
      break;
    case PROGRAM:
      s.programChange(ch, e.d1);
      break;
    case PITCH_WHEEL:
      s.pitchWheel(ch, e.d1);
      break;
    case CHANNEL_PRESSURE:
      s.channelPressure(ch, e.d1);
      break;
    case POLY_PRESSURE:
      s.polyPressure(ch, e.d1, e.d2);
      break;
    case SYSEX:
      if (e.sysex) s.systemExclusive(e.sysex);
      break;
  }
}

/** Copy a block from scratch to its place in `dst` (if any), add it to the mix, and clear the scratch (-0 counts as silence: adding it changes nothing). */
function addBlock(src: Float32Array[], dst: Float32Array[] | null, mixL: Float32Array, mixR: Float32Array, pos: number, n: number): void {
  const l = src[0], r = src[1];
  // A channel with nothing sounding in this block (most of them, most of the time) adds nothing: its scratch is
  // already clear and its stem's chunk is already zero there.
  let silent = true;
  for (let i = 0; i < n; i++) {
    if (l[i] !== 0 || r[i] !== 0) {
      silent = false;
      break;
    }
  }
  if (silent) return;
  if (dst) {
    dst[0].set(n === l.length ? l : l.subarray(0, n), pos);
    dst[1].set(n === r.length ? r : r.subarray(0, n), pos);
  }
  for (let i = 0; i < n; i++) {
    mixL[pos + i] += l[i];
    mixR[pos + i] += r[i];
  }
  l.fill(0, 0, n);
  r.fill(0, 0, n);
}

/** max |x| over frames [from, to) of both channels (its own small function: the render loop around it is long and async). */
function stereoPeak(l: Float32Array, r: Float32Array, from: number, to: number): number {
  let p = 0;
  for (let i = from; i < to; i++) {
    const a = Math.abs(l[i]), b = Math.abs(r[i]);
    if (a > p) p = a;
    if (b > p) p = b;
  }
  return p;
}

const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));

export async function renderPlan(plan: RenderPlan, opts: EngineOptions): Promise<EngineOutput> {
  let out: EngineChunk | null = null;
  // One chunk as long as the whole render: the buffers are the output (no copy).
  const r = await renderPlanChunks(plan, { ...opts, chunkFrames: Infinity }, (c) => {
    out = c;
  });
  const c = out as EngineChunk | null;
  const frames = r.frames;
  const cut = (p: [Float32Array, Float32Array]): [Float32Array, Float32Array] => [p[0].subarray(0, frames), p[1].subarray(0, frames)];
  const stems = new Map<number, [Float32Array, Float32Array]>();
  r.channels.forEach((ch, k) => stems.set(ch, cut(c!.stems[k])));
  return { sampleRate: opts.sampleRate, mix: cut(c!.mix), stems, fx: c!.fx ? cut(c!.fx) : null, contentFrames: r.contentFrames, frames };
}

/** A run of rendered frames handed to the consumer of renderPlanChunks; the buffers are reused afterwards. */
export interface EngineChunk {
  /** Frame of the render at which this chunk starts. */
  start: number;
  /** Valid frames in every buffer (buffers may be longer). */
  frames: number;
  mix: [Float32Array, Float32Array];
  /** One pair per entry of the result's `channels` (dry in 'shared' mode). */
  stems: Array<[Float32Array, Float32Array]>;
  fx: [Float32Array, Float32Array] | null;
}

export interface ChunkedRender {
  /** MIDI channels of the stems, in the order of EngineChunk.stems. */
  channels: number[];
  contentFrames: number;
  /** Frames worth keeping (the trailing quiet run trimmed to 10 ms); ≤ renderedFrames. */
  frames: number;
  /** Frames handed to the consumer in total. */
  renderedFrames: number;
}

/**
 * Render a plan block by block, handing the audio to `onChunk` every `chunkFrames` frames (default 32768, about
 * 0.7 s) so memory stays constant whatever the length; the chunk's buffers are cleared and reused after the call.
 * Block boundaries (and so the audio) do not depend on the chunk size: a chunk ends after the block that reaches it.
 */
export async function renderPlanChunks(plan: RenderPlan, opts: EngineOptions & { chunkFrames?: number }, onChunk: (c: EngineChunk) => void): Promise<ChunkedRender> {
  const sr = opts.sampleRate;
  const maxTail = Math.round((opts.maxTailSeconds ?? 4) * sr);
  const floor = Math.pow(10, (opts.tailFloorDb ?? -80) / 20);
  const quietFrames = Math.round(0.1 * sr);
  const contentFrames = Math.max(1, Math.ceil(plan.endSeconds * sr));
  const capacity = contentFrames + maxTail;
  const chunkCap = Math.min(capacity, opts.chunkFrames ?? 32768);
  // Room for the block that crosses the chunk boundary.
  const bufLen = chunkCap >= capacity ? capacity : chunkCap + BLOCK;
  const pair = (): [Float32Array, Float32Array] => [new Float32Array(bufLen), new Float32Array(bufLen)];

  const wantStems = opts.stems && plan.channels.length > 0;
  const shared = wantStems && (opts.stemEffects ?? 'shared') === 'shared';
  const split = wantStems && !shared; // baked: one synth per channel
  const channelsList = wantStems ? plan.channels.map((c) => c.channel) : [];
  const synths: SpessaSynthProcessor[] = [];
  const outs: Array<[Float32Array, Float32Array]> = [];
  const synthOfChannel = new Int32Array(16).fill(-1);
  if (split) {
    for (const ch of channelsList) {
      synthOfChannel[ch] = synths.length;
      synths.push(await makeSynth(sr, opts.bank, opts));
      outs.push(pair());
    }
  } else {
    synths.push(await makeSynth(sr, opts.bank, opts));
  }
  // Shared mode: processSplit renders into 16 block-sized dry pairs (index = MIDI channel) and a block-sized
  // effects pair; each block is then copied to its stem and summed into the mix. Channels without a stem (no
  // notes in the plan, e.g. controllers only) still go into the mix, so nothing can fall out of it.
  const stemOfChannel = new Int32Array(16).fill(-1);
  let scratch: Float32Array[][] = [];
  let fxScratch: [Float32Array, Float32Array] = [new Float32Array(0), new Float32Array(0)];
  let fx: [Float32Array, Float32Array] | null = null;
  const liveChannels: number[] = [];
  if (shared) {
    channelsList.forEach((ch, k) => {
      stemOfChannel[ch] = k;
      outs.push(pair());
    });
    fx = pair();
    scratch = Array.from({ length: 16 }, () => [new Float32Array(BLOCK), new Float32Array(BLOCK)]);
    fxScratch = [new Float32Array(BLOCK), new Float32Array(BLOCK)];
    const seen = new Set<number>(channelsList);
    for (const e of plan.events) if (e.channel >= 0 && e.channel < 16) seen.add(e.channel);
    liveChannels.push(...[...seen].sort((a, b) => a - b));
  }
  const mix = pair();
  const [mixL, mixR] = mix;
  let chunkStart = 0;
  const emit = (frames: number) => {
    onChunk({ start: chunkStart, frames, mix, stems: outs, fx });
    if (chunkCap >= capacity) return; // whole-render buffers: they are the result, keep them
    for (const p of [mix, ...outs, ...(fx ? [fx] : [])]) {
      p[0].fill(0, 0, frames);
      p[1].fill(0, 0, frames);
    }
    chunkStart += frames;
  };

  const events = plan.events;
  const nEv = events.length;
  let ei = 0;
  let pos = 0;
  let peak = 0;
  let quietRun = 0;
  let ended = false;
  let blocks = 0;
  const expected = contentFrames + sr; // progress denominator: content plus a typical 1 s tail
  let lastYield = performance.now();

  for (;;) {
    while (ei < nEv) {
      const e = events[ei];
      if (Math.round(e.time * sr) > pos) break;
      if (!split) dispatch(synths[0], e);
      else if (e.channel < 0) for (const s of synths) dispatch(s, e);
      else {
        const k = synthOfChannel[e.channel];
        if (k >= 0) dispatch(synths[k], e);
      }
      ei++;
    }
    if (!ended && pos >= contentFrames) {
      // Let held notes (MIDI files without note-offs, sustain pedal down) release naturally into the tail.
      for (const s of synths) s.stopAllChannels(false);
      ended = true;
    }
    let next = pos + BLOCK;
    if (ei < nEv) next = Math.min(next, Math.max(pos + 1, Math.round(events[ei].time * sr)));
    if (!ended) next = Math.min(next, contentFrames);
    next = Math.min(next, capacity);
    const n = next - pos;
    const lp = pos - chunkStart; // position in the chunk buffers
    const lnext = lp + n;

    if (shared) {
      synths[0].processSplit(scratch, fxScratch[0], fxScratch[1], 0, n);
      for (const ch of liveChannels) addBlock(scratch[ch], stemOfChannel[ch] >= 0 ? outs[stemOfChannel[ch]] : null, mixL, mixR, lp, n);
      addBlock(fxScratch, fx, mixL, mixR, lp, n);
    } else if (!split) {
      synths[0].process(mixL, mixR, lp, n);
    } else {
      for (let k = 0; k < synths.length; k++) {
        const [l, r] = outs[k];
        synths[k].process(l, r, lp, n);
        for (let i = lp; i < lnext; i++) {
          mixL[i] += l[i];
          mixR[i] += r[i];
        }
      }
    }
    const blockPeak = stereoPeak(mixL, mixR, lp, lnext);
    pos = next;
    let stop = false;
    if (!ended) {
      if (blockPeak > peak) peak = blockPeak;
    } else {
      quietRun = blockPeak <= peak * floor ? quietRun + n : 0;
      if (quietRun >= quietFrames || pos >= capacity) stop = true;
    }
    if (stop) break;
    if (pos - chunkStart >= chunkCap) emit(pos - chunkStart);
    if (++blocks % 256 === 0) {
      opts.onProgress?.(Math.min(0.99, pos / expected));
      if (performance.now() - lastYield > 200) {
        await yieldToLoop(); // keep timers (progress redraw, signals) alive during long renders
        lastYield = performance.now();
      }
    }
  }
  if (pos > chunkStart || chunkCap >= capacity) emit(pos - chunkStart);
  // Drop the trailing quiet run except a short fade-safe margin of 10 ms.
  const frames = Math.max(contentFrames, pos - Math.max(0, quietRun - Math.round(0.01 * sr)));
  // No destroySynthProcessor(): it would also destroy the (shared, cached) sound bank. Dropping the synths is enough.
  synths.length = 0;
  opts.onProgress?.(1);
  return { channels: channelsList, contentFrames, frames, renderedFrames: pos };
}
