/**
 * purpose: the runtime style model — decoded tables plus the copy index behind the StyleModel contract
 * (api.ts). Construction decodes once; sampling is allocation-light and pure given the request's Rng.
 */
import type { BarPattern, MelodyRequest, MelodyResult, ProgressionRequest, ProgressionResult, RhythmRequest, StyleModel } from './api.js';
import type { ModelTables } from './fit.js';
import type { ModelHeader } from './model-file.js';
import type { MelodicIndex } from '../originality/melodic-index.js';
import type { CorpusIndex } from '../originality/corpus-index.js';
import { sampleMelodyWith } from './sample-melody.js';
import { sampleProgressionWith } from './sample-progression.js';
import { sampleBarPatterns } from './sample-rhythm.js';
import { LeitmotifError } from '../util/errors.js';

/** Held-out cross-entropy of one viewpoint, in bits per event (null when the corpus had no such events). */
export interface ViewpointEntropy {
  bitsPerEvent: number | null;
  events: number;
}

export class TrainedStyleModel implements StyleModel {
  readonly id: string;
  readonly name: string;
  /** The model file's metadata (manifest, parameters, evaluation) without the binary tables. */
  readonly info: Omit<ModelHeader, 'tables' | 'copyIndex' | 'sources' | 'lines'>;

  private readonly indexLoader: () => MelodicIndex;
  private readonly corpusLoader: () => CorpusIndex | null;

  constructor(
    header: ModelHeader,
    readonly tables: ModelTables,
    index: MelodicIndex | (() => MelodicIndex),
    corpusIndex: () => CorpusIndex | null = () => null,
  ) {
    this.indexLoader = typeof index === 'function' ? index : () => index;
    this.corpusLoader = corpusIndex;
    this.id = header.id;
    this.name = header.name;
    const { tables: _t, copyIndex: _c, sources: _s, lines: _l, ...info } = header;
    this.info = info;
  }

  /** The transposition-invariant index of the training melodies (decoded on first use). */
  get index(): MelodicIndex {
    return this.indexLoader();
  }

  /** Per-piece index of the training corpus (copy check, attribution); null for models trained before it existed. */
  get corpusIndex(): CorpusIndex | null {
    return this.corpusLoader();
  }

  /** Cross-entropy per viewpoint measured at training time (k-fold, held-out pieces). */
  get crossEntropy(): Record<string, ViewpointEntropy> {
    return this.info.evaluation.viewpoints;
  }

  sampleMelody(req: MelodyRequest): MelodyResult {
    const t = this.tables;
    if (!t.interval || (!t.degree.major && !t.degree.minor)) {
      throw new LeitmotifError('LM_ERR_MODEL_INVALID', `style model "${this.name}" has no melody model`, { hint: 'train it on music with a melody line' });
    }
    return sampleMelodyWith({ interval: t.interval, degree: t.degree, rhythm: t.rhythm, index: this.index, bias: this.info.params.pitchCombination.bias }, req);
  }

  sampleProgression(req: ProgressionRequest): ProgressionResult {
    return sampleProgressionWith(this.tables.roman, req);
  }

  sampleRhythm(req: RhythmRequest): BarPattern[] {
    return sampleBarPatterns(this.tables.bar, req);
  }

  longestCopiedRun(notes: ReadonlyArray<{ pitch: number; duration: number }>): number {
    return this.index.longestCopiedRun(notes);
  }

  longestCopiedBassRun(notes: ReadonlyArray<{ pitch: number; duration: number }>): number {
    const bass = this.corpusIndex?.lines.bass;
    return bass && !bass.empty ? bass.index.longestCopiedRun(notes) : 0;
  }

  longestCopiedHarmonyRun(chords: ReadonlyArray<{ roman: string; duration: number }>): number {
    const idx = this.corpusIndex;
    const h = idx?.lines.harmony;
    if (!idx || !h || h.empty || chords.length === 0) return chords.length === 0 ? 0 : 1;
    return h.index.longestTokenRun(idx.tokens('harmony', chords)) + 1;
  }
}
