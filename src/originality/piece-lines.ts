/**
 * purpose: a training/corpus piece (style/corpus readers' CorpusPiece) as the copy definition's three lines —
 * melody and bass with inter-onset durations (style/viewpoints `iois`, the sampler's own durations), harmony
 * from the texture's chord spans (absent for single-line tunes: a melody's implied chords are a guess, not a
 * progression anyone wrote).
 */
import type { CorpusPiece } from '../style/corpus/types.js';
import type { ManifestEntry } from '../style/model-file.js';
import { iois } from '../style/viewpoints.js';
import { collectionOf, type PieceLines, type SourcePiece } from './corpus-index.js';

/** Where a piece came from, given its corpus's manifest (for the licence). */
export function sourceOf(p: CorpusPiece, corpus: string, manifest: readonly ManifestEntry[]): SourcePiece {
  const entry = manifest.find((m) => m.path === p.file);
  const id = p.id.startsWith(p.file) ? p.id.slice(p.file.length).replace(/^#/, '') || p.id : p.id;
  return { id, title: p.title, file: p.file, collection: collectionOf(p.file, corpus), licence: entry?.licence ?? 'unknown', corpus };
}

/**
 * @example pieceLines(piece, sourceOf(piece, 'folk', manifest)).melody.length === piece.melody.length // true
 */
export function pieceLines(p: CorpusPiece, source: SourcePiece): PieceLines {
  const line = (notes: CorpusPiece['melody'] | undefined) => {
    if (!notes || notes.length === 0) return [];
    const io = iois(notes);
    return notes.map((n, i) => ({ pitch: n.pitch, duration: io[i] }));
  };
  return { source, melody: line(p.melody), bass: line(p.bass), harmony: (p.chordSpans ?? []).map((c) => ({ roman: c.roman, duration: c.beats })) };
}
