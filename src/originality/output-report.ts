/**
 * purpose: what provenance.json records about an output's originality and sources — the copy check of its
 * three lines against the models' training corpora (check.ts) and the attribution of its evidence
 * (attribution.ts) — computed from the finished score and the style models that made it, with the composer's
 * sampling record when there is one (method `sampled`; without it `post-hoc`). Models without a corpus index
 * (older files, test fixtures) give `null` parts, never invented figures.
 */
import type { Score } from '../score/schema.js';
import type { StyleModel } from '../style/api.js';
import { TrainedStyleModel } from '../style/model.js';
import { attribute, attributeSampled, type Attribution } from './attribution.js';
import type { SamplingEvidence } from '../style/evidence.js';
import { checkOriginality, type CheckReport } from './check.js';
import type { CorpusIndex } from './corpus-index.js';
import { LINE_NAMES, MAX_COPY, type LineName } from './definition.js';
import { lineModels } from './line-models.js';
import { scoreLines } from './score-lines.js';

export const COPY_DEFINITION =
  'runs of consecutive events shared with one training piece; melody = skyline of all melody-role tracks, bass = lowest bass-role line, tokens (pitch interval, inter-onset-interval ratio); harmony = Roman numerals per chord change with IOI ratio; transposition- and tempo-invariant';

export interface LineCopySummary {
  longestRun: number;
  corpus?: string;
  piece?: string;
  title?: string;
  licence?: string;
  bar?: number;
}

export interface OutputOriginality {
  definition: string;
  maxCopy: number;
  lines: Record<LineName, LineCopySummary>;
  verdict: string;
}

export function summarizeCheck(r: CheckReport): OutputOriginality {
  const lines = {} as Record<LineName, LineCopySummary>;
  for (const l of LINE_NAMES) {
    const m = r.lines[l].longest;
    lines[l] = m ? { longestRun: m.events, corpus: m.corpus, piece: `${m.piece.file} ${m.piece.id}`, ...(m.piece.title ? { title: m.piece.title } : {}), licence: m.piece.licence, bar: m.at.bar } : { longestRun: 0 };
  }
  return { definition: COPY_DEFINITION, maxCopy: r.maxCopy, lines, verdict: r.verdict.text };
}

/**
 * @example
 * const composed = composeCue(cue, { models });
 * const { originality, attribution } = outputReport(composed.score, models, composed.evidence);
 * attribution?.byCorpus // [{ corpus: 'folk-abc-music21-pd', share: 0.6 }, …]; attribution?.method // 'sampled'
 */
export function outputReport(score: Score, models: { melody: StyleModel; harmony: StyleModel }, evidence?: SamplingEvidence): { originality: OutputOriginality | null; attribution: Attribution | null } {
  const { melody, harmony } = models;
  if (!(melody instanceof TrainedStyleModel) || !(harmony instanceof TrainedStyleModel)) return { originality: null, attribution: null };
  const indices = [melody.corpusIndex, harmony === melody ? null : harmony.corpusIndex].filter((x): x is CorpusIndex => x !== null);
  if (indices.length === 0) return { originality: null, attribution: null };
  const lines = scoreLines(score);
  const check = checkOriginality(score, indices, { lines, maxCopy: MAX_COPY });
  const mode = score.keys[0]?.mode ?? 'major';
  const heard = { melody: lines.melody.events, bass: lines.bass.events, harmony: lines.harmony.events };
  const lm = lineModels({ melody, harmony }, mode);
  const attribution = evidence ? attributeSampled(heard, evidence, lm) : attribute(heard, lm);
  return { originality: summarizeCheck(check), attribution };
}
