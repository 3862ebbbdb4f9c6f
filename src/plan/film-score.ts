/**
 * purpose: the pure heart of `leitmotif score`: Script + Arc → cue sheet → every cue composed → one assembled
 * film Score, with the cue sheet annotated by what compose actually made (key, tempo, bars, motif bars) and
 * every hit's landing error re-measured through the FINAL Score's tempo map. No I/O; compose is injected so
 * plan/ does not depend on compose/ at run time (DESIGN.md: stages depend upstream only).
 */
import type { Script } from '../script/types.js';
import type { Arc } from '../affect/types.js';
import type { Score, TempoEvent } from '../score/schema.js';
import type { StyleModel } from '../style/api.js';
import type { ComposeCue, ComposeSummary, ComposeOptions } from '../compose/api.js';
import type { CueSpec } from './cue-spec.js';
import { TempoMap } from '../score/tempo-map.js';
import { planCueSheet, type PlanOptions } from './plan-cues.js';
import { assembleFilmScore } from './assemble.js';
import { solveHitTempo } from './hit-sync.js';
import type { CueSheet, Cue } from './cue-sheet.js';

export interface FilmScoreDeps {
  composeCue: ComposeCue;
  models: { melody: StyleModel; harmony: StyleModel };
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
}

/**
 * What to pass composeCue to render one cue of a cue sheet exactly as `leitmotif score` did (used by
 * `leitmotif compose <cuesheet.json> --cue 1m2`): the spec, the solved tempo map when it must be given
 * explicitly, and the previous cue's key for the join.
 *
 * The sheet's tempoMap is derived from the spec (base tempo, meter, hits) by solveHitTempo. compose/ accents
 * hits only when it solves the map itself (with the same solver, default options), so:
 *  - the spec was edited since planning (its hits/tempo no longer give the sheet's map) ⇒ the spec wins:
 *    no map is passed and compose re-solves;
 *  - compose's own solve gives the identical map ⇒ no map is passed (same timing, plus the accents);
 *  - otherwise (a hit caught on a weak beat, a non-default tempo bound) ⇒ the map is passed.
 */
export function composeArgsForCue(cue: Cue, hitSync: CueSheet['hitSync'] = { maxDeviation: 0.12, weakBeats: true }): { spec: CueSpec; options: Pick<ComposeOptions, 'tempoMap' | 'previous'> } {
  const previous = cue.previous ? { previous: cue.previous } : {};
  const spec = cue.spec;
  if (spec.hits.length === 0 || spec.tempo === undefined || !spec.meter) {
    const constant = cue.tempoMap.length === 1 && cue.tempoMap[0].bpm === spec.tempo;
    return { spec, options: { ...(constant ? { tempoMap: cue.tempoMap } : {}), ...previous } };
  }
  const [num, den] = spec.meter.split('/').map(Number);
  const hits = spec.hits.map((h) => ({ time: h.time, label: h.label, salience: h.salience }));
  const same = (t: TempoEvent[]) => JSON.stringify(t) === JSON.stringify(cue.tempoMap);
  const planned = solveHitTempo({ baseBpm: spec.tempo, meter: [num, den], hits, maxDeviation: hitSync.maxDeviation, weakBeats: hitSync.weakBeats });
  if (!same(planned.tempo)) return { spec, options: previous };
  const composers = solveHitTempo({ baseBpm: spec.tempo, meter: [num, den], hits });
  return { spec, options: { ...(same(composers.tempo) ? {} : { tempoMap: cue.tempoMap }), ...previous } };
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
  const sheet = planCueSheet(script, arc, { ...opts, melodyModel: deps.models?.melody });
  lap('plan');

  const cues: ComposedFilmCue[] = [];
  let lastChord: string | undefined;
  sheet.cues.forEach((cue, i) => {
    onProgress?.(i / Math.max(1, sheet.cues.length), `composing ${cue.id}`);
    // The chord the previous cue really ended on (compose records its chords), for the pivot into this one.
    if (cue.previous && lastChord) cue.previous.lastChord = lastChord;
    const args = composeArgsForCue(cue, sheet.hitSync);
    const { score, summary } = deps.composeCue(args.spec, { models: deps.models, ...args.options });
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
  return { cueSheet: sheet, score: assembled.score, cues, notes: assembled.notes, timings };
}
