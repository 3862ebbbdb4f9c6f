/**
 * purpose: compact binary encodings for model files — LEB128 varints in a growable byte buffer, and
 * deflate + base64 so binary tables travel inside a JSON model file.
 */
import { deflateSync, inflateSync } from 'fflate';

export class ByteWriter {
  private buf = new Uint8Array(1 << 16);
  length = 0;

  private grow(extra: number): void {
    if (this.length + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + extra) size *= 2;
    const b = new Uint8Array(size);
    b.set(this.buf.subarray(0, this.length));
    this.buf = b;
  }

  /** Unsigned varint (values up to 2^53). */
  uint(v: number): void {
    this.grow(8);
    let x = v;
    while (x >= 128) {
      this.buf[this.length++] = (x % 128) | 128;
      x = Math.floor(x / 128);
    }
    this.buf[this.length++] = x;
  }

  /** Signed varint (zig-zag). */
  int(v: number): void {
    this.uint(v >= 0 ? v * 2 : -v * 2 - 1);
  }

  bytes(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

export class ByteReader {
  pos = 0;
  constructor(private readonly buf: Uint8Array) {}

  uint(): number {
    let x = 0;
    let mul = 1;
    for (;;) {
      if (this.pos >= this.buf.length) throw new RangeError('truncated varint');
      const b = this.buf[this.pos++];
      x += (b & 127) * mul;
      if (b < 128) return x;
      mul *= 128;
    }
  }

  int(): number {
    const u = this.uint();
    return u % 2 === 0 ? u / 2 : -(u + 1) / 2;
  }

  get done(): boolean {
    return this.pos >= this.buf.length;
  }
}

/**
 * Raw deflate + base64 (training time). In Node: node:zlib, fetched without a static import, so retrained model
 * files stay byte-identical with earlier ones; elsewhere (a browser): fflate, whose output inflates the same.
 */
export function packBytes(bytes: Uint8Array): string {
  const zlib = globalThis.process?.getBuiltinModule?.('node:zlib');
  if (zlib) return Buffer.from(zlib.deflateRawSync(bytes, { level: 9 })).toString('base64');
  const packed = deflateSync(bytes, { level: 9 });
  let s = '';
  for (let i = 0; i < packed.length; i += 0x8000) s += String.fromCharCode(...packed.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Isomorphic: raw inflate by fflate, so the demo page decodes the same model files as the CLI. */
export function unpackBytes(b64: string): Uint8Array {
  const packed = typeof Buffer !== 'undefined' ? Buffer.from(b64, 'base64') : Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  return inflateSync(packed);
}
