/**
 * purpose: `npx tsx scripts/cv-affect-scenes.ts [--scenes <dir>] [--scored <dir>[,<dir>…]] [--extra <dir>[,<dir>…]] [--list] [--boost]` — 5-fold cross-validation
 * of the whole scene-context path (train the block on 4/5 of the TRAIN split, analyse the held-out fifth through
 * analyzeScript, as `eval:affect` does on the test split) on the dataset's train split only: Spearman ρ and the
 * subtext counts, the figures to choose data and features by without looking at the test split. `--extra`: more
 * labelled scenes (e.g. data/affect-scenes/third-release) that are always in the training folds and never scored,
 * so figures with and without them are measured on the same scenes. `--scored`: release folders whose train scenes
 * join the scored (cross-validated) set, e.g. the default training's third and fourth releases. `--list`: each subtext scene's prediction. `--boost`: add the boosted-tree second stage (off by default: see models/affect/README.md).
 * A narrowed hyper-parameter grid keeps a run to ~30 s per 300 scenes.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_SCENE_DATASET_DIR, DEFAULT_TEXT_MODEL_PATH, loadSceneDataset } from '../src/affect/node.js';
import { refuseDevScenes } from './refuse-dev-scenes.js';
import { SCENE_FEATURE_NAMES } from '../src/affect/scene-features.js';
import { dialogueOnlyValence, predictItem, sceneTrainRows, scoreScenes } from '../src/affect/scene-eval.js';
import { trainSceneModel } from '../src/affect/train-scene-model.js';
import { DEFAULT_BOOST } from '../src/affect/boosted-trees.js';
import { compileTextModel, parseTextModel } from '../src/affect/text-model.js';
import { readWordVectors, DEFAULT_WORD_VECTORS } from './read-word-vectors.js';
import { argValue, exitWithHint } from './corpora-path.js';

const argv = process.argv.slice(2);
const { scene: _s, contentHash: _h, ...rest } = JSON.parse(readFileSync(DEFAULT_TEXT_MODEL_PATH, 'utf8')) as Record<string, unknown>;
const plain = parseTextModel(rest).file;
const sentenceOnly = compileTextModel(plain);
const keys = plain.wordVectors && plain.wordVectors.keys !== '' ? plain.wordVectors.keys.split('\n') : [];
const want = new Set(keys);
const v = readWordVectors(resolve(DEFAULT_WORD_VECTORS), (w) => want.has(w));
const vectors = { map: v.map, dims: v.dims, keys };
const list = (flag: string) => (argValue(argv, flag) ?? '').split(',').filter(Boolean).map((d) => resolve(d));
const scoredDirs = [resolve(argValue(argv, '--scenes') ?? DEFAULT_SCENE_DATASET_DIR), ...list('--scored')];
const extraDirs = list('--extra');
// A folder both scored and always trained on would leak its labels into its own scores.
const twice = [...scoredDirs, ...extraDirs].find((d, i, all) => all.indexOf(d) !== i);
if (twice) exitWithHint(`${twice} is named twice (--scenes, --scored and --extra must name different folders)`, 'a folder is either scored or always trained on, not both');
const old = scoredDirs.flatMap((d) => loadSceneDataset(d)).filter((i) => i.split === 'train');
const extra = extraDirs.flatMap((d) => loadSceneDataset(d)).filter((i) => i.split === 'train');
// The development scenes choose between trained blocks: they are neither cross-validated here nor trained on.
refuseDevScenes([...old, ...extra]);
const rowsOld = sceneTrainRows(old, sentenceOnly);
const rowsExtra = sceneTrainRows(extra, sentenceOnly);
const grid = { lambdas: [100, 300, 1000], termScales: [8, 16, 32], vectorScales: [0, 0.5, 1] };
const pred = new Array(old.length);
for (let f = 0; f < 5; f++) {
  const tr = rowsOld.filter((_, i) => i % 5 !== f).concat(rowsExtra);
  const scene = trainSceneModel(tr, SCENE_FEATURE_NAMES, { vectors, vectorTargets: [1], data: 'cv', grid, ...(argv.includes('--boost') ? { boost: DEFAULT_BOOST } : {}) });
  const m = compileTextModel({ ...plain, scene });
  old.forEach((it, i) => { if (i % 5 === f) pred[i] = predictItem(it, m, true); });
  console.log(`fold ${f}: λ ${scene.training.lambda.join('/')} terms×${scene.training.termScale.join('/')} vec×${scene.training.vectorScale?.join('/')} trees ${scene.boost?.trees.map((t) => t.length).join('/') ?? 'none'}`);
}
const s = scoreScenes(old, pred, old.map((i) => dialogueOnlyValence(i, sentenceOnly)));
console.log(`train CV on ${old.length} train scenes (+${extra.length} extra, always in the training folds): ρ ${s.spearman.valence.toFixed(3)} / ${s.spearman.arousal.toFixed(3)} / ${s.spearman.tension.toFixed(3)}  MAE ${s.mae.valence.toFixed(3)} / ${s.mae.arousal.toFixed(3)}  subtext sign ${s.subtext.rightSign}/${s.subtext.n}, half ${s.subtext.halfShift}/${s.subtext.n}`);
if (argv.includes('--list')) {
  const dlg = old.map((i) => dialogueOnlyValence(i, sentenceOnly));
  old.forEach((it, i) => { if (it.tags.includes('incongruent') || it.tags.includes('sarcasm')) console.log(`  ${it.id} gold ${it.valence} dlg ${dlg[i].toFixed(2)} pred ${pred[i].valence.toFixed(2)} need ≤ ${((dlg[i] + it.valence) / 2).toFixed(2)}`); });
}
