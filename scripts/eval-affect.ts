/**
 * purpose: `npm run eval:affect [-- --corpora <dir>] [--model <file>] [--emobank-test <csv>] [--scenes <dir>] [--dev <dir>]` — Pearson r of the
 * shipped text emotion model (through the run-time code path) on EmoBank's dev split, plus train r, split sizes
 * and per-genre dev r; the same through the full `analyze` pipeline (dev, and the held-out test split when given);
 * then Spearman ρ on the held-out test split of the project's screenplay scenes (data/affect-scenes), with and
 * without the scene-context model (`--scenes <dir>` for another copy); and on the fresh development scenes
 * (data/affect-dev, `--dev <dir>`), all of them and those that retell no dataset scene.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseEmoBank } from '../src/affect/corpus-readers.js';
import { DEFAULT_SCENE_DATASET_DIR, DEFAULT_SCENE_DEV_DIR, DEFAULT_TEXT_MODEL_PATH, loadSceneDataset, loadSceneReleases, loadTextModel } from '../src/affect/node.js';
import { sceneOverlap } from '../src/affect/scene-overlap.js';
import { dialogueOnlyValence, predictItem, scoreScenes } from '../src/affect/scene-eval.js';
import { parseSecondReading } from '../src/affect/scene-dataset.js';
import { pearson } from '../src/util/math.js';
import { analyzeScript } from '../src/affect/analyze.js';
import { buildAnalysisJson } from '../src/affect/analysis-json.js';
import { scriptFromBytes } from '../src/script/index.js';
import { argValue, corporaDir, exitWithHint } from './corpora-path.js';

const argv = process.argv.slice(2);
const dir = corporaDir(argv, ['emobank/emobank-train.csv', 'emobank/emobank-dev.csv']);
const modelPath = resolve(argValue(argv, '--model') ?? DEFAULT_TEXT_MODEL_PATH);
const t0 = performance.now();
const model = loadTextModel(modelPath);
const loadMs = performance.now() - t0;
const train = parseEmoBank(readFileSync(join(dir, 'emobank/emobank-train.csv'), 'utf8'));
const dev = parseEmoBank(readFileSync(join(dir, 'emobank/emobank-dev.csv'), 'utf8'));

function score(rows: typeof dev) {
  const p = rows.map((r) => model.predict(r.text));
  return {
    valence: pearson(p.map((x) => x.rawValence), rows.map((r) => r.valence)),
    arousal: pearson(p.map((x) => x.rawArousal), rows.map((r) => r.arousal)),
  };
}
const t1 = performance.now();
const d = score(dev);
const perSentence = (performance.now() - t1) / dev.length;
const t = score(train);
console.log(`model ${model.id} (${modelPath}), loaded in ${loadMs.toFixed(0)} ms; ${(perSentence * 1000).toFixed(0)} µs per sentence`);
console.log(`split sizes: train ${train.length}, dev ${dev.length}`);
console.log(`Pearson r  valence  dev ${d.valence.toFixed(4)}  train ${t.valence.toFixed(4)}`);
console.log(`Pearson r  arousal  dev ${d.arousal.toFixed(4)}  train ${t.arousal.toFixed(4)}`);

const metaPath = join(dir, 'emobank/meta-traindev.tsv');
if (existsSync(metaPath)) {
  const cat = new Map<string, string>();
  for (const line of readFileSync(metaPath, 'utf8').split('\n').slice(1)) {
    const [id, , category] = line.split('\t');
    if (id && category) cat.set(id, category);
  }
  const cats = [...new Set(dev.map((r) => cat.get(r.id) ?? '?'))].sort();
  console.log('dev r by genre (n, valence, arousal):');
  for (const c of cats) {
    const rows = dev.filter((r) => (cat.get(r.id) ?? '?') === c);
    const s = score(rows);
    console.log(`  ${c.padEnd(16)} ${String(rows.length).padStart(4)}  ${s.valence.toFixed(3)}  ${s.arousal.toFixed(3)}`);
  }
}

// The full pipeline, as `leitmotif analyze` reads prose: one sentence per paragraph of a plain-text file, parsed,
// analysed, written as analysis.json; each paragraph's beat is correlated with its labels.
function pipeline(rows: typeof dev, name: string, sceneContext?: boolean) {
  const flat = (t: string) => t.replace(/\s+/g, ' ').trim();
  const script = scriptFromBytes(new TextEncoder().encode(rows.map((r) => flat(r.text)).join('\n\n') + '\n'), name);
  const json = buildAnalysisJson(script, analyzeScript(script, { model, ...(sceneContext === undefined ? {} : { sceneContext }) }));
  const byText = new Map(json.beats.map((b) => [b.text, b]));
  const got = rows.map((r) => byText.get(flat(r.text)));
  const kept = rows.filter((_, i) => got[i]);
  const beats = got.filter((b) => b !== undefined);
  return {
    n: kept.length,
    beats: json.beats.length,
    valence: pearson(beats.map((b) => b.valence), kept.map((r) => r.valence)),
    arousal: pearson(beats.map((b) => b.arousal), kept.map((r) => r.arousal)),
  };
}
const testPath = argValue(argv, '--emobank-test') ?? (existsSync(join(dir, 'emobank/emobank-test.csv')) ? join(dir, 'emobank/emobank-test.csv') : undefined);
const emoTest = testPath ? parseEmoBank(readFileSync(testPath, 'utf8')) : undefined;
console.log('full pipeline (prose file, one sentence per paragraph → analyze → analysis.json beats), Pearson r valence / arousal:');
for (const [label, rows] of [['dev', dev], ...(emoTest ? [["test", emoTest]] : [])] as Array<[string, typeof dev]>) {
  if (label === 'test') {
    const raw = score(rows);
    console.log(`  test raw text model             ${raw.valence.toFixed(4)} / ${raw.arousal.toFixed(4)}  (n ${rows.length})`);
  }
  const p = pipeline(rows, `emobank-${label}.txt`);
  console.log(`  ${label.padEnd(4)} analyze (default options)     ${p.valence.toFixed(4)} / ${p.arousal.toFixed(4)}  (${p.n} of ${rows.length} sentences matched to ${p.beats} beats)`);
  if (model.scene) {
    const c = pipeline(rows, `emobank-${label}.txt`, true);
    console.log(`  ${label.padEnd(4)} analyze (sceneContext: true)  ${c.valence.toFixed(4)} / ${c.arousal.toFixed(4)}`);
  }
}
if (!emoTest) console.log('  test: EmoBank\'s test split is held out and not in the corpora folder; pass --emobank-test <emobank-test.csv> to measure it');

// Held-out screenplay scenes (data/affect-scenes, test split): the offline line reading vs the scene-context model.
const scenesDir = resolve(argValue(argv, '--scenes') ?? DEFAULT_SCENE_DATASET_DIR);
const items = loadSceneDataset(scenesDir);
const test = items.filter((i) => i.split === 'test');
const dlgOnly = test.map((i) => dialogueOnlyValence(i, model));
console.log(`screenplay scenes (data/affect-scenes): ${test.length} test of ${items.length} (all in the first two releases; the release folders hold train scenes only) — test split, Spearman ρ valence / arousal / tension; subtext = incongruent or sarcastic scenes`);
const rows: Array<[string, boolean]> = [['lines only (no scene context)', false], ...(model.scene ? [[`scene context (${model.scene.id})`, true] as [string, boolean]] : [])];
const printScores = (label: string, s: ReturnType<typeof scoreScenes>) => {
  const f = (x: number) => x.toFixed(3);
  console.log(`  ${label.padEnd(50)} ρ ${f(s.spearman.valence)} / ${f(s.spearman.arousal)} / ${f(s.spearman.tension)}   MAE ${f(s.mae.valence)} / ${f(s.mae.arousal)} / ${f(s.mae.tension)}   subtext right sign ${s.subtext.rightSign}/${s.subtext.n}, ≥ half the shift ${s.subtext.halfShift}/${s.subtext.n}`);
};
for (const [label, ctx] of rows) printScores(label, scoreScenes(test, test.map((i) => predictItem(i, model, ctx)), dlgOnly));
// A reference, not a bound: one independent reader, blind to the labels, read the same test scenes (data/affect-scenes/README.md).
const secondPath = join(scenesDir, 'second-reading.tsv');
if (existsSync(secondPath)) {
  let second: ReturnType<typeof parseSecondReading>;
  try {
    second = parseSecondReading(readFileSync(secondPath, 'utf8'), secondPath);
  } catch (e) {
    exitWithHint((e as Error).message, 'each line: id<TAB>valence<TAB>arousal<TAB>tension; fix the line or remove the file to skip this row');
  }
  const read = test.map((it, k) => ({ it, k, r: second.get(it.id) })).filter((x) => x.r !== undefined);
  printScores(`second reader, blind (${read.length} scenes)`, scoreScenes(read.map((x) => x.it), read.map((x) => x.r!), read.map((x) => dlgOnly[x.k])));
}

// Fresh development scenes (data/affect-dev): written after the dataset, never trained on; what a choice between
// trained blocks is made on. The "distinct" rows leave out the dev scenes that share a plot with any dataset scene
// by the retelling rule (scene-overlap.ts), so a figure is not carried by near-twins in the training data.
const devDir = resolve(argValue(argv, '--dev') ?? DEFAULT_SCENE_DEV_DIR);
if (existsSync(devDir)) {
  const devScenes = loadSceneDataset(devDir);
  // Against every release folder present: a new release may retell a dev scene, and then that scene is not distinct.
  const dataset = [...items, ...loadSceneReleases(scenesDir).flatMap((r) => r.items)];
  const twinsOf = sceneOverlap(items).twinsIn(dataset);
  const distinct = devScenes.filter((d) => !twinsOf(d.fountain).length);
  console.log(`fresh development scenes (data/affect-dev, never trained on): ${devScenes.length}, of which ${distinct.length} distinct from every dataset scene (retelling rule) — Spearman ρ valence / arousal / tension`);
  for (const [label, set] of [['all', devScenes], ['distinct', distinct]] as const) {
    const only = set.map((i) => dialogueOnlyValence(i, model));
    for (const [rowLabel, ctx] of rows) printScores(`${label}: ${rowLabel}`, scoreScenes(set, set.map((i) => predictItem(i, model, ctx)), only));
  }
}
if (!model.scene) console.log('  (this model file has no scene-context block: train it with `npm run train:affect -- --scene-only`)');
