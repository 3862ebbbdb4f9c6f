import { describe, it, expect } from 'vitest';
import { SpessaSynthProcessor, type MIDIController } from 'spessasynth_core';
import { accelerateVoices, inaudibleVoicesEnded } from './fast-voice.js';
import { trimVoicePool, START_VOICES } from './synth-engine.js';
import { loadSoundBank } from './soundfont.js';
import { Rng } from '../../util/rng.js';

const SR = 44100;
const N = 128;

async function synth(fast: boolean, inaudibleDb: number | null = null, exact = true): Promise<SpessaSynthProcessor> {
  const s = new SpessaSynthProcessor(SR, { eventsEnabled: false, effectsEnabled: true, maxBufferSize: N });
  s.soundBankManager.addSoundBank(loadSoundBank(), 'main');
  await s.processorInitialized;
  s.setSystemParameter('autoAllocateVoices', true);
  if (fast) expect(accelerateVoices(s, { inaudibleDb, exact })).toBe(16);
  return s;
}

/**
 * A busy 8-second passage that reaches every branch of the voice renderer: looped sustains (strings, choir,
 * organ) and one-shot samples that end mid-block (piano, pizzicato, drums), releases, vibrato (mod wheel),
 * filter movement (CC74 brightness, velocity), pitch bend, portamento, pan and volume changes, reverb and chorus
 * sends, odd block lengths, and voices stopped mid-note.
 */
async function play(s: SpessaSynthProcessor, split: boolean): Promise<Float32Array[]> {
  const rng = new Rng(11);
  const programs = [48, 0, 52, 45, 73, 19, 33, 61];
  programs.forEach((p, ch) => {
    s.programChange(ch, p);
    s.controllerChange(ch, 91 as MIDIController, ch === 2 ? 0 : 20 + ch * 12); // channel 2 dry only
    s.controllerChange(ch, 93 as MIDIController, ch % 2 ? 60 : 0);
    s.controllerChange(ch, 10 as MIDIController, ch * 16);
  });
  s.controllerChange(7, 65 as MIDIController, 127); // portamento on for the horn
  s.controllerChange(7, 5 as MIDIController, 30);
  const blocks = Math.round((8 * SR) / N);
  const out = [new Float32Array(blocks * N), new Float32Array(blocks * N)];
  const dry = Array.from({ length: 16 }, () => [new Float32Array(N), new Float32Array(N)]);
  const fxL = new Float32Array(N), fxR = new Float32Array(N);
  let pos = 0;
  for (let b = 0; b < blocks; b++) {
    if (b % 9 === 0) {
      const ch = rng.int(0, 7);
      const note = rng.int(40, 84);
      s.noteOn(ch, note, rng.int(20, 127));
      if (rng.next() < 0.3) s.noteOn(9, [36, 38, 42, 46, 49][rng.int(0, 4)], rng.int(40, 127));
    }
    if (b % 13 === 5) for (let ch = 0; ch < 8; ch++) s.noteOff(ch, rng.int(40, 84));
    if (b % 17 === 3) s.controllerChange(rng.int(0, 7), 1 as MIDIController, rng.int(0, 127));
    if (b % 19 === 7) s.controllerChange(rng.int(0, 7), 74 as MIDIController, rng.int(0, 127));
    if (b % 23 === 2) s.pitchWheel(rng.int(0, 7), rng.int(0, 16383));
    if (b % 29 === 4) s.controllerChange(rng.int(0, 7), 7 as MIDIController, rng.int(30, 127));
    if (b === Math.round(blocks * 0.7)) s.stopAllChannels(false);
    const n = b % 5 === 0 ? 77 : N; // blocks shortened by an event, as the engine does
    if (split) {
      s.processSplit(dry, fxL, fxR, 0, n);
      for (const [l, r] of dry) for (let i = 0; i < n; i++) { out[0][pos + i] += l[i]; out[1][pos + i] += r[i]; l[i] = 0; r[i] = 0; }
      for (let i = 0; i < n; i++) { out[0][pos + i] += fxL[i]; out[1][pos + i] += fxR[i]; fxL[i] = 0; fxR[i] = 0; }
    } else s.process(out[0], out[1], pos, n);
    pos += n;
  }
  return out.map((x) => x.subarray(0, pos));
}

function firstDifference(a: Float32Array, b: Float32Array): number {
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i]) && a[i] !== b[i]) return i;
  return -1;
}

describe('fused voice renderer', () => {
  for (const split of [false, true]) {
    it(`renders bit-identically to spessasynth_core's own renderVoice (${split ? 'processSplit, per-channel outputs' : 'process, one stereo mix'})`, async () => {
      const ref = await play(await synth(false), split);
      const fast = await play(await synth(true), split);
      let energy = 0;
      for (const v of ref[0]) energy += v * v;
      expect(energy).toBeGreaterThan(1); // the passage really sounded
      expect(firstDifference(fast[0], ref[0])).toBe(-1);
      expect(firstDifference(fast[1], ref[1])).toBe(-1);
    }, 60_000);
  }
});

describe('voices summed per block into mono buses (the default)', () => {
  for (const split of [false, true]) {
    it(`differs from spessasynth's own arithmetic by rounding only (${split ? 'processSplit, per-channel outputs' : 'process, one stereo mix'})`, async () => {
      const ref = await play(await synth(false), split);
      const summed = await play(await synth(true, null, false), split);
      let peak = 0, maxDiff = 0;
      for (let c = 0; c < 2; c++) {
        for (let i = 0; i < ref[c].length; i++) {
          peak = Math.max(peak, Math.abs(ref[c][i]));
          maxDiff = Math.max(maxDiff, Math.abs(summed[c][i] - ref[c][i]));
        }
      }
      expect(peak).toBeGreaterThan(0.05); // the passage really sounded
      expect(firstDifference(summed[0], ref[0])).not.toBe(-1); // really the summed path, not the exact one
      // A bus flushed after the reverb had read its input, or a voice lost or added twice, would differ by a
      // whole block of signal (tens of dB above this); float rounding stays below −120 dB re peak.
      expect(20 * Math.log10(maxDiff / peak)).toBeLessThan(-120);
    }, 60_000);
  }
});

describe('ending releasing voices below audibility (the default −100 dBFS)', () => {
  for (const split of [false, true]) {
    it(`differs from playing them out by less than −100 dBFS at any sample (${split ? 'processSplit' : 'process'})`, async () => {
      const ref = await play(await synth(true, null), split);
      const before = inaudibleVoicesEnded();
      const cut = await play(await synth(true, -100), split);
      expect(inaudibleVoicesEnded() - before).toBeGreaterThan(20); // voices really were ended early
      let maxDiff = 0, diffEnergy = 0;
      for (let c = 0; c < 2; c++) {
        for (let i = 0; i < ref[c].length; i++) {
          const d = cut[c][i] - ref[c][i];
          maxDiff = Math.max(maxDiff, Math.abs(d));
          diffEnergy += d * d;
        }
      }
      // Every ended voice was under −100 dBFS; a few of them overlap, and the reverb and filter tails they no
      // longer feed were quieter still: the null-test residual stays below −100 dBFS peak, −120 dBFS RMS.
      expect(20 * Math.log10(maxDiff)).toBeLessThan(-100);
      expect(10 * Math.log10(diffEnergy / (2 * ref[0].length))).toBeLessThan(-120);
    }, 60_000);
  }
});

describe('small growing voice pool (synth-engine trimVoicePool)', () => {
  it('renders bit-identically to the 350-voice pool when far more than 48 voices sound at once', async () => {
    const outs: Float32Array[][] = [];
    let grown = 0;
    for (const trim of [false, true]) {
      const s = await synth(true);
      if (trim) trimVoicePool(s);
      const blocks = 400;
      const out = [new Float32Array(blocks * N), new Float32Array(blocks * N)];
      s.programChange(0, 48); // strings: long looped voices, two samples per note
      s.programChange(1, 0);
      for (let b = 0; b < blocks; b++) {
        if (b < 100 && b % 2 === 0) s.noteOn(b % 4 < 2 ? 0 : 1, 30 + (b % 60), 100); // 50 notes held, ~100 voices
        if (b === 250) s.stopAllChannels(false);
        if (b === 300) for (let k = 0; k < 60; k++) s.noteOn(1, 36 + k, 90); // a second wave into the grown pool
        s.process(out[0], out[1], b * N, N);
      }
      if (trim) grown = (s as unknown as { synthCore: { voices: unknown[] } }).synthCore.voices.length;
      outs.push(out);
    }
    expect(grown).toBeGreaterThan(START_VOICES + 20); // the pool really grew
    expect(firstDifference(outs[1][0], outs[0][0])).toBe(-1);
    expect(firstDifference(outs[1][1], outs[0][1])).toBe(-1);
  }, 60_000);
});
