/**
 * purpose: run the analysis over labelled scene items (scene-dataset.ts) — the training rows of the
 * scene-context model, and the held-out figures `npm run eval:affect` prints (Spearman ρ per axis, and the
 * share of incongruent-subtext scenes read with the right sign and at least half the labelled shift).
 */
import { parseScript } from '../script/index.js';
import { analyzeScript } from './analyze.js';
import { spearman, type SceneItem } from './scene-dataset.js';
import type { SceneTrainRow } from './train-scene-model.js';
import type { TextModel } from './text-model.js';
import { tokenize } from './text-features.js';
import type { SceneAffect } from './scene-model.js';

/** The labelled (last) scene's value, with or without the scene-context model. */
export function predictItem(item: SceneItem, model: TextModel, sceneContext = true): SceneAffect {
  const arc = analyzeScript(parseScript(item.fountain), { model, sceneContext });
  const s = arc.scenes[arc.scenes.length - 1];
  return { valence: s.valence, arousal: s.arousal, tension: s.tension };
}

/** Training rows: the labelled scene's features, from the analysis WITHOUT the scene model (no leakage). */
export function sceneTrainRows(items: readonly SceneItem[], model: TextModel): SceneTrainRow[] {
  return items.map((item) => {
    let feats: number[][] = [];
    let terms: string[][] = [];
    let words: string[][] = [];
    analyzeScript(parseScript(item.fountain), { model, sceneContext: false, onSceneFeatures: (f, t, w) => ((feats = f), (terms = t), (words = w)) });
    const script = parseScript(item.fountain);
    const last = script.scenes[script.scenes.length - 1];
    const tokens = last ? last.elements.filter((e) => e.type === 'action' || e.type === 'dialogue').reduce((n, e) => n + tokenize(e.text).length, 0) : 0;
    return { features: feats[feats.length - 1], terms: terms[terms.length - 1], words: words[words.length - 1], tokens, seconds: last ? last.start + last.duration : 0, target: [item.valence, item.arousal, item.tension] };
  });
}

export interface SceneScores {
  n: number;
  spearman: SceneAffect;
  /** Mean absolute error per axis. */
  mae: SceneAffect;
  /** Incongruent-subtext items (tag `incongruent` or `sarcasm`) whose valence has the labelled sign. */
  subtext: { n: number; rightSign: number; halfShift: number };
}

/**
 * Scores predictions. "Half the labelled shift" for a subtext scene: the labelled valence lies below what its
 * dialogue alone reads as (`dialogueOnly`), and the prediction moves down from it by at least half that gap.
 */
export function scoreScenes(items: readonly SceneItem[], pred: readonly SceneAffect[], dialogueOnly: readonly number[]): SceneScores {
  const col = (xs: readonly SceneAffect[], k: keyof SceneAffect) => xs.map((x) => x[k]);
  const gold = items.map((i) => ({ valence: i.valence, arousal: i.arousal, tension: i.tension }));
  const mae = (k: keyof SceneAffect) => pred.reduce((s, p, i) => s + Math.abs(p[k] - gold[i][k]), 0) / Math.max(1, pred.length);
  let n = 0, rightSign = 0, halfShift = 0;
  items.forEach((it, i) => {
    if (!it.tags.includes('incongruent') && !it.tags.includes('sarcasm')) return;
    n++;
    if (Math.sign(pred[i].valence) === Math.sign(it.valence)) rightSign++;
    const gap = it.valence - dialogueOnly[i];
    const moved = pred[i].valence - dialogueOnly[i];
    if (Math.abs(gap) < 1e-9 ? true : moved / gap >= 0.5) halfShift++;
  });
  return {
    n: items.length,
    spearman: { valence: spearman(col(pred, 'valence'), col(gold, 'valence')), arousal: spearman(col(pred, 'arousal'), col(gold, 'arousal')), tension: spearman(col(pred, 'tension'), col(gold, 'tension')) },
    mae: { valence: mae('valence'), arousal: mae('arousal'), tension: mae('tension') },
    subtext: { n, rightSign, halfShift },
  };
}

/** What the scene's dialogue alone reads as (its lines through the text model, no situation): the baseline a subtext shift is measured from. */
export function dialogueOnlyValence(item: SceneItem, model: TextModel): number {
  const script = parseScript(item.fountain);
  const last = script.scenes[script.scenes.length - 1];
  const lines = last?.elements.filter((e) => e.type === 'dialogue').map((e) => e.spoken ?? e.text) ?? [];
  if (!lines.length) return 0;
  return lines.reduce((s, l) => s + model.predict(l).valence, 0) / lines.length;
}
