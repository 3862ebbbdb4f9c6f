/**
 * purpose: `trainStyleModel` — pieces in, model file (JSON object) out: fit every viewpoint, measure held-out
 * cross-entropy by k-fold cross-validation, build the copy index, and record the corpus manifest and parameters.
 */
import { MelodicIndex } from '../originality/melodic-index.js';
import { CorpusIndex } from '../originality/corpus-index.js';
import { pieceLines, sourceOf } from '../originality/piece-lines.js';
import type { CorpusPiece } from './corpus/types.js';
import type { LoadedCorpus } from './corpus/types.js';
import { DEFAULT_FIT, buildCounts, chooseOrders, crossValidate, entropyAt, freezeTables, prepare, type FitOptions } from './fit.js';
import { encodeModelFile, type ModelFileJson } from './model-file.js';
import { barBeats, meterKey } from '../theory/index.js';
import { DURATION_GRID, POSITION_STEPS_PER_BEAT, iois } from './viewpoints.js';

export interface TrainStyleOptions {
  name: string;
  /** Highest PPM order (default 8). */
  order?: number;
  /** Folds for cross-validation (default 5; < 2 skips evaluation). */
  folds?: number;
  /** Prune contexts of order ≥ 2 seen fewer times (default 2). */
  minCount?: number;
  /** Entropy-weighting bias of the pitch combination (default 1). */
  bias?: number;
  createdBy?: string;
  /** The corpus's name in provenance and attribution (default: the model name). */
  corpusName?: string;
  /** When one model learns from several corpora: the corpus of a piece's file (default: corpusName for all). */
  corpusOf?: (file: string) => string;
  onProgress?: (fraction: number, label: string) => void;
}

export interface TrainStyleResult {
  file: ModelFileJson;
  /** Held-out bits per event per viewpoint (null = no events). */
  crossEntropy: Record<string, { bitsPerEvent: number | null; events: number; order: number }>;
}

export function trainStyleModel(corpus: Pick<LoadedCorpus, 'pieces' | 'manifest' | 'warnings' | 'skippedFiles' | 'duplicatesRemoved'>, opts: TrainStyleOptions): TrainStyleResult {
  const fit: FitOptions = { ...DEFAULT_FIT, order: opts.order ?? DEFAULT_FIT.order, minCount: opts.minCount ?? DEFAULT_FIT.minCount, bias: opts.bias ?? DEFAULT_FIT.bias };
  const folds = opts.folds ?? 5;
  const progress = opts.onProgress ?? (() => {});
  const pieces = corpus.pieces;
  const items = prepare(pieces);
  progress(0, 'counting');
  const counts = buildCounts(items, fit, (f) => progress(0.3 * f, 'counting'));
  const tally = crossValidate(counts, items, folds, fit, (d, n) => progress(0.3 + (0.6 * d) / n, `fold ${d}/${n}`));
  progress(0.9, 'packing');
  const orders = chooseOrders(tally, fit.order);
  const tables = freezeTables(counts, orders);
  const index = MelodicIndex.fromMelodies(pieces.map((p) => ioiNotes(p)));
  const corpusName = opts.corpusName ?? opts.name;
  const corpusIndex = CorpusIndex.fromPieces(corpusName, pieces.map((p) => pieceLines(p, sourceOf(p, opts.corpusOf?.(p.file) ?? corpusName, corpus.manifest))));
  const crossEntropy: TrainStyleResult['crossEntropy'] = entropyAt(tally, orders, fit.order);
  const file = encodeModelFile(
    {
      name: opts.name,
      createdBy: opts.createdBy ?? 'leitmotif',
      params: {
        order: fit.order,
        orders,
        escape: 'C',
        smoothing: 'interpolated',
        minCount: fit.minCount,
        pitchCombination: { method: 'weighted-geometric', bias: fit.bias },
        durationGrid: DURATION_GRID.map((d) => d / 12),
        positionStepsPerBeat: POSITION_STEPS_PER_BEAT,
        copyEvent: 'pitch interval (semitones) + inter-onset duration ratio (1/12 octave); a run of n notes = n−1 tokens',
        folds,
      },
      corpus: {
        pieces: pieces.length,
        notes: pieces.reduce((s, p) => s + p.melody.length, 0),
        skipped: corpus.skippedFiles,
        duplicatesRemoved: corpus.duplicatesRemoved,
        files: corpus.manifest,
        warnings: corpus.warnings.slice(0, 200),
      },
      evaluation: {
        method: folds >= 2 ? `${folds}-fold cross-validation over pieces (fold = FNV hash of piece id); bits per event = mean −log2 p on held-out pieces, at the order bound chosen per viewpoint (params.orders)` : 'not evaluated',
        viewpoints: crossEntropy,
      },
      stats: statsOf(pieces),
    },
    tables,
    index,
    corpusIndex,
  );
  progress(1, 'done');
  return { file, crossEntropy };
}

/** The melody as notes with inter-onset durations — the form the sampler produces and the copy check compares. */
export function ioiNotes(p: CorpusPiece): Array<{ pitch: number; duration: number }> {
  const io = iois(p.melody);
  return p.melody.map((n, i) => ({ pitch: n.pitch, duration: io[i] }));
}

function statsOf(pieces: readonly CorpusPiece[]) {
  const meters: Record<string, { pieces: number; notesPerBeat: number }> = {};
  const beats: Record<string, number> = {};
  const modes: Record<string, number> = {};
  for (const p of pieces) {
    const k = meterKey(p.meter);
    const m = (meters[k] ??= { pieces: 0, notesPerBeat: 0 });
    m.pieces++;
    m.notesPerBeat += p.melody.length;
    const last = p.melody[p.melody.length - 1];
    beats[k] = (beats[k] ?? 0) + (last ? last.onset + last.duration : 0);
    modes[p.key.mode] = (modes[p.key.mode] ?? 0) + 1;
    void barBeats;
  }
  for (const k of Object.keys(meters)) meters[k].notesPerBeat = round(meters[k].notesPerBeat / Math.max(1e-9, beats[k]));
  const sources = new Set(pieces.map((p) => p.chordSource ?? 'none'));
  return { meters, modes, chordSource: [...sources].sort().join('+'), drumPatterns: pieces.some((p) => p.drumPatterns) };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
