/**
 * purpose: the musician's checks summarised over many Scores and printed as one table (figures as rows,
 * groups such as palettes or corpora as columns) — the headline of `npm run eval:music`.
 * A group's figure is the mean of the per-score values that are defined (NaN = nothing to measure is skipped),
 * so every cue or chorale weighs the same however long it is.
 */
import type { MusicChecks } from './checks.js';

export interface Figure {
  key: string;
  label: string;
  get: (c: MusicChecks) => number;
  /** Measurable on a melody alone (shown for melody-only corpora). */
  melodic: boolean;
  /** Print as a percentage with one decimal instead of a 0–1 share. */
  percent?: boolean;
}

/** The headline figures, in print order. @example FIGURES.map((f) => f.label) */
export const FIGURES: readonly Figure[] = [
  { key: 'leadAbove', label: 'lead above accompaniment', get: (c) => c.leadAbove, melodic: false },
  { key: 'parallels', label: 'parallel 5ths/8ves lead–bass % (both move)', get: (c) => c.parallelPerfects, melodic: false, percent: true },
  { key: 'parallelsAll', label: 'parallel 5ths/8ves % of all pairs', get: (c) => c.parallels.shareOfPairs, melodic: false, percent: true },
  { key: 'intervalRep', label: 'bar interval repetition', get: (c) => c.intervalRepetition, melodic: true },
  { key: 'contourRep', label: 'bar contour repetition', get: (c) => c.contourRepetition, melodic: true },
  { key: 'selfSim', label: 'motif self-similarity (1–2 bars)', get: (c) => c.selfSimilarity, melodic: true },
  { key: 'ltRes', label: 'leading tone → tonic', get: (c) => c.leadingToneResolution, melodic: true },
  { key: 'bassStep', label: 'bass step (1–2 st)', get: (c) => c.bassMotion.step, melodic: false },
  { key: 'bassLeap', label: 'bass leap (≥3 st)', get: (c) => c.bassMotion.leap, melodic: false },
  { key: 'bassRepeat', label: 'bass repeat', get: (c) => c.bassMotion.repeat, melodic: false },
  { key: 'bassClash', label: 'bass ±semitone vs chord', get: (c) => c.bassClash, melodic: false },
  { key: 'strongCons', label: 'lead/bass consonant, strong beats', get: (c) => c.strongBeatConsonance, melodic: false },
  { key: 'outOfRange', label: 'notes outside instrument range %', get: (c) => c.range.share, melodic: false, percent: true },
  { key: 'restruck', label: 'sustains re-struck at barline %', get: (c) => c.restruck.share, melodic: false, percent: true },
  { key: 'cadAuth', label: 'cadence: authentic', get: (c) => c.cadences.shares.authentic, melodic: false },
  { key: 'cadHalf', label: 'cadence: half', get: (c) => c.cadences.shares.half, melodic: false },
  { key: 'cadPlagal', label: 'cadence: plagal', get: (c) => c.cadences.shares.plagal, melodic: false },
  { key: 'cadDecept', label: 'cadence: deceptive', get: (c) => c.cadences.shares.deceptive, melodic: false },
  { key: 'cadOther', label: 'cadence: other', get: (c) => c.cadences.shares.other, melodic: false },
  { key: 'percBars', label: 'bars with percussion', get: (c) => c.percussion.barsWithPercussion, melodic: false },
  { key: 'backbeat', label: 'snare on 2 & 4 (4/4 bars)', get: (c) => c.percussion.backbeat, melodic: false },
];

/**
 * Mean of each figure over the scores' checks, NaN values skipped (NaN when none is defined).
 * @example summariseChecks([musicChecks(a), musicChecks(b)]).leadAbove
 */
export function summariseChecks(checks: readonly MusicChecks[], figures: readonly Figure[] = FIGURES): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of figures) {
    const xs = checks.map(f.get).filter((x) => Number.isFinite(x));
    out[f.key] = xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN;
  }
  return out;
}

export interface ChecksColumn {
  title: string;
  checks: readonly MusicChecks[];
  /** Show only the melodic figures (a melody-only corpus). */
  melodicOnly?: boolean;
}

/**
 * The headline table: one row per figure, one column per group (with its score count in the header).
 * @example formatChecksTable([{ title: 'generated', checks }, { title: 'Bach', checks: bach }])
 */
export function formatChecksTable(columns: readonly ChecksColumn[], figures: readonly Figure[] = FIGURES): string {
  const sums = columns.map((c) => summariseChecks(c.checks, figures));
  const rows: string[][] = [['figure', ...columns.map((c) => `${c.title} (${c.checks.length})`)]];
  for (const f of figures)
    rows.push([
      f.label,
      ...columns.map((c, i) => {
        const v = sums[i][f.key];
        if ((c.melodicOnly && !f.melodic) || !Number.isFinite(v)) return '—';
        return f.percent ? (100 * v).toFixed(1) : v.toFixed(2);
      }),
    ]);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((x, i) => (i === 0 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join('  ')).join('\n');
}
