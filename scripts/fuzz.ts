/**
 * purpose: `npm run fuzz` — runs generated and mutated inputs through every reader (test/fuzz/targets.ts) and
 * prints crashes (a throw that is not a LeitmotifError), hangs (a call over --hang-ms) and validator
 * violations (a returned value that breaks its schema, invariants or documented limits) per reader, plus
 * "netted": user errors that a safety net made out of an internal error (no crash, but a reader bug to fix).
 * Target: 0 / 0 / 0. Exit code 1 when any reader has a finding.
 *
 *   npm run fuzz                          100 000 inputs per reader
 *   npm run fuzz -- --count 5000 --only midi,fdx --seed 7 --hang-ms 1000 --model-count 500
 *   LEITMOTIF_FUZZ_COUNT=20000 npm run fuzz
 */
import { fuzzTarget, fuzzTargets } from '../test/fuzz/targets.js';
import { isLeitmotifError } from '../src/util/errors.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const count = Number(arg('count') ?? process.env.LEITMOTIF_FUZZ_COUNT ?? 100_000);
const seed = Number(arg('seed') ?? 1);
const hangMs = Number(arg('hang-ms') ?? 2000);
const only = arg('only')?.split(',');
if (!(count >= 1) || !Number.isFinite(seed) || !(hangMs > 0)) {
  process.stderr.write('usage: npm run fuzz -- [--count N] [--seed N] [--hang-ms MS] [--only a,b]\n');
  process.exit(2);
}

const targets = fuzzTargets().filter((t) => !only || only.includes(t.name));
process.stdout.write(`fuzzing ${targets.length} readers, ${count} inputs each, seed ${seed}, hang > ${hangMs} ms\n`);
process.stdout.write(`${'reader'.padEnd(12)} ${'inputs'.padStart(8)} ${'crashes'.padStart(8)} ${'hangs'.padStart(6)} ${'violations'.padStart(10)} ${'netted'.padStart(7)} ${'slowest'.padStart(9)} ${'time'.padStart(8)}\n`);
let findings = 0;
const t00 = Date.now();
for (const t of targets) {
  const t0 = Date.now();
  // Model files are large (45 KB–1 MB): --model-count (default 2000) inputs keep the total time sane.
  const n = t.name.endsWith('-model') ? Math.min(count, Number(arg('model-count') ?? 2000)) : count;
  const s = fuzzTarget(t, n, seed, hangMs, isLeitmotifError);
  findings += s.crashes + s.hangs + s.violations;
  process.stdout.write(
    `${t.name.padEnd(12)} ${String(s.runs).padStart(8)} ${String(s.crashes).padStart(8)} ${String(s.hangs).padStart(6)} ${String(s.violations).padStart(10)} ${String(s.netted).padStart(7)} ${`${Math.round(s.slowestMs)} ms`.padStart(9)} ${`${((Date.now() - t0) / 1000).toFixed(1)} s`.padStart(8)}\n`,
  );
  // eslint-disable-next-line no-control-regex
  for (const e of s.examples) process.stdout.write(`    ${e.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?').slice(0, 400)}\n`);
}
process.stdout.write(`total ${((Date.now() - t00) / 1000).toFixed(1)} s; ${findings === 0 ? 'no findings' : `${findings} finding(s)`}\n`);
process.exitCode = findings === 0 ? 0 : 1;
