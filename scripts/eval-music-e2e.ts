/**
 * purpose: the end-to-end part of `npm run eval:music` — score each examples/*.fountain script in-process
 * (offline director, default style models, no audio) and put, per cue, the arc's valence/arousal/tension next
 * to what the music did: tempo, mode, register (mean pitch), note density and loudness (mean velocity), the
 * hit-point landing errors measured through the assembled score, leitmotif statements, and the longest melodic
 * run copied from the corpus. Headline: correlations across all cues of every script (emotion cue ⇒ music cue,
 * the direction the music-psychology literature predicts; MUSIC.md table). Each cue also carries the musician's
 * checks (src/eval/ musicChecks), which eval:music puts in its headline table beside the grid and the corpora.
 *
 * Run alone: `npx tsx scripts/eval-music-e2e.ts [script-or-folder …] [--seed N] [--json out.json]`; inside
 * eval:music: `npm run eval:music -- --film examples/heist.fountain [--film …]`.
 */
import { readdirSync, existsSync, statSync, writeFileSync } from 'node:fs';
import { join, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseScript } from '../src/script/index.js';
import { loadScript } from '../src/script/node.js';
import { analyzeScript } from '../src/affect/index.js';
import { loadDefaultStyleModels } from '../src/style/node.js';
import { loadTextModel } from '../src/affect/node.js';
import { scoreFeatures } from '../src/compose/index.js';
import { emotionLabel } from '../src/plan/index.js';
import { scoreFilm } from '../src/film/index.js';
import type { Script } from '../src/script/types.js';
import { pearson } from '../src/util/math.js';
import { formatChecksTable, musicChecks, type MusicChecks } from '../src/eval/index.js';

export interface E2eCueRow {
  script: string;
  cue: string;
  start: number;
  end: number;
  label: string;
  valence: number;
  arousal: number;
  tension: number;
  tempo: number;
  mode: string;
  major: number;
  register: number;
  density: number;
  loudness: number;
  hitsCaught: number;
  hitsTotal: number;
  maxHitErrorMs: number;
  motifStatements: number;
  longestCopiedRun: number;
  /** Bars of the composed cue. */
  bars: number;
  /** The musician's checks of this cue's score. */
  checks: MusicChecks;
}

export interface E2eReport {
  scripts: Array<{ name: string; scenes: number; seconds: number; cues: number; dryScenes: number; motifs: number; recurringMotifs: number; ms: number }>;
  cues: E2eCueRow[];
  correlations: Record<string, number>;
  maxHitErrorMs: number;
  hitsCaught: number;
  hitsTotal: number;
  longestCopiedRun: number;
}

const MAJOR_FAMILY = new Set(['major', 'lydian', 'mixolydian']);

/** Scripts `score` reads (a folder holds the .fountain ones; a file is taken as given: .fountain, .fdx, plain text). */
function scriptInputs(paths: readonly string[]): Array<{ name: string; script: Script }> {
  const out: Array<{ name: string; script: Script }> = [];
  for (const p of paths) {
    if (!existsSync(p)) throw new Error(`eval:music: no script or folder at ${p}`);
    if (statSync(p).isDirectory()) {
      for (const f of readdirSync(p).filter((x) => x.endsWith('.fountain')).sort()) out.push({ name: basename(f), script: loadScript(join(p, f)) });
    } else out.push({ name: basename(p), script: loadScript(p) });
  }
  return out;
}

export function evalMusicEndToEnd(opts: { examplesDir?: string; scripts?: readonly string[]; seed?: number; print?: boolean } = {}): E2eReport {
  const dir = opts.examplesDir ?? fileURLToPath(new URL('../examples/', import.meta.url));
  const seed = opts.seed ?? 1;
  const print = opts.print ?? true;
  const out = (s: string) => print && process.stdout.write(s + '\n');
  let inputs: Array<{ name: string; script: Script }> = [];
  if (opts.scripts?.length) inputs = scriptInputs(opts.scripts);
  else if (existsSync(dir)) {
    inputs = readdirSync(dir)
      .filter((f) => f.endsWith('.fountain'))
      .sort()
      .map((f) => ({ name: basename(f), script: loadScript(join(dir, f)) }));
  }
  if (inputs.length === 0) {
    out(`eval:music e2e — no .fountain scripts in ${dir}; using a generated 6-page screenplay instead`);
    inputs = [{ name: 'generated-6p', script: parseScript(GENERATED_FALLBACK) }];
  }
  const models = loadDefaultStyleModels();
  const textModel = loadTextModel();
  const report: E2eReport = { scripts: [], cues: [], correlations: {}, maxHitErrorMs: 0, hitsCaught: 0, hitsTotal: 0, longestCopiedRun: 0 };
  for (const { name, script } of inputs) {
    const t0 = performance.now();
    const arc = analyzeScript(script, { model: textModel });
    const film = scoreFilm(script, arc, { seed }, { models });
    const ms = performance.now() - t0;
    const recurring = film.cueSheet.motifs.filter((m) => m.appearances.filter((a) => a.statements.length > 0).length >= 2).length;
    report.scripts.push({ name, scenes: script.scenes.length, seconds: script.duration, cues: film.cueSheet.cues.length, dryScenes: film.cueSheet.dryScenes.length, motifs: film.cueSheet.motifs.length, recurringMotifs: recurring, ms });
    for (const c of film.cueSheet.cues) {
      const composed = film.cues.find((x) => x.id === c.id)!;
      const f = scoreFeatures(composed.score);
      const caught = c.hits.filter((h) => h.caught);
      const maxErr = Math.max(0, ...caught.map((h) => Math.abs(h.errorMs ?? 0)));
      report.cues.push({
        script: name,
        cue: c.id,
        start: c.start,
        end: c.end,
        label: emotionLabel(c.affect),
        valence: c.affect.valence,
        arousal: c.affect.arousal,
        tension: c.affect.tension,
        tempo: f.tempo,
        mode: f.mode,
        major: MAJOR_FAMILY.has(f.mode) ? 1 : 0,
        register: f.meanPitch,
        density: f.noteDensity,
        loudness: f.velocity,
        hitsCaught: caught.length,
        hitsTotal: c.hits.length,
        maxHitErrorMs: maxErr,
        motifStatements: c.motifs.reduce((s, m) => s + m.statements.length, 0),
        longestCopiedRun: composed.summary.longestCopiedRun,
        bars: composed.summary.bars,
        checks: musicChecks(composed.score),
      });
      report.maxHitErrorMs = Math.max(report.maxHitErrorMs, maxErr);
      report.hitsCaught += caught.length;
      report.hitsTotal += c.hits.length;
    }
    report.longestCopiedRun = Math.max(report.longestCopiedRun, ...film.cueSheet.motifs.map((m) => m.longestCopiedRun), ...report.cues.map((r) => r.longestCopiedRun));
  }
  const col = (k: keyof E2eCueRow) => report.cues.map((r) => Number(r[k]));
  report.correlations = {
    'arousal→tempo': pearson(col('arousal'), col('tempo')),
    'valence→major mode': pearson(col('valence'), col('major')),
    'valence+arousal→register': pearson(col('valence').map((v, i) => v + col('arousal')[i]), col('register')),
    'arousal→density': pearson(col('arousal'), col('density')),
    'arousal+tension→loudness': pearson(col('arousal').map((a, i) => a + col('tension')[i]), col('loudness')),
  };

  out(formatEndToEnd(report, seed));
  return report;
}

/** The end-to-end table as text (what evalMusicEndToEnd prints). */
export function formatEndToEnd(report: E2eReport, seed: number): string {
  const lines: string[] = [];
  lines.push('');
  lines.push('eval:music — end to end (script → arc → cue sheet → composed film score), offline director, default models, seed ' + seed);
  for (const s of report.scripts) {
    lines.push(`  ${s.name}: ${s.scenes} scenes, ${s.seconds.toFixed(0)} s, ${s.cues} cues, ${s.dryScenes} dry scenes, ${s.motifs} motifs (${s.recurringMotifs} recur), ${(s.ms / 1000).toFixed(1)} s`);
  }
  lines.push('  script                 cue    emotion   val    aro   ten | tempo mode            reg   dens  loud | hits   err ms  motifs copied | bars irep crep self cons');
  for (const r of report.cues) {
    lines.push(
      `  ${r.script.slice(0, 22).padEnd(22)} ${r.cue.padEnd(6)} ${r.label.padEnd(8)} ${fmt(r.valence)} ${fmt(r.arousal)} ${r.tension.toFixed(2)} | ${r.tempo.toFixed(0).padStart(5)} ${r.mode.padEnd(15)} ${r.register.toFixed(1).padStart(5)} ${r.density.toFixed(1).padStart(5)} ${r.loudness.toFixed(0).padStart(5)} | ${`${r.hitsCaught}/${r.hitsTotal}`.padEnd(5)} ${r.maxHitErrorMs.toFixed(3).padStart(7)} ${String(r.motifStatements).padStart(6)} ${String(r.longestCopiedRun).padStart(6)} | ${String(r.bars).padStart(4)} ${f2(r.checks.intervalRepetition)} ${f2(r.checks.contourRepetition)} ${f2(r.checks.selfSimilarity)} ${f2(r.checks.strongBeatConsonance)}`,
    );
  }
  lines.push('  correlations over all cues (expected positive):');
  for (const [k, v] of Object.entries(report.correlations)) lines.push(`    ${k.padEnd(26)} r = ${v.toFixed(2)}`);
  lines.push(`  hits caught ${report.hitsCaught}/${report.hitsTotal}, worst landing error ${report.maxHitErrorMs.toFixed(3)} ms; longest copied run ${report.longestCopiedRun}`);
  return lines.join('\n');
}

const fmt = (x: number) => (x >= 0 ? '+' : '') + x.toFixed(2);
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '  — ');

/** Used only when examples/ holds no .fountain script (e.g. a trimmed checkout). */
const GENERATED_FALLBACK = `Title: Fallback

EXT. HARBOUR - DAWN

Gulls wheel over still water. MARA (30s) walks the pier, smiling at the sunrise.

MARA
Finally. A quiet morning.

INT. HARBOUR OFFICE - DAY

MARA and TOMAS (40s) argue over ledgers.

TOMAS
The numbers don't add up.

MARA
Then check them again.

TOMAS
I did. Twice.

MARA
Then we have a problem.

EXT. PIER - NIGHT

Gunfire! Mara runs. An explosion tears through the warehouse. She dives into the freezing water.

INT. HOSPITAL - NIGHT

Tomas lies still. Mara weeps silently at his bedside. The monitor flatlines.

MARA
(whispering)
I'm sorry. I'm so sorry.

EXT. HARBOUR - DAY

Months later. Fireworks burst over the bay. Mara laughs with the crowd, radiant, free.
`;

const invokedDirectly = process.argv[1] && /eval-music-e2e\.ts$/.test(process.argv[1]);
if (invokedDirectly) {
  const args = process.argv.slice(2);
  const seedIdx = args.indexOf('--seed');
  const jsonIdx = args.indexOf('--json');
  const paths = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--seed' && args[i - 1] !== '--json');
  const report = evalMusicEndToEnd({ scripts: paths, seed: seedIdx >= 0 ? Number(args[seedIdx + 1]) : 1 });
  const action = report.cues.filter((c) => c.valence < 0 && c.arousal > 0);
  console.log("\nmusician's checks over the example cues (src/eval/; mean per cue):");
  console.log(formatChecksTable([{ title: 'all cues', checks: report.cues.map((c) => c.checks) }, { title: 'action v<0 a>0', checks: action.map((c) => c.checks) }]));
  if (jsonIdx >= 0 && args[jsonIdx + 1]) writeFileSync(args[jsonIdx + 1], JSON.stringify(report, null, 2) + '\n');
}
