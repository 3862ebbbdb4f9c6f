/**
 * purpose: `npm run eval:affect [-- --corpora <dir>] [--model <file>]` — Pearson r of the shipped text emotion
 * model (through the run-time code path) on EmoBank's dev split, plus train r, split sizes and per-genre dev r.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseEmoBank } from '../src/affect/corpus-readers.js';
import { DEFAULT_TEXT_MODEL_PATH, loadTextModel } from '../src/affect/node.js';
import { pearson } from '../src/util/math.js';
import { argValue, corporaDir } from './corpora-path.js';

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
