/**
 * purpose: the learned scene-context model — scene features (scene-features.ts) → the scene's valence, arousal
 * and tension as a viewer feels them. A ridge regression per target over standardised features, trained by
 * train-scene-model.ts on the project's hand-labelled scene dataset (data/affect-scenes, train split) and stored
 * as the optional `scene` block of the text model file (model-file.ts), so one file is "the affect model".
 */
import { z } from 'zod';
import { clamp } from '../util/math.js';
import { Int16BlockSchema, decodeInt16 } from './int16-block.js';
import { wordValueMean } from './word-vectors.js';
import { boostedValue, isValidTree } from './boosted-trees.js';
import { keyCount, keyIndex } from './key-list.js';

/**
 * The scales a target's linear part may be fitted on. `sqrt` suits tension: its labels are bounded at 0 and skewed
 * (most scenes calm, a tail of threat), and on the root scale a scene with no evidence of threat regresses to the
 * square of the mean root, below the label mean, while a threat still reaches the top.
 */
export const SCENE_LINKS = ['identity', 'sqrt'] as const;
export type SceneLink = (typeof SCENE_LINKS)[number];
/**
 * A value on the link's scale → the value, and back.
 * @example fromLink('sqrt', 0.5) // 0.25
 * @example toLink('sqrt', 0.25) // 0.5
 */
export const fromLink = (link: SceneLink, x: number): number => (link === 'sqrt' ? Math.sign(x) * x * x : x);
export const toLink = (link: SceneLink, x: number): number => (link === 'sqrt' ? Math.sign(x) * Math.sqrt(Math.abs(x)) : x);

const fin = z.number().min(-1e6).max(1e6);
/** A long number array checked in one loop (zod's per-element schema costs ~10× more on 80k values). */
const finArray = z.custom<number[]>((v) => Array.isArray(v) && v.every((x) => typeof x === 'number' && Math.abs(x) <= 1e6), { message: 'expected an array of finite numbers within ±1e6' });
const Triple = z.tuple([fin, fin, fin]);

export const SceneModelFileSchema = z.object({
  id: z.string(),
  /** Feature names in order; a model whose names differ from SCENE_FEATURE_NAMES is refused. */
  names: z.array(z.string()),
  mean: z.array(fin),
  std: z.array(z.number().min(0).max(1e6)),
  /** Per feature: [valence, arousal, tension] weights on the standardised feature. */
  weights: z.array(Triple),
  intercept: Triple,
  /** Index of the feature each target is a correction to (the offline off_v, off_a, off_t); −1: predicted directly. */
  base: z.tuple([z.number().int().min(-1), z.number().int().min(-1), z.number().int().min(-1)]),
  /**
   * Per target, the scale the linear part is fitted on (SCENE_LINKS): `identity`, or `sqrt` — the model predicts the
   * signed square root of the value and the value is its signed square. Optional: absent, all identity.
   */
  link: z.tuple([z.enum(SCENE_LINKS), z.enum(SCENE_LINKS), z.enum(SCENE_LINKS)]).optional(),
  /** Sparse term weights (scene-features.ts sceneTerms): keys joined by "\n", 3 values each; a scene's terms are scaled by 1/sqrt(#distinct). */
  terms: z.object({ keys: z.string(), values: finArray }).refine((t) => keyCount(t.keys) * 3 === t.values.length, { message: 'term keys and values differ in length' }),
  /**
   * Baked word-vector values (word-vectors.ts) of the situation's words (action lines): `values` holds
   * [valence, arousal, tension] per word of the text model's `wordVectors` table, in its order; a scene adds
   * `offset` + the mean over its situation words found there. Optional.
   */
  vectors: z.object({ offset: Triple, values: Int16BlockSchema }).optional(),
  /**
   * Boosted regression trees per target (boosted-trees.ts), on the raw features, added to the linear value: they
   * were fitted to the ridge's held-out errors. A target without trees has an empty list. Optional.
   */
  boost: z.object({ trees: z.tuple([z.array(finArray), z.array(finArray), z.array(finArray)]) }).optional(),
  /**
   * How analyze.ts blends the line-by-line reading with the scene model in a scene of ONE dramatic unit:
   * value ≈ line·a + scene·b + offset per axis (least squares on the train split's cross-validated predictions).
   * Optional: a file without it takes the scene model's value as is.
   */
  blend: z.object({
    line: Triple,
    scene: Triple,
    offset: Triple,
    /** Below this many words (the training scenes' 10th percentile) a unit gives the model too little to read: it moves the lines in proportion. */
    minWords: z.number().int().min(0).max(1000),
    /** Median screen time the tension integrator ran in a training item, seconds: the unit its share of the tension grows by. */
    unitSeconds: z.number().min(0).max(1e4),
    /** What the model predicts with no evidence either way, per axis: the training labels' mean (on a `sqrt` link, the square of their mean root). */
    mean: Triple,
    /**
     * Where the BLENDED value sits with no evidence, per axis (a·mean line reading + b·`mean` + e), when a target has a
     * link scale: there the blend's offset makes up for the raw no-evidence level lying below the mean of the held-out
     * predictions it was fitted on. Absent: `mean` (on the identity scale the two agree).
     */
    level: Triple.optional(),
  }).optional(),
  provenance: z.object({ data: z.string(), license: z.string(), command: z.string() }),
  training: z.object({
    nTrain: z.number().int(),
    lambda: Triple,
    /** Scale of the sparse term block relative to the dense features, per target. */
    termScale: Triple,
    /** Range stretch applied to the weights (labels on cross-validated predictions, least squares, in [1, 3]). */
    stretch: Triple,
    /** Scale of the word-vector block relative to the dense features, per target (0: unused). */
    vectorScale: Triple.optional(),
    /** Spearman ρ of 5-fold cross-validation on the train split: the figure λ was chosen by. */
    cvSpearman: Triple,
    /** The boosted-tree stage's settings and its nested cross-validated ρ per target (trees kept where it beats cvSpearman by > 0.005). */
    boost: z.object({ rounds: z.number(), rate: z.number(), depth: z.number(), minLeaf: z.number(), subsample: z.number(), seed: z.number(), cvSpearman: Triple }).optional(),
  }),
}).refine((m) => !m.boost || m.boost.trees.every((ts) => ts.every((t) => isValidTree(t, m.names.length))), { message: 'a boosted tree is malformed (split feature out of range, or a child that does not follow its parent)', path: ['boost'] });
export type SceneModelFile = z.infer<typeof SceneModelFileSchema>;

export interface SceneAffect {
  valence: number;
  arousal: number;
  tension: number;
}

export interface SceneModel {
  readonly id: string;
  readonly names: readonly string[];
  /** Whether predict() reads the situation's vector words (a block without word vectors ignores them: callers may skip computing them). */
  readonly readsWords: boolean;
  /** The learned line/scene blend for one dramatic unit (SceneModelFile `blend`), when the file has one. */
  readonly blend?: SceneModelFile['blend'];
  /** `words`: the situation's vector words (scene-features.ts sceneVectorWords), read by the word-vector block. */
  predict(features: readonly number[], terms: readonly string[], words?: readonly string[]): SceneAffect;
}

/**
 * A standardised feature, clipped to ±Z_CLIP: a screenplay scene far longer or busier than any training scene
 * (a five-page action sequence) must not extrapolate the linear model past what it learned.
 */
export const Z_CLIP = 2.5;
export const standardise = (x: number, mean: number, std: number): number => (std > 0 ? clamp((x - mean) / std, -Z_CLIP, Z_CLIP) : 0);

/** `wordIndex`: the text model's word-vector words (word → row), which the scene block's `vectors.values` are aligned with. */
export function compileSceneModel(file: SceneModelFile, wordIndex: ReadonlyMap<string, number> = new Map()): SceneModel {
  const { mean, std, weights, intercept } = file;
  const vec = file.vectors ? { index: wordIndex, values: decodeInt16(file.vectors.values), width: 3 } : undefined;
  const termRow = keyIndex(file.terms.keys);
  const tv = file.terms.values;
  const links = file.link ?? (['identity', 'identity', 'identity'] as const);
  return {
    id: file.id,
    names: file.names,
    readsWords: file.vectors !== undefined,
    ...(file.blend ? { blend: file.blend } : {}),
    predict(f, terms, words = []) {
      // The linear part, on each target's link scale.
      const out = [intercept[0], intercept[1], intercept[2]];
      if (file.vectors && vec) {
        const e = wordValueMean(words, vec, file.vectors.offset);
        for (let k = 0; k < 3; k++) out[k] += e[k];
      }
      for (let i = 0; i < weights.length; i++) {
        const z = standardise(f[i], mean[i], std[i]);
        for (let k = 0; k < 3; k++) out[k] += z * weights[i][k];
      }
      const norm = terms.length ? 1 / Math.sqrt(terms.length) : 0;
      for (const t of terms) {
        const j = termRow.get(t);
        if (j !== undefined) for (let k = 0; k < 3; k++) out[k] += norm * tv[3 * j + k];
      }
      for (let k = 0; k < 3; k++) {
        out[k] = fromLink(links[k], out[k]);
        if (file.base[k] >= 0) out[k] += f[file.base[k]];
        if (file.boost) out[k] += boostedValue(file.boost.trees[k], f);
      }
      return { valence: clamp(out[0], -1, 1), arousal: clamp(out[1], -1, 1), tension: clamp(out[2], 0, 1) };
    },
  };
}
