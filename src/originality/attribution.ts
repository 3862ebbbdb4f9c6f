/**
 * purpose: attribution — which training pieces the predictive evidence for an output came from, per corpus,
 * collection, licence and piece (provenance.json `attribution`, `leitmotif check`, README "Attribution and
 * revenue share").
 *
 * For every event of an output line the style model's PPM for that line (melody: the melody model's interval
 * viewpoint; bass: the harmony model's bass-motion viewpoint; harmony: its Roman-numeral viewpoint) is asked how
 * its blended probability of the symbol heard splits by context order (Ppm.massByOrder): order k contributes
 * c_k(s)/(T_k+D_k)·Π escapes. The count c_k(s) of "context of order k, then s" is split between the training
 * pieces in proportion to how often each contains that (k+1)-gram (counted in the model's corpus streams, so the
 * split is exact even where pruning shortened the stored contexts). An event's piece shares are its order
 * masses × those splits, normalised to 1; the uniform floor (order −1: evidence from no piece) is reported as
 * `novelty`. Output shares are the mean over events, so they sum to 1. Pure and deterministic.
 */
import type { Ppm } from '../style/ppm.js';
import { intervalSymbol, BASS_RANGE } from '../style/viewpoints.js';
import type { CorpusIndex, SourcePiece } from './corpus-index.js';
import type { CopyChord, CopyNote, LineName } from './definition.js';
import { SEPARATOR } from './melodic-index.js';

export interface AttributionShare {
  share: number;
}

export interface Attribution {
  method: string;
  /** Events whose evidence was attributed, per line. */
  events: Record<LineName, number>;
  /** Mean share of each event's probability that came from no training piece (the model's uniform floor). */
  novelty: number;
  byCorpus: Array<{ corpus: string; share: number }>;
  byCollection: Array<{ corpus: string; collection: string; share: number }>;
  byLicence: Array<{ licence: string; share: number }>;
  /** The pieces with the largest shares (at most 10). */
  topPieces: Array<{ corpus: string; file: string; id: string; title?: string; licence: string; share: number }>;
}

export const ATTRIBUTION_METHOD =
  'PPM evidence per generated event: the blended probability of the symbol heard, split by context order and each order’s count split by the training pieces containing that n-gram; mean over events (melody: interval viewpoint; bass: bass motion; harmony: Roman numerals)';

/** What attribution of one line needs: the model's PPM for it and the corpus it was trained on. */
export interface LineModel {
  ppm: Pick<Ppm, 'massByOrder' | 'order'>;
  corpus: CorpusIndex;
  /** Harmony only: the PPM's symbol for a numeral. */
  romanSymbol?: (roman: string) => number;
}

interface LineSymbols {
  /** PPM symbols of the events (−1 = boundary, first event). */
  ppm: Int32Array;
  /** The same events in the corpus stream's gram alphabet (≥ 0, −1 = boundary). */
  gram: Int32Array;
  base: number;
}

const clampBass = (iv: number) => Math.max(-BASS_RANGE, Math.min(BASS_RANGE, iv)) + BASS_RANGE;

function querySymbols(line: LineName, events: ReadonlyArray<CopyNote> | ReadonlyArray<CopyChord>, m: LineModel): LineSymbols {
  const n = events.length;
  const ppm = new Int32Array(n);
  const gram = new Int32Array(n);
  ppm[0] = gram[0] = -1;
  if (line === 'harmony') {
    const ch = events as CopyChord[];
    for (let i = 0; i < n; i++) {
      ppm[i] = m.romanSymbol ? m.romanSymbol(ch[i].roman) : -1;
      gram[i] = m.corpus.romanVocab.id(ch[i].roman);
    }
    return { ppm, gram, base: 513 };
  }
  const notes = events as CopyNote[];
  for (let i = 1; i < n; i++) {
    const iv = notes[i].pitch - notes[i - 1].pitch;
    ppm[i] = gram[i] = line === 'melody' ? intervalSymbol(iv) : clampBass(iv);
  }
  return { ppm, gram, base: 50 };
}

const symbolCache = new WeakMap<CorpusIndex, Map<LineName, { syms: Int32Array; piece: Int32Array }>>();

/** The corpus line as gram symbols (−1 at each piece boundary), aligned with piece ordinals; cached per index. */
function corpusSymbols(line: LineName, corpus: CorpusIndex): { syms: Int32Array; piece: Int32Array } {
  let m = symbolCache.get(corpus);
  if (!m) symbolCache.set(corpus, (m = new Map()));
  let r = m.get(line);
  if (!r) m.set(line, (r = buildCorpusSymbols(line, corpus)));
  return r;
}

function buildCorpusSymbols(line: LineName, corpus: CorpusIndex): { syms: Int32Array; piece: Int32Array } {
  const t = corpus.lines[line].index.tokens;
  // Each piece: a boundary, then one symbol per token (harmony: the first chord from the first token too).
  const syms: number[] = [];
  const piece: number[] = [];
  let p = 0;
  let first = true;
  for (let i = 0; i < t.length; i++) {
    const tk = t[i];
    if (tk === SEPARATOR) {
      p++;
      first = true;
      continue;
    }
    if (first) {
      syms.push(-1);
      piece.push(p);
      if (line === 'harmony') {
        syms.push(Math.floor(tk / 128) % 512);
        piece.push(p);
      }
      first = false;
    }
    const iv = Math.floor(tk / 128) - 48;
    syms.push(line === 'harmony' ? Math.floor(tk / 128 / 512) : line === 'melody' ? intervalSymbol(iv) : clampBass(iv));
    piece.push(p);
  }
  return { syms: Int32Array.from(syms), piece: Int32Array.from(piece) };
}

/** Per-piece counts of a gram (pieces ascending: the stream is in piece order). */
interface GramCounts {
  pieces: number[];
  counts: number[];
  sum: number;
}

/** Per-piece counts of the needed grams (key · 16 + length), one pass over the stream. */
function countGrams(syms: Int32Array, piece: Int32Array, base: number, needed: Map<number, Set<number>>): Map<number, GramCounts> {
  const out = new Map<number, GramCounts>();
  let maxLen = 0;
  for (const l of needed.keys()) maxLen = Math.max(maxLen, l);
  const sets: Array<Set<number> | undefined> = [];
  for (let l = 0; l <= maxLen; l++) sets.push(needed.get(l));
  for (let p = 0; p < syms.length; p++) {
    let key = 0;
    const pc = piece[p];
    for (let l = 1; l <= maxLen && p + l - 1 < syms.length; l++) {
      const s = syms[p + l - 1];
      if (s < 0) break;
      key = key * base + s + 1;
      const want = sets[l];
      if (!want || !want.has(key)) continue;
      const full = key * 16 + l;
      let g = out.get(full);
      if (!g) out.set(full, (g = { pieces: [], counts: [], sum: 0 }));
      const last = g.pieces.length - 1;
      if (last >= 0 && g.pieces[last] === pc) g.counts[last]++;
      else {
        g.pieces.push(pc);
        g.counts.push(1);
      }
      g.sum++;
    }
  }
  return out;
}

function gramKey(gram: Int32Array, end: number, len: number, base: number): number {
  let key = 0;
  for (let i = end - len + 1; i <= end; i++) key = key * base + gram[i] + 1;
  return key;
}

/** Adds one line's per-piece evidence into `into` (piece key → summed event shares); returns events and novelty. */
function attributeLine(line: LineName, events: ReadonlyArray<CopyNote> | ReadonlyArray<CopyChord>, m: LineModel, into: Map<CorpusIndex, Float64Array>): { events: number; novelty: number } {
  if (events.length < 2 || m.corpus.lines[line].empty) return { events: 0, novelty: 0 };
  const q = querySymbols(line, events, m);
  const mass = new Float64Array(m.ppm.order + 1);
  // Keys beyond 2^53 would collide: cap the gram length for the alphabet.
  const maxLen = Math.max(1, Math.floor(48 / Math.log2(q.base)));
  const plans: Array<{ i: number; orders: Array<{ len: number; key: number; w: number }>; floor: number }> = [];
  const needed = new Map<number, Set<number>>();
  const start = line === 'harmony' ? 0 : 1;
  for (let i = start; i < events.length; i++) {
    if (q.ppm[i] < 0 && line !== 'harmony') continue;
    const { orders, floor } = m.ppm.massByOrder(q.ppm, i, q.ppm[i], mass);
    const plan = { i, orders: [] as Array<{ len: number; key: number; w: number }>, floor };
    for (let k = 0; k < orders; k++) {
      const len = k + 1;
      if (mass[k] <= 0 || len > maxLen || i - k < 0) continue;
      let ok = true;
      for (let j = i - k; j <= i && ok; j++) ok = q.gram[j] >= 0;
      if (!ok) continue;
      const key = gramKey(q.gram, i, len, q.base);
      plan.orders.push({ len, key, w: mass[k] });
      let set = needed.get(len);
      if (!set) needed.set(len, (set = new Set()));
      set.add(key);
    }
    plans.push(plan);
  }
  const { syms, piece } = corpusSymbols(line, m.corpus);
  const counts = countGrams(syms, piece, q.base, needed);
  let attributed = 0;
  let novelty = 0;
  // Weight per gram summed over events first, then spread over its pieces once (a common interval's order-0
  // gram lives in thousands of pieces).
  const gramWeight = new Map<number, number>();
  for (const plan of plans) {
    let evidence = 0;
    for (const o of plan.orders) if (counts.has(o.key * 16 + o.len)) evidence += o.w;
    if (evidence <= 0) continue;
    attributed++;
    novelty += plan.floor / (evidence + plan.floor);
    for (const o of plan.orders) {
      const g = o.key * 16 + o.len;
      if (counts.has(g)) gramWeight.set(g, (gramWeight.get(g) ?? 0) + o.w / evidence);
    }
  }
  let acc = into.get(m.corpus);
  if (!acc) into.set(m.corpus, (acc = new Float64Array(m.corpus.pieces.length)));
  for (const [g, w] of gramWeight) {
    const by = counts.get(g)!;
    for (let j = 0; j < by.pieces.length; j++) acc[by.pieces[j]] += (w * by.counts[j]) / by.sum;
  }
  return { events: attributed, novelty };
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

function grouped<K extends string>(entries: ReadonlyArray<{ piece: SourcePiece; share: number }>, keyOf: (p: SourcePiece) => K): Map<K, number> {
  const m = new Map<K, number>();
  for (const e of entries) m.set(keyOf(e.piece), (m.get(keyOf(e.piece)) ?? 0) + e.share);
  return m;
}

/**
 * @example
 * const a = attribute({ melody: lines.melody.events, bass: lines.bass.events, harmony: lines.harmony.events }, { melody: melodyLineModel(models.melody) });
 * a.byCorpus // [{ corpus: 'folk-abc-music21-pd', share: 1 }]
 */
export function attribute(lines: Partial<Record<LineName, ReadonlyArray<CopyNote> | ReadonlyArray<CopyChord>>>, models: Partial<Record<LineName, LineModel>>): Attribution {
  const into = new Map<CorpusIndex, Float64Array>();
  const events: Record<LineName, number> = { melody: 0, bass: 0, harmony: 0 };
  let noveltySum = 0;
  for (const line of ['melody', 'bass', 'harmony'] as const) {
    const ev = lines[line];
    const m = models[line];
    if (!ev || !m) continue;
    const r = attributeLine(line, ev, m, into);
    events[line] = r.events;
    noveltySum += r.novelty;
  }
  const n = events.melody + events.bass + events.harmony;
  // Deterministic order: by share, then by name.
  const entries: Array<{ piece: SourcePiece; share: number }> = [];
  for (const [idx, acc] of into) acc.forEach((v, p) => v > 0 && entries.push({ piece: idx.pieces[p], share: v / n }));
  const sorted = <T extends { share: number }>(xs: T[], name: (x: T) => string) => xs.sort((a, b) => b.share - a.share || name(a).localeCompare(name(b))).map((x) => ({ ...x, share: round(x.share) }));
  const corpus = grouped(entries, (p) => p.corpus);
  const coll = grouped(entries, (p) => `${p.corpus}\u0000${p.collection}`);
  const lic = grouped(entries, (p) => p.licence);
  return {
    method: ATTRIBUTION_METHOD,
    events,
    novelty: n > 0 ? round(noveltySum / n) : 0,
    byCorpus: sorted([...corpus].map(([c, share]) => ({ corpus: c, share })), (x) => x.corpus),
    byCollection: sorted([...coll].map(([k, share]) => ({ corpus: k.split('\u0000')[0], collection: k.split('\u0000')[1], share })), (x) => x.corpus + x.collection),
    byLicence: sorted([...lic].map(([licence, share]) => ({ licence, share })), (x) => x.licence),
    topPieces: sorted(
      entries.map((e) => ({ corpus: e.piece.corpus, file: e.piece.file, id: e.piece.id, ...(e.piece.title ? { title: e.piece.title } : {}), licence: e.piece.licence, share: e.share })),
      (x) => `${x.corpus}/${x.file}/${x.id}`,
    ).slice(0, 10),
  };
}
