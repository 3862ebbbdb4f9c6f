/**
 * purpose: the WebAssembly voice kernel (wasm/voice.wat) and what it needs from JavaScript: decoded sample data
 * copied once into its memory, and the block's output arrays staged there — copied in at a voice's first write
 * in a block, every later voice of the block adds in place, copied back (`flush`) before anything else reads or
 * writes them (an effect processor, a voice rendered by JavaScript, the end of `process`). fast-voice.ts
 * decides which voices go here; the sums are made in the same order, so the result is bit-identical.
 */
import { WASM_BASE64 } from './wasm/voice-wasm.js';

interface Exports {
  memory: WebAssembly.Memory;
  voice: (n: number, flags: number) => number;
}

/** Most frames per call (spessasynth's block; the engine's is 128). */
export const KERNEL_MAX_FRAMES = 128;
const SLOT_BYTES = 8 * KERNEL_MAX_FRAMES; // one staged stereo pair: left then right (f32)
const MAX_SLOTS = 17; // 16 channel pairs + the effects pair
const REV = 1024; // staged reverb input
const SLOTS = REV + 4 * KERNEL_MAX_FRAMES;
const DATA = SLOTS + MAX_SLOTS * SLOT_BYTES; // sample data from here on
const PAGE = 65536;

export const LOOPING = 1, FILTERED = 2, TO_REVERB = 4;

interface Slot {
  l: Float32Array;
  r: Float32Array;
  at: number; // byte address of the staged left; the right follows
}

export class VoiceKernel {
  private readonly ex: Exports;
  f64!: Float64Array;
  i32!: Int32Array;
  private f32!: Float32Array;
  private next = DATA;
  private readonly offsets = new WeakMap<Float32Array, number>();
  // The staged block: outputs of one synth's block (same time, start and length), copied in on first use.
  private slots: Slot[] = [];
  private rev: Float32Array | null = null;
  private time = NaN;
  private start = 0;
  private n = 0;
  /** Voice blocks rendered here (tests check the kernel really ran). */
  runs = 0;

  constructor(mod: WebAssembly.Module) {
    this.ex = new WebAssembly.Instance(mod, {}).exports as unknown as Exports;
    this.views();
  }

  private views(): void {
    const b = this.ex.memory.buffer;
    this.f64 = new Float64Array(b, 0, 32);
    this.i32 = new Int32Array(b, 256, 16);
    this.f32 = new Float32Array(b);
  }

  /** Byte address of a sample's data in the kernel's memory (copied at first use); -1 if memory cannot grow. */
  dataAt(data: Float32Array): number {
    const known = this.offsets.get(data);
    if (known !== undefined) return known;
    const at = this.next;
    const end = at + ((data.length * 4 + 15) & ~15);
    const mem = this.ex.memory;
    if (end > mem.buffer.byteLength) {
      const need = Math.ceil((end - mem.buffer.byteLength) / PAGE);
      try {
        mem.grow(Math.max(need, mem.buffer.byteLength / PAGE / 4) | 0);
      } catch {
        return -1;
      }
      this.views();
    }
    this.f32.set(data, at >> 2);
    this.next = end;
    this.offsets.set(data, at);
    return at;
  }

  /**
   * Stage a voice's outputs for this block; returns the byte address of the staged left (right at +4·MAX), or
   * -1 when the arrays cannot be staged apart (the same array as left and right, or the reverb input).
   */
  stage(l: Float32Array, r: Float32Array, rev: Float32Array, start: number, n: number, time: number): number {
    if (time !== this.time || start !== this.start || n !== this.n || rev !== this.rev) {
      this.flush();
      if (l === r || l === rev || r === rev) return -1;
      this.time = time;
      this.start = start;
      this.n = n;
      this.rev = rev;
      this.f32.set(rev.subarray(0, n), REV >> 2);
    }
    const slots = this.slots;
    for (let k = 0; k < slots.length; k++) {
      const s = slots[k];
      if (s.l === l && s.r === r) return s.at;
    }
    if (l === r || l === rev || r === rev) return -1;
    // A new pair must not share an array with a staged one (each staged copy would miss the other's sums).
    for (const s of slots) if (s.l === l || s.l === r || s.r === l || s.r === r) return -1;
    if (slots.length === MAX_SLOTS) return -1;
    const at = SLOTS + slots.length * SLOT_BYTES;
    this.f32.set(l.subarray(start, start + n), at >> 2);
    this.f32.set(r.subarray(start, start + n), (at >> 2) + KERNEL_MAX_FRAMES);
    slots.push({ l, r, at });
    return at;
  }

  /** Run one voice on the staged outputs at `at` (from `stage`); false when its one-shot sample ended. */
  run(at: number, data: number, n: number, flags: number): boolean {
    this.runs++;
    const I = this.i32;
    I[0] = data;
    I[1] = at;
    I[2] = at + 4 * KERNEL_MAX_FRAMES;
    I[3] = REV;
    return this.ex.voice(n, flags) !== 0;
  }

  /** Copy the staged outputs back to their arrays and forget them. */
  flush(): void {
    if (this.rev === null) return;
    const f = this.f32, n = this.n, start = this.start;
    for (const s of this.slots) {
      s.l.set(f.subarray(s.at >> 2, (s.at >> 2) + n), start);
      s.r.set(f.subarray((s.at >> 2) + KERNEL_MAX_FRAMES, (s.at >> 2) + KERNEL_MAX_FRAMES + n), start);
    }
    this.rev.set(f.subarray(REV >> 2, (REV >> 2) + n), 0);
    this.slots = [];
    this.rev = null;
    this.time = NaN;
  }
}

let compiled: WebAssembly.Module | null | undefined;
let shared: VoiceKernel | null | undefined;
/** The process's one kernel (its memory holds the sample data all synths share), or null without WebAssembly. */
export function voiceKernel(): VoiceKernel | null {
  if (shared === undefined) {
    try {
      if (compiled === undefined) {
        const bin = atob(WASM_BASE64);
        const bytes = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
        compiled = new WebAssembly.Module(bytes);
      }
      shared = compiled ? new VoiceKernel(compiled) : null;
    } catch {
      compiled = null;
      shared = null;
    }
  }
  return shared;
}
