/**
 * purpose: `npm run eval:music` — evidence that compose/ turns emotion into the music the literature predicts.
 * Composes a grid (valence × arousal × style × seeds) with the default style models and prints, per cell:
 * tempo, mode, mean pitch, note density, loudness (mean velocity; rendered LUFS for a subset with --lufs),
 * pitch-class entropy, scale consistency, chord-tone ratio on strong beats, groove consistency, motif
 * repetition rate and the longest melodic run copied from the corpus — beside the same line features of the
 * training corpora (when ../shared/corpora exists).
 * Headline: the musician's checks (src/eval/ musicChecks — lead above the accompaniment, parallel 5ths/8ves,
 * repetition, leading-tone resolution, bass motion, cadences, ranges, percussion…) for the generated cues per
 * palette, the action cues and the example scripts, beside the same code run on the Bach chorales (4 voices)
 * and the folk tunes (melody only); then the emotion directions (correlations of each axis with its cue).
 *
 * Reusable: composeGrid(), corpusBaseline(), gridHeadline() and formatGrid() are exported so the plan helper's
 * end-to-end evaluation (scripts/eval-music-e2e.ts) can run alongside.
 * Run: `npx tsx scripts/eval-music.ts [--seeds 3] [--duration 45] [--corpora <dir>] [--lufs] [--no-e2e] [--film <script|dir>]…
 * [--film-seed N] [--json out.json]` (--film: the scripts scored end to end; default every examples/*.fountain).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeCue, scoreFeatures, lineFeatures, type MusicFeatures } from '../src/compose/index.js';
import { parseCueSpec, resolveCue, STYLES, type Style } from '../src/cue/index.js';
import { loadDefaultStyleModels } from '../src/style/node.js';
import { readAbc } from '../src/style/corpus/abc.js';
import { readChoraleJson } from '../src/style/corpus/chorales.js';
import type { CorpusPiece } from '../src/style/corpus/types.js';
import { isMinorMode } from '../src/theory/index.js';
import { pearson, mean } from '../src/util/math.js';
import type { StyleModel } from '../src/style/api.js';
import { formatChecksTable, musicChecks, type ChecksColumn, type MusicChecks } from '../src/eval/index.js';
import { choraleScores, filesUnder, folkScores } from './eval-music-corpus.js';
import type { E2eReport } from './eval-music-e2e.js';

export interface GridCell {
  valence: number;
  arousal: number;
  tension: number;
  style: Style;
  seed: number;
  features: MusicFeatures;
  longestCopiedRun: number;
  minor: boolean;
  lufs?: number;
  /** The musician's checks of the cue's score (src/eval/). */
  checks: MusicChecks;
}

export interface GridOptions {
  valences?: number[];
  arousals?: number[];
  styles?: readonly Style[];
  seeds?: number;
  duration?: number;
  models?: { melody: StyleModel; harmony: StyleModel };
}

export function composeGrid(o: GridOptions = {}): GridCell[] {
  const models = o.models ?? loadDefaultStyleModels();
  const cells: GridCell[] = [];
  for (const style of o.styles ?? STYLES)
    for (const valence of o.valences ?? [-0.7, 0, 0.7])
      for (const arousal of o.arousals ?? [-0.7, 0, 0.7])
        for (let seed = 1; seed <= (o.seeds ?? 3); seed++) {
          const tension = 0.25 + 0.3 * Math.max(0, arousal) + 0.25 * Math.max(0, -valence);
          const spec = parseCueSpec({ duration: o.duration ?? 45, emotion: { valence, arousal, tension }, style, seed });
          const r = composeCue(resolveCue(spec), { models });
          cells.push({ valence, arousal, tension, style, seed, features: scoreFeatures(r.score), longestCopiedRun: r.summary.longestCopiedRun, minor: isMinorMode(r.summary.mode), checks: musicChecks(r.score) });
        }
  return cells;
}

export interface CorpusRow {
  corpus: string;
  pieces: number;
  features: ReturnType<typeof lineFeatures>;
}

function averageLines(pieces: CorpusPiece[]): CorpusRow['features'] {
  const fs = pieces.filter((p) => p.melody.length >= 8).map((p) => lineFeatures(p.melody.map((n) => ({ pitch: n.pitch, beat: n.onset, duration: n.duration }))));
  const avg = (k: keyof CorpusRow['features']) => mean(fs.map((f) => f[k]).filter((x) => Number.isFinite(x)));
  return { meanPitch: avg('meanPitch'), melodyPitch: avg('melodyPitch'), noteDensity: avg('noteDensity'), pcEntropy: avg('pcEntropy'), scaleConsistency: avg('scaleConsistency'), motifRepetition: avg('motifRepetition') };
}

/** Melody-line features of the training corpora (folk ABC tunes, Bach chorale sopranos), at 100 bpm. */
export function corpusBaseline(corporaDir: string, maxFiles = 40): CorpusRow[] {
  const rows: CorpusRow[] = [];
  const folk = join(corporaDir, 'folk-abc-music21-pd');
  if (existsSync(folk)) {
    const pieces: CorpusPiece[] = [];
    for (const f of filesUnder(folk, '.abc', maxFiles)) pieces.push(...readAbc(readFileSync(f, 'utf8'), f).pieces);
    rows.push({ corpus: 'folk-abc (melodies)', pieces: pieces.length, features: averageLines(pieces) });
  }
  const jsb = join(corporaDir, 'jsb-chorales');
  if (existsSync(jsb)) {
    const pieces: CorpusPiece[] = [];
    for (const f of filesUnder(jsb, '.json', 4)) pieces.push(...readChoraleJson(JSON.parse(readFileSync(f, 'utf8')), f).pieces);
    rows.push({ corpus: 'jsb-chorales (soprano)', pieces: pieces.length, features: averageLines(pieces) });
  }
  return rows;
}

export interface CorpusChecks {
  bach: MusicChecks[];
  folk: MusicChecks[];
}

/** The musician's checks on every Bach chorale (4-voice scores) and folk tune (melody only) in the corpora. */
export function corpusChecks(corporaDir: string, maxFolkFiles = 200): CorpusChecks {
  return {
    bach: choraleScores(join(corporaDir, 'jsb-chorales')).map(musicChecks),
    folk: folkScores(join(corporaDir, 'folk-abc-music21-pd'), maxFolkFiles).map(musicChecks),
  };
}

/** Columns of the headline table: all generated cues, each palette, the action cues, the example scripts, the corpora. */
export function checksColumns(cells: readonly GridCell[], corpus: CorpusChecks | undefined, e2e: E2eReport | undefined): ChecksColumn[] {
  const cols: ChecksColumn[] = [{ title: 'grid all', checks: cells.map((c) => c.checks) }];
  for (const style of STYLES) cols.push({ title: style, checks: cells.filter((c) => c.style === style).map((c) => c.checks) });
  cols.push({ title: 'action v<0 a>0', checks: cells.filter((c) => c.valence < 0 && c.arousal > 0).map((c) => c.checks) });
  if (e2e) {
    cols.push({ title: 'examples e2e', checks: e2e.cues.map((c) => c.checks) });
    cols.push({ title: 'e2e action', checks: e2e.cues.filter((c) => c.valence < 0 && c.arousal > 0).map((c) => c.checks) });
  }
  if (corpus?.bach.length) cols.push({ title: 'Bach', checks: corpus.bach });
  if (corpus?.folk.length) cols.push({ title: 'folk', checks: corpus.folk, melodicOnly: true });
  return cols;
}

export function gridHeadline(cells: readonly GridCell[]): Record<string, number> {
  const col = (f: (c: GridCell) => number) => cells.map(f);
  return {
    'arousal~tempo': pearson(col((c) => c.arousal), col((c) => c.features.tempo)),
    'arousal~density': pearson(col((c) => c.arousal), col((c) => c.features.noteDensity)),
    'arousal~velocity': pearson(col((c) => c.arousal), col((c) => c.features.velocity)),
    'valence~major': pearson(col((c) => c.valence), col((c) => (c.minor ? 0 : 1))),
    'valence~meanPitch': pearson(col((c) => c.valence), col((c) => c.features.meanPitch)),
    'valence~melodyPitch': pearson(col((c) => c.valence), col((c) => c.features.melodyPitch)),
  };
}

const f1 = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '—');

export function formatGrid(cells: readonly GridCell[], corpus: readonly CorpusRow[]): string {
  const head = ['style', 'val', 'aro', 'tempo', 'minor%', 'pitch', 'mel', 'dens/s', 'vel', 'LUFS', 'H(pc)', 'scale', 'ct@strong', 'groove', 'motif', 'copy'];
  const rows: string[][] = [head];
  const groups = new Map<string, GridCell[]>();
  for (const c of cells) {
    const k = `${c.style}|${c.valence}|${c.arousal}`;
    groups.set(k, [...(groups.get(k) ?? []), c]);
  }
  for (const [k, g] of groups) {
    const [style, v, a] = k.split('|');
    const m = (f: (c: GridCell) => number) => mean(g.map(f).filter((x) => Number.isFinite(x)));
    const lufs = g.map((c) => c.lufs).filter((x): x is number => x !== undefined);
    rows.push([style, v, a, f1(m((c) => c.features.tempo), 0), f1(100 * m((c) => (c.minor ? 1 : 0)), 0), f1(m((c) => c.features.meanPitch)), f1(m((c) => c.features.melodyPitch)), f1(m((c) => c.features.noteDensity)), f1(m((c) => c.features.velocity)), lufs.length ? f1(mean(lufs)) : '—', f1(m((c) => c.features.pcEntropy), 2), f1(m((c) => c.features.scaleConsistency), 2), f1(m((c) => c.features.chordToneRatio), 2), f1(m((c) => c.features.grooveConsistency), 2), f1(m((c) => c.features.motifRepetition), 2), String(Math.max(...g.map((c) => c.longestCopiedRun)))]);
  }
  for (const r of corpus) rows.push([`corpus: ${r.corpus} n=${r.pieces}`, '', '', '', '', f1(r.features.meanPitch), f1(r.features.melodyPitch), f1(r.features.noteDensity), '', '', f1(r.features.pcEntropy, 2), f1(r.features.scaleConsistency, 2), '', '', f1(r.features.motifRepetition, 2), '']);
  const widths = head.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((x, i) => (i === 0 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join('  ')).join('\n');
}

/** Rendered integrated loudness for one seed per cell (slow: SoundFont synthesis). */
export async function addRenderedLoudness(cells: GridCell[], duration: number): Promise<void> {
  const { renderToWav } = await import('../src/render/audio/index.js');
  const models = loadDefaultStyleModels();
  for (const c of cells) {
    if (c.seed !== 1) continue;
    const spec = parseCueSpec({ duration, emotion: { valence: c.valence, arousal: c.arousal, tension: c.tension }, style: c.style, seed: c.seed });
    const r = composeCue(resolveCue(spec), { models });
    const res = await renderToWav({ score: r.score }, { lufs: null });
    c.lufs = res.stats.integratedLufs;
  }
}

function arg(argv: readonly string[], flag: string): string | undefined {
  const i = argv.indexOf(flag);
  return i >= 0 ? argv[i + 1] : undefined;
}

export async function main(argv: readonly string[]): Promise<void> {
  const seeds = Number(arg(argv, '--seeds') ?? 3);
  const duration = Number(arg(argv, '--duration') ?? 45);
  const t0 = performance.now();
  const cells = composeGrid({ seeds, duration });
  const ms = performance.now() - t0;
  if (argv.includes('--lufs')) await addRenderedLoudness(cells, Math.min(duration, 20));
  const repo = resolve(fileURLToPath(new URL('..', import.meta.url)));
  const corporaDir = resolve(arg(argv, '--corpora') ?? join(repo, '..', 'shared', 'corpora'));
  let corpus: CorpusRow[] = [];
  let corpusMusic: CorpusChecks | undefined;
  if (existsSync(corporaDir)) {
    corpus = corpusBaseline(corporaDir);
    corpusMusic = corpusChecks(corporaDir);
  } else process.stderr.write(`eval:music: no corpora at ${corporaDir}; corpus columns skipped (pass --corpora <dir>)\n`);
  const e2eMod = argv.includes('--no-e2e') ? undefined : await import('./eval-music-e2e.js'); // plan helper: scripts → film scores
  const films = argv.flatMap((a, i) => (a === '--film' && argv[i + 1] ? [argv[i + 1]] : []));
  const e2e = e2eMod?.evalMusicEndToEnd({ print: false, scripts: films, seed: Number(arg(argv, '--film-seed') ?? 1) });
  console.log(`compose grid: ${cells.length} cues of ${duration} s (${STYLES.length} styles × 3 valence × 3 arousal × ${seeds} seeds) in ${(ms / 1000).toFixed(1)} s`);
  console.log("\nHEADLINE — musician's checks (src/eval/musicChecks; mean per score, same code for cues and corpora; — = not measurable):");
  console.log(formatChecksTable(checksColumns(cells, corpusMusic, e2e)));
  console.log('');
  console.log(formatGrid(cells, corpus));
  const h = gridHeadline(cells);
  console.log('\nemotion directions (Pearson r over all cues; literature predicts all positive):');
  for (const [k, v] of Object.entries(h)) console.log(`  ${k.padEnd(20)} ${v.toFixed(2)}`);
  const maxCopy = Math.max(...cells.map((c) => c.longestCopiedRun));
  console.log(`  longest run copied from the corpus (any cue): ${maxCopy} notes (limit 6)`);
  const out = arg(argv, '--json');
  if (out) writeFileSync(out, JSON.stringify({ cells, corpus, corpusChecks: corpusMusic, headline: h, e2e }, null, 2));
  if (e2e && e2eMod) console.log(e2eMod.formatEndToEnd(e2e, Number(arg(argv, '--film-seed') ?? 1)));
}

const invokedDirectly = process.argv[1] && /eval-music\.ts$/.test(process.argv[1]);
if (invokedDirectly) await main(process.argv.slice(2));
