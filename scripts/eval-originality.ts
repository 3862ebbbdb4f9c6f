/**
 * purpose: `npx tsx scripts/eval-originality.ts [--seeds N] [--duration S]` — composes the evaluation grid
 * (every style × valence −0.7/0/0.7 × arousal −0.7/0/0.7 × seeds) and checks every cue against both shipped
 * corpora under the one copy definition (src/originality/definition.ts): how many cues have a melody, bass or
 * harmony run longer than the guard's limit (the composer guards all three lines), the longest runs, and the
 * check's time per cue; and how the sampled attribution (the composer's sampling record) agrees with the
 * post-hoc one over the same melody and harmony lines (1 − total-variation distance of the corpus, collection
 * and piece shares) and what share of those lines' events it credits. With --films, also every cue of the
 * example screenplays (examples/*.fountain scored end to end, seed 1), attribution over each whole film.
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
import { attribute, attributeSampled, shareAgreement as agreement, type Attribution } from '../src/originality/attribution.js';
import { lineModels } from '../src/originality/line-models.js';
import { scoreLines } from '../src/originality/score-lines.js';
import type { SamplingEvidence } from '../src/style/evidence.js';

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
const agree = { corpus: [] as number[], collection: [] as number[], top10: [] as number[], credited: [] as number[], melody: [] as number[], harmony: [] as number[] };
let attrMs = 0;
function compare(score: Score, evidence: SamplingEvidence | undefined): void {
  if (!evidence) return;
  const lines = scoreLines(score);
  const heard = { melody: lines.melody.events, harmony: lines.harmony.events };
  const lm = lineModels(models, score.keys[0]?.mode ?? 'major');
  const t0 = performance.now();
  const s: Attribution = attributeSampled({ ...heard, bass: lines.bass.events }, evidence, lm);
  attrMs += performance.now() - t0;
  const p = attribute(heard, lm);
  agree.corpus.push(agreement(s.byCorpus, p.byCorpus, (x) => x.corpus));
  agree.collection.push(agreement(s.byCollection, p.byCollection, (x) => x.corpus + x.collection));
  const top = new Set(p.topPieces.map((x) => `${x.corpus}/${x.file}/${x.id}`));
  agree.top10.push(s.topPieces.filter((x) => top.has(`${x.corpus}/${x.file}/${x.id}`)).length / Math.max(1, Math.min(10, p.topPieces.length)));
  const all = (l: 'melody' | 'harmony') => s.events[l] + (s.unsampled?.[l] ?? 0);
  agree.credited.push((s.events.melody + s.events.harmony) / Math.max(1, all('melody') + all('harmony')));
  agree.melody.push(s.events.melody / Math.max(1, all('melody')));
  agree.harmony.push(s.events.harmony / Math.max(1, all('harmony')));
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
          compare(r.score, r.evidence);
        }
if (films) {
  const dir = fileURLToPath(new URL('../examples/', import.meta.url));
  const textModel = loadTextModel();
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.fountain')).sort()) {
    const script = loadScript(join(dir, f));
    const film = scoreFilm(script, analyzeScript(script, { model: textModel }), { seed: 1 }, { models });
    for (const c of film.cues) tally(`${f} ${c.id}`, c.score);
    compare(film.score, film.evidence);
  }
}
console.log(`${cues} cues (${gridOnly ? '' : `grid: ${duration} s each`}${films ? ' + every cue of examples/*.fountain' : ''}), limit ${MAX_COPY} events`);
for (const l of LINE_NAMES) console.log(`  ${l.padEnd(8)} cues with a run > ${MAX_COPY}: ${over[l]}   longest run: ${longest[l]}   (guarded)`);
console.log(`  check: ${(checkMs / cues).toFixed(0)} ms per cue (mean, both corpora)`);
if (agree.corpus.length) {
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const min = (xs: number[]) => Math.min(...xs);
  const f = (xs: number[]) => `mean ${mean(xs).toFixed(3)} min ${min(xs).toFixed(3)}`;
  console.log(`  attribution, sampled vs post-hoc over the same melody + harmony (${agree.corpus.length} outputs; 1 − TV distance):`);
  console.log(`    corpus shares ${f(agree.corpus)}   collection shares ${f(agree.collection)}   top-10 pieces in common ${f(agree.top10)}`);
  console.log(`    events credited by the sampled record: ${f(agree.credited)} (melody ${mean(agree.melody).toFixed(3)}, harmony ${mean(agree.harmony).toFixed(3)}); sampled attribution ${(attrMs / agree.corpus.length).toFixed(0)} ms per output`);
}
for (const w of worst.slice(0, 20)) console.log(w);
