/**
 * purpose: render a film score's audio without synthesising the silence between cues. A film score is music
 * for perhaps half of the running time; rendering the whole timeline runs every synth and reverb through the
 * gaps too. Here the score's render plan (time-stamped synth events, render/audio/events.ts) is cut into
 * slices — runs of cues closer than a reverb tail — each slice rendered on its own (with its reverb tail), and
 * summed into one timeline at its start time; the mix is then mastered once (one loudness target, one limiter
 * curve, the same gain on every stem), exactly as render/ masters a single render. Channel state (program,
 * volume, pan, expression…) that was set before a slice is replayed at its start, so a slice sounds as it
 * would in a continuous render. Deterministic: same score ⇒ same bytes.
 */
import type { Score } from '../../score/schema.js';
import { planFromScore, loadSoundBank, renderStats, stemNames, FX_STEM, DEFAULT_LUFS, TRUE_PEAK_CEILING_DB, type RenderPlan, type SynthEvent, type RenderStats, type StemEffects, type WavSegment, type SegmentedWav } from './index.js';
import { renderPlan } from './synth-engine.js';
import { master } from './master.js';
import { CONTROL, PROGRAM } from './events.js';
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { DcBlocker } from './dc-blocker.js';

export interface FilmAudioOptions {
  lufs?: number | null;
  soundfont?: string;
  sampleRate?: 44100 | 48000;
  /** 'shared' (default): dry stems + one fx.wav reverb/chorus return; 'baked': each stem with its own effects (≈4× CPU). */
  stemEffects?: StemEffects;
  /** Render slices in this many worker threads (default 1 = this thread; see the measurement below). */
  workers?: number;
  /** Cues closer than this (seconds) render as one slice (default 8: longer than the 4 s reverb tail). */
  joinGapSeconds?: number;
  onProgress?: (fraction: number) => void;
}

export interface FilmAudioResult {
  /** Film-length WAVs kept as segments: write them with writeSegmentedWavFile (silence is never materialised). */
  mix: SegmentedWav;
  stems: Array<{ name: string; channel: number; wav: SegmentedWav }>;
  stats: RenderStats;
  /** Seconds of audio actually synthesised (cue slices plus tails). */
  synthesisedSeconds: number;
  /** Worker threads that rendered the slices (1 = this thread, also after a worker failure fell back). */
  threads: number;
}

interface Slice {
  start: number;
  end: number;
  /** Events belong to this slice up to (not including) this time. */
  until: number;
}

/** Cue regions (seconds) → slices, joining regions closer than `join`. */
export function sliceRegions(regions: ReadonlyArray<{ start: number; end: number }>, join: number): Slice[] {
  const sorted = [...regions].filter((r) => r.end > r.start).sort((a, b) => a.start - b.start);
  const out: Slice[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start - last.end < join) last.end = Math.max(last.end, r.end);
    else out.push({ start: r.start, end: r.end, until: Infinity });
  }
  // Events are split halfway through each gap.
  for (let i = 0; i < out.length - 1; i++) out[i].until = (out[i].end + out[i + 1].start) / 2;
  return out;
}

/** The part of a plan that plays in a slice, re-timed to start at 0, with the channel state replayed first. */
export function slicePlan(plan: RenderPlan, from: number, until: number, end: number, earlier: number): RenderPlan {
  const state = new Map<string, SynthEvent>();
  for (const e of plan.events) {
    if (e.time >= earlier) break;
    if (e.type === PROGRAM) state.set(`${e.channel}:p`, e);
    else if (e.type === CONTROL) state.set(`${e.channel}:c${e.d1}`, e);
  }
  const events: SynthEvent[] = [...state.values()].map((e) => ({ ...e, time: 0 }));
  const playing = new Set<number>();
  for (const e of plan.events) {
    if (e.time < earlier || e.time >= until) continue;
    events.push({ ...e, time: Math.max(0, e.time - from) });
    if (e.type === 0x90) playing.add(e.channel);
  }
  return { events, channels: plan.channels.filter((c) => playing.has(c.channel)), endSeconds: Math.max(0, end - from) };
}

export async function renderFilmAudio(score: Score, regions: ReadonlyArray<{ start: number; end: number }>, opts: FilmAudioOptions = {}): Promise<FilmAudioResult> {
  const sr = opts.sampleRate ?? 44100;
  const stemEffects = opts.stemEffects ?? 'shared';
  const t0 = performance.now();
  const bank = loadSoundBank(opts.soundfont);
  const t1 = performance.now();
  const plan = planFromScore(score);
  const slices = sliceRegions(regions, opts.joinGapSeconds ?? 8);
  const total = slices.reduce((s, x) => s + (x.end - x.start), 0) || 1;
  const jobs: Array<{ slice: Slice; plan: RenderPlan }> = [];
  let earlier = 0;
  for (const s of slices) {
    const sub = slicePlan(plan, s.start, s.until, s.end, earlier);
    earlier = s.until;
    if (sub.channels.length > 0) jobs.push({ slice: s, plan: sub });
  }
  // A worker costs a tsx start-up and its own SoundFont load (~1 s): worth it only for longer films.
  // Default: this thread. With shared stem effects synthesis is cheap (~0.05 s CPU per second of music), and a
  // worker's own tsx start-up, SoundFont load and sample decoding cost more than it saves on a 2-core machine
  // (measured on a 10-page script: 9.3 s in this thread vs 15.2 s with 2 workers). Opt in with `workers`.
  const workers = Math.min(Math.max(1, Math.min(opts.workers ?? 1, availableParallelism())), jobs.length);
  let outs: SliceOutput[] | null = null;
  let usedWorkers = false;
  if (workers > 1) {
    try {
      outs = await renderInWorkers(jobs.map((j) => j.plan), workers, sr, stemEffects, opts.soundfont, (k) => opts.onProgress?.(k / jobs.length));
      usedWorkers = true;
    } catch {
      outs = null; // workers unavailable (e.g. no tsx loader in this runtime): render in this thread
    }
  }
  if (!outs) {
    outs = [];
    let done = 0;
    for (const j of jobs) {
      const span = j.slice.end - j.slice.start;
      const out = await renderPlan(j.plan, { sampleRate: sr, bank, stems: true, stemEffects, onProgress: (f) => opts.onProgress?.((done + f * span) / total) });
      done += span;
      outs.push({ mix: out.mix, stems: [...out.stems.entries()], fx: out.fx, frames: out.frames, contentFrames: out.contentFrames });
    }
  }
  const parts: Array<{ offset: number; mix: [Float32Array, Float32Array]; stems: Array<[number, [Float32Array, Float32Array]]>; fx: [Float32Array, Float32Array] | null }> = [];
  let length = Math.ceil(plan.endSeconds * sr);
  let contentEnd = 0;
  jobs.forEach((j, k) => {
    const out = outs![k];
    const offset = Math.round(j.slice.start * sr);
    // As film-stream.ts: each slice's mix, stems and fx return DC-blocked from rest (dc-blocker.ts).
    for (const lr of [out.mix, ...out.stems.map(([, b]) => b), ...(out.fx ? [out.fx] : [])]) new DcBlocker(sr).process(lr[0], lr[1], lr[0].length);
    parts.push({ offset, mix: out.mix, stems: out.stems, fx: out.fx });
    length = Math.max(length, offset + out.frames);
    contentEnd = Math.max(contentEnd, offset + out.contentFrames);
  });
  const done = jobs.reduce((sum, j) => sum + (j.slice.end - j.slice.start), 0);
  // Nothing is materialised at full timeline length: the mix and every stem are encoded straight from their
  // slices (silence between cues is zero bytes in 24-bit), and the mastering measures a compacted mix — the
  // slices back to back with 0.5 s of silence between — since silence adds nothing to gated loudness (it is
  // below the −70 LUFS absolute gate, BS.1770-4) nor to true peak, and the limiter has fully released within
  // a gap. For a 10-minute film with 20 % music this skips ~2 GB of zeroed floats and 80 % of the mastering.
  const stemParts = new Map<number, WavSegment[]>();
  for (const c of plan.channels) stemParts.set(c.channel, []);
  const fxParts: WavSegment[] | null = stemEffects === 'shared' ? [] : null;
  const mixParts: WavSegment[] = [];
  for (const p of parts) {
    mixParts.push({ offset: p.offset, channels: p.mix });
    if (fxParts && p.fx) fxParts.push({ offset: p.offset, channels: p.fx });
    for (const [ch, lr] of p.stems) stemParts.get(ch)?.push({ offset: p.offset, channels: lr });
  }
  const masterOpts = { sampleRate: sr, targetLufs: opts.lufs === undefined ? DEFAULT_LUFS : opts.lufs, ceilingDb: TRUE_PEAK_CEILING_DB };
  const disjoint = parts.every((p, k) => k === 0 || p.offset >= parts[k - 1].offset + parts[k - 1].mix[0].length);
  let m: ReturnType<typeof master>;
  let gain: Float32Array | number;
  if (disjoint) {
    const pad = Math.round(0.5 * sr);
    const at: number[] = [];
    let n = 0;
    for (const p of parts) {
      at.push(n);
      n += p.mix[0].length + pad;
    }
    const L = new Float32Array(Math.max(1, n)), R = new Float32Array(Math.max(1, n));
    parts.forEach((p, k) => {
      L.set(p.mix[0], at[k]);
      R.set(p.mix[1], at[k]);
    });
    m = master(L, R, masterOpts);
    if (m.curve) {
      // Back onto the timeline; the value in the gaps multiplies silence, so it is left at 0.
      const curve = new Float32Array(length);
      parts.forEach((p, k) => curve.set(m.curve!.subarray(at[k], at[k] + Math.min(p.mix[0].length, length - p.offset)), p.offset));
      gain = curve;
    } else gain = Math.pow(10, m.gainDb / 20);
  } else {
    // Overlapping slices (a join gap shorter than the tail): master the summed timeline.
    const mixL = new Float32Array(length), mixR = new Float32Array(length);
    for (const p of parts) {
      addInto(mixL, p.mix[0], p.offset);
      addInto(mixR, p.mix[1], p.offset);
    }
    m = master(mixL, mixR, masterOpts);
    gain = m.curve ?? Math.pow(10, m.gainDb / 20);
  }
  const wav = (segments: WavSegment[]): SegmentedWav => ({ frames: length, nch: 2, sampleRate: sr, bitDepth: 24, segments, gain });
  const mix = wav(mixParts);
  const names = stemNames(plan.channels, 'role', fxParts !== null);
  const stems = plan.channels.map((c, k) => ({ name: names[k], channel: c.channel, wav: wav(stemParts.get(c.channel)!) }));
  if (fxParts) stems.push({ name: FX_STEM, channel: -1, wav: wav(fxParts) });
  const t2 = performance.now();
  return {
    mix,
    stems,
    synthesisedSeconds: done,
    threads: usedWorkers ? workers : 1,
    stats: renderStats(m, { frames: length, contentFrames: contentEnd, sampleRate: sr, t0, t1, t2 }),
  };
}

interface SliceOutput {
  mix: [Float32Array, Float32Array];
  stems: Array<[number, [Float32Array, Float32Array]]>;
  fx: [Float32Array, Float32Array] | null;
  frames: number;
  contentFrames: number;
}

/**
 * Render slices on `n` worker threads (a shared queue, longest first); results come back in slice order, so the
 * summed audio is identical to a single-thread render.
 */
function renderInWorkers(plans: RenderPlan[], n: number, sampleRate: number, stemEffects: StemEffects, soundfont: string | undefined, onDone: (k: number) => void): Promise<SliceOutput[]> {
  return new Promise((resolve, reject) => {
    const results: SliceOutput[] = new Array(plans.length);
    const order = plans.map((p, i) => ({ i, len: p.endSeconds })).sort((a, b) => b.len - a.len || a.i - b.i).map((x) => x.i);
    let next = 0, finished = 0, failed = false;
    const pool: Worker[] = [];
    const stop = () => pool.forEach((w) => void w.terminate());
    const feed = (w: Worker) => {
      if (next >= order.length) return;
      const i = order[next++];
      w.postMessage({ id: i, plan: plans[i], sampleRate, stemEffects, soundfont });
    };
    for (let k = 0; k < n; k++) {
      const w = new Worker(new URL('./slice-worker/boot.mjs', import.meta.url));
      pool.push(w);
      w.on('message', (m: { id: number; ok: boolean; error?: string } & SliceOutput) => {
        if (!m.ok) {
          failed = true;
          stop();
          reject(new Error(m.error));
          return;
        }
        results[m.id] = { mix: m.mix, stems: m.stems, fx: m.fx, frames: m.frames, contentFrames: m.contentFrames };
        onDone(++finished);
        if (finished === plans.length) {
          stop();
          resolve(results);
        } else feed(w);
      });
      w.on('error', (e) => {
        if (failed) return;
        failed = true;
        stop();
        reject(e);
      });
      feed(w);
    }
  });
}

function addInto(dst: Float32Array, src: Float32Array, offset: number): void {
  const n = Math.min(src.length, dst.length - offset);
  for (let i = 0; i < n; i++) dst[offset + i] += src[i];
}
