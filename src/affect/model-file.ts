/**
 * purpose: the on-disk format of the trained text emotion model (models/affect/text-vad.json), validated with
 * zod when it is loaded so a damaged or foreign file gives a clear LM_ERR_MODEL_INVALID instead of NaNs.
 */
import { z } from 'zod';
import { sha256Hex } from '../util/sha256.js';
import { SceneModelFileSchema } from './scene-model.js';
import { Int16BlockSchema } from './int16-block.js';
import { keyCount } from './key-list.js';

/**
 * A packed table: `keys` joined by "\n" and `values` flat, `width` numbers per key. Packed because JSON.parse and
 * validation of one string and one number array are ~5× faster than of an object with 20k keys.
 */
/** Largest magnitude of any weight, mean, lexicon value (the trained file stays below 100). */
export const MAX_MODEL_MAGNITUDE = 1e6;
const finiteArray = z.custom<number[]>(
  (v) => {
    if (!Array.isArray(v)) return false;
    for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'number' || !(Math.abs(v[i]) <= MAX_MODEL_MAGNITUDE)) return false;
    return true;
  },
  { message: `expected an array of finite numbers within ±${MAX_MODEL_MAGNITUDE}` },
);
const fin = z.number().min(-MAX_MODEL_MAGNITUDE).max(MAX_MODEL_MAGNITUDE);

export const PackedTableSchema = z
  .object({ width: z.number().int().positive(), keys: z.string(), values: finiteArray })
  .refine((t) => keyCount(t.keys) * t.width === t.values.length, {
    message: 'keys and values differ in length',
  });
export type PackedTable = z.infer<typeof PackedTableSchema>;

export function packTable(entries: ReadonlyArray<readonly [string, ArrayLike<number>]>, width: number): PackedTable {
  const values: number[] = [];
  for (const [, v] of entries) for (let i = 0; i < width; i++) values.push(v[i]);
  return { width, keys: entries.map(([k]) => k).join('\n'), values };
}

/** Unpacks to key → subarray view (width > 1) or number (width 1). */
export function unpackTable(t: PackedTable): Map<string, number[]> {
  const m = new Map<string, number[]>();
  if (t.keys === '') return m;
  const keys = t.keys.split('\n');
  for (let i = 0; i < keys.length; i++) m.set(keys[i], t.values.slice(i * t.width, (i + 1) * t.width));
  return m;
}
export function unpackScalars(t: PackedTable): Map<string, number> {
  const m = new Map<string, number>();
  if (t.keys === '') return m;
  const keys = t.keys.split('\n');
  for (let i = 0; i < keys.length; i++) m.set(keys[i], t.values[i * t.width]);
  return m;
}

const Calib = z.object({ center: fin, scale: z.number().min(1e-6).max(MAX_MODEL_MAGNITUDE) });
const Pair = z.tuple([fin, fin]);

export const TextModelFileSchema = z.object({
  format: z.literal('leitmotif-text-vad'),
  version: z.literal(1),
  id: z.string(),
  /** SHA-256 (first 16 hex digits) of the file with this field set to "": any edit or damage changes it. */
  contentHash: z.string().regex(/^[0-9a-f]{16}$/).optional(),
  /** Licence and attribution of the data the weights were learned from (CC-BY-SA 4.0 for EmoBank). */
  provenance: z.object({
    license: z.string(),
    attribution: z.array(z.string()),
    data: z.record(z.string(), z.string()),
    command: z.string(),
  }),
  /** Output order of every weight pair: [valence, arousal], on EmoBank's 1–5 scale before calibration. */
  targets: z.tuple([z.literal('valence'), z.literal('arousal')]),
  /** Maps a 1–5 prediction to [-1, 1]: tanh((y - center) / scale). */
  calibration: z.object({ valence: Calib, arousal: Calib }),
  intercept: Pair,
  dense: z.object({
    names: z.array(z.string()),
    mean: z.array(fin),
    std: z.array(z.number().min(0).max(MAX_MODEL_MAGNITUDE)),
    weights: z.array(Pair),
  }),
  /** Sparse term weights (width 2: valence, arousal); a sentence's terms are a binary vector scaled by 1/sqrt(#distinct). */
  terms: PackedTableSchema,
  lexicons: z.object({
    vader: PackedTableSchema,
    afinn: PackedTableSchema,
    geGroups: z.array(z.string()),
    /** Word → log-lift per GoEmotions group (width = geGroups.length). */
    ge: PackedTableSchema,
  }),
  /**
   * Baked word-vector values (word-vectors.ts): per word [valence, arousal], the projection of its GloVe vector
   * on the learned weights; a sentence adds `offset` + the mean over its words found here. Optional for older files.
   */
  wordVectors: z
    .object({
      source: z.string(),
      dims: z.number().int().positive(),
      offset: Pair,
      /** The words, joined by "\n", and their [valence, arousal] values (2 per word, in order). */
      keys: z.string(),
      values: Int16BlockSchema,
      /** Per word, its weight in the sentence's mean (SIF over the training sentences, word-vectors.ts); absent: a plain mean. */
      weights: Int16BlockSchema.optional(),
    })
    .refine((w) => keyCount(w.keys) * 2 === w.values.count, { message: 'word-vector keys and values differ in length' })
    .refine((w) => !w.weights || keyCount(w.keys) === w.weights.count, { message: 'word-vector keys and weights differ in length' })
    .optional(),
  /**
   * GoEmotions sentiment model (train-text-model.ts): term → weight of a ridge model of a Reddit comment's
   * sentiment (positive/negative emotion groups of Demszky et al. 2020) over its unigrams and bigrams; its score of
   * a sentence (`termScore`) is the last dense feature, named GE_SENTIMENT_FEATURE. Optional for older files.
   */
  geSentiment: z
    .object({ keys: z.string(), values: Int16BlockSchema })
    .refine((g) => keyCount(g.keys) === g.values.count, { message: 'GoEmotions sentiment keys and values differ in length' })
    .optional(),
  /** The learned scene-context model (scene-model.ts), trained on data/affect-scenes; optional for older files. */
  scene: SceneModelFileSchema.optional(),
  training: z.object({
    lambdaValence: z.number(),
    lambdaArousal: z.number(),
    denseLambdaFactor: z.number(),
    minTermDocs: z.number(),
    /** Penalty factor of the word-vector block relative to λ, [valence, arousal]. */
    vectorLambdaFactor: z.tuple([z.number(), z.number()]).optional(),
    nTrain: z.number(),
    nDev: z.number(),
    r: z.object({
      train: z.object({ valence: z.number(), arousal: z.number() }),
      dev: z.object({ valence: z.number(), arousal: z.number() }),
      cv: z.object({ valence: z.number(), arousal: z.number() }),
    }),
  }),
});
export type TextModelFile = z.infer<typeof TextModelFileSchema>;

/** The content hash of a text model file (see `contentHash`): key order as written, the field itself set to "". */
export function textModelContentHash(json: Record<string, unknown>): string {
  return sha256Hex(JSON.stringify({ ...json, contentHash: '' })).slice(0, 16);
}

/** The model with its `contentHash` filled in (what the trainer writes). */
export function withContentHash<T extends Record<string, unknown>>(model: T): T & { contentHash: string } {
  return { ...model, contentHash: textModelContentHash(model) };
}
