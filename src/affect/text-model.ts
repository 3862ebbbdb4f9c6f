/**
 * purpose: run the trained text emotion model: sentence → valence/arousal. The model is a ridge regression
 * (trained by scripts/train-affect.ts on EmoBank) over sparse n-gram features and dense lexicon features
 * (text-features.ts). Pure and isomorphic: `parseTextModel(json)` / `textModelFromBytes(bytes)` compile a model
 * the caller has read; reading models/affect/text-vad.json from disk is Node-only, in affect/node.ts.
 */
import { LeitmotifError, formatZodIssues } from '../util/errors.js';
import { sha256Hex } from '../util/sha256.js';
import { TextModelFileSchema, textModelContentHash, unpackScalars, unpackTable, type TextModelFile } from './model-file.js';
import { keyCount, keyIndex } from './key-list.js';
import { SCENE_FEATURE_NAMES } from './scene-features.js';
import { compileSceneModel, type SceneModel } from './scene-model.js';
import { DENSE_FEATURE_NAMES, GE_SENTIMENT_FEATURE, denseFeatures, forEachSparseTerm, tokenize, type Lexicons, type Token } from './text-features.js';
import { sentenceVectorWords, wordValueMean } from './word-vectors.js';
import { decodeInt16 } from './int16-block.js';

export interface TextAffect {
  /** [-1, 1], calibrated from EmoBank's 1–5 scale. */
  valence: number;
  arousal: number;
  /** Raw predictions on EmoBank's 1–5 scale (for evaluation). */
  rawValence: number;
  rawArousal: number;
}

export interface TextModel {
  readonly id: string;
  readonly file: TextModelFile;
  readonly lexicons: Lexicons;
  /** A content word: one the word-vector table holds (every word, for a model without one). */
  isContentWord(w: string): boolean;
  /** The learned scene-context model, when the file carries one (analyze.ts step 5). */
  readonly scene?: SceneModel;
  predict(text: string): TextAffect;
  /** Same, for text already tokenized with `tokenize(text)` (callers that also need the tokens). */
  predictTokens(tokens: readonly Token[], text: string): TextAffect;
}

/** Build a runnable model from the parsed file (no I/O). */
export function compileTextModel(file: TextModelFile): TextModel {
  const lexicons: Lexicons = {
    vader: unpackScalars(file.lexicons.vader),
    afinn: unpackScalars(file.lexicons.afinn),
    ge: unpackTable(file.lexicons.ge),
  };
  // Term → row of `termValues` ([valence, arousal] per row): one flat array, not 22k small ones (load time).
  const termRow = keyIndex(file.terms.keys);
  const { mean, std, weights } = file.dense;
  let [b0, b1] = file.intercept;
  // The GoEmotions sentiment feature is linear in the same scaled term vector as the term block
  // (Σ g(term) / √#terms): fold it into the term weights and the intercept once, so a sentence pays one term loop.
  const ge = file.geSentiment ? file.dense.names.indexOf(GE_SENTIMENT_FEATURE) : -1;
  const fold = file.geSentiment && ge >= 0 && std[ge] > 0 && file.geSentiment.keys !== '' ? file.geSentiment : undefined;
  const foldKeys = fold ? fold.keys.split('\n') : [];
  // Rows as the file holds them (a repeated key keeps its later row, as a Map of the list would), then new terms.
  let rows = keyCount(file.terms.keys);
  for (const t of foldKeys) if (!termRow.has(t)) termRow.set(t, rows++);
  const termValues = new Float64Array(rows * 2);
  termValues.set(file.terms.values);
  if (fold) {
    const kv = weights[ge][0] / std[ge], ka = weights[ge][1] / std[ge];
    b0 -= kv * mean[ge];
    b1 -= ka * mean[ge];
    const g = decodeInt16(fold.values);
    for (let i = 0; i < foldKeys.length; i++) {
      const j = 2 * termRow.get(foldKeys[i])!;
      termValues[j] += kv * g[i];
      termValues[j + 1] += ka * g[i];
    }
  }
  const cal = file.calibration;
  const wordIndex = keyIndex(file.wordVectors?.keys ?? '');
  const wv = file.wordVectors
    ? { table: { index: wordIndex, values: decodeInt16(file.wordVectors.values), width: 2 }, offset: file.wordVectors.offset, weights: file.wordVectors.weights ? decodeInt16(file.wordVectors.weights) : undefined }
    : undefined;
  const predictTokens = (tokens: readonly Token[], text: string): TextAffect => {
    // The distinct sparse terms, in order, summed as they are made (no term array: this runs for every sentence).
    const uniq = new Set<string>();
    let sv = 0, sa = 0;
    const add = (t: string) => {
      if (uniq.has(t)) return;
      uniq.add(t);
      const j = termRow.get(t);
      if (j !== undefined) {
        sv += termValues[2 * j];
        sa += termValues[2 * j + 1];
      }
    };
    forEachSparseTerm(tokens, add);
    if (uniq.size) {
      const norm = 1 / Math.sqrt(uniq.size);
      sv *= norm;
      sa *= norm;
    }
    // The sentiment feature, when the file has one, is the last dense name and was folded into `terms` above.
    const d = denseFeatures(tokens, text, lexicons);
    for (let i = 0; i < d.length; i++) {
      const z = std[i] > 0 ? (d[i] - mean[i]) / std[i] : 0;
      sv += z * weights[i][0];
      sa += z * weights[i][1];
    }
    if (wv) {
      const [ev, ea] = wordValueMean(sentenceVectorWords(tokens), wv.table, wv.offset, wv.weights);
      sv += ev;
      sa += ea;
    }
    const rawValence = b0 + sv;
    const rawArousal = b1 + sa;
    return {
      rawValence,
      rawArousal,
      valence: Math.tanh((rawValence - cal.valence.center) / cal.valence.scale),
      arousal: Math.tanh((rawArousal - cal.arousal.center) / cal.arousal.scale),
    };
  };
  return {
    id: file.id,
    file,
    lexicons,
    ...(file.scene ? { scene: compileSceneModel(file.scene, wordIndex) } : {}),
    predictTokens,
    isContentWord: wordIndex.size ? (w: string) => wordIndex.has(w) : () => true,
    predict: (text: string) => predictTokens(tokenize(text), text),
  };
}

/**
 * `text`: the file's own text, when the caller has it — a file as the trainer writes it (compact JSON, one
 * newline) is hashed as is, with its hash value blanked, instead of re-serialised (half the load time of a 2 MB
 * model); any other layout falls back to the canonical serialisation, so the check itself is unchanged.
 */
export function parseTextModel(json: unknown, where = 'text emotion model', text?: string, sha256: (s: string) => string = sha256Hex): TextModel {
  const r = TextModelFileSchema.safeParse(json);
  if (!r.success) {
    throw new LeitmotifError('LM_ERR_MODEL_INVALID', `${where} is not a Leitmotif text-vad model: ${formatZodIssues(r.error.issues)}`, {
      hint: 'retrain it with `npm run train:affect`',
    });
  }
  if (r.data.contentHash !== undefined) {
    const stated = r.data.contentHash;
    const fast = text === undefined ? undefined : sha256(text.replace(/\n$/, '').replace(`"contentHash":"${stated}"`, '"contentHash":""')).slice(0, 16);
    const actual = fast === stated ? fast : textModelContentHash(json as Record<string, unknown>);
    if (actual !== stated) {
      throw new LeitmotifError('LM_ERR_MODEL_INVALID', `${where} is damaged or was edited: its content hash is ${actual}, but the file says ${r.data.contentHash}`, {
        hint: 'restore models/affect/text-vad.json from git or retrain it with `npm run train:affect`',
      });
    }
  }
  if (r.data.terms.width !== 2) {
    throw new LeitmotifError('LM_ERR_MODEL_INVALID', `${where}: its term weights have ${r.data.terms.width} values each, not 2 (valence, arousal)`, {
      hint: 'retrain it with `npm run train:affect`',
    });
  }
  const d = r.data.dense;
  if (d.names.length !== d.weights.length || d.mean.length !== d.names.length || d.std.length !== d.names.length) {
    throw new LeitmotifError('LM_ERR_MODEL_INVALID', `${where}: dense feature count does not match its weights`, {
      hint: 'retrain it with `npm run train:affect`',
    });
  }
  const wantNames = [...DENSE_FEATURE_NAMES, ...(r.data.geSentiment ? [GE_SENTIMENT_FEATURE] : [])];
  if (d.names.join(',') !== wantNames.join(',')) {
    throw new LeitmotifError('LM_ERR_MODEL_INVALID', `${where}: its dense features (${d.names.length}) are not the ones this version computes (${wantNames.length})`, {
      hint: 'retrain it with `npm run train:affect`',
    });
  }
  const sc = r.data.scene;
  if (sc && (sc.names.join(',') !== SCENE_FEATURE_NAMES.join(',') || sc.mean.length !== sc.names.length || sc.std.length !== sc.names.length || sc.weights.length !== sc.names.length)) {
    throw new LeitmotifError('LM_ERR_MODEL_INVALID', `${where}: its scene-context block was trained on other features than this version computes`, {
      hint: 'retrain it with `npm run train:affect -- --scene-only`',
    });
  }
  if (sc?.vectors && sc.vectors.values.count !== keyCount(r.data.wordVectors?.keys ?? '') * 3) {
    throw new LeitmotifError('LM_ERR_MODEL_INVALID', `${where}: its scene block's word values do not match the word-vector table`, {
      hint: 'retrain it with `npm run train:affect`',
    });
  }
  const model = compileTextModel(r.data);
  // A damaged number anywhere must not reach the arc as NaN: probe the compiled model once.
  for (const probe of ['', 'She smiles and hugs him.', 'The bomb explodes; screams, blood, terror!']) {
    const p = model.predict(probe);
    if (![p.valence, p.arousal, p.rawValence, p.rawArousal].every(Number.isFinite)) {
      throw new LeitmotifError('LM_ERR_MODEL_INVALID', `${where} is damaged: it predicts non-finite emotion values`, {
        hint: 'restore models/affect/text-vad.json from git or retrain it with `npm run train:affect`',
      });
    }
  }
  return model;
}

/**
 * Decodes and compiles the bytes of a text-vad model file (UTF-8 JSON); bad bytes raise LM_ERR_MODEL_INVALID.
 * `sha256` (hex of a string's UTF-8): the content-hash check's hasher — the plain TypeScript one by default (the
 * browser); Node's loader passes node:crypto's, ~20× faster on the 2 MB file (≈ 50 ms of every `analyze`).
 */
export function textModelFromBytes(bytes: Uint8Array, where = 'text emotion model', sha256: (s: string) => string = sha256Hex): TextModel {
  let json: unknown;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    json = JSON.parse(text);
  } catch (e) {
    throw new LeitmotifError('LM_ERR_MODEL_INVALID', `text emotion model ${where} is not valid JSON: ${(e as Error).message}`, {
      hint: 'retrain it with `npm run train:affect`',
    });
  }
  return parseTextModel(json, where, text, sha256);
}
