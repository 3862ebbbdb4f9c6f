/**
 * purpose: `npm run eval:adaptive` — how composed the adaptive transitions sound, on both example games
 * (examples/stealth-combat.*, examples/exploration.*), run through runSession as `leitmotif play` does with
 * the default style models: per state change the semitone-class clashes and tritones between outgoing and
 * incoming material, the outgoing tail and the level drop; re-struck sustained notes at barlines in generative
 * states (src/adaptive/analysis.ts), and compose/eval's re-struck-sustain check on session.mid's Score.
 * Run: `npx tsx scripts/eval-adaptive.ts [--seed n] [--json out.json] [--fixture]` (--fixture: compose's small
 * test models; --seed overrides the graphs' seeds, as `leitmotif play --seed` does).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadGraphFile, loadTimelineFile } from '../src/adaptive/node/load.js';
import { runSession } from '../src/adaptive/session.js';
import { composerWith } from '../src/adaptive/composer.js';
import { analyseSession, type SessionAnalysis } from '../src/adaptive/analysis.js';
import { loadDefaultStyleModels } from '../src/style/node.js';
import { fixtureModels } from '../src/compose/test-support/fixture-style.js';
import { musicChecks } from '../src/eval/index.js';

const args = process.argv.slice(2);
const jsonAt = args.indexOf('--json');
const seedAt = args.indexOf('--seed');
const seed = seedAt >= 0 ? Number(args[seedAt + 1]) : undefined;
const models = args.includes('--fixture') ? fixtureModels() : loadDefaultStyleModels();
const factory = composerWith(models);
const ex = (f: string) => fileURLToPath(new URL(`../examples/${f}`, import.meta.url));

const results: Record<string, SessionAnalysis & { evalRestruck: number; evalSustained: number }> = {};
for (const game of ['stealth-combat', 'exploration']) {
  const graph = loadGraphFile(ex(`${game}.graph.json`));
  const r = runSession(graph, loadTimelineFile(ex(`${game}.timeline.json`)), { createComposer: factory, seed });
  const a = analyseSession(graph, r.events, r.log);
  const c = musicChecks(r.score);
  results[game] = { ...a, evalRestruck: c.restruck.restruck, evalSustained: c.restruck.notes };
  console.log(`\n${game}`);
  for (const j of a.joins) {
    console.log(`  bar ${String(j.bar).padStart(3)} ${j.from} → ${j.to}: ${j.clashes.length} clash${j.clashes.length === 1 ? '' : 'es'}${j.clashes.length ? ` (${j.clashes.slice(0, 6).join(', ')}${j.clashes.length > 6 ? ', …' : ''})` : ''}, ${j.tritones} tritone; harmony ${j.sharedTones} shared/${j.semitonePairs} semitone; ${j.ringing}/${j.heldAtJoin} held notes ring on; tail ${j.tailBeats} beats, level ${j.dropDb > 0 ? '−' : '+'}${Math.abs(j.dropDb)} dB`);
  }
  console.log(`  joins clean (no semitone-class clash): ${a.cleanJoins}/${a.joins.length}; clashes ${a.clashes}; tritones ${a.tritones}; harmonies sharing a tone ${a.sharedJoins}, with a semitone pair ${a.semitoneJoins}; drops > 6 dB without a bar of tail: ${a.dropsWithoutTail}`);
  console.log(`  outgoing notes that gave way at joins: ${r.stats.joinTrims}, of them resolved by step onto the new chord: ${r.stats.joinResolutions}`);
  console.log(`  re-struck sustains at barlines in generative states: ${a.restruck}/${a.sustainedNotes} (${((100 * a.restruck) / Math.max(1, a.sustainedNotes)).toFixed(1)} %); eval musicChecks(session score).restruck: ${c.restruck.restruck}/${c.restruck.notes}`);
}
const all = Object.values(results);
const sum = (f: (x: (typeof all)[number]) => number) => all.reduce((a, x) => a + f(x), 0);
console.log(`\nTOTAL joins clean ${sum((x) => x.cleanJoins)}/${sum((x) => x.joins.length)}, clashes ${sum((x) => x.clashes)}, tritones ${sum((x) => x.tritones)}, joins sharing a tone ${sum((x) => x.sharedJoins)} / with a semitone pair ${sum((x) => x.semitoneJoins)}, held notes ringing on ${sum((x) => x.joins.reduce((a, j) => a + j.ringing, 0))}/${sum((x) => x.joins.reduce((a, j) => a + j.heldAtJoin, 0))}, drops without tail ${sum((x) => x.dropsWithoutTail)}, re-struck sustains ${sum((x) => x.restruck)}/${sum((x) => x.sustainedNotes)}`);
if (jsonAt >= 0 && args[jsonAt + 1]) writeFileSync(args[jsonAt + 1], JSON.stringify(results, null, 1));
