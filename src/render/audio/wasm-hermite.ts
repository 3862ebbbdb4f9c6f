/**
 * purpose: the WebAssembly SIMD kernel of the summed-voice path (wasm/hermite.wat) and the memory it works in:
 * the Hermite oscillator and the bus panner. Each sample's data is copied into the kernel's memory once, on first
 * use (keyed by its Float32Array, which spessasynth never changes after decoding), after the output block, the
 * voice buses and the staging pairs. One instance per thread, shared by every synth in it. In V8 the oscillator
 * takes about half the time of the JavaScript loop per sample (bench: 4.3 vs 8–13 ns).
 */
import { WASM_BASE64 } from './wasm/hermite-wasm.js';
import { compileWasm } from './wasm/load.js';

/** Floats of the output block at byte 0 (more than a render block: spessasynth's is 128). */
export const OUT_FLOATS = 1024;
/** Voice buses (f64 × OUT_FLOATS each) in the kernel's memory; a block with more sums the rest in JavaScript arrays. */
export const MAX_BUSES = 96;
/** Output pairs staged per block: processSplit's 16 channel pairs, and one to spare. */
export const MAX_STAGES = 17;
/** The filter state `filterSum` passes to `filt` (x1, x2, y1, y2 as f64). */
const STATE_AT = OUT_FLOATS * 4;
const BUS_BASE = STATE_AT + 64;
const BUS_BYTES = OUT_FLOATS * 8;
const STAGE_BASE = BUS_BASE + MAX_BUSES * BUS_BYTES;
/** A staging pair: left then right, f64 × OUT_FLOATS each. */
const STAGE_BYTES = 2 * OUT_FLOATS * 8;
const REV_BASE = STAGE_BASE + MAX_STAGES * STAGE_BYTES;
const FIRST_SAMPLE = REV_BASE + OUT_FLOATS * 8;
/** The most sample data placed in the kernel's memory; samples beyond it use the JavaScript loop. */
const MAX_BYTES = 1 << 30;
const PAGE = 65536;
/** Byte distance from a staging pair's left half to its right half. */
export const STAGE_RIGHT = OUT_FLOATS * 8;

export interface HermiteKernel {
  /** hermite.wat: f32 out[i] for i < n & ~3 at byte offset `out`, from the sample at byte offset `src`; the cursor after. */
  hermite(src: number, cursor: number, step: number, out: number, n: number): number;
  /**
   * hermite.wat `pan`: the f64 bus at byte offset `sum` (n samples) into staging pair `l`/`r` and the reverb
   * staging `rev` with gains gl, gr, g (g = 0: no send); clears the bus.
   */
  pan(sum: number, n: number, gl: number, gr: number, g: number, l: number, r: number, rev: number): void;
  /**
   * The voice's low-pass and gain ramp (hermite.wat `filt`, the same float64 operations as fast-voice.ts
   * filterSum) from the output block into the bus at byte offset `sumAt`; reads and updates the filter's state.
   */
  filterSum(f: BiquadState, gain: number, gainInc: number, sumAt: number, n: number): void;
  /** The gain ramp alone (hermite.wat `gsum`), for a voice whose filter is open. */
  gainSum(gain: number, gainInc: number, sumAt: number, n: number): void;
  /** The output block as float32 — fetch it after `place`, which may grow the memory (a new buffer). */
  out: Float32Array;
  /** The whole memory as float64 (renewed with `out`): buses and staging, indexed by byte offset / 8. */
  f64: Float64Array;
  /** Byte offset of voice bus `k` (< MAX_BUSES), of staging pair `k`'s left half (< MAX_STAGES; right: + STAGE_RIGHT), of the reverb staging. */
  busAt(k: number): number;
  stageAt(k: number): number;
  readonly revAt: number;
  /** Byte offset of a sample's data in the kernel's memory (copied in on first use); −1 when it does not fit. */
  place(data: Float32Array): number;
}

/** A biquad's coefficients and state, as spessasynth's LowpassFilter holds them. */
export interface BiquadState {
  a0: number; a1: number; a2: number; a3: number; a4: number;
  x1: number; x2: number; y1: number; y2: number;
}

let kernel: HermiteKernel | null | undefined;

/**
 * The thread's kernel, or null where WebAssembly SIMD is unavailable.
 *
 * @example
 *   const k = hermiteKernel();
 *   if (k) { const src = k.place(sample); const next = k.hermite(src, cursor, step, 0, 128); k.out[0]; }
 */
export function hermiteKernel(): HermiteKernel | null {
  if (kernel !== undefined) return kernel;
  const mod = compileWasm(WASM_BASE64);
  if (!mod) return (kernel = null);
  type Filt = (buf: number, sum: number, n: number, a0: number, a1: number, a2: number, a3: number, a4: number, st: number, g: number, inc: number) => void;
  type Gsum = (buf: number, sum: number, n: number, g: number, inc: number) => void;
  let ex: { memory: WebAssembly.Memory; hermite: HermiteKernel['hermite']; pan: HermiteKernel['pan']; filt: Filt; gsum: Gsum };
  try {
    ex = new WebAssembly.Instance(mod, {}).exports as unknown as typeof ex;
  } catch {
    return (kernel = null);
  }
  const placed = new WeakMap<Float32Array, number>();
  let top = FIRST_SAMPLE;
  const k: HermiteKernel = {
    hermite: ex.hermite,
    pan: ex.pan,
    out: new Float32Array(ex.memory.buffer, 0, OUT_FLOATS),
    f64: new Float64Array(ex.memory.buffer),
    busAt: (k) => BUS_BASE + k * BUS_BYTES,
    stageAt: (k) => STAGE_BASE + k * STAGE_BYTES,
    revAt: REV_BASE,
    filterSum(f, gain, gainInc, sumAt, n) {
      const m = k.f64, s = STATE_AT / 8;
      m[s] = f.x1;
      m[s + 1] = f.x2;
      m[s + 2] = f.y1;
      m[s + 3] = f.y2;
      ex.filt(0, sumAt, n, f.a0, f.a1, f.a2, f.a3, f.a4, STATE_AT, gain, gainInc);
      f.x1 = m[s];
      f.x2 = m[s + 1];
      f.y1 = m[s + 2];
      f.y2 = m[s + 3];
    },
    gainSum: (gain, gainInc, sumAt, n) => ex.gsum(0, sumAt, n, gain, gainInc),
    place(data) {
      const at = placed.get(data);
      if (at !== undefined) return at;
      // 16 bytes of zeros after each sample (a whole v128 past its last tap) and 16-byte alignment.
      const need = (data.length * 4 + 16 + 15) & ~15;
      if (top + need > MAX_BYTES) return -1;
      const have = ex.memory.buffer.byteLength;
      if (top + need > have) {
        try {
          ex.memory.grow(Math.ceil((top + need - have) / PAGE));
        } catch {
          return -1; // the runtime refused the memory: this sample takes the JavaScript loop
        }
        k.out = new Float32Array(ex.memory.buffer, 0, OUT_FLOATS);
        k.f64 = new Float64Array(ex.memory.buffer);
      }
      new Float32Array(ex.memory.buffer, top, data.length).set(data);
      placed.set(data, top);
      top += need;
      return top - need;
    },
  };
  return (kernel = k);
}
