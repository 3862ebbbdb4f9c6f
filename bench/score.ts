/**
 * purpose: `npm run bench:score` — a 10-page screenplay (bench/make-screenplay.ts) scored end to end on this
 * machine, audio included: prints the total and per-stage wall times (target ≤ 20 s on 2 cores) and what was made.
 *   npm run bench:score -- [--pages 10] [--seed 7] [--no-audio] [--style orchestral]
 */
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeScreenplay } from './make-screenplay.js';
import { runScore } from '../src/cli/commands/score.js';
import type { Style } from '../src/cue/index.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const pages = Number(arg('pages', '10'));
const seed = Number(arg('seed', '7'));
const style = arg('style', 'orchestral') as Style;
const audio = !process.argv.includes('--no-audio');

const dir = mkdtempSync(join(tmpdir(), 'leitmotif-bench-score-'));
try {
  const scriptPath = join(dir, 'bench.fountain');
  writeFileSync(scriptPath, makeScreenplay(pages, seed));
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await runScore({ script: scriptPath, out: join(dir, 'out'), seed, style, audio });
  const total = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  const cues = r.cueSheet.cues;
  const hits = cues.flatMap((c) => c.hits);
  const caught = hits.filter((h) => h.caught);
  const maxErr = Math.max(0, ...caught.map((h) => Math.abs(h.errorMs ?? 0)));
  const scored = cues.reduce((s, c) => s + (c.end - c.start), 0);
  console.log(`bench:score — ${pages}-page screenplay (seed ${seed}), ${r.script.scenes.length} scenes, ${r.script.duration.toFixed(0)} s of screen time, style ${style}${audio ? '' : ', no audio'}`);
  console.log(`  ${cues.length} cues covering ${scored.toFixed(0)} s (${((100 * scored) / Math.max(1, r.script.duration)).toFixed(0)}%), ${r.cueSheet.dryScenes.length} dry scenes, ${r.cueSheet.motifs.length} leitmotifs`);
  console.log(`  hits: ${caught.length}/${hits.length} caught, worst landing error ${maxErr.toFixed(3)} ms; longest copied run ${r.provenance.originality.longestCopiedRun}`);
  if (r.renderStats) console.log(`  audio: ${r.renderStats.durationSec.toFixed(1)} s at ${r.renderStats.integratedLufs.toFixed(1)} LUFS, ${r.renderStats.truePeakDb.toFixed(1)} dBTP`);
  console.log('  stage            seconds');
  for (const [k, v] of Object.entries(r.timings)) console.log(`  ${k.padEnd(16)} ${(v / 1000).toFixed(2).padStart(7)}`);
  console.log(`  ${'TOTAL'.padEnd(16)} ${total.toFixed(2).padStart(7)}   (target ≤ 20 s)`);
  // CPU of this process (worker threads included); robust when other jobs share the cores. sys is mostly
  // page faults and writing the WAVs (fsync).
  console.log(`  CPU: user ${(cpu.user / 1e6).toFixed(2)} s + sys ${(cpu.system / 1e6).toFixed(2)} s; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
