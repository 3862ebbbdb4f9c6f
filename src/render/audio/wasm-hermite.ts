/**
 * purpose: the WebAssembly SIMD Hermite kernel (wasm/hermite.wat) and the memory it reads. Each sample's data is
 * copied into the kernel's memory once, on first use (keyed by its Float32Array, which spessasynth never changes
 * after decoding), after a 4 KB output block. One instance per thread, shared by every synth in it. In V8 the
 * kernel takes about half the time of the JavaScript loop per sample (bench: 4.3 vs 8–13 ns).
 */
import { WASM_BASE64 } from './wasm/hermite-wasm.js';
import { compileWasm } from './wasm/load.js';

/** Floats of the output block at byte 0 (more than a render block: spessasynth's is 128). */
export const OUT_FLOATS = 1024;
const FIRST_SAMPLE = OUT_FLOATS * 4;
/** The most sample data placed in the kernel's memory; samples beyond it use the JavaScript loop. */
const MAX_BYTES = 1 << 30;
const PAGE = 65536;

export interface HermiteKernel {
  /** hermite.wat: f32 out[i] for i < n & ~3 at byte offset `out`, from the sample at byte offset `src`; the cursor after. */
  hermite(src: number, cursor: number, step: number, out: number, n: number): number;
  /** The output block as float32 — fetch it after `place`, which may grow the memory (a new buffer). */
  out: Float32Array;
  /** Byte offset of a sample's data in the kernel's memory (copied in on first use); −1 when it does not fit. */
  place(data: Float32Array): number;
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
  let ex: { memory: WebAssembly.Memory; hermite: HermiteKernel['hermite'] };
  try {
    ex = new WebAssembly.Instance(mod, {}).exports as unknown as typeof ex;
  } catch {
    return (kernel = null);
  }
  const placed = new WeakMap<Float32Array, number>();
  let top = FIRST_SAMPLE;
  const k: HermiteKernel = {
    hermite: ex.hermite,
    out: new Float32Array(ex.memory.buffer, 0, OUT_FLOATS),
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
      }
      new Float32Array(ex.memory.buffer, top, data.length).set(data);
      placed.set(data, top);
      top += need;
      return top - need;
    },
  };
  return (kernel = k);
}
