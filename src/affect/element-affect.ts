/**
 * purpose: the emotion of ONE screenplay element (an action paragraph or a dialogue block): valence and arousal
 * in [-1, 1], plus the threat and relief evidence the tension integrator (tension.ts) consumes, a salience
 * (how much this element should weigh in its scene), and the cue words found (for hit points).
 *
 * valence/arousal = learned text model (per sentence, aggregated) + screenplay prior layer (cues.ts) + surface
 * cues (exclamations, CAPS words, staccato lines). The learned model is trained on single sentences, so a block
 * is split into sentences; the block value is the word-weighted mean pulled 40 % toward its most extreme
 * sentence, because readers remember the peak of a passage more than its average (peak–end rule, Kahneman 1993).
 */
import { clamp } from '../util/math.js';
import { findCues, type CueMatch } from './cues.js';
import type { TextModel } from './text-model.js';
import { GE_GROUP_NAMES, tokenize, type Token } from './text-features.js';

export interface ElementAffect {
  valence: number;
  arousal: number;
  /** Evidence of danger/suspense in this element, [0, 1]. */
  threat: number;
  /** Evidence of resolution/safety, [0, 1]. */
  relief: number;
  /** Weight of this element inside its scene, [0, 1]. */
  salience: number;
  cues: CueMatch[];
  /** The learned model's own reading (word-weighted mean over sentences, before the prior layer and the peak pull). */
  text: { valence: number; arousal: number };
  /** The element's tokens, sentence by sentence (what the scene model reads again). */
  tokens: Token[];
}

const FEAR = GE_GROUP_NAMES.indexOf('fear');
const ANGER = GE_GROUP_NAMES.indexOf('anger');
/** End punctuation (with closing quotes/brackets) followed by white space or the end: a candidate boundary. */
const END_RE = /[.!?…]+["'”’)\]]*(?=\s|$)/g;
/** Words whose period is not a full stop ("Mr. Mason", "St. Lucia", "Gen. Spaatz", "Tel. 2317"). */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'st', 'jr', 'sr', 'prof', 'gen', 'col', 'capt', 'lt', 'sgt', 'rev', 'gov', 'sen', 'rep', 'mt', 'ft',
  'inc', 'ltd', 'corp', 'vs', 'tel', 'fig', 'vol', 'dept', 'ave', 'blvd', 'approx', 'jan', 'feb', 'aug', 'sept', 'oct', 'nov',
]);

/**
 * Sentences of a block. A boundary is end punctuation followed by white space and a word that does not start in
 * lower case ("I don't know… hey, what about" and '"Why?" he said' are one sentence each), and a period after an
 * initial or a known abbreviation ("U.S. Figure Skating", "Dear Mr. Ratcliff") is none; a period inside a token
 * ("3.33", "www.ifaw.org") never matches. The learned model reads each piece as a sentence, so a broken-off "U."
 * would be scored as a sentence of its own.
 */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  const push = (s: string) => {
    const t = s.trim();
    if (/[A-Za-z]/.test(t)) out.push(t);
  };
  let start = 0;
  for (const m of text.matchAll(END_RE)) {
    const end = m.index + m[0].length;
    const next = /\S/.exec(text.slice(end, end + 8))?.[0];
    if (next !== undefined && /\p{Ll}/u.test(next)) continue;
    if (/^\.+$/.test(m[0]) || /^\.["'”’)\]]+$/.test(m[0])) {
      const word = /([A-Za-z]+)$/.exec(text.slice(Math.max(start, m.index - 12), m.index))?.[1];
      if (word && m[0].startsWith('.') && !m[0].startsWith('..') && (word.length === 1 || ABBREVIATIONS.has(word.toLowerCase()))) continue;
    }
    push(text.slice(start, end));
    start = end;
  }
  push(text.slice(start));
  return out;
}

/** "JOHN grabs MARY's arm" → "John grabs Mary's arm": names in capitals are a Fountain convention, not shouting. */
export function softenNames(text: string, names: ReadonlySet<string>): string {
  if (names.size === 0) return text;
  return text.replace(/\b[A-Z][A-Z'’.-]+\b/g, (w) => {
    const bare = w.replace(/['’]S$/, '');
    return names.has(bare) ? bare.charAt(0) + bare.slice(1).toLowerCase() + w.slice(bare.length).toLowerCase() : w;
  });
}

const atanh = (x: number) => Math.atanh(clamp(x, -0.995, 0.995));

/** Saturating sum: many cue words push toward `limit` but never past it. */
const sat = (x: number, limit: number) => limit * Math.tanh(x / limit);

export interface ElementAffectOptions {
  /**
   * Add the screenplay prior's valence/arousal offsets (default true). Plain prose turns them off: the learned
   * model was trained on prose and already weighs words like "blood", "home" or "dance" there, so the offsets
   * count them twice (EmoBank dev through the pipeline, measured with the v2 model: r 0.617 → 0.623 valence, 0.468 → 0.473 arousal).
   * Cue words still feed threat, relief, salience and hits.
   */
  prior?: boolean;
  /**
   * A text of at most this many words is read by the model as ONE unit instead of sentence by sentence (default 0:
   * always split). Plain prose passes PROSE_UNIT_WORDS.
   */
  wholeUnitWords?: number;
}

/**
 * Plain prose reads a paragraph of up to this many words whole, as the model was trained: EmoBank's items are such
 * units (95 % hold ≤ 36 words; 283 of its 8,062 train items hold more than one sentence), and reading "Yeah." apart
 * from "Roy said." gives each half less context than the whole. EmoBank dev through the pipeline, r valence /
 * arousal: split 0.637 / 0.499; whole up to 20 words 0.638 / 0.500; up to 40 0.639 / 0.502; always whole 0.638 / 0.502.
 * A screenplay's action keeps its sentences apart: "BANG." in a line is a beat of its own.
 */
export const PROSE_UNIT_WORDS = 40;

export function elementAffect(
  text: string,
  kind: 'action' | 'dialogue',
  model: TextModel,
  names: ReadonlySet<string>,
  opts: ElementAffectOptions = {},
): ElementAffect {
  const plain = softenNames(text, names);
  const unitWords = opts.wholeUnitWords ?? 0;
  const whole = unitWords > 0 && plain.trim().split(/\s+/).length <= unitWords;
  const split = splitSentences(plain);
  const sentences = whole ? [plain.trim()] : split;
  let v = 0, a = 0, wsum = 0;
  let extV = 0, extA = 0;
  let wordCount = 0;
  // Learned word→fear/anger associations from GoEmotions (model lexicon) as threat evidence.
  let fear = 0, anger = 0, n = 0;
  const all: Token[] = [];
  for (const s of sentences) {
    const tokens = tokenize(s);
    for (const t of tokens) all.push(t);
    for (const t of tokens) {
      if (t.neg) continue;
      const g = model.lexicons.ge.get(t.w);
      if (!g) continue;
      n++;
      fear += Math.max(0, g[FEAR]);
      anger += Math.max(0, g[ANGER]);
    }
    const p = model.predictTokens(tokens, s);
    const w = Math.max(1, tokens.length);
    wordCount += w;
    v += p.valence * w;
    a += p.arousal * w;
    wsum += w;
    if (Math.abs(p.valence) > Math.abs(extV)) extV = p.valence;
    if (Math.abs(p.arousal) > Math.abs(extA)) extA = p.arousal;
  }
  if (wsum > 0) {
    v /= wsum;
    a /= wsum;
  }
  const modelOnly = { valence: v, arousal: a };
  v += 0.4 * (extV - v);
  a += 0.4 * (extA - a);

  // Screenplay prior layer. Cue evidence is damped for long blocks (one "gun" in a page of description matters
  // less than "Gun!") by 1/sqrt(words/15).
  const cues = findCues(text, names, kind);
  const damp = 1 / Math.sqrt(Math.max(1, wordCount / 15));
  let pv = 0, pa = 0, pt = 0, pr = 0;
  const prior = opts.prior === false ? 0 : 1;
  for (const c of cues) {
    const k = damp * (c.caps || c.exclaimed ? 1.3 : 1);
    pv += c.category.valence * k * prior;
    pa += c.category.arousal * k * prior;
    pt += c.category.threat * k;
    pr += c.category.relief * k;
  }

  // Surface cues: exclamations and shouted words raise arousal (Hutto & Gilbert 2014 use the same signals as
  // intensity amplifiers); staccato action — several very short sentences — reads fast and raises arousal and
  // threat (screenwriting convention for action beats); questions in dialogue signal uncertainty.
  const excl = Math.min(3, (text.match(/!/g) ?? []).length);
  let capsWords = 0;
  for (const m of plain.matchAll(/\b[A-Z]{2,}[A-Z'’]*\b/g)) if (!names.has(m[0]) && m[0] !== 'I') capsWords++;
  const allCaps = capsWords > 0 && plain === plain.toUpperCase();
  const caps = allCaps ? 3 : Math.min(3, capsWords);
  // Staccato is a property of the sentences as written, whether or not the model read them as one unit.
  const avgLen = split.length ? wordCount / split.length : 0;
  const staccato = kind === 'action' && split.length >= 2 && avgLen <= 5 ? 1 : 0;
  const questions = kind === 'dialogue' ? Math.min(2, (text.match(/\?/g) ?? []).length) : 0;

  const fearAssoc = n ? fear / n : 0;
  const angerAssoc = n ? anger / n : 0;

  // Combine in the pre-squash domain (the model's outputs are tanh-calibrated) so evidence adds up without
  // piling values against ±1: the result keeps its rank order and stays inside (-1, 1).
  const valence = Math.tanh(atanh(v) + 1.5 * sat(pv, 0.6));
  const arousal = Math.tanh(atanh(a) + 1.5 * (sat(pa, 0.6) + 0.1 * excl + 0.08 * caps + 0.15 * staccato));
  const negHigh = Math.max(0, -valence) * Math.max(0, arousal + 0.2);
  const threat = clamp(
    sat(pt, 0.7) + 0.45 * Math.min(1, fearAssoc / 1.2) + 0.15 * Math.min(1, angerAssoc / 1.2) + 0.35 * negHigh + 0.1 * staccato + 0.05 * questions,
    0,
    1,
  );
  const calmPositive = Math.max(0, valence) * Math.max(0, 0.2 - arousal);
  const relief = clamp(sat(pr, 0.8) + 0.3 * calmPositive, 0, 1);
  const salience = clamp(0.25 + 0.45 * Math.max(Math.abs(valence), Math.abs(arousal)) + 0.3 * threat + 0.1 * Math.min(2, cues.filter((c) => c.category.hit).length), 0, 1);
  return { valence, arousal, threat, relief, salience, cues, text: modelOnly, tokens: all };
}
