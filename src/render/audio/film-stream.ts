/**
 * purpose: a film score's audio — mix, one dry stem per channel and the shared fx return — rendered and written
 * in constant memory, whatever the film's length. `renderFilmAudio` (film-audio.ts) keeps every slice's float
 * buffers and a timeline-length gain curve until the end (about 5 MB per second of music: a feature film does
 * not fit in memory); here nothing is kept at the length of the film or of a slice:
 *
 *  1. render: slice by slice (cue runs, as in film-audio.ts), the engine hands out ~0.7 s chunks
 *     (renderPlanChunks); each output's chunk is appended as interleaved float32 to a temp file beside the
 *     outputs, and the mix is measured on the way — BS.1770 K-weighted energy per 100 ms hop (LoudnessMeter),
 *     true peak, and the frames a limiter could ever touch (StereoPeakScanner).
 *  2. master: the static gain comes from the hop energies; when the true-peak ceiling needs the look-ahead
 *     limiter, its gain curve is built only around the candidate peaks (the curve is exactly the static gain
 *     elsewhere, in float32), tuned on the hop energies, then verified on the finished signal in one streamed
 *     pass over the mix (exact integrated loudness and true peak; the static gain is trimmed on an overshoot).
 *  3. write: each WAV is converted from its temp file in one sequential pass (gain × float → 24-bit,
 *     interleaved), written sparsely (silence between cues is a hole), and renamed over its final name; a
 *     killed run leaves at most a hidden temp folder, never a half file under a final name. The files are
 *     independent (film-wav-file.ts), so a worker thread writes about half of them while this thread writes the
 *     rest (`writeThreads`, default 2 on a machine with two cores): the same bytes, in about half the wall time
 *     of this pass, which the SHA-256 of every byte (holes included) dominates.
 *
 * As in film-audio.ts the mastering measures a compacted mix — the slices back to back with at least 0.5 s of
 * silence between, each on its timeline phase of the 100 ms loudness hop — since silence adds nothing to gated loudness nor to true peak. Memory: the synth, a few chunk
 * buffers, 8 bytes per 100 ms of music and 8 per limiter candidate. Deterministic: same score ⇒ same bytes.
 * Stems sum to the mix (the same gain per frame on every file).
 */
import { openSync, closeSync, ftruncateSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, basename } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Score } from '../../score/schema.js';
import { ensureDir } from '../../io/atomic-write.js';
import { planFromScore, loadSoundBank, renderStats, stemNames, FX_STEM, DEFAULT_LUFS, TRUE_PEAK_CEILING_DB, type RenderStats, type StemEffects, type StemNaming } from './index.js';
import { renderPlanChunks } from './synth-engine.js';
import { sliceRegions, slicePlan } from './film-audio.js';
import { LoudnessMeter, integratedFromHops } from './loudness.js';
import { StereoPeakScanner, toDb } from './true-peak.js';
import { DcBlocker } from './dc-blocker.js';
import { writeFilmWav, fillGain, isSilent, writeAll, readAll, READ_FRAMES, type CurveRegion, type FilmWavGain, type FilmWavJob, type TempSegment } from './film-wav-file.js';
import type { WavJobReply, WavWorkerMessage, WorkerError } from './slice-worker/write-wavs.js';
import { LeitmotifError } from '../../util/errors.js';

export interface FilmAudioFilesOptions {
  /** Path of the mix WAV. */
  mixPath: string;
  /** Folder for `<stem>.wav` (created if missing); null/undefined: mix only. */
  stemsDir?: string | null;
  lufs?: number | null;
  soundfont?: string;
  sampleRate?: 44100 | 48000;
  /** 'shared' (default): dry stems + one fx.wav reverb/chorus return; 'baked': each stem with its own effects. */
  stemEffects?: StemEffects;
  /** Cues closer than this (seconds) render as one slice (default 8: longer than the 4 s reverb tail). */
  joinGapSeconds?: number;
  /** Most peak reduction the limiter may do, dB (default 6, as master.ts). */
  maxLimitDb?: number;
  /** Stem file names (stem-names.ts); default 'instrument'. */
  stemNaming?: StemNaming;
  /**
   * Threads that write the WAV files at the end (default 2 where the machine has two cores, else 1): each file
   * is independent, so the bytes are the same either way.
   */
  writeThreads?: number;
  onProgress?: (fraction: number) => void;
}

export interface WrittenWav {
  /** 'mix', a stem name, or 'fx'. */
  name: string;
  /** MIDI channel of a stem; −1 for fx, −2 for the mix. */
  channel: number;
  path: string;
  bytes: number;
  /** SHA-256 (hex) of the file as written, computed while writing (holes hashed as the zeros they read as). */
  sha256: string;
}

export interface FilmAudioFilesResult {
  /** The mix first, then the stems in channel order, then fx. */
  files: WrittenWav[];
  stats: RenderStats;
  /** Seconds of audio actually synthesised (cue slices plus tails). */
  synthesisedSeconds: number;
  slices: number;
  /** Threads that wrote the files (2 when a worker thread wrote some of them). */
  writeThreads: number;
}

const PAD_SECONDS = 0.5;

/** One output's float32 temp file and where its slices go. */
interface FloatTemp {
  name: string;
  channel: number;
  path: string;
  finalPath: string;
  fd: number;
  /** Frames appended so far. */
  frames: number;
  segs: TempSegment[];
  /** Frame ranges [start, end) of the temp file actually written, ascending (the rest are holes: silence). */
  written: number[];
}

/** Render a film score's audio and write it to disk in constant memory (see the file comment). */
export async function writeFilmAudio(score: Score, regions: ReadonlyArray<{ start: number; end: number }>, opts: FilmAudioFilesOptions): Promise<FilmAudioFilesResult> {
  const sr = opts.sampleRate ?? 44100;
  const stemEffects = opts.stemEffects ?? 'shared';
  const t0 = performance.now();
  const bank = loadSoundBank(opts.soundfont);
  const t1 = performance.now();
  const plan = planFromScore(score);
  const slices = sliceRegions(regions, opts.joinGapSeconds ?? 8);
  const total = slices.reduce((s, x) => s + (x.end - x.start), 0) || 1;
  const withStems = !!opts.stemsDir;
  const shared = stemEffects === 'shared';

  ensureDir(dirname(opts.mixPath));
  if (opts.stemsDir) ensureDir(opts.stemsDir);
  const tmpDir = mkdtempSync(join(dirname(opts.mixPath), `.${basename(opts.mixPath)}.render-`));
  const temps: FloatTemp[] = [];
  const newTemp = (name: string, channel: number, finalPath: string): FloatTemp => {
    const path = join(tmpDir, `${temps.length}.f32`);
    const t: FloatTemp = { name, channel, path, finalPath, fd: openSync(path, 'w+'), frames: 0, segs: [], written: [] };
    temps.push(t);
    return t;
  };
  try {
    const mixT = newTemp('mix', -2, opts.mixPath);
    const stemT = new Map<number, FloatTemp>();
    let fxT: FloatTemp | null = null;
    if (withStems) {
      const names = stemNames(plan.channels, opts.stemNaming ?? 'instrument', shared);
      plan.channels.forEach((c, k) => stemT.set(c.channel, newTemp(names[k], c.channel, join(opts.stemsDir!, `${names[k]}.wav`))));
      if (shared) fxT = newTemp(FX_STEM, -1, join(opts.stemsDir!, `${FX_STEM}.wav`));
    }

    // ---- 1. render, spool, measure ----
    const meter = new LoudnessMeter(sr);
    const maxLimitDb = opts.maxLimitDb ?? 6;
    const scanner = new StereoPeakScanner(maxLimitDb + 0.5);
    const pad = Math.round(PAD_SECONDS * sr);
    let scratch = new Float32Array(0);
    const append = (t: FloatTemp, lr: [Float32Array, Float32Array], n: number) => {
      const [l, r] = lr;
      // A silent chunk (an instrument resting) is not written: the temp file gets a hole there, read back as zeros.
      if (isSilent(l, n) && isSilent(r, n)) {
        t.frames += n;
        return;
      }
      if (scratch.length < 2 * n) scratch = new Float32Array(2 * n);
      for (let i = 0, j = 0; i < n; i++, j += 2) {
        scratch[j] = l[i];
        scratch[j + 1] = r[i];
      }
      writeAll(t.fd, new Uint8Array(scratch.buffer, 0, 8 * n), t.frames * 8);
      const w = t.written;
      if (w.length && w[w.length - 1] === t.frames) w[w.length - 1] = t.frames + n;
      else w.push(t.frames, t.frames + n);
      t.frames += n;
    };
    let length = Math.ceil(plan.endSeconds * sr);
    let contentEnd = 0;
    let compact = 0;
    let fed = 0; // compacted frames fed to the meter
    let done = 0;
    let earlier = 0;
    let rendered = 0;
    for (let k = 0; k < slices.length; k++) {
      const s = slices[k];
      const sub = slicePlan(plan, s.start, s.until, s.end, earlier);
      earlier = s.until;
      if (sub.channels.length === 0) continue;
      const offset = Math.round(s.start * sr);
      // The tail may not reach the next slice (a join gap shorter than the tail): files never overlap.
      const room = k + 1 < slices.length ? Math.round(slices[k + 1].start * sr) - offset - Math.max(1, Math.ceil(sub.endSeconds * sr)) : Infinity;
      const maxTailSeconds = Math.max(0, Math.min(4 * sr, room)) / sr;
      const outs: FloatTemp[] = [mixT, ...(withStems ? sub.channels.map((c) => stemT.get(c.channel)!) : [])];
      if (fxT) outs.push(fxT);
      const starts = outs.map((t) => t.frames);
      // Each slice starts on the same 100 ms hop phase as on the timeline, so the gating blocks see the same audio.
      compact = fed === 0 ? 0 : fed + pad;
      compact += (((offset - compact) % meter.hop) + meter.hop) % meter.hop;
      meter.silence(compact - fed);
      scanner.begin(compact);
      const span = s.end - s.start;
      // One DC blocker per output file, from rest at each slice (slices start from silence).
      const dc = outs.map(() => new DcBlocker(sr));
      const r = await renderPlanChunks(
        sub,
        { sampleRate: sr, bank, stems: withStems, stemEffects, maxTailSeconds, onProgress: (f) => opts.onProgress?.((0.9 * (done + f * span)) / total) },
        (c) => {
          dc[0].process(c.mix[0], c.mix[1], c.frames);
          if (withStems) c.stems.forEach((lr, j) => dc[1 + j].process(lr[0], lr[1], c.frames));
          if (fxT && c.fx) dc[outs.length - 1].process(c.fx[0], c.fx[1], c.frames);
          append(mixT, c.mix, c.frames);
          if (withStems) c.stems.forEach((lr, j) => append(outs[1 + j], lr, c.frames));
          if (fxT && c.fx) append(fxT, c.fx, c.frames);
          meter.feed(c.mix[0], c.mix[1], 0, c.frames);
          scanner.feed(c.mix[0], c.mix[1], 0, c.frames);
        },
      );
      scanner.end();
      outs.forEach((t, j) => t.segs.push({ offset, frames: r.frames, rendered: r.renderedFrames, tempFrame: starts[j], compact }));
      fed = compact + r.renderedFrames;
      length = Math.max(length, offset + r.frames);
      contentEnd = Math.max(contentEnd, offset + r.contentFrames);
      done += span;
      rendered++;
    }

    meter.silence(pad);
    for (const t of temps) ftruncateSync(t.fd, t.frames * 8); // trailing holes read back as zeros too

    // ---- 2. master ----
    const m = masterStreamed(mixT, meter, scanner, { sampleRate: sr, targetLufs: opts.lufs === undefined ? DEFAULT_LUFS : opts.lufs, ceilingDb: TRUE_PEAK_CEILING_DB, maxLimitDb, pad });

    // ---- 3. write ----
    const jobs: FilmWavJob[] = temps.map((t) => {
      closeSync(t.fd); // each writer opens its temp file by path
      t.fd = -1;
      return { tempPath: t.path, finalPath: t.finalPath, segs: t.segs, written: t.written, length, sampleRate: sr };
    });
    const asked = opts.writeThreads ?? 2;
    const threads = Number.isFinite(asked) ? Math.max(1, Math.min(Math.floor(asked), availableParallelism(), jobs.length)) : 1;
    const written = await writeWavs(jobs, { regions: m.regions, outside: m.outside }, threads, (n) => opts.onProgress?.(0.9 + (0.1 * n) / jobs.length));
    const files: WrittenWav[] = temps.map((t, k) => ({ name: t.name, channel: t.channel, path: t.finalPath, bytes: written.results[k].bytes, sha256: written.results[k].sha256 }));
    const t2 = performance.now();
    return {
      files,
      synthesisedSeconds: done,
      slices: rendered,
      writeThreads: written.threads,
      stats: renderStats({ ...m.result, curve: null }, { frames: length, contentFrames: contentEnd, sampleRate: sr, t0, t1, t2 }),
    };
  } finally {
    for (const t of temps) if (t.fd >= 0) closeSync(t.fd);
    rmSync(tmpDir, { recursive: true, force: true });
  }
}

interface StreamMasterOptions {
  sampleRate: number;
  targetLufs: number | null;
  ceilingDb: number;
  maxLimitDb: number;
  pad: number;
}

interface StreamMaster {
  result: { gainDb: number; limiterReductionDb: number; integratedLufs: number; truePeakDb: number; samplePeakDb: number; inputLufs: number };
  /** Gain outside the limiter regions (everywhere when there are none). */
  outside: number;
  regions: CurveRegion[];
}

const dbToLin = (db: number) => Math.pow(10, db / 20);

/**
 * The policy of master.ts (loudness target, −1 dBTP ceiling, ≤ maxLimitDb of transparent look-ahead limiting,
 * the rest off the static gain) on the measurements of the streamed mix.
 */
function masterStreamed(mixT: FloatTemp, meter: LoudnessMeter, scanner: StereoPeakScanner, o: StreamMasterOptions): StreamMaster {
  const sr = o.sampleRate;
  const ceiling = dbToLin(o.ceilingDb - 0.05); // 0.05 dB under the ceiling: rounding to PCM cannot poke over it
  const ceilDb = toDb(ceiling);
  const inputLufs = meter.integrated();
  const tp = scanner.best;
  const tpDb = toDb(tp);
  const spDb = toDb(scanner.samplePeak);
  let gainDb: number;
  if (tp === 0) gainDb = 0;
  else if (o.targetLufs === null || !Number.isFinite(inputLufs)) gainDb = Math.min(0, ceilDb - tpDb);
  else gainDb = Math.min(o.targetLufs - inputLufs, ceilDb + o.maxLimitDb - tpDb);
  if (tp === 0 || tpDb + gainDb <= ceilDb) {
    return { outside: dbToLin(gainDb), regions: [], result: { gainDb, limiterReductionDb: 0, integratedLufs: inputLufs + gainDb, truePeakDb: tpDb + gainDb, samplePeakDb: spDb + gainDb, inputLufs } };
  }
  const target = o.targetLufs as number;
  const cands = scanner.candidates();
  const hops = meter.hopEnergies();
  const cap = ceilDb + o.maxLimitDb - tpDb;
  // Tune the static gain on the hop energies (the limited curve's mean square per hop), as master.ts does on
  // the weighted signal: a secant search, since limiting makes loudness grow slower than the gain.
  let lim = limiterRegions(cands, dbToLin(gainDb), ceiling, sr);
  let prev: { gainDb: number; lufs: number } | null = null;
  for (let iter = 0; iter < 8; iter++) {
    const lufs = approxLufs(hops, meter.hop, lim.regions, Math.fround(dbToLin(gainDb)));
    const deficit = target - lufs;
    if (Math.abs(deficit) < 0.03 || (deficit > 0 && gainDb >= cap - 1e-9)) break;
    let slope = 1;
    if (prev && gainDb !== prev.gainDb) slope = Math.min(1, Math.max(0.2, (lufs - prev.lufs) / (gainDb - prev.gainDb)));
    prev = { gainDb, lufs };
    gainDb = Math.min(gainDb + deficit / slope, cap);
    lim = limiterRegions(cands, dbToLin(gainDb), ceiling, sr);
  }
  // Verify on the finished signal (exact loudness and true peak); correct the static gain once if the
  // hop-level estimate missed the target, and trim it if interpolation still finds an overshoot.
  let v = verify(mixT, lim.regions, Math.fround(dbToLin(gainDb)), sr, o.pad);
  for (let fix = 0; fix < 2; fix++) {
    const deficit = target - v.lufs;
    if (Math.abs(deficit) < 0.05 || (deficit > 0 && gainDb >= cap - 1e-9)) break;
    gainDb = Math.min(gainDb + deficit, cap);
    lim = limiterRegions(cands, dbToLin(gainDb), ceiling, sr);
    v = verify(mixT, lim.regions, Math.fround(dbToLin(gainDb)), sr, o.pad);
  }
  let outside = Math.fround(dbToLin(gainDb));
  let trimDb = 0;
  if (v.truePeak > ceiling) {
    const trim = ceiling / v.truePeak;
    trimDb = toDb(trim);
    outside = Math.fround(outside * trim);
    for (const r of lim.regions) for (let i = 0; i < r.curve.length; i++) r.curve[i] *= trim;
  }
  return {
    outside,
    regions: lim.regions,
    result: {
      gainDb: gainDb + trimDb,
      limiterReductionDb: -toDb(lim.minGain),
      integratedLufs: v.lufs + trimDb,
      truePeakDb: toDb(v.truePeak) + trimDb,
      samplePeakDb: toDb(v.samplePeak) + trimDb,
      inputLufs,
    },
  };
}

/**
 * The look-ahead limiter of master.ts (required gain at each candidate, forward release pass 120 ms, backward
 * attack pass 1.5 ms) computed only where it differs from 1 in float32: from 20 attack time constants before a
 * peak that needs limiting to 18 release time constants after it (1 − e^−18 rounds to 1 in float32). The
 * returned curves include the static gain.
 */
export function limiterRegions(cands: { idx: Int32Array; peak: Float32Array }, gain: number, ceiling: number, sampleRate: number): { regions: CurveRegion[]; minGain: number } {
  const att = Math.ceil(0.0015 * sampleRate * 20);
  const rel = Math.ceil(0.12 * sampleRate * 18);
  const release = Math.exp(-1 / (0.12 * sampleRate));
  const attack = Math.exp(-1 / (0.0015 * sampleRate));
  const g32 = Math.fround(gain);
  const regions: CurveRegion[] = [];
  let minGain = 1;
  const { idx, peak } = cands;
  let k = 0;
  while (k < idx.length) {
    if (peak[k] * gain <= ceiling) {
      k++;
      continue;
    }
    // A group: limited peaks closer than the release span (+ attack span) share one region.
    let j = k, last = idx[k];
    const members: number[] = [];
    while (j < idx.length && idx[j] - last <= rel + att) {
      if (peak[j] * gain > ceiling) {
        members.push(j);
        last = idx[j];
      }
      j++;
    }
    const start = idx[k] - att;
    const r = new Float32Array(last + rel - start + 1).fill(1);
    for (const q of members) {
      const gq = ceiling / (peak[q] * gain);
      r[idx[q] - start] = gq;
      if (gq < minGain) minGain = gq;
    }
    let red = 0;
    for (let i = 0; i < r.length; i++) {
      red *= release;
      const want = 1 - r[i];
      if (want > red) red = want;
      r[i] = 1 - red;
    }
    red = 0;
    for (let i = r.length - 1; i >= 0; i--) {
      red *= attack;
      const want = 1 - r[i];
      if (want > red) red = want;
      r[i] = 1 - red;
    }
    for (let i = 0; i < r.length; i++) r[i] *= g32;
    regions.push({ start, curve: r });
    k = j;
  }
  return { regions, minGain };
}

/** Integrated loudness with the gain curve applied per hop (hop energy × the curve's mean square over the hop). */
function approxLufs(hopE: Float64Array, hop: number, regions: CurveRegion[], outside: number): number {
  const o2 = outside * outside;
  const scale = new Float64Array(hopE.length).fill(o2 * hop);
  for (const r of regions) {
    for (let i = 0; i < r.curve.length; i++) {
      const h = Math.floor((r.start + i) / hop);
      if (h < 0 || h >= scale.length) continue;
      scale[h] += r.curve[i] * r.curve[i] - o2;
    }
  }
  const e = new Float64Array(hopE.length);
  for (let h = 0; h < e.length; h++) e[h] = (hopE[h] * scale[h]) / hop;
  return integratedFromHops(e, e.length, hop);
}

/** One streamed pass over the mix with the gain applied: exact integrated loudness, true peak, sample peak. */
function verify(mixT: FloatTemp, regions: CurveRegion[], outside: number, sampleRate: number, pad: number): { lufs: number; truePeak: number; samplePeak: number } {
  const meter = new LoudnessMeter(sampleRate);
  const scanner = new StereoPeakScanner(null);
  const buf = new Float32Array(2 * READ_FRAMES);
  const L = new Float32Array(READ_FRAMES), R = new Float32Array(READ_FRAMES);
  const g = new Float32Array(READ_FRAMES);
  let fed = 0;
  for (const seg of mixT.segs) {
    meter.silence(seg.compact - fed);
    scanner.begin(seg.compact);
    for (let i = 0; i < seg.rendered; i += READ_FRAMES) {
      const c = Math.min(READ_FRAMES, seg.rendered - i);
      readAll(mixT.fd, new Uint8Array(buf.buffer, 0, 8 * c), (seg.tempFrame + i) * 8);
      fillGain(g, regions, outside, seg.compact + i, c);
      for (let f = 0, j = 0; f < c; f++, j += 2) {
        L[f] = buf[j] * g[f];
        R[f] = buf[j + 1] * g[f];
      }
      meter.feed(L, R, 0, c);
      scanner.feed(L, R, 0, c);
    }
    scanner.end();
    fed = seg.compact + seg.rendered;
  }
  meter.silence(pad);
  return { lufs: meter.integrated(), truePeak: scanner.best, samplePeak: scanner.samplePeak };
}

/**
 * Write the WAV files: with two threads, a worker writes the files of one lane while this thread writes the
 * other's (lanes balanced by the work each file takes: its hash covers the whole timeline, its conversion only
 * what was written). A worker that cannot start or dies (no tsx loader in this runtime, out of memory) leaves
 * the files it has not answered to this thread. The first file that fails stops both lanes — the worker starts
 * no file after it and finishes the one it is writing, so no half file is left — and that error is thrown, as
 * its own type (a LeitmotifError keeps its code and hint).
 */
async function writeWavs(jobs: FilmWavJob[], gain: FilmWavGain, threads: number, onDone: (n: number) => void): Promise<{ results: Array<{ bytes: number; sha256: string }>; threads: number }> {
  const results: Array<{ bytes: number; sha256: string }> = new Array(jobs.length);
  let finished = 0;
  const local = (k: number) => {
    results[k] = writeFilmWav(jobs[k], gain);
    onDone(++finished);
  };
  if (threads < 2) {
    jobs.forEach((_, k) => local(k));
    return { results, threads: 1 };
  }
  const work = jobs.map((j) => 1 + (3 * j.written.reduce((s, v, i) => s + (i % 2 ? v : -v), 0)) / Math.max(1, j.length));
  const lanes: number[][] = [[], []];
  const load = [0, 0];
  for (const k of jobs.map((_, k) => k).sort((a, b) => work[b] - work[a] || a - b)) {
    const lane = load[1] < load[0] ? 1 : 0;
    lanes[lane].push(k);
    load[lane] += work[k];
  }
  const stop = new Int32Array(new SharedArrayBuffer(4));
  let failure: Error | null = null;
  const fail = (e: Error) => {
    failure ??= e;
    Atomics.store(stop, 0, 1);
  };
  const worker = new Worker(new URL('./slice-worker/boot.mjs', import.meta.url), { workerData: { entry: 'write-wavs' } });
  const unanswered = new Set(lanes[1]);
  let wrote = 0;
  // Settles once every file sent is answered, or the worker is gone.
  const remote = new Promise<void>((resolve) => {
    worker.on('message', (r: WavJobReply) => {
      unanswered.delete(r.k);
      if (r.ok) {
        results[r.k] = { bytes: r.bytes, sha256: r.sha256 };
        wrote++;
        onDone(++finished);
      } else if (r.error) fail(fromWorkerError(r.error));
      if (unanswered.size === 0) resolve();
    });
    worker.on('error', () => resolve());
    worker.on('exit', () => resolve());
  });
  worker.postMessage({ type: 'init', gain, stop: stop.buffer } satisfies WavWorkerMessage);
  for (const k of lanes[1]) worker.postMessage({ type: 'job', k, job: jobs[k] } satisfies WavWorkerMessage);
  try {
    for (const k of lanes[0]) {
      if (failure) break;
      try {
        local(k);
      } catch (e) {
        fail(e as Error);
        break;
      }
      await new Promise<void>((r) => setImmediate(r)); // let the worker's answers (progress, a failure) in
    }
    await remote;
    if (!failure) for (const k of lanes[1]) if (unanswered.has(k)) local(k); // what a dead worker left
  } finally {
    await worker.terminate();
  }
  if (failure) throw failure;
  return { results, threads: wrote > 0 ? 2 : 1 };
}

function fromWorkerError(e: WorkerError): Error {
  if (e.leitmotif) return new LeitmotifError(e.leitmotif.code, e.message, { hint: e.leitmotif.hint, exitCode: e.leitmotif.exitCode });
  return Object.assign(new Error(e.message), e.errno ? { code: e.errno } : {});
}
