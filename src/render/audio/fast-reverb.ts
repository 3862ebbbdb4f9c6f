/**
 * purpose: a fast replacement for the inner loop of spessasynth_core's Dattorro plate reverb (its default reverb
 * for characters 0–5), which was the single largest cost of an offline render (≈ 40 % of CPU: every sample
 * goes through 12 delay lines stored as mixed arrays `[buffer, write, read, mask]` and accessed through method
 * calls, and two LFOs call Math.cos/Math.sin). This version keeps the same state objects, copies the hot state
 * into locals before the sample loop and writes it back after (the pattern spessasynth uses in render_voice),
 * runs the LFOs as rotating phasors, and sleeps through silence once the tail has decayed; the chorus gets the
 * same sleep (`sleepyChorus`). Output matches the original within 1e-7 (tests). The sample loop itself runs in
 * WebAssembly (wasm/reverb.wat, `wasmProcess`: ≈ 0.65× the CPU of the JavaScript loop, bit-identical to it, a
 * test); the JavaScript `fastProcess` stays as the fallback (no WebAssembly, sample rates above 96 kHz).
 *
 * It patches only an instance whose shape it recognises (12 delay lines, 14 taps); otherwise it does nothing and
 * the original code runs — a future spessasynth with a different reverb is never broken, just not accelerated.
 */
import type { SpessaSynthProcessor } from 'spessasynth_core';
import { WASM_BASE64 } from './wasm/reverb-wasm.js';
import { compileWasm } from './wasm/load.js';

type DelayLine = [Float32Array, number, number, number]; // buffer, write index, read index, mask

interface DattorroLike {
  preDelay: number;
  preLPF: number;
  inputDiffusion1: number;
  inputDiffusion2: number;
  decay: number;
  decayDiffusion1: number;
  decayDiffusion2: number;
  damping: number;
  excursionRate: number;
  excursionDepth: number;
  gain: number;
  sampleRate: number;
  lp1: number;
  lp2: number;
  lp3: number;
  excPhase: number;
  pDWrite: number;
  taps: Int16Array;
  pDelay: Float32Array;
  pDLength: number;
  delays: DelayLine[];
  process: (input: Float32Array, outL: Float32Array, outR: Float32Array, start: number, count: number) => void;
}

function isDattorro(x: unknown): x is DattorroLike {
  const d = x as DattorroLike;
  return (
    !!d &&
    typeof d.process === 'function' &&
    Array.isArray(d.delays) &&
    d.delays.length === 12 &&
    d.delays.every((l) => Array.isArray(l) && l[0] instanceof Float32Array && typeof l[1] === 'number') &&
    d.taps instanceof Int16Array &&
    d.taps.length === 14 &&
    d.pDelay instanceof Float32Array &&
    typeof d.pDLength === 'number'
  );
}

/** Cubic read at fractional offset `x` from read index `r` (same formula as the original readDelayCAt). */
function cubicAt(b: Float32Array, r: number, mask: number, x: number): number {
  const frac = x - ~~x;
  let i = ~~x + r - 1;
  const x0 = b[i++ & mask], x1 = b[i++ & mask], x2 = b[i++ & mask], x3 = b[i & mask];
  const a = (3 * (x1 - x2) - x0 + x3) / 2, bb = 2 * x2 + x0 - (5 * x1 + x3) / 2, c = (x2 - x0) / 2;
  return ((a * frac + bb) * frac + c) * frac + x1;
}

/**
 * Copy a block of input into the pre-delay ring (running index with a wrap test instead of a modulo per sample);
 * returns the ring's read index for the block's first sample.
 */
function writePreDelay(d: DattorroLike, input: Float32Array, sampleCount: number, pd: number): number {
  const pDelay = d.pDelay;
  const pDLength = d.pDLength;
  const blockStart = d.pDWrite;
  for (let j = 0, wi = blockStart; j < sampleCount; j++) {
    pDelay[wi] = input[j];
    if (++wi === pDLength) wi = 0;
  }
  return (((pDLength + blockStart - pd) % pDLength) + pDLength) % pDLength;
}

function fastProcess(this: DattorroLike, input: Float32Array, outputLeft: Float32Array, outputRight: Float32Array, startIndex: number, sampleCount: number): void {
  const pd = this.preDelay | 0;
  const fi = this.inputDiffusion1;
  const si = this.inputDiffusion2;
  const dc = this.decay;
  const ft = this.decayDiffusion1;
  const st = this.decayDiffusion2;
  const dp = 1 - this.damping;
  const ex = this.excursionRate / this.sampleRate;
  const ed = (this.excursionDepth * this.sampleRate) / 1e3;
  const preLPF = this.preLPF;
  const gain = this.gain;
  const pDelay = this.pDelay;
  const pDLength = this.pDLength;
  const blockStart = this.pDWrite;
  let pri = writePreDelay(this, input, sampleCount, pd);

  const D = this.delays;
  const b0 = D[0][0], b1 = D[1][0], b2 = D[2][0], b3 = D[3][0], b4 = D[4][0], b5 = D[5][0];
  const b6 = D[6][0], b7 = D[7][0], b8 = D[8][0], b9 = D[9][0], b10 = D[10][0], b11 = D[11][0];
  let w0 = D[0][1], w1 = D[1][1], w2 = D[2][1], w3 = D[3][1], w4 = D[4][1], w5 = D[5][1];
  let w6 = D[6][1], w7 = D[7][1], w8 = D[8][1], w9 = D[9][1], w10 = D[10][1], w11 = D[11][1];
  let r0 = D[0][2], r1 = D[1][2], r2 = D[2][2], r3 = D[3][2], r4 = D[4][2], r5 = D[5][2];
  let r6 = D[6][2], r7 = D[7][2], r8 = D[8][2], r9 = D[9][2], r10 = D[10][2], r11 = D[11][2];
  const m0 = D[0][3], m1 = D[1][3], m2 = D[2][3], m3 = D[3][3], m4 = D[4][3], m5 = D[5][3];
  const m6 = D[6][3], m7 = D[7][3], m8 = D[8][3], m9 = D[9][3], m10 = D[10][3], m11 = D[11][3];
  const T = this.taps;
  const t0 = T[0], t1 = T[1], t2 = T[2], t3 = T[3], t4 = T[4], t5 = T[5], t6 = T[6];
  const t7 = T[7], t8 = T[8], t9 = T[9], t10 = T[10], t11 = T[11], t12 = T[12], t13 = T[13];
  let lp1 = this.lp1, lp2 = this.lp2, lp3 = this.lp3, excPhase = this.excPhase;
  // The two ~1 Hz excursion LFOs, cos(6.28·phase) and sin(6.2847·phase), as rotating phasors re-seeded from the
  // phase at every block (a few ulps of drift over 128 samples) instead of Math.cos/Math.sin per sample.
  let c1 = Math.cos(excPhase * 6.28), s1 = Math.sin(excPhase * 6.28);
  let c2 = Math.cos(excPhase * 6.2847), s2 = Math.sin(excPhase * 6.2847);
  const cw1 = Math.cos(ex * 6.28), sw1 = Math.sin(ex * 6.28);
  const cw2 = Math.cos(ex * 6.2847), sw2 = Math.sin(ex * 6.2847);

  // Inlined for performance (each write returns the double value written, as the original's `a[i] = v` did).
  for (let i = 0; i < sampleCount; i++) {
    lp1 += preLPF * (pDelay[pri] - lp1);
    if (++pri === pDLength) pri = 0;
    let v = lp1 - fi * b0[r0];
    b0[w0] = v;
    let pre = v;
    v = fi * (pre - b1[r1]) + b0[r0];
    b1[w1] = v;
    pre = v;
    v = fi * pre + b1[r1] - si * b2[r2];
    b2[w2] = v;
    pre = v;
    v = si * (pre - b3[r3]) + b2[r2];
    b3[w3] = v;
    pre = v;
    const split = si * pre + b3[r3];
    const exc = ed * (1 + c1);
    const exc2 = ed * (1 + s2);
    const n1 = c1 * cw1 - s1 * sw1;
    s1 = s1 * cw1 + c1 * sw1;
    c1 = n1;
    const n2 = c2 * cw2 - s2 * sw2;
    s2 = s2 * cw2 + c2 * sw2;
    c2 = n2;
    const c4 = cubicAt(b4, r4, m4, exc);
    let temp = split + dc * b11[r11] + ft * c4;
    b4[w4] = temp;
    b5[w5] = c4 - ft * temp;
    lp2 += dp * (b5[r5] - lp2);
    temp = dc * lp2 - st * b6[r6];
    b6[w6] = temp;
    b7[w7] = b6[r6] + st * temp;
    const c8 = cubicAt(b8, r8, m8, exc2);
    temp = split + dc * b7[r7] + ft * c8;
    b8[w8] = temp;
    b9[w9] = c8 - ft * temp;
    lp3 += dp * (b9[r9] - lp3);
    temp = dc * lp3 - st * b10[r10];
    b10[w10] = temp;
    b11[w11] = b10[r10] + st * temp;
    const leftSample = b9[(r9 + t0) & m9] + b9[(r9 + t1) & m9] - b10[(r10 + t2) & m10] + b11[(r11 + t3) & m11] - b5[(r5 + t4) & m5] - b6[(r6 + t5) & m6] - b7[(r7 + t6) & m7];
    const idx = i + startIndex;
    outputLeft[idx] += leftSample * gain;
    const rightSample = b5[(r5 + t7) & m5] + b5[(r5 + t8) & m5] - b6[(r6 + t9) & m6] + b7[(r7 + t10) & m7] - b9[(r9 + t11) & m9] - b10[(r10 + t12) & m10] - b11[(r11 + t13) & m11];
    outputRight[idx] += rightSample * gain;
    excPhase += ex;
    w0 = (w0 + 1) & m0; r0 = (r0 + 1) & m0;
    w1 = (w1 + 1) & m1; r1 = (r1 + 1) & m1;
    w2 = (w2 + 1) & m2; r2 = (r2 + 1) & m2;
    w3 = (w3 + 1) & m3; r3 = (r3 + 1) & m3;
    w4 = (w4 + 1) & m4; r4 = (r4 + 1) & m4;
    w5 = (w5 + 1) & m5; r5 = (r5 + 1) & m5;
    w6 = (w6 + 1) & m6; r6 = (r6 + 1) & m6;
    w7 = (w7 + 1) & m7; r7 = (r7 + 1) & m7;
    w8 = (w8 + 1) & m8; r8 = (r8 + 1) & m8;
    w9 = (w9 + 1) & m9; r9 = (r9 + 1) & m9;
    w10 = (w10 + 1) & m10; r10 = (r10 + 1) & m10;
    w11 = (w11 + 1) & m11; r11 = (r11 + 1) & m11;
  }
  const W = [w0, w1, w2, w3, w4, w5, w6, w7, w8, w9, w10, w11];
  const R = [r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11];
  for (let k = 0; k < 12; k++) {
    D[k][1] = W[k];
    D[k][2] = R[k];
  }
  this.lp1 = lp1;
  this.lp2 = lp2;
  this.lp3 = lp3;
  this.excPhase = excPhase;
  this.pDWrite = (blockStart + sampleCount) % pDLength;
}

/** The WebAssembly sample loop of one reverb (wasm/reverb.wat): views of its state and output regions. */
interface ReverbKernel {
  f64: Float64Array;
  i32: Int32Array;
  outL: Float64Array;
  outR: Float64Array;
  maxFrames: number;
  run: (n: number) => void;
  /** The line with the largest ring: its read index is the counter c. */
  top: number;
  /** Each line's write offset from its read index (length − 1). */
  write: Int32Array;
  /** The excursion rate the phasor rotation in f64[18–21] was computed for. */
  ex: number;
}
interface KernelExports {
  memory: WebAssembly.Memory;
  layout: (k: number) => number;
  maxFrames: () => number;
  process: (n: number) => void;
}

let kernelModule: WebAssembly.Module | null | undefined;
/** The compiled module (once per process), or null where WebAssembly is missing or refuses it. */
function reverbModule(): WebAssembly.Module | null {
  if (kernelModule === undefined) {
    kernelModule = compileWasm(WASM_BASE64);
  }
  return kernelModule;
}

/**
 * Give a fresh reverb a kernel instance: its pre-delay ring and 12 delay lines become views of the kernel's
 * memory, each line a ring of the kernel's fixed size for it (≥ its own: the delay is write − read = length − 1,
 * whatever the ring size, and every tap lies within the length), all read indices one counter `c` modulo their
 * ring. The reverb's own code (and the sleep checks) work on the views unchanged. Null (nothing changed) when
 * the state is not fresh and silent, a line does not fit (sample rates above 96 kHz) or WebAssembly is missing.
 */
function attachKernel(d: DattorroLike): ReverbKernel | null {
  const mod = reverbModule();
  if (!mod) return null;
  if (maxAbs(d.pDelay) !== 0 || d.delays.some((l) => maxAbs(l[0]) !== 0)) return null;
  let ex: KernelExports;
  try {
    ex = new WebAssembly.Instance(mod, {}).exports as unknown as KernelExports;
  } catch {
    return null;
  }
  const PD = 12, END = 13;
  if (d.pDLength * 4 > ex.layout(0) - ex.layout(PD)) return null;
  const rings = d.delays.map((_, k) => (ex.layout(k === 11 ? END : k + 1) - ex.layout(k)) / 4);
  if (d.delays.some((l, k) => l[0].length > rings[k] || l[3] !== l[0].length - 1)) return null;
  const maxRing = Math.max(...rings);
  const top = rings.indexOf(maxRing);
  const c = d.delays[top][2];
  const buf = ex.memory.buffer;
  d.pDelay = new Float32Array(buf, ex.layout(PD), d.pDLength);
  const write = new Int32Array(12);
  d.delays.forEach((l, k) => {
    const length1 = (l[1] - l[2]) & l[3]; // write − read: the line's length − 1
    write[k] = length1;
    l[0] = new Float32Array(buf, ex.layout(k), rings[k]);
    l[3] = rings[k] - 1;
    l[2] = c & l[3];
    l[1] = (c + length1) & l[3];
  });
  const maxFrames = ex.maxFrames();
  const i32 = new Int32Array(buf, 256, 64);
  i32[1] = d.pDLength;
  for (let k = 0; k < 12; k++) i32[3 + k] = write[k];
  for (let j = 0; j < 14; j++) i32[15 + j] = d.taps[j];
  return { f64: new Float64Array(buf, 0, 32), i32, outL: new Float64Array(buf, 512, maxFrames), outR: new Float64Array(buf, 512 + 8 * maxFrames, maxFrames), maxFrames, run: ex.process, top, write, ex: NaN };
}

/**
 * fastProcess with its sample loop in WebAssembly: the same block set-up here (parameters, pre-delay input,
 * phasor seeds), the loop in the kernel, which returns each sample's left and right contribution as f64 for
 * this to add to the Float32 outputs — the same single rounding per output sample. Bit-identical (a test).
 */
function wasmProcess(this: DattorroLike & { lmKernel: ReverbKernel }, input: Float32Array, outputLeft: Float32Array, outputRight: Float32Array, startIndex: number, sampleCount: number): void {
  const K = this.lmKernel;
  const D = this.delays;
  const top = D[K.top];
  if (sampleCount > K.maxFrames) {
    // Only the counter line's indices are kept up to date here (the others follow from it): set them all first.
    for (let k = 0; k < 12; k++) {
      D[k][2] = top[2] & D[k][3];
      D[k][1] = (top[2] + K.write[k]) & D[k][3];
    }
    fastProcess.call(this, input, outputLeft, outputRight, startIndex, sampleCount);
    return;
  }
  const ex = this.excursionRate / this.sampleRate;
  const F = K.f64;
  if (ex !== K.ex) {
    // The phasors' per-sample rotation: constant while the excursion rate is.
    K.ex = ex;
    F[18] = Math.cos(ex * 6.28);
    F[19] = Math.sin(ex * 6.28);
    F[20] = Math.cos(ex * 6.2847);
    F[21] = Math.sin(ex * 6.2847);
  }
  F[0] = this.inputDiffusion1;
  F[1] = this.inputDiffusion2;
  F[2] = this.decay;
  F[3] = this.decayDiffusion1;
  F[4] = this.decayDiffusion2;
  F[5] = 1 - this.damping;
  F[6] = ex;
  F[7] = (this.excursionDepth * this.sampleRate) / 1e3;
  F[8] = this.preLPF;
  F[9] = this.gain;
  F[10] = this.lp1;
  F[11] = this.lp2;
  F[12] = this.lp3;
  const excPhase = this.excPhase;
  F[13] = excPhase;
  F[14] = Math.cos(excPhase * 6.28);
  F[15] = Math.sin(excPhase * 6.28);
  F[16] = Math.cos(excPhase * 6.2847);
  F[17] = Math.sin(excPhase * 6.2847);
  const I = K.i32; // pre-delay length, write offsets and taps were set once (attachKernel)
  I[0] = writePreDelay(this, input, sampleCount, this.preDelay | 0);
  I[2] = top[2];
  K.run(sampleCount);
  const oL = K.outL, oR = K.outR;
  for (let i = 0; i < sampleCount; i++) {
    outputLeft[i + startIndex] += oL[i];
    outputRight[i + startIndex] += oR[i];
  }
  this.lp1 = F[10];
  this.lp2 = F[11];
  this.lp3 = F[12];
  this.excPhase = F[13];
  top[1] = (top[1] + sampleCount) & top[3];
  top[2] = (top[2] + sampleCount) & top[3];
  this.pDWrite = (this.pDWrite + sampleCount) % this.pDLength;
}

/**
 * Below this, state left in an effect is zeroed and the effect sleeps: its output from such a state stays under
 * ~1e-9 (−180 dBFS), far below 24-bit resolution (6e-8); a test bounds the difference by 1e-7.
 */
const DECAYED = 1e-10;

interface Sleep {
  /** The sample loop: wasmProcess, or fastProcess where the kernel is unavailable. */
  lmInner: ProcessFn;
  lmDormant: boolean;
  lmQuiet: number;
  lmChecked: number;
}

function allZero(x: Float32Array, count: number): boolean {
  for (let i = 0; i < count; i++) if (x[i] !== 0) return false;
  return true;
}

function maxAbs(x: Float32Array): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v > m) m = v;
    else if (-v > m) m = -v;
  }
  return m;
}

/**
 * The reverb, sleeping through silence: once its input has been zero for longer than the pre-delay and every
 * delay line, filter state and the pre-delay buffer are below DECAYED, the state is cleared and blocks of zero
 * input are skipped (only the read/write positions and the LFO phase advance, exactly as processing would) until
 * a non-zero input sample arrives.
 */
function sleepyReverb(this: DattorroLike & Sleep, input: Float32Array, outputLeft: Float32Array, outputRight: Float32Array, startIndex: number, sampleCount: number): void {
  if (!allZero(input, sampleCount)) {
    this.lmDormant = false;
    this.lmQuiet = 0;
    this.lmChecked = 0;
    this.lmInner(input, outputLeft, outputRight, startIndex, sampleCount);
    return;
  }
  if (this.lmDormant) {
    this.pDWrite = (this.pDWrite + sampleCount) % this.pDLength;
    for (const l of this.delays) {
      l[1] = (l[1] + sampleCount) & l[3];
      l[2] = (l[2] + sampleCount) & l[3];
    }
    const ex = this.excursionRate / this.sampleRate;
    let p = this.excPhase;
    for (let i = 0; i < sampleCount; i++) p += ex;
    this.excPhase = p;
    return;
  }
  this.lmInner(input, outputLeft, outputRight, startIndex, sampleCount);
  this.lmQuiet += sampleCount;
  if (this.lmQuiet < this.pDLength || this.lmQuiet - this.lmChecked < 8192) return;
  this.lmChecked = this.lmQuiet;
  if (Math.abs(this.lp1) >= DECAYED || Math.abs(this.lp2) >= DECAYED || Math.abs(this.lp3) >= DECAYED) return;
  if (maxAbs(this.pDelay) >= DECAYED) return;
  for (const l of this.delays) if (maxAbs(l[0]) >= DECAYED) return;
  for (const l of this.delays) l[0].fill(0);
  this.pDelay.fill(0);
  this.lp1 = this.lp2 = this.lp3 = 0;
  this.lmDormant = true;
}

type ProcessFn = DattorroLike['process'];

/**
 * Replace the synth's Dattorro inner loop with the fast, silence-skipping one: its sample loop in WebAssembly
 * (wasmProcess; `wasm: false` or no WebAssembly: the JavaScript fastProcess, same output bit for bit).
 * Returns whether it was patched.
 */
export function accelerateReverb(synth: SpessaSynthProcessor, opts: { sleep?: boolean; wasm?: boolean } = {}): boolean {
  const rev = synth.reverbProcessor as unknown as { dattorro?: unknown };
  const d = rev?.dattorro;
  if (!isDattorro(d)) return false;
  const kernel = opts.wasm === false ? null : attachKernel(d);
  const inner: ProcessFn = kernel ? wasmProcess : fastProcess;
  if (kernel) Object.assign(d, { lmKernel: kernel });
  if (opts.sleep === false) {
    d.process = inner;
    return true;
  }
  Object.assign(d, { lmInner: inner, lmDormant: false, lmQuiet: 0, lmChecked: 0 });
  d.process = sleepyReverb;
  return true;
}

interface ChorusLike {
  leftDelayBuffer: Float32Array;
  rightDelayBuffer: Float32Array;
  phase: number;
  write: number;
  rateInc: number;
  preLPFz: number;
  process: (input: Float32Array, outL: Float32Array, outR: Float32Array, outRev: Float32Array, outDelay: Float32Array, start: number, count: number) => void;
}

function isChorus(x: unknown): x is ChorusLike {
  const c = x as ChorusLike;
  return (
    !!c &&
    typeof c.process === 'function' &&
    c.leftDelayBuffer instanceof Float32Array &&
    c.rightDelayBuffer instanceof Float32Array &&
    c.leftDelayBuffer.length === c.rightDelayBuffer.length &&
    typeof c.phase === 'number' &&
    typeof c.write === 'number' &&
    typeof c.rateInc === 'number' &&
    typeof c.preLPFz === 'number'
  );
}

/**
 * The chorus, sleeping through silence (in most scores no channel sends to it at all): while its input is zero
 * and its delay buffers and pre-filter are below DECAYED (checked once per buffer length of silence; a fresh
 * chorus is all zeros), a block only advances the write position and the LFO phase, exactly as processing
 * would. Returns whether it was patched.
 */
export function sleepyChorus(synth: SpessaSynthProcessor): boolean {
  const c = synth.chorusProcessor as unknown;
  if (!isChorus(c)) return false;
  const original = c.process;
  const len = c.leftDelayBuffer.length;
  const decayed = () => Math.abs(c.preLPFz) < DECAYED && maxAbs(c.leftDelayBuffer) < DECAYED && maxAbs(c.rightDelayBuffer) < DECAYED;
  let dormant = decayed();
  let quiet = 0, checked = 0;
  c.process = function (input, outL, outR, outRev, outDelay, start, count) {
    if (!allZero(input, count)) {
      dormant = false;
      quiet = checked = 0;
      original.call(this, input, outL, outR, outRev, outDelay, start, count);
      return;
    }
    if (dormant) {
      let phase = c.phase;
      const inc = c.rateInc;
      for (let i = 0; i < count; i++) if ((phase += inc) >= 1) phase -= 1;
      c.phase = phase;
      c.write = (c.write + count) % len;
      return;
    }
    original.call(this, input, outL, outR, outRev, outDelay, start, count);
    quiet += count;
    if (quiet < len || quiet - checked < len) return;
    checked = quiet;
    if (!decayed()) return;
    c.leftDelayBuffer.fill(0);
    c.rightDelayBuffer.fill(0);
    c.preLPFz = 0;
    dormant = true;
  };
  return true;
}
