import { describe, it, expect, beforeAll } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir, availableParallelism } from 'node:os';
import { join } from 'node:path';
import { writeFilmAudio, type FilmAudioFilesResult } from './film-stream.js';
import { renderFilmAudio } from './film-audio.js';
import { stemSumErrorDb } from './test-support/stem-sum.js';
import { emptyScore, addTrack, type Score } from '../../score/index.js';
import { parseWav, measureLoudness, segmentedWavBytes, integratedLoudness, truePeak, type WavInfo } from './index.js';
import { LoudnessMeter } from './loudness.js';
import { StereoPeakScanner } from './true-peak.js';
import { peakCandidates } from './master.js';
import { Rng } from '../../util/rng.js';
import { isLeitmotifError } from '../../util/errors.js';

/** Three cues (2 s, 3 s, 2 s) far apart at 120 BPM: strings + bass + a loud brass hit, so three slices. */
function threeCueFilm(): { score: Score; regions: Array<{ start: number; end: number }> } {
  const s = emptyScore({ title: 'film', bpm: 120 });
  const st = addTrack(s, { name: 'Strings', role: 'pad', program: 48, channel: 0 });
  const bs = addTrack(s, { name: 'Bass', role: 'bass', program: 32, channel: 1 });
  const br = addTrack(s, { name: 'Brass', role: 'melody', program: 61, channel: 2 });
  for (const start of [0, 40, 80]) {
    // 1 beat = 0.5 s = 480 ticks
    for (let i = 0; i < 4; i++) st.notes.push({ tick: (start + i) * 480, duration: 460, pitch: 60 + 2 * i, velocity: 90 });
    if (start !== 40) bs.notes.push({ tick: start * 480, duration: 1900, pitch: 36, velocity: 100 });
    if (start === 40) br.notes.push({ tick: (start + 1) * 480, duration: 1200, pitch: 67, velocity: 127 });
  }
  s.endTick = 86 * 480;
  return { score: s, regions: [{ start: 0, end: 2 }, { start: 20, end: 23 }, { start: 40, end: 42 }] };
}

function read(path: string): WavInfo {
  return parseWav(new Uint8Array(readFileSync(path)));
}

function sumErrorDb(r: FilmAudioFilesResult): number {
  return stemSumErrorDb(read(r.files[0].path), r.files.slice(1).map((f) => read(f.path)));
}

describe('writeFilmAudio (streamed to disk, constant memory)', () => {
  let dir: string;
  let r: FilmAudioFilesResult;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lm-film-stream-'));
    const { score, regions } = threeCueFilm();
    r = await writeFilmAudio(score, regions, { mixPath: join(dir, 'a', 'mix.wav'), stemsDir: join(dir, 'a', 'stems') });
  }, 60_000);

  it('writes the mix and stems of a multi-slice film; the stems sum to the mix; no temp files remain', () => {
    expect(r.slices).toBe(3);
    expect(r.files.map((f) => f.name)).toEqual(['mix', 'strings', 'bass', 'brass', 'fx']); // stems named by instrument
    expect(sumErrorDb(r)).toBeLessThan(-80);
    expect(readdirSync(join(dir, 'a')).sort()).toEqual(['mix.wav', 'stems']);
    expect(readdirSync(join(dir, 'a', 'stems')).sort()).toEqual(['bass.wav', 'brass.wav', 'fx.wav', 'strings.wav']);
  });

  it('reports each file\'s SHA-256 as hashed while writing, equal to hashing the file on disk (holes and all)', () => {
    for (const f of r.files) {
      const bytes = readFileSync(f.path);
      expect(bytes.length).toBe(f.bytes);
      expect(f.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });

  it('writes the same bytes with the files on one thread as on two (a worker thread wrote some of them)', async () => {
    expect(r.writeThreads).toBe(Math.min(2, availableParallelism())); // two by default, not the silent one-thread fallback
    const { score, regions } = threeCueFilm();
    const one = await writeFilmAudio(score, regions, { mixPath: join(dir, 'one', 'mix.wav'), stemsDir: join(dir, 'one', 'stems'), writeThreads: 1 });
    expect(one.writeThreads).toBe(1);
    expect(one.files.map((f) => [f.name, f.bytes, f.sha256])).toEqual(r.files.map((f) => [f.name, f.bytes, f.sha256]));
    for (let k = 0; k < r.files.length; k++) expect(readFileSync(one.files[k].path).equals(readFileSync(r.files[k].path))).toBe(true);
  }, 60_000);

  for (const blocked of ['strings', 'bass', 'brass', 'fx']) {
    it(`a file that cannot be written (${blocked}.wav is a folder) fails the run with its own error and leaves no half file`, async () => {
      const { score, regions } = threeCueFilm();
      const out = join(dir, `blocked-${blocked}`);
      mkdirSync(join(out, 'stems', `${blocked}.wav`), { recursive: true });
      const e = await writeFilmAudio(score, regions, { mixPath: join(out, 'mix.wav'), stemsDir: join(out, 'stems') }).catch((x: unknown) => x);
      // Whichever thread wrote it: the typed error with its code and hint, not an "internal error".
      expect(isLeitmotifError(e) && e.code).toBe('LM_ERR_OUTPUT_UNWRITABLE');
      expect(readdirSync(join(out, 'stems')).filter((f) => f.startsWith('.'))).toEqual([]);
      expect(readdirSync(out).filter((f) => f.startsWith('.'))).toEqual([]);
    }, 60_000);
  }

  it('reaches the loudness target and the true-peak ceiling, measured on the written mix', () => {
    const w = read(r.files[0].path);
    const m = measureLoudness(w.data[0], w.data[1], w.sampleRate);
    expect(Math.abs(m.integratedLufs - -16)).toBeLessThan(0.1);
    expect(Math.abs(m.integratedLufs - r.stats.integratedLufs)).toBeLessThan(0.05);
    expect(m.truePeakDb).toBeLessThanOrEqual(-1);
  });

  it('sounds like the in-memory film render (same slices, same timeline)', async () => {
    const { score, regions } = threeCueFilm();
    const old = await renderFilmAudio(score, regions, { workers: 1 });
    const a = read(r.files[0].path), b = parseWav(segmentedWavBytes(old.mix));
    expect(a.frames).toBe(b.frames);
    let err = 0, sig = 0;
    for (let i = 0; i < a.frames; i++) {
      err += (a.data[0][i] - b.data[0][i]) ** 2;
      sig += b.data[0][i] ** 2;
    }
    expect(10 * Math.log10(err / sig)).toBeLessThan(-30); // the same audio; the mastering differs by < 0.3 dB
  }, 60_000);

  it('is byte-deterministic, and the limiter path (a loud target) keeps the ceiling and the stem sum', async () => {
    const { score, regions } = threeCueFilm();
    const again = await writeFilmAudio(score, regions, { mixPath: join(dir, 'b', 'mix.wav'), stemsDir: join(dir, 'b', 'stems') });
    again.files.forEach((f, k) => expect(readFileSync(f.path).equals(readFileSync(r.files[k].path))).toBe(true));
    const loud = await writeFilmAudio(score, regions, { mixPath: join(dir, 'c', 'mix.wav'), stemsDir: join(dir, 'c', 'stems'), lufs: -15 });
    expect(loud.stats.limiterReductionDb).toBeGreaterThan(0.2);
    const w = read(loud.files[0].path);
    const m = measureLoudness(w.data[0], w.data[1], w.sampleRate);
    expect(m.truePeakDb).toBeLessThanOrEqual(-1);
    expect(Math.abs(m.integratedLufs - loud.stats.integratedLufs)).toBeLessThan(0.05);
    expect(sumErrorDb(loud)).toBeLessThan(-80);
  }, 60_000);
});

describe('streaming meters', () => {
  const noise = (n: number, seed: number) => {
    const rng = new Rng(seed);
    const x = new Float32Array(n);
    for (let i = 0; i < n; i++) x[i] = (rng.next() - 0.5) * Math.sin(i / 3000) ** 2;
    return x;
  };
  const L = noise(100_000, 1), R = noise(100_000, 2);
  const pieces = [1, 17, 4096, 333, 50_000, 45_553];

  it('LoudnessMeter fed in pieces equals integratedLoudness of the whole', () => {
    const m = new LoudnessMeter(44100);
    let at = 0;
    for (const n of pieces) { m.feed(L, R, at, n); at += n; }
    expect(m.integrated()).toBeCloseTo(integratedLoudness([L, R], 44100), 6);
  });

  it('StereoPeakScanner fed in pieces finds the true peak and the limiter candidates of the whole', () => {
    const s = new StereoPeakScanner(6.5);
    s.begin(0);
    let at = 0;
    for (const n of pieces) { s.feed(L.subarray(at), R.subarray(at), 0, n); at += n; }
    s.end();
    const tp = Math.max(truePeak(L), truePeak(R));
    expect(s.best).toBeCloseTo(tp, 6);
    const ref = peakCandidates(L, R, tp * Math.pow(10, -6.5 / 20));
    const got = s.candidates();
    expect([...got.idx]).toEqual([...ref.idx]);
  });
});
