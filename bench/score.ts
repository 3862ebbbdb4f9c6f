/**
 * purpose: `npm run bench:score` — a generated screenplay (bench/make-screenplay.ts, 10 pages by default) scored
 * end to end on this machine, audio and stems included: prints the total and per-stage wall times, CPU and peak
 * memory (targets on 2 cores: 10 pages ≤ 10 s; 120 pages — a two-hour film — ≤ 1.2 GB peak RSS, since the
 * film's audio is streamed to disk slice by slice) and what was made.
 *   npm run bench:score -- [--pages 10] [--seed 7] [--no-audio] [--style orchestral]
 *   npm run bench:score -- --pages 120
 *   npm run bench:score -- --script film.fountain     # a real screenplay instead of a generated one
 *   npm run bench:score -- --play ../shared/corpora/pd-plays/pinero-the-mind-the-paint-girl-pg21849.txt
 *                                                     # a Gutenberg stage play, converted (bench/play-to-fountain.ts)
 */
import { mkdtempSync, writeFileSync, rmSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeScreenplay } from './make-screenplay.js';
import { playToFountain } from './play-to-fountain.js';
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
const scriptArg = arg('script', '');
const playArg = arg('play', '');
for (const p of [scriptArg, playArg]) {
  if (p && !existsSync(p)) {
    console.error(`bench:score: ${p} not found`);
    process.exit(2);
  }
}
const source = scriptArg ? `screenplay ${scriptArg}` : playArg ? `play ${playArg} (converted to Fountain)` : `${pages}-page screenplay (seed ${seed})`;

const dir = mkdtempSync(join(tmpdir(), 'leitmotif-bench-score-'));
try {
  const scriptPath = join(dir, 'bench.fountain');
  const text = scriptArg ? readFileSync(scriptArg, 'utf8') : playArg ? playToFountain(readFileSync(playArg, 'utf8')) : makeScreenplay(pages, seed);
  writeFileSync(scriptPath, text);
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
  console.log(`bench:score — ${source}, ${r.script.scenes.length} scenes, ${r.script.duration.toFixed(0)} s of screen time, style ${style}${audio ? '' : ', no audio'}`);
  console.log(`  ${cues.length} cues covering ${scored.toFixed(0)} s (${((100 * scored) / Math.max(1, r.script.duration)).toFixed(0)}%), ${r.cueSheet.dryScenes.length} dry scenes, ${r.cueSheet.motifs.length} leitmotifs`);
  console.log(`  hits: ${caught.length}/${hits.length} caught, worst landing error ${maxErr.toFixed(3)} ms; longest copied run ${r.provenance.originality.longestCopiedRun}`);
  if (r.renderStats) {
    const st = r.renderStats;
    console.log(`  audio: ${st.durationSec.toFixed(1)} s at ${st.integratedLufs.toFixed(1)} LUFS, ${st.truePeakDb.toFixed(1)} dBTP (input ${st.inputLufs.toFixed(1)} LUFS, gain ${st.gainDb.toFixed(1)} dB, limiter ${st.limiterReductionDb.toFixed(1)} dB)`);
  }
  console.log('  stage            seconds');
  for (const [k, v] of Object.entries(r.timings)) console.log(`  ${k.padEnd(16)} ${(v / 1000).toFixed(2).padStart(7)}`);
  console.log(`  ${'TOTAL'.padEnd(16)} ${total.toFixed(2).padStart(7)}   (target with audio: ≤ 10 s for 10 pages)`);
  // CPU of this process (worker threads included); robust when other jobs share the cores. sys is mostly
  // page faults and writing the WAVs (fsync).
  console.log(`  CPU: user ${(cpu.user / 1e6).toFixed(2)} s + sys ${(cpu.system / 1e6).toFixed(2)} s; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (target ≤ 1200 MB at 120 pages with audio)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
