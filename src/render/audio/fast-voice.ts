/**
 * purpose: an optional, output-identical fast path for spessasynth_core's Hermite wavetable oscillator (its default
 * interpolation and, with renderVoice, the hottest loop of a render). The original handles the loop wrap of
 * every one of the four interpolation points with a `while` per point per sample; here the wrap checks run only
 * for the few samples whose window actually reaches the loop end, so every other sample is four plain reads.
 * Same arithmetic in the same order ⇒ the same output to the bit (a test compares it with the original).
 *
 * NOT enabled by default: it replaces a method of spessasynth's (unexported) HermiteOscillator class for the
 * whole process, found through a synth's voice pool. Call `accelerateHermite(synth)` to opt in; it patches only a
 * prototype whose shape it recognises and returns whether it did.
 */
import type { SpessaSynthProcessor } from 'spessasynth_core';

interface OscillatorLike {
  cursor: number;
  playbackStep: number;
  sampleData: Float32Array;
  loopEnd: number;
  loopLength: number;
  end: number;
  isLooping: boolean;
  process: (sampleCount: number, tuningRatio: number, outputBuffer: Float32Array) => boolean;
}

function fastHermite(this: OscillatorLike, sampleCount: number, tuningRatio: number, outputBuffer: Float32Array): boolean {
  const step = tuningRatio * this.playbackStep;
  const sampleData = this.sampleData;
  const { loopEnd, loopLength, end } = this;
  let cursor = this.cursor;
  if (this.isLooping) {
    for (let i = 0; i < sampleCount; i++) {
      while (cursor >= loopEnd) cursor -= loopLength;
      const y0 = cursor | 0;
      const t = cursor - y0;
      let xm1: number, x0: number, x1: number, x2: number;
      if (y0 + 3 < loopEnd) {
        xm1 = sampleData[y0];
        x0 = sampleData[y0 + 1];
        x1 = sampleData[y0 + 2];
        x2 = sampleData[y0 + 3];
      } else {
        let y1 = y0 + 1, y2 = y0 + 2, y3 = y0 + 3;
        while (y1 >= loopEnd) y1 -= loopLength;
        while (y2 >= loopEnd) y2 -= loopLength;
        while (y3 >= loopEnd) y3 -= loopLength;
        xm1 = sampleData[y0];
        x0 = sampleData[y1];
        x1 = sampleData[y2];
        x2 = sampleData[y3];
      }
      const c = (x1 - xm1) * 0.5;
      const v = x0 - x1;
      const w = c + v;
      const a = w + v + (x2 - x0) * 0.5;
      const b = w + a;
      outputBuffer[i] = ((a * t - b) * t + c) * t + x0;
      cursor += step;
    }
  } else {
    // Not looping: the original loop, with the end check hoisted out of all but the last samples.
    let i = 0;
    const safe = Math.min(sampleCount, Math.max(0, Math.floor((end - 4 - cursor) / step)));
    for (; i < safe; i++) {
      const y0 = cursor | 0;
      const t = cursor - y0;
      const xm1 = sampleData[y0], x0 = sampleData[y0 + 1], x1 = sampleData[y0 + 2], x2 = sampleData[y0 + 3];
      const c = (x1 - xm1) * 0.5;
      const v = x0 - x1;
      const w = c + v;
      const a = w + v + (x2 - x0) * 0.5;
      const b = w + a;
      outputBuffer[i] = ((a * t - b) * t + c) * t + x0;
      cursor += step;
    }
    for (; i < sampleCount; i++) {
      const y0 = cursor | 0;
      const t = cursor - y0;
      if (y0 + 3 >= end) {
        outputBuffer.fill(0, i, sampleCount);
        return false; // as the original: the voice ends here, its cursor is left as it was
      }
      const xm1 = sampleData[y0], x0 = sampleData[y0 + 1], x1 = sampleData[y0 + 2], x2 = sampleData[y0 + 3];
      const c = (x1 - xm1) * 0.5;
      const v = x0 - x1;
      const w = c + v;
      const a = w + v + (x2 - x0) * 0.5;
      const b = w + a;
      outputBuffer[i] = ((a * t - b) * t + c) * t + x0;
      cursor += step;
    }
  }
  this.cursor = cursor;
  return true;
}

let patched = false;

/** Opt in to the fast Hermite oscillator for every synth of this process. Returns whether it is active. */
export function accelerateHermite(synth: SpessaSynthProcessor): boolean {
  if (patched) return true;
  const core = (synth as unknown as { synthCore?: { voices?: Array<{ oscillators?: unknown[] }> } }).synthCore;
  const osc = core?.voices?.[0]?.oscillators?.[2] as OscillatorLike | undefined;
  if (!osc || typeof osc.process !== 'function' || osc.constructor?.name !== 'HermiteOscillator') return false;
  const proto = Object.getPrototypeOf(osc) as OscillatorLike;
  if (!('cursor' in osc) || !('loopEnd' in osc) || !('isLooping' in osc)) return false;
  proto.process = fastHermite;
  patched = true;
  return true;
}
