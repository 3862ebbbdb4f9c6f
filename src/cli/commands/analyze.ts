/**
 * purpose: `leitmotif analyze <script>` — read a screenplay, analyse its emotional arc, print a scene table, and
 * optionally write the analysis JSON and an SVG plot of the arc.
 */
import { sceneLabels } from '../../script/scene-label.js';
import { Option, type Command } from 'commander';
import { loadScript } from '../../script/node.js';
import { arcToSvg, buildAnalysisJson, createDirector, formatClock, type Arc, type DirectorKind } from '../../affect/index.js';
import type { Script } from '../../script/types.js';
import { writeFileAtomic, writeJsonAtomic } from '../../io/atomic-write.js';
import { assertFileTarget } from '../../io/run-folder.js';
import { LeitmotifError } from '../../util/errors.js';
import { loadTextModel } from '../../affect/node.js';

interface AnalyzeFlags {
  json?: string;
  svg?: string;
  director: string;
  timings?: string;
  llmUrl?: string;
  llmModel?: string;
  llmTimeout?: string;
  llmDeadline?: string;
  sceneContext?: boolean;
  quiet?: boolean;
}

export function register(program: Command): void {
  program
    .command('analyze')
    .description('analyse a screenplay\'s emotional arc: per-scene valence, arousal, tension, characters and hit points')
    .argument('<script>', 'screenplay file (Fountain, Final Draft .fdx, or plain text)')
    .option('--json <file>', 'write the analysis (scenes, beats, characters, hits) as JSON')
    .option('--svg <file>', 'write a plot of the arc as SVG')
    .option('--director <kind>', 'offline (default, deterministic) or openai (an OpenAI-compatible LLM server)', 'offline')
    .option('--timings <file>', 'scene timings file overriding the page-based time estimate')
    .option('--llm-url <url>', 'LLM server base URL (default $LEITMOTIF_LLM_BASE_URL, $OPENAI_BASE_URL, or OpenAI)')
    .option('--llm-model <name>', 'LLM model name (default $LEITMOTIF_LLM_MODEL)')
    .option('--llm-timeout <seconds>', 'timeout per LLM request in seconds (default 30)')
    .option('--llm-deadline <seconds>', 'deadline for the whole LLM analysis; later scenes keep offline values (default 120, or $LEITMOTIF_LLM_DEADLINE)')
    .option('--no-scene-context', 'read each line on its own, without the learned scene-context model (situation, subtext, preceding scene) that is on by default for screenplays (plain prose never uses it)')
    // The old opt-in flag still parses (scripts that pass it keep working): scene context is the default now.
    .addOption(new Option('--scene-context').hideHelp())
    .option('-q, --quiet', 'do not print the scene table')
    .action(async (file: string, flags: AnalyzeFlags) => {
      const kind = parseDirector(flags.director);
      const timeoutMs = flags.llmTimeout === undefined ? undefined : parseTimeout(flags.llmTimeout);
      const deadlineMs = flags.llmDeadline === undefined ? undefined : parseTimeout(flags.llmDeadline, '--llm-deadline');
      // Output paths are checked before the work: a folder where a file goes fails now, with nothing written.
      if (flags.json) assertFileTarget(flags.json, '--json');
      if (flags.svg) assertFileTarget(flags.svg, '--svg');
      const script = loadScript(file, { timings: flags.timings });
      if (script.scenes.length === 0) {
        throw new LeitmotifError('LM_ERR_SCRIPT_INVALID', `${file} has no scenes to analyse (the file is empty or holds only notes)`, {
          hint: 'a Fountain scene starts with a heading like "INT. KITCHEN - NIGHT"; plain prose needs at least one paragraph',
        });
      }
      const director = createDirector(kind, { offline: { model: loadTextModel(), ...(flags.sceneContext === false ? { sceneContext: false } : {}) }, openai: { url: flags.llmUrl, model: flags.llmModel, timeoutMs, deadlineMs } });
      const arc = await director.analyze(script);
      if (flags.json) writeJsonAtomic(flags.json, buildAnalysisJson(script, arc));
      if (flags.svg) writeFileAtomic(flags.svg, arcToSvg(arc, script));
      if (!flags.quiet) process.stdout.write(formatSceneTable(script, arc));
      for (const w of script.warnings) process.stderr.write(`warning: ${w}\n`);
      for (const n of arc.notes) if (/fell back|kept offline|LLM/.test(n)) process.stderr.write(`note: ${n}\n`);
      if (flags.json) process.stderr.write(`wrote ${flags.json}\n`);
      if (flags.svg) process.stderr.write(`wrote ${flags.svg}\n`);
    });
}

function parseDirector(s: string): DirectorKind {
  if (s === 'offline' || s === 'openai') return s;
  throw new LeitmotifError('LM_ERR_BAD_OPTION', `unknown director "${s}"`, { hint: 'use --director offline or --director openai' });
}

function parseTimeout(s: string, flag = '--llm-timeout'): number {
  const x = Number(s);
  if (!Number.isFinite(x) || x <= 0 || x > 3600) {
    throw new LeitmotifError('LM_ERR_BAD_OPTION', `${flag} must be a number of seconds between 0 and 3600, got "${s}"`);
  }
  return Math.round(x * 1000);
}

const sign = (x: number) => (x >= 0 ? '+' : '') + x.toFixed(2);
const fit = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s.padEnd(n));

/** A fixed-width table a person can read in a terminal. */
export function formatSceneTable(script: Script, arc: Arc): string {
  const names = new Map(script.characters.map((c) => [c.id, c.name]));
  const hits = new Map<number, number>();
  for (const h of arc.hits) if (h.kind !== 'cut') hits.set(h.scene, (hits.get(h.scene) ?? 0) + 1);
  const labels = sceneLabels(script);
  const lines: string[] = [];
  const title = script.title ? `${script.title} — ` : '';
  lines.push(`${title}${arc.scenes.length} scenes, ${formatClock(script.duration)}, ${arc.hits.length} hit points (${arc.source})`);
  lines.push(`${'#'.padStart(4)}  ${fit('heading', 36)} ${'start'.padStart(7)} ${'dur'.padStart(6)} ${'val'.padStart(6)} ${'aro'.padStart(6)} ${'ten'.padStart(5)}  ${fit('characters', 28)} hits`);
  for (const s of arc.scenes) {
    const chars = s.characters.map((id) => names.get(id) ?? id).join(', ');
    lines.push(
      `${(labels[s.index] ?? String(s.index + 1)).padStart(4)}  ${fit(s.heading || '(no heading)', 36)} ${formatClock(s.start).padStart(7)} ${formatClock(s.duration).padStart(6)} ${sign(s.valence).padStart(6)} ${sign(s.arousal).padStart(6)} ${s.tension.toFixed(2).padStart(5)}  ${fit(chars || '—', 28)} ${String(hits.get(s.index) ?? 0).padStart(4)}`,
    );
    if (s.direction) lines.push(`      ↳ ${s.direction}`);
  }
  const top = [...arc.hits].filter((h) => h.kind !== 'cut').sort((a, b) => b.salience - a.salience || a.time - b.time).slice(0, 8).sort((a, b) => a.time - b.time);
  if (top.length) {
    lines.push('strongest hits:');
    for (const h of top) lines.push(`  ${formatClock(h.time).padStart(7)}  ${h.kind.padEnd(14)} ${h.salience.toFixed(2)}  ${h.text}`);
  }
  return lines.join('\n') + '\n';
}
