/**
 * purpose: the originality report behind `leitmotif check` — for a score's melody, bass and harmony lines
 * (score-lines.ts) against one or more corpus indices (corpus-index.ts): the longest run each line shares with
 * a corpus piece (which piece, where in it, where in the score, its licence), the share of the score's n-grams
 * (n = 5…10 events) found anywhere in the corpora, the nearest corpus pieces (share of the score's distinct
 * 6-event n-grams a piece contains, over all lines), and a one-line verdict against the guard's limit. Pure.
 */
import { MeterMap, type Score } from '../score/index.js';
import { TempoMap } from '../score/tempo-map.js';
import type { CorpusIndex, SourcePiece } from './corpus-index.js';
import { LINE_NAMES, MAX_COPY, NGRAM_LENGTHS, type LineName } from './definition.js';
import { SEPARATOR } from './melodic-index.js';
import { scoreLines, type ScoreLines } from './score-lines.js';

export interface ScorePosition {
  tick: number;
  /** 1-based bar and beat, as a DAW shows them. */
  bar: number;
  beat: number;
  seconds: number;
}

export interface LineMatch {
  /** Events shared (a run of n events = n − 1 matching tokens). */
  events: number;
  at: ScorePosition;
  corpus: string;
  piece: SourcePiece;
  /** 1-based event (note or chord) number in the corpus piece's line where the run starts. */
  pieceEvent: number;
}

export interface LineReport {
  /** Events in the score's line. */
  events: number;
  /** Longest run shared with any corpus piece (null when the line has fewer than two events or nothing matches). */
  longest: LineMatch | null;
  ngrams: Array<{ n: number; total: number; found: number; fraction: number }>;
}

export interface NearPiece {
  corpus: string;
  piece: SourcePiece;
  /** Distinct 6-event n-grams of the score (all lines) the piece contains. */
  shared: number;
  /** shared / distinct 6-event n-grams of the score. */
  similarity: number;
}

export interface CheckReport {
  maxCopy: number;
  corpora: Array<{ name: string; pieces: number }>;
  lines: Record<LineName, LineReport>;
  nearest: NearPiece[];
  verdict: { original: boolean; text: string };
}

const NEAR_N = 6;

function hashWindow(t: ArrayLike<number>, s: number, len: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < len; i++) h = Math.imul(h ^ (t[s + i] + 1), 0x01000193);
  return h >>> 0;
}

/** Per corpus piece, how many distinct windows of q (len tokens) it contains, and the longest match found. */
function piecesSharing(q: Int32Array, len: number, index: CorpusIndex, line: LineName, into: Map<number, number>): number {
  const windows = new Map<number, number[]>();
  for (let s = 0; s + len <= q.length; s++) {
    const h = hashWindow(q, s, len);
    const list = windows.get(h);
    // Distinct windows only (a repeated bar counts once).
    if (!list) windows.set(h, [s]);
    else if (!list.some((o) => equal(q, o, q, s, len))) list.push(s);
  }
  let distinct = 0;
  for (const l of windows.values()) distinct += l.length;
  if (windows.size === 0) return 0;
  const li = index.lines[line];
  const t = li.index.tokens;
  const seen = new Set<string>();
  let piece = 0;
  for (let p = 0; p + len <= t.length; p++) {
    if (t[p] === SEPARATOR) {
      piece++;
      continue;
    }
    const list = windows.get(hashWindow(t, p, len));
    if (!list) continue;
    for (const s of list) {
      if (!equalStream(t, p, q, s, len)) continue;
      const key = `${piece}:${s}`;
      if (seen.has(key)) continue;
      seen.add(key);
      into.set(piece, (into.get(piece) ?? 0) + 1);
    }
  }
  return distinct;
}

function equal(a: ArrayLike<number>, as: number, b: ArrayLike<number>, bs: number, len: number): boolean {
  for (let i = 0; i < len; i++) if (a[as + i] !== b[bs + i]) return false;
  return true;
}

/** Like equal, but a corpus window must not cross a piece boundary. */
function equalStream(t: ArrayLike<number>, p: number, q: ArrayLike<number>, s: number, len: number): boolean {
  for (let i = 0; i < len; i++) if (t[p + i] === SEPARATOR || t[p + i] !== q[s + i]) return false;
  return true;
}

/**
 * @example
 * const report = checkOriginality(score, [folk.corpusIndex!, chorales.corpusIndex!]);
 * report.lines.melody.longest?.events // e.g. 5
 * report.verdict.text // "original: no line shares more than 6 events with the corpora (melody 5, bass 4, harmony 6)"
 */
export function checkOriginality(score: Score, indices: readonly CorpusIndex[], opts: { maxCopy?: number; lines?: ScoreLines } = {}): CheckReport {
  const maxCopy = opts.maxCopy ?? MAX_COPY;
  const lines = opts.lines ?? scoreLines(score);
  const meters = new MeterMap(score.meters);
  const tempo = score.tempo.length > 0 ? new TempoMap(score.tempo) : null;
  const position = (tick: number): ScorePosition => {
    const bb = meters.barBeatAt(tick);
    return { tick, bar: bb.bar + 1, beat: Math.round((bb.beat + 1) * 100) / 100, seconds: tempo ? Math.round(tempo.ticksToSeconds(tick) * 1000) / 1000 : 0 };
  };
  const near = new Map<string, NearPiece>();
  let nearTotal = 0;
  const report = {} as Record<LineName, LineReport>;
  for (const name of LINE_NAMES) {
    const tl = lines[name];
    const n = tl.events.length;
    let longest: LineMatch | null = null;
    const found = NGRAM_LENGTHS.map(() => new Uint8Array(Math.max(0, n)));
    let lineDistinct = 0;
    for (const idx of indices) {
      const li = idx.lines[name];
      if (li.empty || n < 2) continue;
      const q = idx.tokens(name, tl.events);
      const run = li.index.longestTokenRun(q);
      if (run > 0 && (!longest || run + 1 > longest.events)) {
        for (let s = 0; s + run <= q.length; s++) {
          const pos = li.index.locate(q, s, run);
          if (pos < 0) continue;
          const at = li.pieceAt(pos);
          longest = { events: run + 1, at: position(tl.ticks[s]), corpus: idx.name, piece: idx.pieces[at.piece], pieceEvent: at.event + 1 };
          break;
        }
      }
      NGRAM_LENGTHS.forEach((g, j) => {
        const len = g - 1;
        if (len > run) return;
        for (let s = 0; s + len <= q.length; s++) if (!found[j][s] && li.index.hasWindow(q, s, len)) found[j][s] = 1;
      });
      const shared = new Map<number, number>();
      const distinct = piecesSharing(q, NEAR_N - 1, idx, name, shared);
      lineDistinct = Math.max(lineDistinct, distinct);
      for (const [piece, count] of shared) {
        const key = `${idx.name}\u0000${piece}`;
        const cur = near.get(key) ?? { corpus: idx.name, piece: idx.pieces[piece], shared: 0, similarity: 0 };
        cur.shared += count;
        near.set(key, cur);
      }
    }
    nearTotal += lineDistinct;
    report[name] = {
      events: n,
      longest,
      ngrams: NGRAM_LENGTHS.map((g, j) => {
        const total = Math.max(0, n - g + 1);
        let f = 0;
        for (let s = 0; s < total; s++) f += found[j][s];
        return { n: g, total, found: f, fraction: total > 0 ? f / total : 0 };
      }),
    };
  }
  const nearest = [...near.values()]
    .map((p) => ({ ...p, similarity: nearTotal > 0 ? Math.round((p.shared / nearTotal) * 1e4) / 1e4 : 0 }))
    .sort((a, b) => b.shared - a.shared || a.corpus.localeCompare(b.corpus) || a.piece.file.localeCompare(b.piece.file) || a.piece.id.localeCompare(b.piece.id))
    .slice(0, 5);
  const runs = LINE_NAMES.map((l) => ({ line: l, events: report[l].longest?.events ?? 0 }));
  const over = runs.filter((r) => r.events > maxCopy).sort((a, b) => b.events - a.events);
  const summary = runs.map((r) => `${r.line} ${r.events}`).join(', ');
  let text: string;
  if (over.length === 0) text = `original: no line shares more than ${maxCopy} events with the corpora (${summary})`;
  else {
    const m = report[over[0].line].longest!;
    text = `COPIED: the ${over[0].line} shares ${m.events} events with ${describePiece(m.piece)} of ${m.corpus} from bar ${m.at.bar} beat ${m.at.beat} (limit ${maxCopy}; ${summary})`;
  }
  return { maxCopy, corpora: indices.map((i) => ({ name: i.name, pieces: i.pieces.length })), lines: report, nearest, verdict: { original: over.length === 0, text } };
}

/** "“The Blackbird” (oneills1850/oneills1850.abc #X12)". @example describePiece({ id: 'X3', file: 'a.abc', ... }) */
export function describePiece(p: SourcePiece): string {
  return `${p.title ? `“${p.title}” ` : ''}(${p.id === p.file ? p.file : `${p.file} ${p.id}`})`;
}
