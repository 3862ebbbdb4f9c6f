/**
 * purpose: a corpus index from folders or files the user gives `leitmotif check --corpus` (a studio catalogue,
 * a reference set of famous themes): .mid/.midi, .abc and chorale .json, read by the style corpus readers.
 * MIDI files are read as scores and cut into lines exactly as the checked file is (score-lines.ts: role-based
 * melody skyline, bass, harmony), so a reference theme and a cue are compared like for like.
 */
import { basename, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { midiToScore } from '../../render/midi/midi-to-score.js';
import { findCorpusFiles, loadCorpus } from '../../style/node.js';
import { CorpusIndex, collectionOf, type PieceLines } from '../corpus-index.js';
import { pieceLines, sourceOf } from '../piece-lines.js';
import { scoreLines } from '../score-lines.js';

export interface LoadedCheckCorpus {
  index: CorpusIndex;
  warnings: string[];
}

/** @example loadCheckCorpus(['refs/'], 'famous themes').index.pieces.length */
export function loadCheckCorpus(paths: readonly string[], name = paths.map((p) => basename(resolve(p))).join('+'), licence = 'unspecified (user corpus)'): LoadedCheckCorpus {
  const corpus = loadCorpus(paths, { licence: () => licence });
  const files = findCorpusFiles(paths);
  const byName = new Map<string, string>();
  for (const f of files) byName.set(basename(f), f);
  const lines: PieceLines[] = corpus.pieces.map((p) => {
    const source = sourceOf(p, name, corpus.manifest);
    if (p.format !== 'midi') return pieceLines(p, source);
    // The manifest path is relative to the files' common folder: find the file it names.
    const full = files.find((f) => resolve(f).endsWith(p.file)) ?? byName.get(basename(p.file));
    if (!full) return pieceLines(p, source);
    const l = scoreLines(midiToScore(new Uint8Array(readFileSync(full)), { ignoreExtras: false }));
    const melody = l.melody.events.length >= 2 ? l.melody.events : pieceLines(p, source).melody;
    return { source: { ...source, collection: collectionOf(p.file, name) }, melody, bass: l.bass.events, harmony: l.harmony.events };
  });
  return { index: CorpusIndex.fromPieces(name, lines), warnings: corpus.warnings };
}
