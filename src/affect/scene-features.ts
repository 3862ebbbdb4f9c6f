/**
 * purpose: the features of ONE scene that the learned scene-context model (scene-model.ts) reads: what the
 * action lines and the heading establish (threat, loss, celebration, danger implied), what the dialogue says,
 * how the two disagree (pleasant words in a threatening or grieving situation), sarcasm cues, the mood of the
 * preceding scene, and the offline line-by-line estimate. The weights are learned from the hand-labelled scene
 * dataset (data/affect-scenes, train split) — these are only the measurements, not rules. Nothing measures a
 * scene's length: the dataset's scenes are short, and length must not become a proxy for mood on real scripts.
 * Nor does any feature measure the dialogue's own valence on its own (it is already in the offline value): the
 * dataset over-samples pleasant lines in dark situations, and a main effect would learn "pleasant words are
 * bad news" — dialogue valence enters only through its interaction with the situation (inc_*, sarcasm).
 */
import { CUE_CATEGORIES, type CueMatch } from './cues.js';
import type { TextModel } from './text-model.js';
import { GE_GROUP_NAMES, tokenize, type Token } from './text-features.js';
import { vectorWords } from './word-vectors.js';
import { wordCount } from '../util/words.js';

/** One analysed element of the scene, as analyze.ts computes it. */
export interface FeatureBeat {
  kind: 'action' | 'dialogue';
  text: string;
  valence: number;
  arousal: number;
  threat: number;
  relief: number;
  cues: readonly CueMatch[];
  /** The learned model's own reading of the element (element-affect.ts `text`). */
  textValence: number;
  textArousal: number;
  /** The element's tokens (element-affect.ts), reused rather than recomputed. */
  tokens?: readonly Token[];
}

export interface SceneFeatureInput {
  heading: string;
  headingCue: { valence: number; arousal: number; threat: number };
  beats: readonly FeatureBeat[];
  /** The offline estimate of this scene (weighted line average + tension integrator). */
  offline: { valence: number; arousal: number; tension: number };
  /** The offline estimate of the scene before, if any. */
  previous?: { valence: number; arousal: number; tension: number };
}

const CUE_NAMES = CUE_CATEGORIES.map((c) => c.name);
const pos = (x: number) => Math.max(0, x);
const neg = (x: number) => Math.max(0, -x);

export const SCENE_FEATURE_NAMES: readonly string[] = [
  'off_v', 'off_a', 'off_t',
  'act_v_mean', 'act_a_mean', 'act_v_min', 'act_a_max', 'act_threat_max', 'act_threat_mean', 'act_share',
  'dlg_a_mean', 'dlg_a_max', 'dlg_threat_max', 'has_dlg',
  'relief_max',
  ...CUE_NAMES.map((c) => `act_cue_${c}`),
  ...CUE_NAMES.map((c) => `dlg_cue_${c}`),
  ...GE_GROUP_NAMES.map((g) => `act_ge_${g}`),
  ...GE_GROUP_NAMES.map((g) => `dlg_ge_${g}`),
  'act_vader', 'act_vader_min', 'act_vader_max', 'act_vader_neg', 'act_vader_pos',
  'act_text_v', 'act_text_a', 'dlg_text_a',
  'head_v', 'head_a', 'head_t', 'head_night', 'head_ext',
  'inc_threat', 'inc_negact', 'inc_fear', 'inc_sad', 'inc_grief',
  'sarcasm', 'sarcasm_x_neg',
  'prev_v', 'prev_a', 'prev_t', 'has_prev',
  'excl', 'quest', 'staccato',
];

/**
 * A beat's tokens, computed once: the scene model reads every beat several times (terms, vectors, lexicon
 * statistics, the block as one text) and, in chunked scenes, a situation line twice. Keyed by the beat object,
 * so the cache lives exactly as long as the analysis that made the beats.
 */
const TOKENS = new WeakMap<FeatureBeat, readonly Token[]>();
function tokensOf(b: FeatureBeat): readonly Token[] {
  if (b.tokens) return b.tokens;
  let t = TOKENS.get(b);
  if (!t) TOKENS.set(b, (t = tokenize(b.text)));
  return t;
}

/**
 * Per-beat values the scene features read more than once (a long scene's units, a situation line re-read by the
 * unit after it), computed once and keyed by the beat object like TOKENS: the same numbers, less work.
 */
const BEAT_TERMS = new WeakMap<FeatureBeat, { contentWord: (w: string) => boolean; terms: readonly string[] }>();
function actionTerms(b: FeatureBeat, contentWord: (w: string) => boolean): readonly string[] {
  let c = BEAT_TERMS.get(b);
  if (!c || c.contentWord !== contentWord) {
    const terms: string[] = [];
    for (const t of tokensOf(b)) if (t.w.length >= 2 && contentWord(t.w)) terms.push(`a:${t.neg ? 'NOT_' : ''}${stem(t.w)}`);
    BEAT_TERMS.set(b, (c = { contentWord, terms }));
  }
  return c.terms;
}
const BEAT_SHAPE = new WeakMap<FeatureBeat, { words: number; sentences: number }>();
function shapeOf(b: FeatureBeat): { words: number; sentences: number } {
  let c = BEAT_SHAPE.get(b);
  if (!c) BEAT_SHAPE.set(b, (c = { words: wordCount(b.text), sentences: b.text.split(/(?<=[.!?])\s+/).filter((x) => /[A-Za-z]/.test(x)).length }));
  return c;
}
const BEAT_SARCASM = new WeakMap<FeatureBeat, { vader: ReadonlyMap<string, number>; value: number }>();
function sarcasmOf(b: FeatureBeat, vader: ReadonlyMap<string, number>): number {
  let c = BEAT_SARCASM.get(b);
  if (!c || c.vader !== vader) BEAT_SARCASM.set(b, (c = { vader, value: tokensOf(b).some((t) => (vader.get(t.w) ?? 0) >= 1.5) ? sarcasmCues(b.text, vader) : 0 }));
  return c.value;
}

/** Crude suffix stripping so "screams", "screamed", "screaming" share one term (no stemmer dependency). */
function stem(w: string): string {
  if (w.length > 5 && w.endsWith('ing')) return w.slice(0, -3);
  if (w.length > 4 && w.endsWith('ed')) return w.slice(0, -2);
  if (w.length > 4 && w.endsWith('es')) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

/**
 * The situation's words as sparse terms: `a:` action lines (content words only, when `contentWord` says which:
 * the text model's word-vector table, which leaves out the 100 most frequent words — "on", "the", "is" would
 * otherwise learn the training scenes' accidents), `h:` heading; words in a negation scope carry
 * `NOT_` ("Nobody laughs." → a:NOT_laugh). The scene model learns a weight per term. Dialogue words are left
 * out for the same reason as the dialogue's valence (see the top of this file): they would learn the dataset's
 * over-sampling of pleasant lines in dark scenes (held-out ρ V 0.588 with them, 0.641 without).
 */
export function sceneTerms(input: Pick<SceneFeatureInput, 'heading' | 'beats'>, contentWord: (w: string) => boolean = () => true): string[] {
  const terms = new Set<string>();
  for (const w of input.heading.toLowerCase().match(/[a-z]{3,}/g) ?? []) terms.add(`h:${w}`);
  for (const b of input.beats) {
    if (b.kind !== 'action') continue;
    for (const t of actionTerms(b, contentWord)) terms.add(t);
  }
  return [...terms].sort();
}

/**
 * The situation's words the scene model's word-vector block reads (`--scene-vectors`): the action lines' (not dialogue,
 * as for sceneTerms; nor the heading, whose INT/DAY words are in every scene and dominate a short unit's mean).
 */
export function sceneVectorWords(input: Pick<SceneFeatureInput, 'heading' | 'beats'>): string[] {
  const words: string[] = [];
  for (const b of input.beats) if (b.kind === 'action') words.push(...vectorWords(tokensOf(b)));
  return words;
}

/** Sarcasm cues in one dialogue line: "Oh, wonderful.", "Just wonderful.", a positive word repeated. */
function sarcasmCues(text: string, vader: ReadonlyMap<string, number>): number {
  let n = 0;
  const sentences = text.split(/(?<=[.!?…])\s+/);
  const seen = new Map<string, number>();
  for (const s of sentences) {
    const toks = tokenize(s).map((t) => t.w);
    const positive = toks.filter((w) => (vader.get(w) ?? 0) >= 1.5);
    for (const w of positive) seen.set(w, (seen.get(w) ?? 0) + 1);
    if (!positive.length) continue;
    if (toks.length <= 3) n += 0.5; // a bare "Wonderful." / "Just lovely."
    if (toks[0] === 'oh' || toks[0] === 'just' || toks[0] === 'well') n += 0.5;
  }
  for (const c of seen.values()) if (c >= 2) n += 1;
  return Math.min(3, n);
}

export function sceneFeatures(input: SceneFeatureInput, model: TextModel): number[] {
  const act = input.beats.filter((b) => b.kind === 'action');
  const dlg = input.beats.filter((b) => b.kind === 'dialogue');
  const words = (bs: readonly FeatureBeat[]) => bs.reduce((n, b) => n + shapeOf(b).words, 0);
  const meanOf = (bs: readonly FeatureBeat[], f: (b: FeatureBeat) => number) => (bs.length ? bs.reduce((s, b) => s + f(b), 0) / bs.length : 0);
  const maxOf = (bs: readonly FeatureBeat[], f: (b: FeatureBeat) => number, empty = 0) => (bs.length ? Math.max(...bs.map(f)) : empty);
  const minOf = (bs: readonly FeatureBeat[], f: (b: FeatureBeat) => number, empty = 0) => (bs.length ? Math.min(...bs.map(f)) : empty);
  const wa = words(act), wd = words(dlg);

  const cueCounts = (bs: readonly FeatureBeat[]) => {
    const c = new Array<number>(CUE_NAMES.length).fill(0);
    for (const b of bs) for (const m of b.cues) c[CUE_NAMES.indexOf(m.category.name)]++;
    return c.map((x) => Math.log1p(x));
  };
  // Word → emotion-group associations (GoEmotions, from the text model) over each kind's text: what the
  // situation is about (fear, sadness, joy…), independent of sentence-level sentiment.
  const lex = (bs: readonly FeatureBeat[]) => {
    const G = GE_GROUP_NAMES.length;
    const sum = new Array<number>(G).fill(0);
    let n = 0, vs = 0, vn = 0, vmin = 0, vmax = 0, vneg = 0, vpos = 0;
    for (const b of bs) {
      for (const t of tokensOf(b)) {
        const v = model.lexicons.vader.get(t.w);
        if (v !== undefined) {
          const x = (t.neg ? -0.74 * v : v) / 4;
          vs += x;
          vn++;
          vmin = Math.min(vmin, x);
          vmax = Math.max(vmax, x);
          if (x < -0.2) vneg++;
          if (x > 0.2) vpos++;
        }
        if (t.neg) continue;
        const g = model.lexicons.ge.get(t.w);
        if (!g) continue;
        n++;
        for (let k = 0; k < G; k++) sum[k] += pos(g[k]);
      }
    }
    // The block as the sentence model reads it (word-weighted, before the prior layer): the situation's own description.
    let tw = 0, tv = 0, ta = 0;
    for (const b of bs) {
      const w = Math.max(1, tokensOf(b).length);
      tw += w;
      tv += b.textValence * w;
      ta += b.textArousal * w;
    }
    const whole = { valence: tw ? tv / tw : 0, arousal: tw ? ta / tw : 0 };
    return {
      ge: sum.map((s) => (n ? s / n : 0)),
      vader: vn ? vs / vn : 0,
      extra: [vmin, vmax, Math.log1p(vneg), Math.log1p(vpos)],
      text: bs.length ? [whole.valence, whole.arousal] : [0, 0],
    };
  };
  const la = lex(act), ld = lex(dlg);
  const FEAR = GE_GROUP_NAMES.indexOf('fear'), SAD = GE_GROUP_NAMES.indexOf('sadness');
  const actCues = cueCounts(act), dlgCues = cueCounts(dlg);
  const grief = CUE_NAMES.indexOf('grief');

  const dlgV = meanOf(dlg, (b) => b.valence);
  const actV = meanOf(act, (b) => b.valence);
  const actThreatMax = maxOf(act, (b) => b.threat);
  // The strongest line, not the sum: a long warm scene has many short happy lines ("Beautiful." "Thank you!"),
  // and a sum would make length read as sarcasm.
  const vader = model.lexicons.vader;
  const sarcasm = dlg.reduce((s, b) => Math.max(s, sarcasmOf(b, vader)), 0);
  const sentences = act.reduce((n, b) => n + shapeOf(b).sentences, 0);
  const staccato = sentences >= 2 && wa / sentences <= 6 ? 1 : 0;
  const text = input.beats.map((b) => b.text).join(' ');
  const prev = input.previous;

  const f = [
    input.offline.valence, input.offline.arousal, input.offline.tension,
    actV, meanOf(act, (b) => b.arousal), minOf(act, (b) => b.valence), maxOf(act, (b) => b.arousal), actThreatMax, meanOf(act, (b) => b.threat), wa + wd ? wa / (wa + wd) : 0,
    meanOf(dlg, (b) => b.arousal), maxOf(dlg, (b) => b.arousal), maxOf(dlg, (b) => b.threat), dlg.length ? 1 : 0,
    maxOf(input.beats, (b) => b.relief),
    ...actCues, ...dlgCues,
    ...la.ge, ...ld.ge,
    la.vader, ...la.extra,
    ...la.text, ld.text[1],
    input.headingCue.valence, input.headingCue.arousal, input.headingCue.threat, /\bNIGHT\b/i.test(input.heading) ? 1 : 0, /^\s*EXT\b/i.test(input.heading) ? 1 : 0,
    // Incongruity: pleasant dialogue inside a threatening, hostile, fearful or grieving situation.
    pos(dlgV) * actThreatMax, pos(dlgV) * neg(actV), pos(dlgV) * la.ge[FEAR], pos(dlgV) * la.ge[SAD], pos(dlgV) * (actCues[grief] > 0 ? 1 : 0),
    Math.min(3, sarcasm), Math.min(3, sarcasm) * (neg(actV) + actThreatMax),
    prev?.valence ?? 0, prev?.arousal ?? 0, prev?.tension ?? 0, prev ? 1 : 0,
    Math.log1p((text.match(/!/g) ?? []).length), Math.log1p((text.match(/\?/g) ?? []).length), staccato,
  ];
  return f;
}
