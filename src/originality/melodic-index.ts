/**
 * purpose: a transposition-invariant index of the melodies of a corpus, for copy detection and for the
 * max-order (anti-plagiarism) constraint of the style sampler (Papadopoulos, Roy & Pachet, "Avoiding plagiarism
 * in Markov sequence generation", AAAI 2014).
 *
 * What counts as copying is defined once, in definition.ts (melody skyline / bass / harmony lines; a token =
 * pitch interval (or numeral) + inter-onset-interval ratio on a 1/12-octave log scale). This index only sees
 * token streams: a run of n events is "found in the corpus" when its n−1 consecutive tokens occur verbatim in
 * one corpus entry (never across the separator between two pieces). A single note is trivially found (run 1).
 *
 * Index: per window length L (tokens), an open-addressing table of corpus positions keyed by a polynomial
 * rolling hash; a probe compares the actual tokens, so there are no false positives. Tables are built lazily on
 * first use of a length and cached.
 */

export const SEPARATOR = -1;

/** Token between two notes: pitch interval (±48) and log ratio of their inter-onset intervals (±63 twelfths of an octave). */
export function copyToken(interval: number, prevDuration: number, duration: number): number {
  const iv = Math.max(-48, Math.min(48, Math.round(interval)));
  const r = prevDuration > 0 && duration > 0 ? Math.round(12 * Math.log2(duration / prevDuration)) : 0;
  const rc = Math.max(-63, Math.min(63, r));
  return (iv + 48) * 128 + (rc + 64);
}

/** Tokens of a note sequence (length n − 1). */
export function tokensOf(notes: ReadonlyArray<{ pitch: number; duration: number }>): Int32Array {
  const out = new Int32Array(Math.max(0, notes.length - 1));
  for (let i = 1; i < notes.length; i++) out[i - 1] = copyToken(notes[i].pitch - notes[i - 1].pitch, notes[i - 1].duration, notes[i].duration);
  return out;
}

const B = 0x01000193;

function powB(n: number): number {
  let r = 1;
  for (let i = 0; i < n; i++) r = Math.imul(r, B);
  return r;
}

function windowHash(t: ArrayLike<number>, start: number, len: number): number {
  let h = 0;
  for (let i = 0; i < len; i++) h = (Math.imul(h, B) + t[start + i] + 1) | 0;
  return h;
}

function mix(h: number): number {
  let x = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  x ^= x >>> 13;
  return x >>> 0;
}

interface LengthTable {
  /** Slot → first corpus position of a distinct window (−1 = empty). */
  slots: Int32Array;
  mask: number;
  /** Corpus position → next position with the same window (−1 = end of chain). */
  next: Int32Array;
}

/** Window lengths up to this use hash tables; longer runs are found by extending matches of this length. */
const MAX_TABLE_LEN = 16;

export class MelodicIndex {
  /** Corpus token stream, melodies separated by SEPARATOR. */
  readonly tokens: Int32Array;
  private readonly tables = new Map<number, LengthTable>();

  constructor(tokens: Int32Array) {
    this.tokens = tokens;
  }

  /** Builds the stream from melodies (each a list of notes with durations, e.g. inter-onset intervals). */
  static fromMelodies(melodies: ReadonlyArray<ReadonlyArray<{ pitch: number; duration: number }>>): MelodicIndex {
    let n = 0;
    for (const m of melodies) n += Math.max(0, m.length - 1) + 1;
    const t = new Int32Array(n);
    let w = 0;
    for (const m of melodies) {
      const tk = tokensOf(m);
      t.set(tk, w);
      w += tk.length;
      t[w++] = SEPARATOR;
    }
    return new MelodicIndex(t);
  }

  private equal(pos: number, q: ArrayLike<number>, qs: number, len: number): boolean {
    const t = this.tokens;
    for (let i = 0; i < len; i++) if (t[pos + i] !== q[qs + i]) return false;
    return true;
  }

  private table(len: number): LengthTable {
    let tb = this.tables.get(len);
    if (tb) return tb;
    const t = this.tokens;
    // Distinct windows are bounded by the corpus size and, for short windows, by the token alphabet.
    const bound = Math.min(t.length, Math.pow(97 * 127, len));
    let size = 1024;
    while (size < bound * 2) size *= 2;
    const slots = new Int32Array(size).fill(-1);
    // Occurrence chains are only needed to extend matches beyond the longest table.
    const chains = len === MAX_TABLE_LEN;
    const next = new Int32Array(chains ? t.length : 0).fill(-1);
    const last = chains ? new Int32Array(size).fill(-1) : next;
    const mask = size - 1;
    const top = powB(len - 1);
    let h = 0;
    let run = 0; // tokens in the current window since the last separator
    for (let i = 0; i < t.length; i++) {
      if (t[i] === SEPARATOR) {
        run = 0;
        h = 0;
        continue;
      }
      if (run === len) h = (h - Math.imul(t[i - len] + 1, top)) | 0;
      else run++;
      h = (Math.imul(h, B) + t[i] + 1) | 0;
      if (run < len) continue;
      const start = i - len + 1;
      let s = mix(h) & mask;
      for (;;) {
        const p = slots[s];
        if (p === -1) {
          slots[s] = start;
          if (chains) last[s] = start;
          break;
        }
        if (this.equal(p, t, start, len)) {
          if (chains) {
            next[last[s]] = start;
            last[s] = start;
          }
          break;
        }
        s = (s + 1) & mask;
      }
    }
    tb = { slots, mask, next };
    this.tables.set(len, tb);
    return tb;
  }

  /** First corpus position of tokens q[start..start+len) (len ≤ 16), or −1. */
  private find(q: ArrayLike<number>, start: number, len: number): number {
    const tb = this.table(len);
    let s = mix(windowHash(q, start, len)) & tb.mask;
    for (;;) {
      const p = tb.slots[s];
      if (p === -1) return -1;
      if (this.equal(p, q, start, len)) return p;
      s = (s + 1) & tb.mask;
    }
  }

  /** First corpus stream position where tokens q[start..start+len) occur in one melody, or −1. */
  locate(q: ArrayLike<number>, start: number, len: number): number {
    if (len <= 0 || start + len > q.length) return -1;
    if (len <= MAX_TABLE_LEN) return this.find(q, start, len);
    const t = this.tokens;
    for (let p = this.find(q, start, MAX_TABLE_LEN); p >= 0; p = this.table(MAX_TABLE_LEN).next[p]) {
      let k = MAX_TABLE_LEN;
      while (k < len && t[p + k] !== SEPARATOR && t[p + k] === q[start + k]) k++;
      if (k >= len) return p;
    }
    return -1;
  }

  /** True when tokens q[start..start+len) occur in one corpus melody. */
  hasWindow(q: ArrayLike<number>, start: number, len: number): boolean {
    if (len <= 0) return true;
    if (len <= MAX_TABLE_LEN) return this.find(q, start, len) >= 0;
    return this.longestFrom(q, start, len) >= len;
  }

  /** Longest match (capped at `cap`) of q starting at `start`, via every corpus occurrence of its first 16 tokens. */
  private longestFrom(q: ArrayLike<number>, start: number, cap: number): number {
    if (start + MAX_TABLE_LEN > q.length) return 0;
    let p = this.find(q, start, MAX_TABLE_LEN);
    if (p < 0) return 0;
    const next = this.table(MAX_TABLE_LEN).next;
    const t = this.tokens;
    let best = MAX_TABLE_LEN;
    for (; p >= 0 && best < cap; p = next[p]) {
      let k = MAX_TABLE_LEN;
      while (start + k < q.length && k < cap && t[p + k] !== SEPARATOR && t[p + k] === q[start + k]) k++;
      if (k > best) best = k;
    }
    return best;
  }

  /** Longest run of tokens of q found in the corpus (0 when q is empty or nothing matches). */
  longestTokenRun(q: ArrayLike<number>): number {
    // Runs are monotone (a found window's sub-windows are found): walk the length from a typical value (the
    // default max-order 6, whose table the sampler has already built) up or down to the boundary.
    const found = (len: number) => {
      for (let s = 0; s + len <= q.length; s++) if (this.find(q, s, len) >= 0) return true;
      return false;
    };
    const top = Math.min(q.length, MAX_TABLE_LEN);
    if (top === 0) return 0;
    let best: number;
    const start = Math.min(6, top);
    if (found(start)) {
      best = start;
      while (best < top && found(best + 1)) best++;
    } else {
      best = start - 1;
      while (best > 0 && !found(best)) best--;
    }
    if (best < MAX_TABLE_LEN) return best;
    for (let s = 0; s + MAX_TABLE_LEN <= q.length; s++) best = Math.max(best, this.longestFrom(q, s, q.length));
    return best;
  }

  /** Longest run of events (notes) of a melody found in the corpus, transposition-invariant. */
  longestCopiedRun(notes: ReadonlyArray<{ pitch: number; duration: number }>): number {
    if (notes.length === 0) return 0;
    return this.longestTokenRun(tokensOf(notes)) + 1;
  }
}
