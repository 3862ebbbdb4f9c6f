/**
 * purpose: `npm run bench:check` — cost of `leitmotif check`: a 3-minute orchestral cue checked against both
 * shipped corpora (folk tunes and Bach chorales; melody, bass and harmony lines, n-grams 5…10, nearest pieces).
 * Prints the corpus-index decode (once per process), the first check (it builds the window tables it needs),
 * the steady-state check (median and p95, wall and CPU; target ≤ 1 s) and the attribution of the same cue.
 */
import { composeCue } from '../src/compose/index.js';
import { parseCueSpec, resolveCue } from '../src/cue/index.js';
import { median, quantile } from '../src/util/math.js';
import { loadDefaultStyleModels } from '../src/style/node.js';
import { checkOriginality } from '../src/originality/check.js';
import { attribute } from '../src/originality/attribution.js';
import { lineModels } from '../src/originality/line-models.js';
import { scoreLines } from '../src/originality/score-lines.js';

const runs = Number(process.env.BENCH_RUNS ?? 10);
const models = loadDefaultStyleModels();
const spec = parseCueSpec({ duration: 180, emotion: { valence: -0.3, arousal: 0.5, tension: 0.6 }, style: 'orchestral', seed: 1 });
const score = composeCue(resolveCue(spec), { models }).score;

// A fresh load, as `leitmotif check` does: reading the models and decoding their corpus indices.
let t0 = performance.now();
const fresh = loadDefaultStyleModels();
const indices = [fresh.melody.corpusIndex!, fresh.harmony.corpusIndex!];
const decodeMs = performance.now() - t0;
t0 = performance.now();
const fc0 = process.cpuUsage();
const first = checkOriginality(score, indices);
const firstMs = performance.now() - t0;
const fcu = process.cpuUsage(fc0);
const firstCpu = (fcu.user + fcu.system) / 1000;
const wall: number[] = [];
const cpu: number[] = [];
for (let i = 0; i < runs; i++) {
  const c0 = process.cpuUsage();
  const t = performance.now();
  checkOriginality(score, indices);
  wall.push(performance.now() - t);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
}
const lines = scoreLines(score);
const a0 = performance.now();
const attribution = attribute({ melody: lines.melody.events, bass: lines.bass.events, harmony: lines.harmony.events }, lineModels(models, score.keys[0]?.mode ?? 'major'));
const attrMs = performance.now() - a0;
const f = (x: number) => `${x.toFixed(0)} ms`;
console.log(`3-min cue: melody ${first.lines.melody.events}, bass ${first.lines.bass.events}, harmony ${first.lines.harmony.events} events; corpora ${indices.map((i) => `${i.name} (${i.pieces.length})`).join(', ')}`);
console.log(`  model load + corpus index decode (once per process): ${f(decodeMs)}`);
console.log(`  first check (builds window tables):     ${f(firstMs)} wall / ${f(firstCpu)} CPU  (target ≤ 1000 ms)`);
console.log(`  check, steady state: median ${f(median(wall))} wall / ${f(median(cpu))} CPU, p95 ${f(quantile(wall, 0.95))} wall  (target ≤ 1000 ms)`);
console.log(`  attribution (first): ${f(attrMs)}  → ${attribution.byCorpus.map((c) => `${c.corpus} ${(100 * c.share).toFixed(1)} %`).join(', ')}`);
console.log(`  verdict: ${first.verdict.text}`);
