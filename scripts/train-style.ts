/**
 * purpose: `npm run train:style [-- <corpora-dir>]` — retrains the committed default style models from the shared
 * corpora (default ../shared/corpora):
 *   models/style/melody.lmstyle.json   ← folk-abc-music21-pd (melody, rhythm, bar patterns, implied harmony)
 *   models/style/harmony.lmstyle.json  ← jsb-chorales/Jsb16thSeparated.json (Roman numerals, bass, soprano)
 * Prints held-out cross-entropy per viewpoint and the training time of each.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeJsonAtomic } from '../src/io/atomic-write.js';
import { loadCorpus } from '../src/style/node.js';
import { trainStyleModel } from '../src/style/train.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const corpora = process.argv[2] ?? join(root, '..', 'shared', 'corpora');
if (!existsSync(corpora)) {
  console.error(`corpora not found at ${corpora}; pass the folder holding folk-abc-music21-pd/ and jsb-chorales/`);
  process.exit(2);
}

const FOLK_LICENCE =
  "tunes public domain (Aird's Airs 1778–1797, Ryan's Mammoth Collection 1883, O'Neill's Music of Ireland 1903); volunteer ABC transcriptions via the music21 corpus, no explicit licence";
const CHORALE_LICENCE = "J.S. Bach chorales, public domain; pitch-grid encoding from czhuang/JSB-Chorales-dataset, no explicit licence";

const jobs = [
  // The folk corpus is large: contexts of order ≥ 2 seen fewer than 8 times are pruned to keep the file small.
  { name: 'folk-melody', corpusName: 'folk-abc-music21-pd', out: 'melody.lmstyle.json', paths: [join(corpora, 'folk-abc-music21-pd')], licence: FOLK_LICENCE, minCount: 8 },
  { name: 'bach-chorale-harmony', corpusName: 'jsb-chorales', out: 'harmony.lmstyle.json', paths: [join(corpora, 'jsb-chorales', 'Jsb16thSeparated.json')], licence: CHORALE_LICENCE, minCount: 2 },
];

const folds = Number(process.env.LEITMOTIF_FOLDS ?? 5);
let totalMs = 0;
let totalCpu = 0;
for (const job of jobs) {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const corpus = loadCorpus(job.paths, { licence: () => job.licence });
  const tRead = performance.now() - t0;
  const { file, crossEntropy } = trainStyleModel(corpus, { name: job.name, corpusName: job.corpusName, folds, minCount: job.minCount, createdBy: 'leitmotif scripts/train-style.ts' });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  totalMs += ms;
  totalCpu += cpuMs;
  const out = join(root, 'models', 'style', job.out);
  writeJsonAtomic(out, file);
  const size = statSync(out).size;
  console.log(`${job.name}: ${corpus.pieces.length} pieces (${corpus.duplicatesRemoved} duplicates removed, ${corpus.warnings.length} warnings), read ${(tRead / 1000).toFixed(1)} s, total ${(ms / 1000).toFixed(1)} s wall / ${(cpuMs / 1000).toFixed(1)} s CPU → ${out} (${(size / 1048576).toFixed(2)} MB, id ${file.id})`);
  for (const [v, e] of Object.entries(crossEntropy)) if (e.bitsPerEvent !== null) console.log(`  ${v.padEnd(9)} ${e.bitsPerEvent.toFixed(3)} bits/event  (${e.events} held-out events)`);
}
console.log(`total ${(totalMs / 1000).toFixed(1)} s wall, ${(totalCpu / 1000).toFixed(1)} s CPU (one thread)`);
