/**
 * purpose: `npm run train:affect [-- --corpora <dir>] [--out <file>]` — learn the text emotion model from
 * EmoBank (+ VADER, AFINN, GoEmotions) and write models/affect/text-vad.json. Deterministic: same corpora ⇒
 * byte-identical file.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAfinn, parseEmoBank, parseGoEmotions, parseVader } from '../src/affect/corpus-readers.js';
import { buildGoEmotionsLexicon, trainTextModel } from '../src/affect/train-text-model.js';
import { writeFileAtomic } from '../src/io/atomic-write.js';
import { withContentHash } from '../src/affect/model-file.js';
import { REPO_ROOT, argValue, corporaDir } from './corpora-path.js';

const argv = process.argv.slice(2);
const dir = corporaDir(argv, [
  'emobank/emobank-train.csv',
  'emobank/emobank-dev.csv',
  'vader-lexicon/vader_lexicon.txt',
  'afinn/AFINN-en-165.txt',
  'goemotions/train.tsv',
  'goemotions/emotions.txt',
]);
const out = resolve(argValue(argv, '--out') ?? join(REPO_ROOT, 'models', 'affect', 'text-vad.json'));
const read = (p: string) => readFileSync(join(dir, p), 'utf8');
const commitOf = (readme: string) => /Commit: `([0-9a-f]{40})`/.exec(read(readme))?.[1] ?? 'unknown';

const t0 = performance.now();
const train = parseEmoBank(read('emobank/emobank-train.csv'));
const dev = parseEmoBank(read('emobank/emobank-dev.csv'));
const vader = parseVader(read('vader-lexicon/vader_lexicon.txt'));
const afinn = parseAfinn(read('afinn/AFINN-en-165.txt'));
const emotions = read('goemotions/emotions.txt').split('\n').map((s) => s.trim()).filter(Boolean);
const ge = buildGoEmotionsLexicon(parseGoEmotions(read('goemotions/train.tsv'), emotions));
console.log(`EmoBank train ${train.length}, dev ${dev.length}; VADER ${vader.size} words, AFINN ${afinn.size}, GoEmotions lexicon ${ge.size} words`);

const { model, r } = trainTextModel(train, dev, { vader, afinn, ge }, {
  log: (l) => console.log(l),
  dataNotes: {
    emobank: `JULIELab/EmoBank@${commitOf('emobank/README.md')} train split (${train.length} sentences); dev split (${dev.length}) scored only`,
    'vader-lexicon': `cjhutto/vaderSentiment@${commitOf('vader-lexicon/README.md')} vader_lexicon.txt`,
    afinn: `fnielsen/afinn@${commitOf('afinn/README.md')} AFINN-en-165.txt`,
    goemotions: `google-research goemotions train.tsv (mirror ${commitOf('goemotions/README.md')})`,
  },
});
const json = JSON.stringify(withContentHash(model));
writeFileAtomic(out, json + '\n');
console.log(`wrote ${out} (${(json.length / 1024).toFixed(0)} KB, ${model.terms.values.length / 2} terms) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
console.log(`Pearson r  valence: train ${r.train.valence}  cv ${r.cv.valence}  dev ${r.dev.valence}`);
console.log(`Pearson r  arousal: train ${r.train.arousal}  cv ${r.cv.arousal}  dev ${r.dev.arousal}`);
