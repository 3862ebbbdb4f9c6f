/**
 * purpose: fit the viewpoint models on a set of pieces, and score held-out pieces by cross-entropy
 * (mean −log2 p per event, "bits per event"), per viewpoint.
 */
import type { CorpusPiece } from './corpus/types.js';
import { PITCH_WINDOW, combinePitch } from './pitch-predictor.js';
import { Ppm, PpmCounts } from './ppm.js';
import { meterKey, modeQuality, type ModeQuality } from '../theory/index.js';
import {
  BASS_ALPHABET,
  DEGREE_ALPHABET,
  DURATION_ALPHABET,
  INTERVAL_ALPHABET,
  INTERVAL_RANGE,
  RHYTHM_ALPHABET,
  Vocab,
  frequentItems,
  melodySequences,
  type PieceSequences,
} from './viewpoints.js';


export interface FitOptions {
  order: number;
  /** Prune contexts of order ≥ 2 seen fewer times than this. */
  minCount: number;
  /** Bias of the entropy weighting in the pitch combination. */
  bias: number;
  /** Largest bar-pattern and chord vocabularies (rarer items map to "unseen"). */
  maxBarVocab: number;
  maxChordVocab: number;
}

export const DEFAULT_FIT: FitOptions = { order: 8, minCount: 2, bias: 1, maxBarVocab: 1000, maxChordVocab: 200 };

export interface VocabModel<T extends string | number, P = Ppm> {
  vocab: Vocab<T>;
  ppm: P;
}

/** What both frozen (Ppm) and mutable (PpmCounts) models offer for scoring. */
export interface Predictor {
  probability(hist: ArrayLike<number>, end: number, sym: number): number;
  distribution(hist: ArrayLike<number>, end: number, out: Float64Array): Float64Array;
}

/** Everything a style model learnt, one model per viewpoint (and per metre / mode family where that matters). */
export interface Tables<P> {
  interval?: P;
  degree: Partial<Record<ModeQuality, P>>;
  duration?: P;
  rhythm: Map<string, P>;
  bar: Map<string, VocabModel<number, P>>;
  roman: Partial<Record<ModeQuality, VocabModel<string, P>>>;
  bass?: P;
}
export type ModelTables = Tables<Ppm>;
export type CountTables = Tables<PpmCounts>;

export const VIEWPOINTS = ['pitch', 'interval', 'degree', 'duration', 'rhythm', 'bar', 'roman', 'bass'] as const;
export type ViewpointName = (typeof VIEWPOINTS)[number];

export interface Prepared {
  piece: CorpusPiece;
  seq: PieceSequences;
  family: ModeQuality;
  meter: string;
  /** Chord and bar sequences coded with the corpus vocabularies (set by buildCounts). */
  chordSyms?: Int32Array;
  barSyms?: Int32Array;
}

export function prepare(pieces: readonly CorpusPiece[]): Prepared[] {
  return pieces.map((piece) => ({ piece, seq: melodySequences(piece), family: modeQuality(piece.key.mode), meter: meterKey(piece.meter) }));
}

/**
 * Counts every viewpoint over `items`. Vocabularies (chords, bar patterns) come from all items, as IDyOM takes the
 * alphabet from the whole dataset; rare items beyond the caps map to "unseen".
 */
export function buildCounts(items: Prepared[], opts: FitOptions, onProgress?: (f: number) => void): CountTables {
  const t: CountTables = { degree: {}, rhythm: new Map(), bar: new Map(), roman: {} };
  const mk = (alphabet: number) => new PpmCounts({ order: opts.order, alphabet, minCount: opts.minCount });
  for (const fam of ['major', 'minor'] as const) {
    const sel = items.filter((x) => x.family === fam && x.piece.chords && x.piece.chords.length > 1);
    if (sel.length === 0) continue;
    const vocab = new Vocab<string>(frequentItems(sel.map((x) => x.piece.chords!), opts.maxChordVocab));
    for (const x of sel) x.chordSyms = Int32Array.from(x.piece.chords!, (c) => vocab.get(c));
    t.roman[fam] = { vocab, ppm: mk(vocab.alphabet) };
  }
  for (const m of [...new Set(items.map((x) => x.meter))].sort()) {
    const sel = items.filter((x) => x.meter === m && x.piece.barPatterns && x.piece.barPatterns.length > 1);
    if (sel.length === 0) continue;
    const vocab = new Vocab<number>(frequentItems(sel.map((x) => x.piece.barPatterns!), opts.maxBarVocab));
    for (const x of sel) x.barSyms = Int32Array.from(x.piece.barPatterns!, (b) => vocab.get(b));
    t.bar.set(m, { vocab, ppm: mk(vocab.alphabet) });
  }
  if (items.length) {
    t.interval = mk(INTERVAL_ALPHABET);
    t.duration = mk(DURATION_ALPHABET);
  }
  for (const x of items) {
    if (!t.degree[x.family]) t.degree[x.family] = mk(DEGREE_ALPHABET);
    if (!t.rhythm.has(x.meter)) t.rhythm.set(x.meter, mk(RHYTHM_ALPHABET));
    if (x.seq.bass && !t.bass) t.bass = mk(BASS_ALPHABET);
  }
  items.forEach((x, i) => {
    updateCounts(t, x, 1);
    if (onProgress && i % 64 === 0) onProgress(i / items.length);
  });
  return t;
}

/** Adds (1) or removes (−1) one piece's events from every viewpoint it contributes to. */
export function updateCounts(t: CountTables, x: Prepared, sign: 1 | -1): void {
  t.interval?.update(x.seq.interval, sign);
  t.duration?.update(x.seq.duration, sign);
  t.degree[x.family]?.update(x.seq.degree, sign);
  t.rhythm.get(x.meter)?.update(x.seq.rhythm, sign);
  if (x.barSyms) t.bar.get(x.meter)?.ppm.update(x.barSyms, sign);
  if (x.chordSyms) t.roman[x.family]?.ppm.update(x.chordSyms, sign);
  if (x.seq.bass) t.bass?.update(x.seq.bass, sign);
}

/** Freezes every viewpoint at its chosen order bound (contexts above it are dropped from the model). */
export function freezeTables(t: CountTables, orders?: OrderChoice): ModelTables {
  const f = (c: PpmCounts, k?: number) => new Ppm(c.freeze(k));
  const out: ModelTables = { degree: {}, rhythm: new Map(), bar: new Map(), roman: {} };
  if (t.interval) out.interval = f(t.interval, orders?.interval);
  if (t.duration) out.duration = f(t.duration, orders?.duration);
  if (t.bass) out.bass = f(t.bass, orders?.bass);
  for (const fam of ['major', 'minor'] as const) {
    const d = t.degree[fam];
    if (d) out.degree[fam] = f(d, orders?.degree);
    const r = t.roman[fam];
    if (r) out.roman[fam] = { vocab: r.vocab, ppm: f(r.ppm, orders?.roman) };
  }
  for (const [m, c] of t.rhythm) out.rhythm.set(m, f(c, orders?.rhythm));
  for (const [m, b] of t.bar) out.bar.set(m, { vocab: b.vocab, ppm: f(b.ppm, orders?.bar) });
  return out;
}

/** Held-out bits summed per order bound (index k = orders 0…k), and the number of events scored. */
export interface OrderTally {
  bits: Float64Array;
  events: number;
}

export type EntropyTable = Record<ViewpointName, OrderTally>;

/** Order bounds tried for the combined pitch predictor (its cost is one full distribution per bound). */
export const PITCH_ORDERS = [1, 2, 3, 4, 5, 6, 8];

export function emptyTally(order: number): EntropyTable {
  const o = {} as EntropyTable;
  for (const v of VIEWPOINTS) o[v] = { bits: new Float64Array(v === 'pitch' ? PITCH_ORDERS.length : order + 1), events: 0 };
  return o;
}

function addAll(t: OrderTally, ps: Float64Array): void {
  for (let k = 0; k < t.bits.length; k++) t.bits[k] -= Math.log2(Math.max(ps[k], 1e-300));
  t.events++;
}

/** Adds the held-out cross-entropy of `items` under the counts `t`, for every order bound, to `tally`. */
export function scoreHeldOut(t: Tables<PpmCounts>, items: readonly Prepared[], opts: FitOptions, tally: EntropyTable): void {
  const dist = new Float64Array(PITCH_WINDOW);
  const ps = new Float64Array(opts.order + 1);
  const pitchOrders = PITCH_ORDERS.filter((k) => k <= opts.order);
  const pp = new Float64Array(PITCH_ORDERS.length);
  const intOuts = pitchOrders.map(() => new Float64Array(INTERVAL_ALPHABET));
  const degOuts = pitchOrders.map(() => new Float64Array(DEGREE_ALPHABET));
  const score = (m: PpmCounts | undefined, seq: ArrayLike<number>, from: number, into: OrderTally) => {
    if (!m) return;
    for (let i = from; i < seq.length; i++) {
      if (seq[i] < 0) continue;
      addAll(into, m.probabilityByOrder(seq, i, seq[i], ps));
    }
  };
  for (const x of items) {
    const { seq, piece } = x;
    const deg = t.degree[x.family] ?? t.degree[x.family === 'major' ? 'minor' : 'major'];
    score(deg, seq.degree, 0, tally.degree);
    score(t.duration, seq.duration, 0, tally.duration);
    score(t.interval, seq.interval, 1, tally.interval);
    score(t.rhythm.get(x.meter), seq.rhythm, 0, tally.rhythm);
    if (x.barSyms) score(t.bar.get(x.meter)?.ppm, x.barSyms, 0, tally.bar);
    if (x.chordSyms) score(t.roman[x.family]?.ppm, x.chordSyms, 0, tally.roman);
    if (seq.bass) score(t.bass, seq.bass, 1, tally.bass);
    if (!t.interval || !deg) continue;
    for (let i = 1; i < seq.interval.length; i++) {
      const iv = piece.melody[i].pitch - piece.melody[i - 1].pitch;
      if (Math.abs(iv) > INTERVAL_RANGE) continue;
      t.interval.distributionsByOrder(seq.interval, i, pitchOrders, intOuts);
      deg.distributionsByOrder(seq.degree, i, pitchOrders, degOuts);
      for (let j = 0; j < pitchOrders.length; j++) {
        combinePitch(intOuts[j], degOuts[j], piece.melody[i - 1].pitch, piece.key.tonic, opts.bias, dist);
        pp[j] = dist[iv + INTERVAL_RANGE];
      }
      for (let j = pitchOrders.length; j < pp.length; j++) pp[j] = pp[pitchOrders.length - 1];
      addAll(tally.pitch, pp);
    }
  }
}

/** Deterministic fold of a piece: FNV hash of its id. */
export function foldOf(id: string, folds: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return (h >>> 0) % folds;
}

/**
 * k-fold cross-validated cross-entropy per viewpoint and order bound: for each fold, its pieces are subtracted
 * from the full counts, scored, and added back — identical to training on the other folds, at a fraction of the
 * cost.
 */
export function crossValidate(counts: CountTables, items: readonly Prepared[], folds: number, opts: FitOptions, onFold?: (done: number, total: number) => void): EntropyTable {
  const tally = emptyTally(opts.order);
  if (folds < 2 || items.length < folds) return tally;
  const foldIdx = items.map((x) => foldOf(x.piece.id, folds));
  for (let f = 0; f < folds; f++) {
    const test = items.filter((_, i) => foldIdx[i] === f);
    for (const x of test) updateCounts(counts, x, -1);
    scoreHeldOut(counts, test, opts, tally);
    for (const x of test) updateCounts(counts, x, 1);
    onFold?.(f + 1, folds);
  }
  return tally;
}

export type OrderChoice = Record<Exclude<ViewpointName, 'pitch'>, number>;

/**
 * The order bound per viewpoint with the lowest held-out cross-entropy (Pearce 2005 ch. 7 finds the best bound
 * depends on viewpoint and corpus). Interval and degree take the bound that is best for their combination (the
 * pitch predictor the sampler uses). Without evaluation every viewpoint keeps `order`.
 */
export function chooseOrders(tally: EntropyTable, order: number): OrderChoice {
  const best = (t: OrderTally, orders: number[]) => {
    if (t.events === 0) return order;
    let b = 0;
    for (let j = 1; j < orders.length; j++) if (t.bits[j] < t.bits[b] - 1e-9) b = j;
    return orders[b];
  };
  const all = Array.from({ length: order + 1 }, (_, k) => k);
  const pitchOrders = PITCH_ORDERS.filter((k) => k <= order);
  const pitch = tally.pitch.events ? best({ bits: tally.pitch.bits.subarray(0, pitchOrders.length), events: tally.pitch.events }, pitchOrders) : order;
  return {
    interval: pitch,
    degree: pitch,
    duration: best(tally.duration, all),
    rhythm: best(tally.rhythm, all),
    bar: best(tally.bar, all),
    roman: best(tally.roman, all),
    bass: best(tally.bass, all),
  };
}

/** Bits per event per viewpoint at the chosen order bounds (null when nothing was scored). */
export function entropyAt(tally: EntropyTable, orders: OrderChoice, order: number): Record<ViewpointName, { bitsPerEvent: number | null; events: number; order: number }> {
  const out = {} as Record<ViewpointName, { bitsPerEvent: number | null; events: number; order: number }>;
  const pitchOrders = PITCH_ORDERS.filter((k) => k <= order);
  for (const v of VIEWPOINTS) {
    const t = tally[v];
    const k = v === 'pitch' ? orders.interval : orders[v];
    const idx = v === 'pitch' ? Math.max(0, pitchOrders.indexOf(k)) : k;
    out[v] = { bitsPerEvent: t.events ? Math.round((t.bits[idx] / t.events) * 1000) / 1000 : null, events: t.events, order: k };
  }
  return out;
}
