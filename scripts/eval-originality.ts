/**
 * purpose: `npx tsx scripts/eval-originality.ts [--seeds N] [--duration S]` — composes the evaluation grid
 * (every style × valence −0.7/0/0.7 × arousal −0.7/0/0.7 × seeds) and checks every cue against both shipped
 * corpora under the one copy definition (src/originality/definition.ts): how many cues have a melody, bass or
 * harmony run longer than the guard's limit, the longest runs, and the check's time per cue. With --films, also
 * every cue of the example screenplays (examples/*.fountain scored end to end, seed 1).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScript } from '../src/script/node.js';
import { analyzeScript } from '../src/affect/index.js';
import { loadTextModel } from '../src/affect/node.js';
import { scoreFilm } from '../src/film/index.js';
import type { Score } from '../src/score/schema.js';
import { parseCueSpec, resolveCue, STYLES } from '../src/cue/index.js';
import { composeCue } from '../src/compose/index.js';
import { loadDefaultStyleModels } from '../src/style/node.js';
import { checkOriginality } from '../src/originality/check.js';
import { LINE_NAMES, MAX_COPY } from '../src/originality/definition.js';

function flag(name: string, dflt: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}

const seeds = flag('--seeds', 2);
const duration = flag('--duration', 45);
const models = loadDefaultStyleModels();
const indices = [models.melody.corpusIndex, models.harmony.corpusIndex].filter((x) => x !== null);
if (indices.length < 2) {
  console.error('the shipped models carry no corpus index; retrain them with `npm run train:style`');
  process.exit(2);
}
const over: Record<string, number> = { melody: 0, bass: 0, harmony: 0 };
const longest: Record<string, number> = { melody: 0, bass: 0, harmony: 0 };
const worst: string[] = [];
let cues = 0;
let checkMs = 0;
function tally(label: string, score: Score): void {
  const t0 = performance.now();
  const rep = checkOriginality(score, indices);
  checkMs += performance.now() - t0;
  cues++;
  for (const l of LINE_NAMES) {
    const e = rep.lines[l].longest?.events ?? 0;
    longest[l] = Math.max(longest[l], e);
    if (e > MAX_COPY) over[l]++;
  }
  if (!rep.verdict.original) worst.push(`  ${label}: ${rep.verdict.text}`);
}
const films = process.argv.includes('--films');
const gridOnly = process.argv.includes('--no-grid');
if (!gridOnly)
  for (const style of STYLES)
    for (const valence of [-0.7, 0, 0.7])
      for (const arousal of [-0.7, 0, 0.7])
        for (let seed = 1; seed <= seeds; seed++) {
          const tension = 0.25 + 0.3 * Math.max(0, arousal) + 0.25 * Math.max(0, -valence);
          const r = composeCue(resolveCue(parseCueSpec({ duration, emotion: { valence, arousal, tension }, style, seed })), { models });
          tally(`${style} v${valence} a${arousal} seed ${seed}`, r.score);
        }
if (films) {
  const dir = fileURLToPath(new URL('../examples/', import.meta.url));
  const textModel = loadTextModel();
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.fountain')).sort()) {
    const script = loadScript(join(dir, f));
    const film = scoreFilm(script, analyzeScript(script, { model: textModel }), { seed: 1 }, { models });
    for (const c of film.cues) tally(`${f} ${c.id}`, c.score);
  }
}
console.log(`${cues} cues (${gridOnly ? '' : `grid: ${duration} s each`}${films ? ' + every cue of examples/*.fountain' : ''}), limit ${MAX_COPY} events`);
for (const l of LINE_NAMES) console.log(`  ${l.padEnd(8)} cues with a run > ${MAX_COPY}: ${over[l]}   longest run: ${longest[l]}`);
console.log(`  check: ${(checkMs / cues).toFixed(0)} ms per cue (mean, both corpora)`);
for (const w of worst.slice(0, 20)) console.log(w);
