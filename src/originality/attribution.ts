/**
 * purpose: attribution — which training pieces the predictive evidence for an output came from, per corpus,
 * collection, licence and piece (provenance.json `attribution`, `leitmotif check`, README "Attribution and
 * revenue share"). Two methods, one arithmetic:
 *   sampled   (our outputs) the PPM counts behind every symbol the composer DREW (style/evidence.ts records
 *             them while sampling), credited to an event of the finished line when the line, ending at that
 *             event, holds the drawn symbol with the whole context the model drew it in. Events without such a
 *             record — notes the copy guard or polish passes moved, a user's motif, the rule-written bass,
 *             chords the form or the harmonizer chose — are counted as `unsampled` and credited to no piece:
 *             their evidence did not come from sampling, and re-attributing them would pay a corpus for what
 *             the guard changed on purpose.
 *   post-hoc  (`check` on any MIDI: no sampling record) every event of the line, its evidence read back from the
 *             model as if it had been drawn there.
 * An event's evidence is its PPM probability split by context order (Ppm.massByOrder): order k contributes
 * c_k(s)/(T_k+D_k)·Π escapes. The count c_k(s) of "context of order k, then s" is split between the training
 * pieces in proportion to how often each contains that (k+1)-gram (counted in the model's corpus streams, so the
 * split is exact even where pruning shortened the stored contexts). An event's piece shares are its order
 * masses × those splits, normalised to 1; the uniform floor (order −1: evidence from no piece) is reported as
 * `novelty`. Output shares are the mean over credited events, so they sum to 1. Pure and deterministic.
 */
import { z } from 'zod';
import type { Ppm } from '../style/ppm.js';
import { intervalSymbol, BASS_RANGE } from '../style/viewpoints.js';
import type { CorpusIndex, SourcePiece } from './corpus-index.js';
import type { CopyChord, CopyNote, LineName } from './definition.js';
import { SEPARATOR } from './melodic-index.js';
import { evidenceOf, type DrawRecord, type EvidenceRecord, type SamplingEvidence } from '../style/evidence.js';

export interface AttributionShare {
  share: number;
}

export type AttributionMethod = 'sampled' | 'post-hoc';

export interface Attribution {
  /** `sampled`: from the composer's sampling record; `post-hoc`: read back from the finished line (check). */
  method: AttributionMethod;
  /** What the method measures, in one sentence. */
  basis: string;
  /** Events whose evidence was attributed, per line. */
  events: Record<LineName, number>;
  /** Sampled only: events of the finished line with no sampling record (altered after sampling, or never sampled). */
  unsampled?: Record<LineName, number>;
  /** Where a report read it from (check: the provenance.json beside the file); absent when computed. */
  source?: string;
  /** Mean share of each event's probability that came from no training piece (the model's uniform floor). */
  novelty: number;
  byCorpus: Array<{ corpus: string; share: number }>;
  byCollection: Array<{ corpus: string; collection: string; share: number }>;
  byLicence: Array<{ licence: string; share: number }>;
  /** The pieces with the largest shares (at most 10). */
  topPieces: Array<{ corpus: string; file: string; id: string; title?: string; licence: string; share: number }>;
}

const share = z.number().finite().min(0).max(1);
const perLine = z.object({ melody: z.number().int().min(0), bass: z.number().int().min(0), harmony: z.number().int().min(0) });

/** An `attribution` block as read back from a provenance.json (check): every field the report prints. */
export const AttributionSchema = z.object({
  method: z.enum(['sampled', 'post-hoc']),
  basis: z.string(),
  events: perLine,
  unsampled: perLine.optional(),
  source: z.string().optional(),
  novelty: share,
  byCorpus: z.array(z.object({ corpus: z.string(), share })),
  byCollection: z.array(z.object({ corpus: z.string(), collection: z.string(), share })),
  byLicence: z.array(z.object({ licence: z.string(), share })),
  topPieces: z.array(z.object({ corpus: z.string(), file: z.string(), id: z.string(), title: z.string().optional(), licence: z.string(), share })).max(10),
}) satisfies z.ZodType<Attribution>;

/**
 * How alike two attributions' share lists are: 1 − total-variation distance (1 = the same shares, 0 = disjoint).
 * @example shareAgreement(a.byCorpus, b.byCorpus, (x) => x.corpus) // 0.93
 */
export function shareAgreement<T extends { share: number }>(a: readonly T[], b: readonly T[], key: (x: T) => string): number {
  const m = new Map<string, number>();
  for (const x of a) m.set(key(x), x.share);
  for (const x of b) m.set(key(x), (m.get(key(x)) ?? 0) - x.share);
  let tv = 0;
  for (const v of m.values()) tv += Math.abs(v);
  return 1 - tv / 2;
}

export const ATTRIBUTION_BASIS: Record<AttributionMethod, string> = {
  sampled:
    'PPM evidence recorded while sampling: for every drawn symbol that survives, with its context, into the finished line, its probability split by context order and each order’s count split by the training pieces containing that n-gram; mean over those events (melody: interval viewpoint; harmony: Roman numerals; the bass is written by rule and events altered after sampling are not credited)',
  'post-hoc':
    'PPM evidence read back from the finished lines: the blended probability of every symbol heard, split by context order and each order’s count split by the training pieces containing that n-gram; mean over events (melody: interval viewpoint; bass: bass motion; harmony: Roman numerals)',
};

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

interface Plan {
  orders: Array<{ len: number; key: number; w: number }>;
  floor: number;
}

/** Keys beyond 2^53 would collide: the longest gram the corpus counts for an alphabet. */
const maxGramLen = (base: number) => Math.max(1, Math.floor(48 / Math.log2(base)));

/** The grams (in the corpus alphabet) of an event ending at `end` of `gram`, order k weighted by mass[k]. */
function planOf(gram: Int32Array, end: number, mass: ArrayLike<number>, orders: number, floor: number, base: number, needed: Map<number, Set<number>>): Plan {
  const plan: Plan = { orders: [], floor };
  const maxLen = maxGramLen(base);
  for (let k = 0; k < orders; k++) {
    const len = k + 1;
    if (mass[k] <= 0 || len > maxLen || end - k < 0) continue;
    let ok = true;
    for (let j = end - k; j <= end && ok; j++) ok = gram[j] >= 0;
    if (!ok) continue;
    const key = gramKey(gram, end, len, base);
    plan.orders.push({ len, key, w: mass[k] });
    let set = needed.get(len);
    if (!set) needed.set(len, (set = new Set()));
    set.add(key);
  }
  return plan;
}

/** Post-hoc: every event of the line, its evidence read back from the model. */
function postHocPlans(line: LineName, events: ReadonlyArray<CopyNote> | ReadonlyArray<CopyChord>, m: LineModel, needed: Map<number, Set<number>>): { plans: Plan[]; base: number } {
  const q = querySymbols(line, events, m);
  const mass = new Float64Array(m.ppm.order + 1);
  const plans: Plan[] = [];
  const start = line === 'harmony' ? 0 : 1;
  for (let i = start; i < events.length; i++) {
    if (q.ppm[i] < 0 && line !== 'harmony') continue;
    const { orders, floor } = m.ppm.massByOrder(q.ppm, i, q.ppm[i], mass);
    plans.push(planOf(q.gram, i, mass, orders, floor, q.base, needed));
  }
  return { plans, base: q.base };
}

/**
 * Shortest drawn context + symbol that credits an event of the finished line (attributeSampled): a melody note
 * needs two intervals of context; a chord one chord (the progression model draws every chord after one).
 */
export const MIN_CREDIT_GRAM = { melody: 3, harmony: 2 } as const;

/**
 * Sampled: the events of the finished line that hold a sampling record's gram (the drawn symbol with the whole
 * context it was drawn in; the longest such record wins), with that record's evidence; the rest are unsampled.
 */
function sampledPlans<S extends number | string>(line: 'melody' | 'harmony', events: ReadonlyArray<CopyNote> | ReadonlyArray<CopyChord>, draws: ReadonlyArray<DrawRecord<S>>, corpus: CorpusIndex, needed: Map<number, Set<number>>): { plans: Plan[]; base: number; unsampled: number } {
  const n = events.length;
  // The line in the records' alphabet (interval symbols / numerals; '' = none) and in the corpus's.
  const heard: Array<number | string> = new Array(n);
  const gram = new Int32Array(n).fill(-1);
  if (line === 'harmony') {
    const ch = events as CopyChord[];
    for (let i = 0; i < n; i++) {
      heard[i] = ch[i].roman;
      gram[i] = corpus.romanVocab.id(ch[i].roman);
    }
  } else {
    const notes = events as CopyNote[];
    heard[0] = '';
    for (let i = 1; i < n; i++) heard[i] = gram[i] = intervalSymbol(notes[i].pitch - notes[i - 1].pitch);
  }
  const byGram = new Map<string, EvidenceRecord<S>>();
  let maxL = 0;
  for (const d of draws) {
    const r = evidenceOf(d);
    // Matched on the whole context the symbol was drawn in, not just the part the model held (a short gram recurs
    // all over a line and would credit notes that were moved or never drawn). A draw with fewer than two symbols of
    // context (the first notes of a phrase with nothing before it) cannot be placed by content: it credits nothing.
    if (!r || r.drawn.length < MIN_CREDIT_GRAM[line]) continue;
    const k = r.drawn.join('|');
    if (!byGram.has(k)) byGram.set(k, r);
    maxL = Math.max(maxL, r.drawn.length);
  }
  const base = line === 'harmony' ? 513 : 50;
  const first = line === 'harmony' ? 0 : 1;
  const plans: Plan[] = [];
  let unsampled = 0;
  for (let i = first; i < n; i++) {
    let hit: EvidenceRecord<S> | undefined;
    const parts: Array<number | string> = [];
    for (let L = 1; L <= Math.min(maxL, i - first + 1); L++) {
      parts.unshift(heard[i - L + 1]);
      hit = byGram.get(parts.join('|')) ?? hit;
    }
    if (!hit) {
      unsampled++;
      continue;
    }
    plans.push(planOf(gram, i, hit.mass, hit.mass.length, hit.floor, base, needed));
  }
  return { plans, base, unsampled };
}

/** Spreads the plans' evidence over the pieces into `into` (piece → summed event shares); returns events and novelty. */
function resolvePlans(line: LineName, plans: readonly Plan[], base: number, needed: Map<number, Set<number>>, corpus: CorpusIndex, into: Map<CorpusIndex, Float64Array>): { events: number; novelty: number } {
  const { syms, piece } = corpusSymbols(line, corpus);
  const counts = countGrams(syms, piece, base, needed);
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
  let acc = into.get(corpus);
  if (!acc) into.set(corpus, (acc = new Float64Array(corpus.pieces.length)));
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

type Lines = Partial<Record<LineName, ReadonlyArray<CopyNote> | ReadonlyArray<CopyChord>>>;

/**
 * Post-hoc attribution of finished lines (any MIDI; `leitmotif check`).
 * @example
 * const a = attribute({ melody: lines.melody.events, bass: lines.bass.events, harmony: lines.harmony.events }, { melody: melodyLineModel(models.melody) });
 * a.byCorpus // [{ corpus: 'folk-abc-music21-pd', share: 1 }]
 */
export function attribute(lines: Lines, models: Partial<Record<LineName, LineModel>>): Attribution {
  const into = new Map<CorpusIndex, Float64Array>();
  const events: Record<LineName, number> = { melody: 0, bass: 0, harmony: 0 };
  let noveltySum = 0;
  for (const line of ['melody', 'bass', 'harmony'] as const) {
    const ev = lines[line];
    const m = models[line];
    if (!ev || !m || ev.length < 2 || m.corpus.lines[line].empty) continue;
    const needed = new Map<number, Set<number>>();
    const { plans, base } = postHocPlans(line, ev, m, needed);
    const r = resolvePlans(line, plans, base, needed, m.corpus, into);
    events[line] = r.events;
    noveltySum += r.novelty;
  }
  return summarize('post-hoc', into, events, noveltySum);
}

/**
 * Sampled attribution of one of our outputs: the composer's sampling record (ComposedCue.evidence) matched
 * against the finished lines. The bass is written by rule, never sampled: all its events are `unsampled`.
 * @example
 * const a = attributeSampled(lines, composed.evidence, lineModels(models, 'major'));
 * a.method // 'sampled'; a.unsampled.melody // notes the guard moved, motif notes
 */
export function attributeSampled(lines: Lines, evidence: SamplingEvidence, models: Partial<Record<LineName, LineModel>>): Attribution {
  const into = new Map<CorpusIndex, Float64Array>();
  const events: Record<LineName, number> = { melody: 0, bass: 0, harmony: 0 };
  const unsampled: Record<LineName, number> = { melody: 0, bass: Math.max(0, (lines.bass?.length ?? 0) - 1), harmony: 0 };
  let noveltySum = 0;
  for (const line of ['melody', 'harmony'] as const) {
    const ev = lines[line];
    const m = models[line];
    if (!ev || ev.length < 2) continue;
    if (!m || m.corpus.lines[line].empty) {
      unsampled[line] = ev.length - (line === 'harmony' ? 0 : 1);
      continue;
    }
    const needed = new Map<number, Set<number>>();
    const records = line === 'melody' ? evidence.melody : evidence.harmony;
    const { plans, base, unsampled: u } = sampledPlans(line, ev, records as ReadonlyArray<DrawRecord<number | string>>, m.corpus, needed);
    const r = resolvePlans(line, plans, base, needed, m.corpus, into);
    events[line] = r.events;
    // Credited events whose grams no training piece holds (a pruned model's leftovers) count as unsampled too.
    unsampled[line] = u + plans.length - r.events;
    noveltySum += r.novelty;
  }
  return { ...summarize('sampled', into, events, noveltySum), unsampled };
}

function summarize(method: AttributionMethod, into: Map<CorpusIndex, Float64Array>, events: Record<LineName, number>, noveltySum: number): Attribution {
  const n = events.melody + events.bass + events.harmony;
  // Deterministic order: by share, then by name.
  const entries: Array<{ piece: SourcePiece; share: number }> = [];
  for (const [idx, acc] of into) acc.forEach((v, p) => v > 0 && entries.push({ piece: idx.pieces[p], share: v / n }));
  const sorted = <T extends { share: number }>(xs: T[], name: (x: T) => string) => xs.sort((a, b) => b.share - a.share || name(a).localeCompare(name(b))).map((x) => ({ ...x, share: round(x.share) }));
  const corpus = grouped(entries, (p) => p.corpus);
  const coll = grouped(entries, (p) => `${p.corpus}\u0000${p.collection}`);
  const lic = grouped(entries, (p) => p.licence);
  return {
    method,
    basis: ATTRIBUTION_BASIS[method],
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
