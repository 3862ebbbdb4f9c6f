/**
 * purpose: a variable-order Markov model over integer symbols in the PPM family (Cleary & Witten 1984), as used
 * by IDyOM for music (Pearce 2005, "The construction and evaluation of statistical models of melodic structure",
 * ch. 6): orders 0…K, escape method C (Moffat 1990), and interpolated smoothing (blending) down to a uniform
 * order −1:
 *     p_k(s) = (c_k(s) + D_k · p_{k−1}(s)) / (T_k + D_k)
 * where c_k is the count of s after the order-k context, T_k the context's total and D_k its number of distinct
 * successors. Blending starts at the longest context seen in training (unseen contexts are skipped, as in PPM).
 *
 * Storage: training counts every (context, symbol) pair by sorting 53-bit keys (context hash · 4096 + symbol) —
 * fast and allocation-light. At load time contexts live in an open-addressing hash table over a flat pool, so a
 * lookup is a few integer ops. Files store the contexts as a trie of symbols (no hashes), which compresses well.
 * Contexts of order ≥ 2 seen fewer than `minCount` times are pruned (their successors fall back to shorter
 * contexts); this keeps shipped models small.
 */

import type { ByteReader, ByteWriter } from './codec.js';

export const MAX_SYMBOLS = 4096;
const TWO32 = 4294967296;
const ORDER_UNIT = 2 ** 37;

export interface PpmData {
  order: number;
  alphabet: number;
  /** Context keys (order · 2^37 + 37-bit hash), one per context. */
  keys: Float64Array;
  /** Entry range of context i: [start[i], start[i+1]). */
  start: Uint32Array;
  total: Uint32Array;
  syms: Uint16Array;
  counts: Uint32Array;
  /** Trie links (for serialisation): parent context index (−1 for the root) and the extending symbol. */
  parent: Int32Array;
  ext: Uint16Array;
}

/** Rolling context hash: extends the key of order k by the symbol k+1 steps back. */
function stepHash(h1: number, h2: number, sym: number, k: number): [number, number] {
  let a = Math.imul(h1 ^ (sym + 0x10001 * (k + 1)), 0x85ebca6b);
  a ^= a >>> 13;
  a = Math.imul(a, 0xc2b2ae35);
  a ^= a >>> 16;
  let b = Math.imul(h2 ^ (sym * 0x9e3779b1 + k * 0x632be5ab), 0x27d4eb2f);
  b ^= b >>> 15;
  b = Math.imul(b, 0x165667b1);
  b ^= b >>> 13;
  return [a, b];
}
const SEED1 = 0x12345678;
const SEED2 = 0x3c6ef372;

function keyOf(order: number, h1: number, h2: number): number {
  return order * ORDER_UNIT + (h1 & 0x1f) * TWO32 + (h2 >>> 0);
}

/**
 * Context keys for orders 0…min(K, available) of the history ending before `end`. Writes into `out`, returns the
 * number written. `hist[end-1]` is the most recent symbol.
 */
export function contextKeys(hist: ArrayLike<number>, end: number, maxOrder: number, out: Float64Array, startIdx = 0): number {
  let h1 = SEED1;
  let h2 = SEED2;
  out[0] = keyOf(0, h1, h2);
  const n = Math.min(maxOrder, end - startIdx);
  for (let k = 1; k <= n; k++) {
    const s = hist[end - k];
    if (s < 0) return k; // a negative symbol marks a boundary: no context reaches across it
    // stepHash inlined (hot loop; avoids a tuple per step)
    let a = Math.imul(h1 ^ (s + 0x10001 * (k + 1)), 0x85ebca6b);
    a ^= a >>> 13;
    a = Math.imul(a, 0xc2b2ae35);
    h1 = a ^ (a >>> 16);
    let b = Math.imul(h2 ^ (s * 0x9e3779b1 + k * 0x632be5ab), 0x27d4eb2f);
    b ^= b >>> 15;
    b = Math.imul(b, 0x165667b1);
    h2 = b ^ (b >>> 13);
    out[k] = (k * 32 + (h1 & 0x1f)) * TWO32 + (h2 >>> 0);
  }
  return n + 1;
}

export interface TrainPpmOptions {
  order: number;
  alphabet: number;
  /** Contexts of order ≥ 2 with fewer occurrences are dropped. Default 1 (keep all). */
  minCount?: number;
}

/**
 * Mutable PPM counts in hash tables: sequences can be added and removed again (k-fold cross-validation trains
 * once on everything and subtracts each held-out fold, which is exact because counts are additive). Each context
 * keeps its total, its number of distinct successors and a linked list of its (symbol, count) pairs.
 */
export class PpmCounts {
  readonly order: number;
  readonly alphabet: number;
  /** Contexts of order ≥ 2 with a smaller total are treated as absent (pruning). */
  minCount: number;
  nCtx = 0;
  nPair = 0;
  ctxKey = new Float64Array(1024);
  ctxTotal = new Int32Array(1024);
  ctxDistinct = new Int32Array(1024);
  ctxFirst = new Int32Array(1024);
  ctxParent = new Int32Array(1024);
  ctxExt = new Uint16Array(1024);
  ctxOrder = new Uint8Array(1024);
  pairKey = new Float64Array(1024);
  pairCount = new Int32Array(1024);
  pairNext = new Int32Array(1024);
  pairSym = new Uint16Array(1024);
  private ctxSlots = new Int32Array(2048).fill(-1);
  private pairSlots = new Int32Array(2048).fill(-1);
  private readonly ck: Float64Array;
  private readonly found: Int32Array;

  constructor(opts: TrainPpmOptions) {
    this.order = Math.max(0, Math.min(15, opts.order));
    this.alphabet = opts.alphabet;
    if (!(this.alphabet >= 1 && this.alphabet <= MAX_SYMBOLS)) throw new RangeError(`PPM alphabet ${this.alphabet} out of range`);
    this.minCount = opts.minCount ?? 1;
    this.ck = new Float64Array(this.order + 1);
    this.found = new Int32Array(this.order + 1);
  }

  private findCtx(key: number): number {
    const mask = this.ctxSlots.length - 1;
    let h = slotOf(key, mask);
    for (;;) {
      const i = this.ctxSlots[h];
      if (i === -1 || this.ctxKey[i] === key) return i;
      h = (h + 1) & mask;
    }
  }

  private findPair(key: number): number {
    const mask = this.pairSlots.length - 1;
    let h = slotOf(key, mask);
    for (;;) {
      const i = this.pairSlots[h];
      if (i === -1 || this.pairKey[i] === key) return i;
      h = (h + 1) & mask;
    }
  }

  private insertSlot(slots: Int32Array, key: number, idx: number): void {
    const mask = slots.length - 1;
    let h = slotOf(key, mask);
    while (slots[h] !== -1) h = (h + 1) & mask;
    slots[h] = idx;
  }

  private growCtx(): void {
    const n = this.ctxKey.length * 2;
    this.ctxKey = grow(this.ctxKey, n);
    this.ctxTotal = grow(this.ctxTotal, n);
    this.ctxDistinct = grow(this.ctxDistinct, n);
    this.ctxFirst = grow(this.ctxFirst, n);
    this.ctxParent = grow(this.ctxParent, n);
    this.ctxExt = grow(this.ctxExt, n);
    this.ctxOrder = grow(this.ctxOrder, n);
    this.ctxSlots = new Int32Array(n * 2).fill(-1);
    for (let i = 0; i < this.nCtx; i++) this.insertSlot(this.ctxSlots, this.ctxKey[i], i);
  }

  private growPair(): void {
    const n = this.pairKey.length * 2;
    this.pairKey = grow(this.pairKey, n);
    this.pairCount = grow(this.pairCount, n);
    this.pairNext = grow(this.pairNext, n);
    this.pairSym = grow(this.pairSym, n);
    this.pairSlots = new Int32Array(n * 2).fill(-1);
    for (let i = 0; i < this.nPair; i++) this.insertSlot(this.pairSlots, this.pairKey[i], i);
  }

  /** Adds (sign = 1) or removes (sign = −1) every event of a sequence. */
  update(seq: ArrayLike<number>, sign: 1 | -1): void {
    const K = this.order;
    const ck = this.ck;
    for (let i = 0; i < seq.length; i++) {
      const sym = seq[i];
      if (sym < 0) continue;
      if (sym >= this.alphabet) throw new RangeError(`PPM symbol ${sym} ≥ alphabet ${this.alphabet}`);
      const m = contextKeys(seq, i, K, ck);
      let parent = -1;
      for (let k = 0; k < m; k++) {
        const key = ck[k];
        let c = this.findCtx(key);
        if (c === -1) {
          if (sign < 0) break; // removing something never added: ignore
          if (this.nCtx >= this.ctxKey.length) this.growCtx();
          c = this.nCtx++;
          this.ctxKey[c] = key;
          this.ctxTotal[c] = 0;
          this.ctxDistinct[c] = 0;
          this.ctxFirst[c] = -1;
          this.ctxParent[c] = parent;
          this.ctxExt[c] = k === 0 ? 0 : seq[i - k];
          this.ctxOrder[c] = k;
          this.insertSlot(this.ctxSlots, key, c);
        }
        const pk = c * MAX_SYMBOLS + sym;
        let p = this.findPair(pk);
        if (p === -1) {
          if (sign < 0) break;
          if (this.nPair >= this.pairKey.length) this.growPair();
          p = this.nPair++;
          this.pairKey[p] = pk;
          this.pairCount[p] = 0;
          this.pairSym[p] = sym;
          this.pairNext[p] = this.ctxFirst[c];
          this.ctxFirst[c] = p;
          this.insertSlot(this.pairSlots, pk, p);
        }
        const before = this.pairCount[p];
        const after = before + sign;
        if (after < 0) break;
        this.pairCount[p] = after;
        this.ctxTotal[c] += sign;
        if (before === 0 && after > 0) this.ctxDistinct[c]++;
        if (before > 0 && after === 0) this.ctxDistinct[c]--;
        parent = c;
      }
    }
  }

  private usable(c: number): boolean {
    const t = this.ctxTotal[c];
    return t > 0 && (this.ctxOrder[c] < 2 || t >= this.minCount);
  }

  private contexts(hist: ArrayLike<number>, end: number): number {
    const m = contextKeys(hist, end, this.order, this.ck);
    let f = 0;
    for (let k = 0; k < m; k++) {
      const c = this.findCtx(this.ck[k]);
      if (c === -1 || !this.usable(c)) break;
      this.found[f++] = c;
    }
    return f;
  }

  /**
   * The probability of `sym` under every order bound at once: out[k] = prediction using orders 0…k (blending runs
   * upward from order 0, so each step's result is the bounded model's). Used to pick the best order by
   * cross-validation.
   */
  probabilityByOrder(hist: ArrayLike<number>, end: number, sym: number, out: Float64Array): Float64Array {
    const f = this.contexts(hist, end);
    let p = 1 / this.alphabet;
    for (let k = 0; k < f; k++) {
      const c = this.found[k];
      const pi = this.findPair(c * MAX_SYMBOLS + sym);
      const cnt = pi === -1 ? 0 : this.pairCount[pi];
      const D = this.ctxDistinct[c];
      p = (cnt + D * p) / (this.ctxTotal[c] + D);
      out[k] = p;
    }
    for (let k = f; k <= this.order; k++) out[k] = p;
    return out;
  }

  probability(hist: ArrayLike<number>, end: number, sym: number): number {
    const f = this.contexts(hist, end);
    let p = 1 / this.alphabet;
    for (let k = 0; k < f; k++) {
      const c = this.found[k];
      const pi = this.findPair(c * MAX_SYMBOLS + sym);
      const cnt = pi === -1 ? 0 : this.pairCount[pi];
      const D = this.ctxDistinct[c];
      p = (cnt + D * p) / (this.ctxTotal[c] + D);
    }
    return p;
  }

  distribution(hist: ArrayLike<number>, end: number, out: Float64Array, maxOrder = this.order): Float64Array {
    const f = Math.min(this.contexts(hist, end), maxOrder + 1);
    const A = this.alphabet;
    out.fill(1 / A, 0, A);
    for (let k = 0; k < f; k++) {
      const c = this.found[k];
      const D = this.ctxDistinct[c];
      const inv = 1 / (this.ctxTotal[c] + D);
      const esc = D * inv;
      for (let s = 0; s < A; s++) out[s] *= esc;
      for (let p = this.ctxFirst[c]; p !== -1; p = this.pairNext[p]) out[this.pairSym[p]] += this.pairCount[p] * inv;
    }
    return out;
  }

  /**
   * Distributions under several order bounds in one pass: outs[j] receives the distribution using orders
   * 0…orders[j] (orders ascending). Same numbers as calling `distribution` once per bound.
   */
  distributionsByOrder(hist: ArrayLike<number>, end: number, orders: readonly number[], outs: Float64Array[]): void {
    const f = this.contexts(hist, end);
    const A = this.alphabet;
    const cur = outs[outs.length - 1];
    cur.fill(1 / A, 0, A);
    let j = 0;
    const snapshot = (k: number) => {
      while (j < orders.length - 1 && orders[j] <= k) {
        outs[j].set(cur.subarray(0, A));
        j++;
      }
    };
    snapshot(-1);
    for (let k = 0; k < f; k++) {
      const c = this.found[k];
      const D = this.ctxDistinct[c];
      const inv = 1 / (this.ctxTotal[c] + D);
      const esc = D * inv;
      for (let s = 0; s < A; s++) cur[s] *= esc;
      for (let p = this.ctxFirst[c]; p !== -1; p = this.pairNext[p]) cur[this.pairSym[p]] += this.pairCount[p] * inv;
      snapshot(k);
    }
    while (j < orders.length - 1) outs[j++].set(cur.subarray(0, A));
  }

  /** Frozen, pruned tables for prediction and storage, keeping orders 0…maxOrder. */
  freeze(maxOrder = this.order): PpmData {
    const keep = new Int32Array(this.nCtx).fill(-1);
    let n = 0;
    let nEntries = 0;
    for (let c = 0; c < this.nCtx; c++) {
      const par = this.ctxParent[c];
      if (!this.usable(c) || this.ctxOrder[c] > maxOrder || (par >= 0 && keep[par] < 0)) continue;
      keep[c] = n++;
      nEntries += this.ctxDistinct[c];
    }
    const keys = new Float64Array(n);
    const start = new Uint32Array(n + 1);
    const total = new Uint32Array(n);
    const syms = new Uint16Array(nEntries);
    const counts = new Uint32Array(nEntries);
    const parent = new Int32Array(n);
    const ext = new Uint16Array(n);
    let e = 0;
    const tmp: Array<[number, number]> = [];
    for (let c = 0; c < this.nCtx; c++) {
      const j = keep[c];
      if (j < 0) continue;
      keys[j] = this.ctxKey[c];
      total[j] = this.ctxTotal[c];
      parent[j] = this.ctxParent[c] >= 0 ? keep[this.ctxParent[c]] : -1;
      ext[j] = this.ctxExt[c];
      start[j] = e;
      tmp.length = 0;
      for (let p = this.ctxFirst[c]; p !== -1; p = this.pairNext[p]) if (this.pairCount[p] > 0) tmp.push([this.pairSym[p], this.pairCount[p]]);
      tmp.sort((a, b) => a[0] - b[0]);
      for (const [sy, cn] of tmp) {
        syms[e] = sy;
        counts[e++] = cn;
      }
    }
    start[n] = e;
    return { order: Math.min(this.order, maxOrder), alphabet: this.alphabet, keys, start, total, syms, counts, parent, ext };
  }
}

function grow<T extends Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array>(a: T, n: number): T {
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}

/** Counts all (context, symbol) pairs of the sequences and freezes them. Symbols: 0 ≤ s < alphabet ≤ 4096. */
export function trainPpm(seqs: ReadonlyArray<ArrayLike<number>>, opts: TrainPpmOptions): PpmData {
  const c = new PpmCounts(opts);
  for (const s of seqs) c.update(s, 1);
  return c.freeze();
}

interface Table {
  slots: Int32Array;
  mask: number;
}

function slotOf(key: number, mask: number): number {
  const lo = key >>> 0;
  const hi = Math.floor(key / TWO32) | 0;
  // murmur3 fmix32: every input bit reaches the low bits used as the slot (pair keys have structured low bits).
  let h = lo ^ Math.imul(hi, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) & mask;
}

function buildTable(keys: Float64Array): Table {
  let size = 16;
  while (size < keys.length * 2) size *= 2;
  const slots = new Int32Array(size).fill(-1);
  const mask = size - 1;
  for (let i = 0; i < keys.length; i++) {
    let h = slotOf(keys[i], mask);
    while (slots[h] !== -1) h = (h + 1) & mask;
    slots[h] = i;
  }
  return { slots, mask };
}

function lookup(t: Table, keys: Float64Array, key: number): number {
  let h = slotOf(key, t.mask);
  for (;;) {
    const i = t.slots[h];
    if (i === -1) return -1;
    if (keys[i] === key) return i;
    h = (h + 1) & t.mask;
  }
}

/** A trained PPM ready for prediction. */
export class Ppm {
  readonly order: number;
  readonly alphabet: number;
  readonly data: PpmData;
  private readonly table: Table;
  private readonly ck: Float64Array;
  private readonly found: Int32Array;

  constructor(data: PpmData) {
    this.data = data;
    this.order = data.order;
    this.alphabet = data.alphabet;
    this.table = buildTable(data.keys);
    this.ck = new Float64Array(data.order + 1);
    this.found = new Int32Array(data.order + 1);
  }

  /** Context indices from order 0 up to the longest context present; returns how many. */
  private contexts(hist: ArrayLike<number>, end: number, startIdx: number): number {
    const m = contextKeys(hist, end, this.order, this.ck, startIdx);
    let f = 0;
    for (let k = 0; k < m; k++) {
      const idx = lookup(this.table, this.data.keys, this.ck[k]);
      if (idx < 0) break;
      this.found[f++] = idx;
    }
    return f;
  }

  /** Probability of `sym` after hist[startIdx..end). */
  probability(hist: ArrayLike<number>, end: number, sym: number, startIdx = 0): number {
    const f = this.contexts(hist, end, startIdx);
    const d = this.data;
    let p = 1 / this.alphabet;
    for (let k = 0; k < f; k++) {
      const c = this.found[k];
      const a = d.start[c];
      const b = d.start[c + 1];
      const D = b - a;
      const T = d.total[c];
      let cnt = 0;
      // Entries are sorted by symbol: binary search.
      let lo = a;
      let hi = b - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const s = d.syms[mid];
        if (s === sym) {
          cnt = d.counts[mid];
          break;
        }
        if (s < sym) lo = mid + 1;
        else hi = mid - 1;
      }
      p = (cnt + D * p) / (T + D);
    }
    return p;
  }

  /** Full predictive distribution over the alphabet into `out` (length ≥ alphabet); sums to 1. */
  distribution(hist: ArrayLike<number>, end: number, out: Float64Array, maxOrder = this.order): Float64Array {
    const f = Math.min(this.contexts(hist, end, 0), maxOrder + 1);
    const d = this.data;
    const A = this.alphabet;
    out.fill(1 / A, 0, A);
    for (let k = 0; k < f; k++) {
      const c = this.found[k];
      const a = d.start[c];
      const b = d.start[c + 1];
      const D = b - a;
      const T = d.total[c];
      const esc = D / (T + D);
      const inv = 1 / (T + D);
      for (let s = 0; s < A; s++) out[s] *= esc;
      for (let e = a; e < b; e++) out[d.syms[e]] += d.counts[e] * inv;
    }
    return out;
  }

  /**
   * Probabilities of the symbols lo … lo+n−1 only (not normalised over the subset) into out[0..n): the same
   * blending as `distribution`, touching only the entries in range (binary search in the sorted entries).
   */
  rangeDistribution(hist: ArrayLike<number>, end: number, lo: number, n: number, out: Float64Array): Float64Array {
    const f = this.contexts(hist, end, 0);
    const d = this.data;
    out.fill(1 / this.alphabet, 0, n);
    const hi = lo + n;
    for (let k = 0; k < f; k++) {
      const c = this.found[k];
      const a = d.start[c];
      const b = d.start[c + 1];
      const D = b - a;
      const inv = 1 / (d.total[c] + D);
      const esc = D * inv;
      for (let j = 0; j < n; j++) out[j] *= esc;
      let l = a;
      let h = b;
      while (l < h) {
        const mid = (l + h) >> 1;
        if (d.syms[mid] < lo) l = mid + 1;
        else h = mid;
      }
      for (let e = l; e < b && d.syms[e] < hi; e++) out[d.syms[e] - lo] += d.counts[e] * inv;
    }
    return out;
  }

  /**
   * How the blended probability of `sym` splits into the PPM counts behind it (attribution, originality/):
   * out[k] = the share of p(sym) carried by the order-k context's count of `sym`, for k < the returned
   * `orders` (the contexts found); `floor` = the share from the uniform order −1. Σ out + floor = probability().
   * Read-only; sampling never calls it.
   */
  massByOrder(hist: ArrayLike<number>, end: number, sym: number, out: Float64Array): { orders: number; floor: number } {
    const f = this.contexts(hist, end, 0);
    const d = this.data;
    let floor = 1 / this.alphabet;
    for (let k = 0; k < f; k++) {
      const c = this.found[k];
      const a = d.start[c];
      const b = d.start[c + 1];
      const inv = 1 / (d.total[c] + (b - a));
      const esc = (b - a) * inv;
      let cnt = 0;
      for (let e = a; e < b; e++)
        if (d.syms[e] === sym) {
          cnt = d.counts[e];
          break;
        }
      for (let j = 0; j < k; j++) out[j] *= esc;
      floor *= esc;
      out[k] = cnt * inv;
    }
    return { orders: f, floor };
  }

  /** Order of the longest context found (−1 when not even order 0 exists). */
  longestContext(hist: ArrayLike<number>, end: number, startIdx = 0): number {
    return this.contexts(hist, end, startIdx) - 1;
  }
}

/**
 * Serialises a PPM as a preorder trie: per node its extending symbol, child count, entry count, then entries as
 * (symbol delta, count) varints. No hashes are stored; loading recomputes them.
 */
export function encodePpm(data: PpmData, w: ByteWriter): void {
  const n = data.keys.length;
  const children: number[][] = Array.from({ length: n }, () => []);
  let root = -1;
  for (let i = 0; i < n; i++) {
    const p = data.parent[i];
    if (p === -1 && Math.floor(data.keys[i] / ORDER_UNIT) === 0) root = i;
    else if (p >= 0) children[p].push(i);
  }
  w.uint(data.order);
  w.uint(data.alphabet);
  if (root < 0) {
    w.uint(0);
    return;
  }
  w.uint(1);
  const stack = [root];
  while (stack.length) {
    const i = stack.pop()!;
    const ch = children[i].sort((a, b) => data.ext[a] - data.ext[b]);
    w.uint(data.ext[i]);
    w.uint(ch.length);
    const a = data.start[i];
    const b = data.start[i + 1];
    w.uint(b - a);
    let prev = 0;
    for (let e = a; e < b; e++) {
      w.uint(data.syms[e] - prev);
      prev = data.syms[e];
      w.uint(data.counts[e]);
    }
    for (let c = ch.length - 1; c >= 0; c--) stack.push(ch[c]);
  }
}

export function decodePpm(r: ByteReader): PpmData {
  const order = r.uint();
  const alphabet = r.uint();
  const hasRoot = r.uint();
  let cap = 1024;
  let ecap = 2048;
  let keys = new Float64Array(cap);
  let start = new Uint32Array(cap + 1);
  let total = new Uint32Array(cap);
  let parent = new Int32Array(cap);
  let ext = new Uint16Array(cap);
  let syms = new Uint16Array(ecap);
  let counts = new Uint32Array(ecap);
  let n = 0;
  let e = 0;
  // Explicit stack (node index, children left, hashes, order) — no recursion, no per-node objects.
  const sIdx: number[] = [];
  const sLeft: number[] = [];
  const sH1: number[] = [];
  const sH2: number[] = [];
  const sK: number[] = [];
  let pending = hasRoot ? 1 : 0;
  let p = -1;
  let h1 = SEED1;
  let h2 = SEED2;
  let k = 0;
  while (pending > 0) {
    pending = 0;
    const x = r.uint();
    let a = h1;
    let b = h2;
    if (k > 0) [a, b] = stepHash(h1, h2, x, k);
    const nch = r.uint();
    const nen = r.uint();
    if (n >= cap) {
      cap *= 2;
      keys = grow(keys, cap);
      start = grow(start, cap + 1);
      total = grow(total, cap);
      parent = grow(parent, cap);
      ext = grow(ext, cap);
    }
    if (e + nen > ecap) {
      while (e + nen > ecap) ecap *= 2;
      syms = grow(syms, ecap);
      counts = grow(counts, ecap);
    }
    const idx = n++;
    keys[idx] = keyOf(k, a, b);
    start[idx] = e;
    parent[idx] = p;
    ext[idx] = x;
    let prev = 0;
    let tot = 0;
    for (let j = 0; j < nen; j++) {
      prev += r.uint();
      const c = r.uint();
      syms[e] = prev;
      counts[e++] = c;
      tot += c;
    }
    total[idx] = tot;
    sIdx.push(idx);
    sLeft.push(nch);
    sH1.push(a);
    sH2.push(b);
    sK.push(k);
    // Next node: the first child of the deepest frame with children left.
    while (sIdx.length > 0) {
      const t = sIdx.length - 1;
      if (sLeft[t] === 0) {
        sIdx.pop();
        sLeft.pop();
        sH1.pop();
        sH2.pop();
        sK.pop();
        continue;
      }
      sLeft[t]--;
      p = sIdx[t];
      h1 = sH1[t];
      h2 = sH2[t];
      k = sK[t] + 1;
      pending = 1;
      break;
    }
  }
  start[n] = e;
  return {
    order,
    alphabet,
    keys: keys.slice(0, n),
    start: start.slice(0, n + 1),
    total: total.slice(0, n),
    syms: syms.slice(0, e),
    counts: counts.slice(0, e),
    parent: parent.slice(0, n),
    ext: ext.slice(0, n),
  };
}
