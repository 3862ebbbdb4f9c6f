import { describe, it, expect, beforeAll } from 'vitest';
import { sliceRegions, renderFilmAudio, type FilmAudioResult } from './film-audio.js';
import { stemSumErrorDb } from './test-support/stem-sum.js';
import { emptyScore, addTrack, type Score } from '../../score/index.js';
import { parseWav, measureLoudness, segmentedWavBytes } from './index.js';

describe('sliceRegions', () => {
  it('joins cues closer than a reverb tail and splits events halfway through real gaps', () => {
    const s = sliceRegions([{ start: 30, end: 60 }, { start: 0, end: 20 }, { start: 62, end: 80 }, { start: 200, end: 210 }], 8);
    expect(s.map((x) => [x.start, x.end])).toEqual([[0, 20], [30, 80], [200, 210]]);
    expect(s.map((x) => x.until)).toEqual([25, 140, Infinity]);
  });
});

/** Two 2-second cues 20 s apart at 120 BPM: strings + bass, then strings alone. */
function twoCueFilm(): { score: Score; regions: Array<{ start: number; end: number }> } {
  const s = emptyScore({ title: 'film', bpm: 120 });
  const st = addTrack(s, { name: 'Strings', role: 'pad', program: 48, channel: 0 });
  const bs = addTrack(s, { name: 'Bass', role: 'bass', program: 32, channel: 1 });
  for (const start of [0, 40]) {
    // 1 beat = 0.5 s = 480 ticks; a cue is 4 beats (2 s)
    for (let i = 0; i < 4; i++) st.notes.push({ tick: (start + i) * 480, duration: 460, pitch: 60 + 2 * i, velocity: 90 });
    if (start === 0) bs.notes.push({ tick: 0, duration: 1900, pitch: 36, velocity: 100 });
  }
  s.endTick = 44 * 480;
  return { score: s, regions: [{ start: 0, end: 2 }, { start: 20, end: 22 }] };
}

function sumErrorDb(r: FilmAudioResult): number {
  return stemSumErrorDb(parseWav(segmentedWavBytes(r.mix)), r.stems.map((st) => parseWav(segmentedWavBytes(st.wav))));
}

describe('renderFilmAudio (cues only, mastered once)', () => {
  let inThread: FilmAudioResult;
  beforeAll(async () => {
    const { score, regions } = twoCueFilm();
    inThread = await renderFilmAudio(score, regions, { workers: 1 });
  }, 60_000);

  it('synthesises only the cues, and shared stems (dry + fx return) sum to the mix', () => {
    expect(inThread.synthesisedSeconds).toBeCloseTo(4, 5);
    expect(inThread.threads).toBe(1);
    expect(inThread.stats.durationSec).toBeGreaterThan(22);
    expect(inThread.stems.map((s) => s.name)).toEqual(['pad', 'bass', 'fx']);
    expect(sumErrorDb(inThread)).toBeLessThan(-80);
    // Silence between the cues: 8–18 s is past the first cue's reverb tail and before the second.
    const w = parseWav(segmentedWavBytes(inThread.mix));
    let gap = 0;
    for (let i = 8 * 44100; i < 18 * 44100; i++) gap = Math.max(gap, Math.abs(w.data[0][i]));
    expect(gap).toBe(0);
  });

  it('masters the whole timeline to the target (measured on the written mix: −16 LUFS, true peak ≤ −1 dBTP)', () => {
    const w = parseWav(segmentedWavBytes(inThread.mix));
    const m = measureLoudness(w.data[0], w.data[1], w.sampleRate);
    expect(Math.abs(m.integratedLufs - -16)).toBeLessThan(0.1);
    expect(Math.abs(m.integratedLufs - inThread.stats.integratedLufs)).toBeLessThan(0.05);
    expect(m.truePeakDb).toBeLessThanOrEqual(-1);
  });

  it('baked stems: no fx stem, still sum to the mix', async () => {
    const { score, regions } = twoCueFilm();
    const r = await renderFilmAudio(score, regions, { workers: 1, stemEffects: 'baked' });
    expect(r.stems.map((s) => s.name)).toEqual(['pad', 'bass']);
    expect(sumErrorDb(r)).toBeLessThan(-80);
  }, 60_000);

  it('worker threads give the same bytes as rendering in this thread', async () => {
    const { score, regions } = twoCueFilm();
    const r = await renderFilmAudio(score, regions, { workers: 2 });
    expect(r.threads).toBe(2); // really rendered in workers, not the silent in-thread fallback
    expect(Buffer.from(segmentedWavBytes(r.mix)).equals(Buffer.from(segmentedWavBytes(inThread.mix)))).toBe(true);
    expect(r.stems.map((s) => s.name)).toEqual(inThread.stems.map((s) => s.name));
    r.stems.forEach((s, k) => expect(Buffer.from(segmentedWavBytes(s.wav)).equals(Buffer.from(segmentedWavBytes(inThread.stems[k].wav)))).toBe(true));
  }, 60_000);
});
