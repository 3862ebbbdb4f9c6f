/**
 * purpose: a corpus as the copy definition (definition.ts) sees it — per line (melody, bass, harmony) one token
 * stream with one entry per piece (empty when the piece has no such line), and per piece where it came from
 * (file, collection, licence, corpus). Built from corpus pieces (training, or a folder given to `check`) and
 * stored compactly inside style-model files (`sources`, `lines`), so the shipped models answer "copied from
 * which piece, where, under which licence" without the corpus on disk. Pure.
 */
import { ByteReader, ByteWriter, packBytes, unpackBytes } from '../style/codec.js';
import { MelodicIndex, SEPARATOR } from './melodic-index.js';
import { harmonyTokens, noteTokens, RomanVocab, type CopyChord, type CopyNote, type LineName } from './definition.js';

/** Where a corpus piece came from. */
export interface SourcePiece {
  /** Piece id within its file (tune number, chorale index…). */
  id: string;
  title?: string;
  file: string;
  /** The folder (collection) the file sits in, e.g. "oneills1850"; the corpus name for a flat corpus. */
  collection: string;
  licence: string;
  corpus: string;
}

/** One piece's three lines under the copy definition. */
export interface PieceLines {
  source: SourcePiece;
  melody: CopyNote[];
  bass: CopyNote[];
  harmony: CopyChord[];
}

/** One line's token stream over all pieces (piece i's tokens start at `starts[i]`). */
export class LineIndex {
  readonly starts: Int32Array;
  constructor(readonly index: MelodicIndex) {
    const t = index.tokens;
    const starts: number[] = [0];
    for (let i = 0; i < t.length; i++) if (t[i] === SEPARATOR) starts.push(i + 1);
    this.starts = Int32Array.from(starts);
  }
  get pieces(): number {
    return this.starts.length - 1;
  }
  /** Piece ordinal and event offset within it of a stream position. */
  pieceAt(pos: number): { piece: number; event: number } {
    let lo = 0;
    let hi = this.starts.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return { piece: lo, event: pos - this.starts[lo] };
  }
  /** Whether any piece has a non-empty line. */
  get empty(): boolean {
    return this.index.tokens.length === this.pieces;
  }
}

function streamOf(lines: ReadonlyArray<Int32Array>): Int32Array {
  let n = 0;
  for (const l of lines) n += l.length + 1;
  const t = new Int32Array(n);
  let w = 0;
  for (const l of lines) {
    t.set(l, w);
    w += l.length;
    t[w++] = SEPARATOR;
  }
  return t;
}

export class CorpusIndex {
  constructor(
    /** A label for reports ("folk-melody", "studio catalogue"…). */
    readonly name: string,
    readonly pieces: readonly SourcePiece[],
    readonly lines: Readonly<Record<LineName, LineIndex>>,
    readonly romanVocab: RomanVocab,
  ) {}

  /**
   * @example
   * const idx = CorpusIndex.fromPieces('refs', [{ source, melody, bass: [], harmony: [] }]);
   * idx.lines.melody.index.longestCopiedRun(query)
   */
  static fromPieces(name: string, pieces: ReadonlyArray<PieceLines>): CorpusIndex {
    const vocab = RomanVocab.of(pieces.map((p) => p.harmony));
    return new CorpusIndex(name, pieces.map((p) => p.source), {
      melody: new LineIndex(new MelodicIndex(streamOf(pieces.map((p) => noteTokens(p.melody))))),
      bass: new LineIndex(new MelodicIndex(streamOf(pieces.map((p) => noteTokens(p.bass))))),
      harmony: new LineIndex(new MelodicIndex(streamOf(pieces.map((p) => harmonyTokens(p.harmony, vocab))))),
    }, vocab);
  }

  /** Query tokens of a line in this index's alphabet. */
  tokens(line: LineName, events: ReadonlyArray<CopyNote> | ReadonlyArray<CopyChord>): Int32Array {
    return line === 'harmony' ? harmonyTokens(events as CopyChord[], this.romanVocab) : noteTokens(events as CopyNote[]);
  }
}

/** A token stream packed as varints (0 = separator), deflated, base64 — the model file's copy-index coding. */
export interface PackedStream {
  melodies: number;
  tokens: number;
  data: string;
}

export function packStream(tokens: Int32Array): PackedStream {
  const w = new ByteWriter();
  let melodies = 0;
  for (const tk of tokens) {
    w.uint(tk === SEPARATOR ? 0 : tk + 1);
    if (tk === SEPARATOR) melodies++;
  }
  return { melodies, tokens: tokens.length, data: packBytes(w.bytes()) };
}

/** Inverse of packStream; throws on a damaged stream (the caller turns it into a user error). */
export function unpackStream(p: PackedStream): Int32Array {
  const r = new ByteReader(unpackBytes(p.data));
  const t = new Int32Array(p.tokens);
  let melodies = 0;
  for (let i = 0; i < t.length; i++) {
    const v = r.uint();
    t[i] = v === 0 ? SEPARATOR : v - 1;
    if (v === 0) melodies++;
  }
  if (!r.done || melodies !== p.melodies) throw new Error(`stream has ${melodies} of ${p.melodies} entries${r.done ? '' : ', trailing bytes'}`);
  return t;
}

/**
 * The pieces table of a model file: rows [file, id, title] deflated, where file indexes the model's corpus
 * manifest (`corpus.files`, which carries each file's licence) — so a licence is stored once per file list.
 */
export interface PackedSources {
  corpus: string;
  /** When the pieces come from several corpora: their names (rows then carry a fourth field, the index). */
  corpora?: string[];
  pieces: number;
  data: string;
}

export function packSources(corpus: string, pieces: readonly SourcePiece[], files: ReadonlyArray<{ path: string }>): PackedSources {
  const fileIdx = new Map(files.map((f, i) => [f.path, i]));
  const corpora = [...new Set(pieces.map((p) => p.corpus))].sort();
  const many = corpora.length > 1;
  const rows = pieces.map((p) => {
    const f = fileIdx.get(p.file);
    if (f === undefined) throw new Error(`piece ${p.id} comes from ${p.file}, which is not in the manifest`);
    const row: Array<number | string> = [f, p.id];
    if (p.title || many) row.push(p.title ?? '');
    if (many) row.push(corpora.indexOf(p.corpus));
    return row;
  });
  return { corpus, ...(many ? { corpora } : {}), pieces: pieces.length, data: packBytes(new TextEncoder().encode(JSON.stringify(rows))) };
}

export function unpackSources(s: PackedSources, files: ReadonlyArray<{ path: string; licence: string }>): SourcePiece[] {
  const rows = JSON.parse(new TextDecoder().decode(unpackBytes(s.data))) as Array<[number, string, string?, number?]>;
  if (!Array.isArray(rows) || rows.length !== s.pieces) throw new Error(`pieces table has ${Array.isArray(rows) ? rows.length : 0} of ${s.pieces} rows`);
  return rows.map(([f, id, title, c]) => {
    const file = files[f];
    if (!file) throw new Error(`pieces table names file #${f}, which is not in the manifest`);
    const corpus = c !== undefined && s.corpora?.[c] !== undefined ? s.corpora[c] : s.corpus;
    return { id, title: title || undefined, file: file.path, collection: collectionOf(file.path, corpus), licence: file.licence, corpus };
  });
}

/** The collection of a corpus file: its first folder, else the corpus itself. @example collectionOf('oneills1850/a.abc', 'folk') // 'oneills1850' */
export function collectionOf(file: string, corpus: string): string {
  const parts = file.split(/[\\/]/);
  return parts.length > 1 ? parts[0] : corpus;
}
