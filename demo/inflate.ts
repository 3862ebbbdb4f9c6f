/**
 * purpose: a small synchronous DEFLATE decoder (RFC 1951, after Mark Adler's puff.c) so style/'s model files —
 * deflate + base64 inside JSON, decoded with node:zlib's inflateRawSync — also load in the demo page, where
 * the only built-in decoder (DecompressionStream) is asynchronous.
 */
const LBASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LEXT = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DBASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DEXT = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const CLORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

interface Huffman {
  counts: Uint16Array;
  symbols: Uint16Array;
}

function huffman(lengths: ArrayLike<number>, n: number): Huffman {
  const counts = new Uint16Array(16);
  for (let i = 0; i < n; i++) counts[lengths[i]]++;
  counts[0] = 0;
  const offs = new Uint16Array(16);
  for (let len = 1; len < 15; len++) offs[len + 1] = offs[len] + counts[len];
  const symbols = new Uint16Array(n);
  for (let s = 0; s < n; s++) if (lengths[s]) symbols[offs[lengths[s]]++] = s;
  return { counts, symbols };
}

const fixed = (() => {
  const l = new Uint8Array(288);
  l.fill(8, 0, 144); l.fill(9, 144, 256); l.fill(7, 256, 280); l.fill(8, 280, 288);
  return { len: huffman(l, 288), dist: huffman(new Uint8Array(30).fill(5), 30) };
})();

export function inflateRaw(input: Uint8Array): Uint8Array {
  let pos = 0, bitbuf = 0, bitcnt = 0;
  let out = new Uint8Array(Math.max(1024, input.length * 4));
  let n = 0;
  const need = (k: number) => {
    if (n + k <= out.length) return;
    let size = out.length * 2;
    while (size < n + k) size *= 2;
    const o = new Uint8Array(size);
    o.set(out.subarray(0, n));
    out = o;
  };
  const bits = (k: number): number => {
    let v = bitbuf;
    while (bitcnt < k) {
      if (pos >= input.length) throw new Error('inflate: unexpected end of data');
      v |= input[pos++] << bitcnt;
      bitcnt += 8;
    }
    bitbuf = v >>> k;
    bitcnt -= k;
    return v & ((1 << k) - 1);
  };
  const decode = (h: Huffman): number => {
    let code = 0, first = 0, index = 0;
    for (let len = 1; len < 16; len++) {
      code |= bits(1);
      const count = h.counts[len];
      if (code - count < first) return h.symbols[index + (code - first)];
      index += count;
      first = (first + count) << 1;
      code <<= 1;
    }
    throw new Error('inflate: bad Huffman code');
  };
  let last = 0;
  do {
    last = bits(1);
    const type = bits(2);
    if (type === 0) {
      bitbuf = 0; bitcnt = 0;
      if (pos + 4 > input.length) throw new Error('inflate: truncated stored block');
      const len = input[pos] | (input[pos + 1] << 8);
      pos += 4;
      need(len);
      out.set(input.subarray(pos, pos + len), n);
      n += len; pos += len;
      continue;
    }
    let lencode = fixed.len, distcode = fixed.dist;
    if (type === 2) {
      const nlen = bits(5) + 257, ndist = bits(5) + 1, ncode = bits(4) + 4;
      const lengths = new Uint8Array(320);
      for (let i = 0; i < ncode; i++) lengths[CLORDER[i]] = bits(3);
      const cl = huffman(lengths, 19);
      lengths.fill(0);
      for (let i = 0; i < nlen + ndist; ) {
        const sym = decode(cl);
        if (sym < 16) { lengths[i++] = sym; continue; }
        let rep = 0, val = 0;
        if (sym === 16) { if (i === 0) throw new Error('inflate: repeat with no first length'); val = lengths[i - 1]; rep = 3 + bits(2); }
        else if (sym === 17) rep = 3 + bits(3);
        else rep = 11 + bits(7);
        while (rep--) lengths[i++] = val;
      }
      lencode = huffman(lengths, nlen);
      distcode = huffman(lengths.subarray(nlen), ndist);
    } else if (type !== 1) throw new Error('inflate: invalid block type');
    for (;;) {
      let sym = decode(lencode);
      if (sym < 256) { need(1); out[n++] = sym; continue; }
      if (sym === 256) break;
      sym -= 257;
      const len = LBASE[sym] + bits(LEXT[sym]);
      const ds = decode(distcode);
      const dist = DBASE[ds] + bits(DEXT[ds]);
      if (dist > n) throw new Error('inflate: distance too far back');
      need(len);
      for (let k = 0; k < len; k++, n++) out[n] = out[n - dist];
    }
  } while (!last);
  return out.slice(0, n);
}

/** Enough of Node's Buffer for style/'s decoder: `Buffer.from(base64, 'base64')`. */
export function installBufferShim(): void {
  const g = globalThis as unknown as { Buffer?: unknown };
  if (g.Buffer) return;
  g.Buffer = {
    from(x: string | ArrayLike<number>, enc?: string): Uint8Array {
      if (typeof x === 'string' && enc === 'base64') {
        const s = atob(x);
        const b = new Uint8Array(s.length);
        for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
        return b;
      }
      if (typeof x === 'string') return new TextEncoder().encode(x);
      return Uint8Array.from(x);
    },
  };
}
