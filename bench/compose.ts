/**
 * purpose: `npm run bench:compose` — cost of composing. A 3-minute, 8-track orchestral cue composed on one core
 * (median and p95 over ≥ 20 runs; target ≤ 50 ms median), and the per-bar cost of the bar composer the
 * adaptive runtime calls (median, p99; target ≤ 1 ms per 8-track bar). Uses the committed default style models.
 */
import { composeCue, createBarComposer } from '../src/compose/index.js';
import { parseCueSpec, resolveCue } from '../src/cue/index.js';
import { median, quantile } from '../src/util/math.js';
import { loadDefaultStyleModels } from '../src/style/node.js';

const models = loadDefaultStyleModels();
const runs = Number(process.env.BENCH_RUNS ?? 25);

const spec = parseCueSpec({ duration: 180, emotion: { valence: -0.3, arousal: 0.5, tension: 0.6, curve: [{ at: 0, valence: -0.5, arousal: -0.2, tension: 0.3 }, { at: 0.66, valence: -0.2, arousal: 0.9, tension: 0.95 }, { at: 1, valence: 0.3, arousal: 0, tension: 0.2 }] }, style: 'orchestral', seed: 1 });
// Cold: the first cue also pays the style models' lazy decoding (once per process).
const c0 = performance.now();
const warm = composeCue(resolveCue(spec), { models });
const coldMs = performance.now() - c0;
// Steady state, as in a long-running tool: a few warm-up cues first.
for (let i = 0; i < 5; i++) composeCue(resolveCue({ ...spec, seed: 1000 + i }), { models });
const tracks = warm.score.tracks.length;
const notes = warm.score.tracks.reduce((a, t) => a + t.notes.length, 0);
// Wall time and process CPU time: on a loaded machine the CPU figure is the one that reflects the code.
const times: number[] = [];
const cpu: number[] = [];
for (let i = 0; i < runs; i++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  composeCue(resolveCue({ ...spec, seed: 1 + i }), { models });
  times.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
}
console.log(`composeCue 180 s orchestral cue: ${warm.summary.bars} bars, ${tracks} tracks, ${notes} notes (first call, cold: ${coldMs.toFixed(0)} ms)`);
console.log(`  wall: median ${median(times).toFixed(1)} ms   p95 ${quantile(times, 0.95).toFixed(1)} ms   (${runs} runs, seeds 1..${runs}, one thread)`);
console.log(`  cpu:  median ${median(cpu).toFixed(1)} ms   p95 ${quantile(cpu, 0.95).toFixed(1)} ms   (process CPU time incl. GC)`);

for (const style of ['orchestral', 'rock'] as const) {
  const bc = createBarComposer({ style, emotion: { valence: 0, arousal: 0.2, tension: 0.4 }, seed: 1, models });
  // Warm-up across the emotion space (the style models decode their tables lazily on first use, as a game
  // would at load time), then measure.
  for (let i = 0; i < 96; i++) bc.next({ valence: Math.cos(i / 7), arousal: Math.cos(i / 3), tension: (Math.cos(i / 5) + 1) / 2 });
  const per: number[] = [];
  const perCpu: number[] = [];
  let parts = 0;
  for (let i = 0; i < 400; i++) {
    const e = { valence: Math.sin(i / 17), arousal: Math.sin(i / 5), tension: (Math.sin(i / 9) + 1) / 2 };
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const bar = bc.next(e);
    per.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    perCpu.push((c.user + c.system) / 1000);
    parts = bar.parts.length;
  }
  const phraseBars = per.filter((_, i) => i % 8 === 0);
  console.log(`BarComposer ${style} (${parts} parts, emotion changing every bar): median ${median(per).toFixed(3)} ms   p99 ${quantile(per, 0.99).toFixed(3)} ms   max ${Math.max(...per).toFixed(2)} ms   (400 bars; phrase-start bars median ${median(phraseBars).toFixed(3)} ms)`);
  console.log(`  cpu: median ${median(perCpu).toFixed(3)} ms   p99 ${quantile(perCpu, 0.99).toFixed(3)} ms`);
}
