/**
 * purpose: the pure heart of `leitmotif score`: Script + Arc → cue sheet (plan/) → every cue resolved (cue/) and
 * composed (compose/) → one assembled film Score, with the cue sheet annotated by what compose actually made
 * (key, tempo, bars, motif bars) and every hit's landing error re-measured through the FINAL Score's tempo map.
 * film/ sits above plan and compose (README.md, "What it does"); no I/O here — models come in as values.
 */
import type { Script } from '../script/types.js';
import type { Arc } from '../affect/types.js';
import type { Score } from '../score/schema.js';
import type { StyleModel } from '../style/api.js';
import type { ComposeCue, ComposeSummary } from '../compose/api.js';
import { composeCue } from '../compose/compose-cue.js';
import { resolveCue, type ResolvedCue } from '../cue/resolve.js';
import { TempoMap } from '../score/tempo-map.js';
import { describePlannedCue, planCueSheet, type PlanOptions } from '../plan/plan-cues.js';
import { assembleFilmScore } from './assemble.js';
import type { CueSheet, Cue } from '../plan/cue-sheet.js';
import type { Taste } from '../cue/taste.js';
import { SamplingEvidence } from '../style/evidence.js';

export interface FilmScoreDeps {
  models: { melody: StyleModel; harmony: StyleModel };
  /** The composer (default compose/'s composeCue); tests pass a stand-in. */
  composeCue?: ComposeCue;
  /** A director's taste across the film (cue/taste.ts), on top of every cue's emotion; absent: none. */
  taste?: Taste;
}

export interface ComposedFilmCue {
  id: string;
  score: Score;
  summary: ComposeSummary;
}

export interface FilmScoreResult {
  cueSheet: CueSheet;
  score: Score;
  cues: ComposedFilmCue[];
  notes: string[];
  /** Wall-clock milliseconds per stage (plan, compose, assemble); not part of any output file. */
  timings: Record<string, number>;
  /** Every cue's sampling evidence merged (provenance attribution); absent when the composer records none. */
  evidence?: SamplingEvidence;
}

/**
 * A cue of a cue sheet resolved exactly as `leitmotif score` composes it (also `leitmotif compose <cuesheet.json>
 * --cue 1m2`): its spec — edited or not, the spec is the truth, so moved hits are re-solved — joined to the key
 * and last chord of the cue before it.
 *
 * @example
 * resolveSheetCue(sheet.cues[1]).timing.hits[0].caught // true
 */
export function resolveSheetCue(cue: Pick<Cue, 'spec' | 'previous'>, taste?: Taste): ResolvedCue {
  return resolveCue(cue.spec, { ...(cue.previous ? { previous: cue.previous } : {}), ...(taste ? { taste } : {}) });
}

/** Last chord symbol compose recorded in score.meta.chords (one string of symbols per phrase). */
function finalChord(score: Score): string | undefined {
  const chords = score.meta?.chords;
  if (!Array.isArray(chords) || chords.length === 0) return undefined;
  const last = String(chords[chords.length - 1]).trim().split(/\s+/).pop();
  return last || undefined;
}

/** Largest landing error a caught hit may have in the final score (MUSIC.md: well under a 41.7 ms frame). */
export const HIT_TOLERANCE_S = 0.01;

/**
 * Score a whole film.
 *
 * @example
 * const { score, cueSheet } = scoreFilm(script, arc, { seed: 1 }, { models });
 */
export function scoreFilm(
  script: Script,
  arc: Arc,
  opts: Omit<PlanOptions, 'melodyModel'>,
  deps: FilmScoreDeps,
  onProgress?: (fraction: number, label: string) => void,
): FilmScoreResult {
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = (timings[name] ?? 0) + (now - t);
    t = now;
  };
  // The leitmotifs are drawn from the melody model too: their evidence joins the cues' (provenance attribution).
  const evidence = new SamplingEvidence();
  let recorded = true;
  const sheet = planCueSheet(script, arc, { ...opts, melodyModel: deps.models.melody, evidence });
  lap('plan');

  const cues: ComposedFilmCue[] = [];
  let lastChord: string | undefined;
  sheet.cues.forEach((cue, i) => {
    onProgress?.(i / Math.max(1, sheet.cues.length), `composing ${cue.id}`);
    // The chord the previous cue really ended on (compose records its chords), for the pivot into this one.
    if (cue.previous && lastChord) cue.previous.lastChord = lastChord;
    const composed = (deps.composeCue ?? composeCue)(resolveSheetCue(cue, deps.taste), { models: deps.models });
    const { score, summary } = composed;
    if (composed.evidence) evidence.merge(composed.evidence);
    else recorded = false; // a composer that records nothing: no sampled attribution for the film
    lastChord = finalChord(score);
    cues.push({ id: cue.id, score, summary });
    cue.composed = {
      key: summary.key,
      mode: summary.mode,
      tempo: Math.round(summary.tempo * 100) / 100,
      meter: summary.meter,
      bars: summary.bars,
      instruments: summary.instruments,
      longestCopiedRun: summary.longestCopiedRun,
      form: summary.form,
    };
    // The cue's one-line direction names what was composed, not only what the plan expected.
    cue.description = describePlannedCue(cue, arc, score.tracks.map((t) => ({ name: t.name, role: t.role, notes: t.notes.length })));
    for (const use of cue.motifs) {
      const st = summary.motifs.filter((m) => m.id === use.id);
      use.statements = st.map((m) => ({ bar: m.bar, form: m.form }));
      use.bars = [...new Set(st.map((m) => m.bar))];
    }
  });
  lap('compose');
  onProgress?.(1, 'assembling');

  const byId = new Map(cues.map((c) => [c.id, c]));
  const assembled = assembleFilmScore(sheet, sheet.cues.map((cue) => ({ cue, score: byId.get(cue.id)!.score })));
  lap('assemble');

  // Re-measure every caught hit through the final score: the number in the cue sheet is what plays.
  const map = new TempoMap(assembled.score.tempo);
  const placement = new Map(assembled.placement.map((p) => [p.id, p]));
  for (const cue of sheet.cues) {
    const p = placement.get(cue.id);
    for (const h of cue.hits) {
      if (!h.caught || h.tick === undefined || !p) continue;
      const landed = map.ticksToSeconds(p.tick + h.tick);
      const err = landed - h.time;
      h.errorMs = Math.round(err * 1e6) / 1e3;
      if (Math.abs(err) > HIT_TOLERANCE_S) {
        h.caught = false;
        h.reason = `lands ${(err * 1000).toFixed(1)} ms off in the assembled score`;
      }
    }
  }
  for (const m of sheet.motifs) {
    for (const a of m.appearances) {
      const use = sheet.cues.find((c) => c.id === a.cue)?.motifs.find((u) => u.id === m.id);
      a.bars = use?.bars ?? [];
      a.statements = use?.statements ?? [];
    }
  }
  sheet.notes.push(...assembled.notes);
  return { cueSheet: sheet, score: assembled.score, cues, notes: assembled.notes, timings, ...(recorded ? { evidence } : {}) };
}
