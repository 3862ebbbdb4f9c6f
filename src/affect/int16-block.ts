/**
 * purpose: a compact, fast-to-load encoding for the model file's long number tables (the baked word-vector
 * values). Pure and isomorphic (atob/btoa exist in Node ≥ 16 and every browser).
 */
import { z } from 'zod';

/**
 * Numbers as base64 of little-endian int16 (value × scale, rounded): 2.7 characters a value instead of ~7, and
 * decoded in one loop instead of parsed — the word tables hold 100k+ values and are read on every model load.
 */
export const Int16BlockSchema = z.object({ scale: z.number().positive().max(1e6), count: z.number().int().min(0), data: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/).refine((d) => d.length % 4 === 0, { message: 'base64 length must be a multiple of 4' }) })
  .refine((b) => Math.floor((b.data.length * 3) / 4) - (b.data.endsWith('==') ? 2 : b.data.endsWith('=') ? 1 : 0) === b.count * 2, { message: 'int16 block length does not match its count' });
export type Int16Block = z.infer<typeof Int16BlockSchema>;

/**
 * `maxScale` is the resolution (1e4: 4 decimals); it is lowered when needed so the largest value still fits.
 * @example decodeInt16(encodeInt16([0.5, -1.25], 1e4)) // Float64Array [0.5, -1.25]
 */
export function encodeInt16(values: ArrayLike<number>, maxScale: number): Int16Block {
  let top = 0;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) throw new RangeError(`int16 block: value ${i} is ${values[i]} (only finite numbers can be stored)`);
    top = Math.max(top, Math.abs(values[i]));
  }
  const scale = top > 0 ? Math.min(maxScale, Math.floor(32767 / top)) : maxScale;
  const bytes = new Uint8Array(values.length * 2);
  for (let i = 0; i < values.length; i++) {
    const q = Math.max(-32768, Math.min(32767, Math.round(values[i] * scale)));
    bytes[2 * i] = q & 0xff;
    bytes[2 * i + 1] = (q >> 8) & 0xff;
  }
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { scale, count: values.length, data: btoa(bin) };
}

export function decodeInt16(block: Int16Block): Float64Array {
  const bin = atob(block.data);
  const out = new Float64Array(block.count);
  for (let i = 0; i < block.count; i++) {
    const u = bin.charCodeAt(2 * i) | (bin.charCodeAt(2 * i + 1) << 8);
    out[i] = (u >= 0x8000 ? u - 0x10000 : u) / block.scale;
  }
  return out;
}
