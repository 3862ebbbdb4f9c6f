/**
 * purpose: `npm run bench:cli` — how long `leitmotif --help` takes to start and exit (target < 0.8 s), as a user
 * runs it (`node bin/leitmotif.js`, a fresh process each time): median and fastest wall time over BENCH_RUNS
 * (default 15). bin/leitmotif.js runs the compiled build (dist/, `npm run build`) when it is newer than src/,
 * else the sources through tsx; run it once each way to compare (`rm -rf dist` for the tsx figure).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { median } from '../src/util/math.js';

const bin = fileURLToPath(new URL('../bin/leitmotif.js', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 15);
const wall: number[] = [];
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
  wall.push(performance.now() - t0);
  if (r.status !== 0) throw new Error(`leitmotif --help exited ${r.status}: ${r.stderr}`);
}
const built = existsSync(fileURLToPath(new URL('../dist/cli/main.js', import.meta.url)));
console.log(`leitmotif --help (${built ? 'dist/ present: compiled when fresh' : 'no dist/: tsx'}): median ${median(wall).toFixed(0)} ms, fastest ${Math.min(...wall).toFixed(0)} ms over ${runs} runs (target < 800 ms)`);
