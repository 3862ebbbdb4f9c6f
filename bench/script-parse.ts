/**
 * purpose: how fast script/ parses. Run: `npx tsx bench/script-parse.ts`.
 * Prints cold (first call) and warm (median of repeated calls) parse CPU times for generated 10-, 120- and 1000-page
 * Fountain screenplays and a ~5 MB one, plus the bundled examples. Figures only; nothing is asserted.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseScript } from '../src/script/index.js';
import { makeScreenplay } from './make-screenplay.js';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** CPU milliseconds (user + system) of this process: not inflated when other processes load the machine. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function time(label: string, text: string, filename: string, reps: number): void {
  const t0 = cpuMs();
  const s = parseScript(text, { filename });
  const cold = cpuMs() - t0;
  const warm: number[] = [];
  for (let i = 0; i < reps; i++) {
    const a = cpuMs();
    parseScript(text, { filename });
    warm.push(cpuMs() - a);
  }
  console.log(
    `${label.padEnd(28)} ${(text.length / 1024).toFixed(0).padStart(6)} KB  ${String(s.scenes.length).padStart(5)} scenes  ${s.pages?.toFixed(1).padStart(7)} pages  cold ${cold.toFixed(1).padStart(7)} ms  warm ${median(warm).toFixed(1).padStart(7)} ms`,
  );
}

for (const [pages, reps] of [
  [10, 30],
  [120, 15],
  [1000, 3],
  [4500, 1],
] as const) {
  time(`generated ${pages} pages`, makeScreenplay(pages, 1), 'bench.fountain', reps);
}
const dir = join(import.meta.dirname, '..', 'examples');
for (const f of readdirSync(dir).filter((x) => /\.(fountain|fdx|txt)$/.test(x))) time(`examples/${f}`, readFileSync(join(dir, f), 'utf8'), f, 20);
