/**
 * purpose: `npm run bench:train [-- <corpora-dir>]` — times style training on all shared music corpora (folk ABC
 * + JSB chorales, 5-fold cross-validation included) in this one thread, and the sampling speed of the default
 * models: median µs per 8-bar melody (with the anti-plagiarism check), per 8-chord progression, per 8-bar rhythm,
 * plus the default models' load time, backtrack rate and copy figures. Figures go to stdout; nothing is asserted.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { trainStyleModel } from '../src/style/train.js';
import { loadCorpus, loadStyleModel, DEFAULT_MODEL_DIR, DEFAULT_MODEL_FILES } from '../src/style/node.js';
import { Rng } from '../src/util/rng.js';
import { median, quantile } from '../src/util/math.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const corpora = process.argv[2] ?? join(root, '..', 'shared', 'corpora');

function cpuMs(c0: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

if (existsSync(corpora)) {
  const jobs = [
    { name: 'folk', paths: [join(corpora, 'folk-abc-music21-pd')], minCount: 8 },
    { name: 'chorales', paths: [join(corpora, 'jsb-chorales', 'Jsb16thSeparated.json')], minCount: 2 },
  ];
  let wall = 0;
  let cpu = 0;
  for (const j of jobs) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const corpus = loadCorpus(j.paths);
    const readMs = performance.now() - t0;
    const { crossEntropy } = trainStyleModel(corpus, { name: j.name, folds: 5, minCount: j.minCount });
    const w = performance.now() - t0;
    const c = cpuMs(c0);
    wall += w;
    cpu += c;
    console.log(`train ${j.name}: ${corpus.pieces.length} pieces, ${(w / 1000).toFixed(1)} s wall (read ${(readMs / 1000).toFixed(1)} s), ${(c / 1000).toFixed(1)} s CPU; pitch ${crossEntropy.pitch.bitsPerEvent} bits/note`);
  }
  console.log(`train all shared music corpora: ${(wall / 1000).toFixed(1)} s wall, ${(cpu / 1000).toFixed(1)} s CPU (target < 60 s on one core)`);
} else console.log(`(no corpora at ${corpora}: training not benchmarked)`);

for (const which of ['melody', 'harmony'] as const) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const model = loadStyleModel(DEFAULT_MODEL_DIR + DEFAULT_MODEL_FILES[which]);
  console.log(`\n${which} model "${model.name}" (${model.id}): load ${(performance.now() - t0).toFixed(0)} ms wall, ${cpuMs(c0).toFixed(0)} ms CPU`);
  const rng = new Rng(1);
  const times: number[] = [];
  let backtracks = 0;
  let unsatisfied = 0;
  let copyMax = 0;
  let copySum = 0;
  const N = 400;
  for (let i = 0; i < N + 20; i++) {
    const req = {
      key: { tonic: i % 12, mode: i % 3 === 0 ? ('minor' as const) : ('major' as const) },
      meter: i % 4 === 0 ? { numerator: 6, denominator: 8 } : { numerator: 4, denominator: 4 },
      bars: 8,
      range: [60, 84] as [number, number],
      endOn: [i % 12],
      constraints: [{ beat: 0, pitchClasses: [i % 12, (i + 4) % 12, (i + 7) % 12] }],
      density: (i % 10) / 10,
      peakAt: 0.66,
      rng,
    };
    const t = performance.now();
    const r = model.sampleMelody(req);
    const dt = (performance.now() - t) * 1000;
    if (i < 20) continue; // warm-up (JIT, lazily built copy index)
    times.push(dt);
    backtracks += r.backtracks;
    if (!r.satisfied) unsatisfied++;
    copyMax = Math.max(copyMax, r.longestCopiedRun);
    copySum += r.longestCopiedRun;
  }
  console.log(
    `  sampleMelody 8 bars: median ${median(times).toFixed(0)} µs, p99 ${quantile(times, 0.99).toFixed(0)} µs; backtracks ${(backtracks / N).toFixed(2)} per melody; unsatisfied ${unsatisfied}/${N}; longest copied run mean ${(copySum / N).toFixed(2)}, max ${copyMax} (limit 6)`,
  );
  const pt: number[] = [];
  for (let i = 0; i < 400; i++) {
    const t = performance.now();
    model.sampleProgression({ mode: i % 2 ? 'minor' : 'major', length: 8, cadence: 'authentic', colour: (i % 10) / 10, rng });
    pt.push((performance.now() - t) * 1000);
  }
  const rt: number[] = [];
  for (let i = 0; i < 400; i++) {
    const t = performance.now();
    model.sampleRhythm({ meter: { numerator: 4, denominator: 4 }, bars: 8, density: (i % 10) / 10, rng });
    rt.push((performance.now() - t) * 1000);
  }
  console.log(`  sampleProgression 8 chords: median ${median(pt.slice(20)).toFixed(0)} µs; sampleRhythm 8 bars: median ${median(rt.slice(20)).toFixed(0)} µs`);
}
