import { describe, it, expect, beforeAll } from 'vitest';
import { writeFileSync, mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyScore, addTrack, type Score } from '../../score/index.js';
import { scoreToMidi } from '../midi/index.js';
import { LeitmotifError } from '../../util/errors.js';
import { renderToWav, writeRender, parseWav, measureLoudness, loadSoundBank, type RenderResult } from './index.js';

/** Two bars at 120 BPM (4 s): flute line, bass, drums. Small on purpose: rendering is the slow part. */
function tinyScore(): Score {
  const s = emptyScore({ title: 'tiny', bpm: 120 });
  const fl = addTrack(s, { name: 'Flute', role: 'melody', program: 73, channel: 0, pan: -0.3 });
  const ob = addTrack(s, { name: 'Oboe', role: 'melody', program: 68, channel: 2, pan: 0.3 });
  const bs = addTrack(s, { name: 'Bass', role: 'bass', program: 32, channel: 1 });
  const dr = addTrack(s, { name: 'Kit', role: 'percussion', program: 0, channel: 9 });
  for (let i = 0; i < 8; i++) {
    fl.notes.push({ tick: i * 480, duration: 440, pitch: 72 + [0, 2, 4, 7][i % 4], velocity: 90 });
    bs.notes.push({ tick: i * 480, duration: 440, pitch: i % 2 ? 43 : 36, velocity: 100 });
    dr.notes.push({ tick: i * 480, duration: 120, pitch: i % 2 ? 38 : 36, velocity: 110 });
  }
  ob.notes.push({ tick: 0, duration: 1900, pitch: 64, velocity: 80 });
  s.endTick = 8 * 480;
  return s;
}

/** Energy of the difference between Σ stems and the mix, relative to the mix, dB. */
function stemSumErrorDb(r: RenderResult): number {
  const [L, R] = sumStems(r);
  const mix = parseWav(r.mix);
  let err = 0, sig = 0;
  for (let i = 0; i < mix.frames; i++) {
    err += (L[i] - mix.data[0][i]) ** 2 + (R[i] - mix.data[1][i]) ** 2;
    sig += mix.data[0][i] ** 2 + mix.data[1][i] ** 2;
  }
  return 10 * Math.log10(err / sig);
}

function peakAfter(data: Float32Array[], from: number): number {
  let p = 0;
  for (const ch of data) for (let i = from; i < ch.length; i++) p = Math.max(p, Math.abs(ch[i]));
  return p;
}

function sumStems(r: RenderResult): [Float32Array, Float32Array] {
  const mix = parseWav(r.mix);
  const L = new Float32Array(mix.frames), R = new Float32Array(mix.frames);
  for (const s of r.stems) {
    const w = parseWav(s.wav);
    expect(w.frames).toBe(mix.frames);
    for (let i = 0; i < w.frames; i++) { L[i] += w.data[0][i]; R[i] += w.data[1][i]; }
  }
  return [L, R];
}

describe('renderToWav (score → mastered WAV + stems)', () => {
  let withStems: RenderResult; // default: 'shared' stem effects (dry stems + fx return)
  let baked: RenderResult;
  beforeAll(async () => {
    withStems = await renderToWav({ score: tinyScore() }, { stems: true });
    baked = await renderToWav({ score: tinyScore() }, { stems: true, stemEffects: 'baked' });
  }, 60_000);

  it('writes a parseable stereo WAV of the piece plus its reverb tail', () => {
    const w = parseWav(withStems.mix);
    expect(w.sampleRate).toBe(44100);
    expect(w.channels).toBe(2);
    expect(w.bitDepth).toBe(24);
    const seconds = w.frames / w.sampleRate;
    expect(seconds).toBeGreaterThan(4); // 2 bars at 120 BPM
    expect(seconds).toBeLessThanOrEqual(4 + 4 + 0.01); // at most the 4 s tail cap
    expect(withStems.stats.contentSec).toBeCloseTo(4, 2);
    expect(withStems.stats.durationSec).toBeCloseTo(seconds, 3);
  });

  it('is not silent, meets −16 LUFS ±0.5 and keeps every sample and the true peak ≤ −1 dBFS/dBTP', () => {
    const w = parseWav(withStems.mix);
    const m = measureLoudness(w.data[0], w.data[1], w.sampleRate);
    expect(Math.abs(m.integratedLufs - -16)).toBeLessThan(0.5);
    expect(m.truePeakDb).toBeLessThanOrEqual(-1);
    expect(m.samplePeakDb).toBeLessThanOrEqual(-1);
    expect(Math.abs(withStems.stats.integratedLufs - m.integratedLufs)).toBeLessThan(0.05);
    // Sound in the first beat (the bass and kick start at 0).
    let early = 0;
    for (let i = 0; i < 22050; i++) early = Math.max(early, Math.abs(w.data[0][i]));
    expect(early).toBeGreaterThan(0.01);
  });

  it('shared mode: one dry stem per channel by role, unique, plus the fx return, and they sum to the mix', () => {
    expect(withStems.stems.map((s) => s.name)).toEqual(['melody', 'bass', 'melody-2', 'percussion', 'fx']);
    expect(withStems.stems.map((s) => s.channel)).toEqual([0, 1, 2, 9, -1]);
    expect(stemSumErrorDb(withStems)).toBeLessThan(-80); // only 24-bit rounding differs
  });

  it('shared mode: channel stems are dry (no reverb tail) and the fx stem carries the reverb', () => {
    const tailFrom = Math.round(5.5 * 44100); // content ends at 4 s; releases are over by 5.5 s, reverb is not
    const mixFrames = parseWav(withStems.mix).frames;
    expect(mixFrames).toBeGreaterThan(tailFrom);
    const fx = parseWav(withStems.stems.find((s) => s.name === 'fx')!.wav);
    expect(peakAfter(fx.data, 0)).toBeGreaterThan(0.005);
    expect(peakAfter(fx.data, tailFrom)).toBeGreaterThan(1e-4);
    for (const st of withStems.stems.filter((s) => s.name !== 'fx')) expect(peakAfter(parseWav(st.wav).data, tailFrom)).toBeLessThan(1e-5);
  });

  it('baked mode: one self-contained stem per channel (own reverb tail, no fx stem); they sum to the mix, which matches shared', () => {
    expect(baked.stems.map((s) => s.name)).toEqual(['melody', 'bass', 'melody-2', 'percussion']);
    expect(stemSumErrorDb(baked)).toBeLessThan(-80);
    const flute = parseWav(baked.stems[0].wav);
    expect(peakAfter(flute.data, Math.round(5.5 * 44100))).toBeGreaterThan(1e-5); // its own reverb tail
    const a = parseWav(baked.mix), b = parseWav(withStems.mix);
    let err = 0, sig = 0;
    for (let i = 0; i < Math.min(a.frames, b.frames); i++) {
      err += (a.data[0][i] - b.data[0][i]) ** 2;
      sig += b.data[0][i] ** 2;
    }
    expect(10 * Math.log10(err / sig)).toBeLessThan(-60); // same music either way
  });

  it('a mix-only render is byte-deterministic and equals the sum of per-channel renders (linear effects, no voice stealing)', async () => {
    const mixOnly = await renderToWav({ score: tinyScore() }, { stems: false });
    const again = await renderToWav({ score: tinyScore() }, { stems: false });
    expect(Buffer.from(again.mix).equals(Buffer.from(mixOnly.mix))).toBe(true); // deterministic to the byte
    const a = parseWav(mixOnly.mix), b = parseWav(withStems.mix);
    const n = Math.min(a.frames, b.frames);
    expect(Math.abs(a.frames - b.frames)).toBeLessThan(0.2 * 44100);
    let err = 0, sig = 0;
    for (let i = 0; i < n; i++) {
      err += (a.data[0][i] - b.data[0][i]) ** 2;
      sig += b.data[0][i] ** 2;
    }
    expect(10 * Math.log10(err / sig)).toBeLessThan(-60);
  }, 60_000);

  it('writes mix and stems atomically to disk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lm-render-'));
    const paths = writeRender(withStems, { out: join(dir, 'mix.wav'), stemsDir: join(dir, 'stems') });
    expect(paths).toHaveLength(6);
    expect(existsSync(join(dir, 'stems', 'fx.wav'))).toBe(true);
    expect(existsSync(join(dir, 'stems', 'percussion.wav'))).toBe(true);
    expect(parseWav(new Uint8Array(readFileSync(join(dir, 'mix.wav')))).frames).toBe(parseWav(withStems.mix).frames);
  });
});

describe('renderToWav (MIDI input, options, errors)', () => {
  it('renders SMF bytes at 48 kHz with track-named stems and loudness normalisation off', async () => {
    const r = await renderToWav({ midi: scoreToMidi(tinyScore()) }, { sampleRate: 48000, lufs: null, stems: true, stemNaming: 'track', maxTailSeconds: 1 });
    const w = parseWav(r.mix);
    expect(w.sampleRate).toBe(48000);
    expect(w.frames / 48000).toBeGreaterThan(4);
    expect(w.frames / 48000).toBeLessThanOrEqual(5.01);
    expect(r.stats.gainDb).toBeLessThanOrEqual(0);
    expect(r.stats.truePeakDb).toBeLessThanOrEqual(-1);
    expect(r.stems.map((s) => s.name).sort()).toEqual(['bass', 'flute', 'fx', 'kit', 'oboe']);
  }, 60_000);

  it('rejects a corrupt or missing SoundFont with LM_ERR_SOUNDFONT_INVALID', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lm-sf-'));
    const bad = join(dir, 'bad.sf2');
    writeFileSync(bad, Buffer.concat([Buffer.from('RIFF\x10\x00\x00\x00sfbkLIST'), Buffer.alloc(300, 7)]));
    for (const soundfont of [bad, join(dir, 'missing.sf3')]) {
      const err = await renderToWav({ score: tinyScore() }, { soundfont }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(LeitmotifError);
      expect((err as LeitmotifError).code).toBe('LM_ERR_SOUNDFONT_INVALID');
    }
  });

  it('rejects corrupt MIDI with LM_ERR_MIDI_CORRUPT and bad options with LM_ERR_BAD_OPTION', async () => {
    const e1 = await renderToWav({ midi: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]) }).catch((e: unknown) => e);
    expect((e1 as LeitmotifError).code).toBe('LM_ERR_MIDI_CORRUPT');
    const e2 = await renderToWav({ score: tinyScore() }, { sampleRate: 1234 as 44100 }).catch((e: unknown) => e);
    expect((e2 as LeitmotifError).code).toBe('LM_ERR_BAD_OPTION');
    const e3 = await renderToWav({ score: tinyScore() }, { stems: true, stemEffects: 'wet' as 'baked' }).catch((e: unknown) => e);
    expect((e3 as LeitmotifError).code).toBe('LM_ERR_BAD_OPTION');
  });

  it('caches the parsed default bank', () => {
    expect(loadSoundBank()).toBe(loadSoundBank());
  });
});
