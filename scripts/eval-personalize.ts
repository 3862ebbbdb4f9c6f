/**
 * purpose: `npm run eval:personalize` — how fast a profile learns one listener. Simulated listeners
 * (src/personalize/simulate.ts: hidden ideal taste and importance per offset, noisy and sometimes random
 * answers), each starting cold; preference match (1 = the oracle that knows the hidden taste, ~0.5 = no
 * personalisation, 0 = a random take) and regret over the first 50 interactions for pairwise picks and for 1–5
 * ratings, against (a) no personalisation and (b) ε-greedy over the same offsets; interactions needed to reach
 * 80 % of the oracle's match; and a listener whose taste changes after 25 interactions.
 * Run: `npx tsx scripts/eval-personalize.ts [--listeners 200] [--steps 50] [--json out.json]`.
 */
import { writeFileSync } from 'node:fs';
import { median } from '../src/util/math.js';
import { bayesLearner, epsilonGreedyLearner, noneLearner, runListener, type Learner, type RunResult } from '../src/personalize/simulate.js';

const args = process.argv.slice(2);
const flag = (name: string, dflt: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : dflt);
const listeners = flag('--listeners', 200);
const steps = flag('--steps', 50);
const jsonAt = args.indexOf('--json');

const learners: Array<() => Learner> = [noneLearner, () => epsilonGreedyLearner(0.2), bayesLearner];
const checkpoints = [0, 5, 10, 20, 30, 50].filter((t) => t <= steps);
const report: Record<string, unknown> = { listeners, steps };

function runAll(mode: 'pairwise' | 'rating', changeAt?: number): Record<string, RunResult[]> {
  const out: Record<string, RunResult[]> = {};
  for (const make of learners) {
    const name = make().name;
    out[name] = Array.from({ length: listeners }, (_, i) => runListener(make(), mode, 1000 + i, steps, changeAt));
  }
  return out;
}

const medianCurve = (runs: RunResult[]) => Array.from({ length: steps + 1 }, (_, t) => median(runs.map((r) => r.match[t])));
const firstReach = (r: RunResult, from = 0, level = 0.8) => {
  for (let t = from; t < r.match.length; t++) if (r.match[t] >= level) return t - from;
  return Infinity;
};
const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '—');

for (const mode of ['pairwise', 'rating'] as const) {
  const runs = runAll(mode);
  console.log(`\n${mode === 'pairwise' ? 'pairwise picks (two takes, pick one)' : 'ratings (one take, 1–5 stars)'} — ${listeners} listeners, median preference match after t interactions (oracle = 1)`);
  console.log(`  ${'learner'.padEnd(18)}${checkpoints.map((t) => `t=${t}`.padStart(7)).join('')}   to 80 %  cum. regret@50`);
  const none = medianCurve(runs.none);
  const section: Record<string, unknown> = {};
  for (const [name, rs] of Object.entries(runs)) {
    const curve = medianCurve(rs);
    const reach = median(rs.map((r) => firstReach(r)));
    const regret = median(rs.map((r) => r.regret.reduce((s, x) => s + x, 0)));
    const worseAfter5 = curve.slice(5).some((m, i) => m < none[i + 5]);
    console.log(`  ${name.padEnd(18)}${checkpoints.map((t) => fmt(curve[t]).padStart(7)).join('')}   ${String(Number.isFinite(reach) ? reach : `>${steps}`).padStart(7)}  ${regret.toFixed(1).padStart(8)}${name === 'none' ? '' : worseAfter5 ? '  (median below none after t=5)' : ''}`);
    section[name] = { curve, medianInteractionsTo80: Number.isFinite(reach) ? reach : null, reached80: rs.filter((r) => Number.isFinite(firstReach(r))).length / rs.length, cumulativeRegret: regret, belowNoneAfter5: worseAfter5 };
  }
  report[mode] = section;
}

const half = Math.floor(steps / 2);
const changed = runAll('pairwise', half);
console.log(`\ntaste change after ${half} pairwise picks — median match just before / just after / 10 and 25 picks after the change, picks to 80 % again`);
const changeReport: Record<string, unknown> = {};
for (const [name, rs] of Object.entries(changed)) {
  const curve = medianCurve(rs);
  const again = median(rs.map((r) => firstReach(r, half + 1) + 1));
  console.log(`  ${name.padEnd(18)}${[half, half + 1, half + 10, steps].map((t) => fmt(curve[Math.min(t, steps)]).padStart(7)).join('')}   ${String(Number.isFinite(again) ? again : `>${steps - half}`).padStart(5)}`);
  changeReport[name] = { curve, medianPicksTo80Again: Number.isFinite(again) ? again : null };
}
report.tasteChange = changeReport;
if (jsonAt >= 0) writeFileSync(args[jsonAt + 1], JSON.stringify(report, null, 2) + '\n');
