import { describe, expect, it } from 'vitest';
import { Int16BlockSchema, decodeInt16, encodeInt16 } from './int16-block.js';

describe('int16 blocks', () => {
  it('round-trip to the stated resolution, and keep large values by lowering the scale', () => {
    const xs = [0, 0.5, -1.25, 0.12345, -0.00004, 3.3];
    const b = encodeInt16(xs, 1e4);
    expect(Int16BlockSchema.safeParse(b).success).toBe(true);
    const back = decodeInt16(b);
    xs.forEach((x, i) => expect(Math.abs(back[i] - x)).toBeLessThanOrEqual(0.5 / b.scale + 1e-12));
    expect(b.scale).toBeLessThan(1e4); // 3.3 × 1e4 would overflow int16
    expect(decodeInt16(encodeInt16([0.25, -0.75], 1e4))).toEqual(Float64Array.from([0.25, -0.75]));
  });
  it('refuses a block whose data does not match its count', () => {
    const b = encodeInt16([1, 2, 3], 100);
    expect(Int16BlockSchema.safeParse({ ...b, count: 4 }).success).toBe(false);
    expect(Int16BlockSchema.safeParse({ ...b, data: b.data + '!' }).success).toBe(false);
    // Not base64 at all (atob would throw a bare DOMException at load): refused by the schema instead.
    expect(Int16BlockSchema.safeParse({ scale: 1, count: 0, data: 'A' }).success).toBe(false);
  });
  it('refuses to store a value that is not a finite number', () => {
    expect(() => encodeInt16([1, Number.NaN], 100)).toThrow(/value 1 is NaN/);
  });
});
