/**
 * purpose: turn a sentence into the features the text emotion model reads. Shared by training
 * (scripts/train-affect.ts) and run time (text-model.ts), so the two can never drift apart.
 *
 * Two kinds of features:
 * - sparse terms: unigrams and bigrams, lower-cased; words inside a negation scope get a `NOT_` prefix
 *   (Das & Chen 2001; Pang et al. 2002: scope runs from the negator to the next punctuation mark), so
 *   "not happy" is a different feature from "happy" and the model learns its own weight for it.
 * - dense features: lexicon statistics (VADER, AFINN: mean/sum/max/min of word valence, with VADER's
 *   negation flip ×-0.74, booster ×1.293 and CAPS emphasis ×1.2 — Hutto & Gilbert 2014), GoEmotions-derived
 *   word→emotion-group associations (learned from 43k labelled comments, see train-text-model.ts), and
 *   surface cues (exclamations, questions, ALL-CAPS words, intensifiers, negations, length).
 *   Each dense feature is standardised with the training mean/std stored in the model.
 */

export interface Token {
  /** Lower-cased word (apostrophes kept, so "don't" stays one token). */
  w: string;
  /** Inside a negation scope (after "not", "never", "n't"… until punctuation or 5 words). */
  neg: boolean;
  /** Written in capitals, 2+ letters (emphasis or a sound: "BANG"). */
  caps: boolean;
  /** Multiplier from a preceding intensifier ("very" 1.293) or diminisher ("slightly" 0.707). */
  boost: number;
}

export interface Lexicons {
  /** VADER mean valence, -4..4. */
  vader: ReadonlyMap<string, number>;
  /** AFINN valence, -5..5. */
  afinn: ReadonlyMap<string, number>;
  /** GoEmotions association per emotion group (log-lift, see GE_GROUPS), indexed like GE_GROUPS. */
  ge: ReadonlyMap<string, ArrayLike<number>>;
}

/** GoEmotions' 27 emotions folded into groups with enough data each (Demszky et al. 2020, table of clusters). */
export const GE_GROUPS: Record<string, readonly string[]> = {
  joy: ['joy', 'amusement', 'excitement'],
  love: ['love', 'caring', 'admiration', 'gratitude'],
  optimism: ['optimism', 'pride', 'relief', 'approval', 'desire'],
  anger: ['anger', 'annoyance', 'disapproval', 'disgust'],
  fear: ['fear', 'nervousness'],
  sadness: ['sadness', 'grief', 'disappointment', 'remorse', 'embarrassment'],
  surprise: ['surprise', 'realization', 'confusion', 'curiosity'],
  neutral: ['neutral'],
};
export const GE_GROUP_NAMES = Object.keys(GE_GROUPS);

const NEGATORS = new Set([
  'not', 'no', 'never', 'nothing', 'nobody', 'none', 'nowhere', 'neither', 'nor', 'cannot', 'without', 'hardly',
  'barely', 'scarcely', 'aint', "ain't", 'nope', 'noone',
]);
/** VADER's booster list (subset), scalar 0.293 up or down. */
const BOOSTERS_UP = new Set([
  'absolutely', 'amazingly', 'awfully', 'completely', 'considerably', 'decidedly', 'deeply', 'enormously', 'entirely',
  'especially', 'exceptionally', 'extremely', 'fabulously', 'greatly', 'highly', 'hugely', 'incredibly', 'intensely',
  'majorly', 'more', 'most', 'particularly', 'purely', 'quite', 'really', 'remarkably', 'so', 'substantially',
  'thoroughly', 'totally', 'tremendously', 'uber', 'unbelievably', 'unusually', 'utterly', 'very', 'terribly',
  'truly', 'insanely', 'super', 'fully',
]);
const BOOSTERS_DOWN = new Set([
  'almost', 'barely', 'hardly', 'kind', 'kinda', 'less', 'little', 'marginally', 'occasionally', 'partly', 'scarcely',
  'slightly', 'somewhat', 'sort', 'sorta', 'mildly', 'faintly', 'vaguely',
]);
export const BOOSTER_UP = 1.293;
export const BOOSTER_DOWN = 0.707;
const NEG_SCOPE_MAX = 5;

export function isNegator(w: string): boolean {
  return NEGATORS.has(w) || w.endsWith("n't");
}
export function isIntensifier(w: string): boolean {
  return BOOSTERS_UP.has(w);
}

const ALL_CAPS_RE = /^[A-Z']+$/;

/** A letter a word may start with: A–Z, a–z, or Latin-1 to Latin Extended-B (U+00C0–U+024F). */
const isLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0x24f);
const isDigit = (c: number) => c >= 48 && c <= 57;
/** The one-character tokens: . , ; : ! ? ( ) " — – (each ends a negation scope). */
const isPunct = (c: number) => c === 46 || c === 44 || c === 59 || c === 58 || c === 33 || c === 63 || c === 40 || c === 41 || c === 34 || c === 0x2014 || c === 0x2013;
const APOSTROPHE = 39, RIGHT_QUOTE = 0x2019, HYPHEN = 45;

/**
 * The words of a text, lower-cased, with their negation scope, CAPS flag and booster. A token is a word (a letter,
 * then letters and apostrophes ' ’; ’ is read as '), a digit run, one punctuation mark of . , ; : ! ? ( ) " — –,
 * or a run of two or more hyphens; the marks and dash runs end a negation scope and are not returned, everything
 * else separates tokens. A scanner, not a regex: it runs over every word of a script (~30,000 in 120 pages), and
 * match objects and case copies cost more than the words (a word already in lower case is not copied).
 * @example tokenize("Don't go.").map((t) => [t.w, t.neg]) // [["don't", false], ["go", true]]
 */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let negLeft = 0;
  let boost = 1;
  const n = text.length;
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i);
    let j = i + 1;
    // Lower-case ASCII letters, digits and ' only: the slice is its own lower-case form.
    let lower = !(c >= 65 && c <= 90) && c < 0x80;
    let curly = false;
    if (isLetter(c)) {
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === RIGHT_QUOTE) curly = true;
        else if (!(isLetter(d) || d === APOSTROPHE)) break;
        else if ((d >= 65 && d <= 90) || d >= 0x80) lower = false;
        j++;
      }
    } else if (isDigit(c)) {
      while (j < n && isDigit(text.charCodeAt(j))) j++;
    } else {
      if (c === HYPHEN && j < n && text.charCodeAt(j) === HYPHEN) while (j < n && text.charCodeAt(j) === HYPHEN) j++;
      else if (!isPunct(c)) {
        i = j;
        continue;
      }
      // A punctuation mark or a "--" dash run ends the scope.
      negLeft = 0;
      boost = 1;
      i = j;
      continue;
    }
    const raw = curly ? text.slice(i, j).replace(/’/g, "'") : text.slice(i, j);
    i = j;
    let w = lower ? raw : raw.toLowerCase();
    if (w.endsWith("'")) w = w.replace(/'+$/, '');
    if (w.length === 0) continue;
    // A word of capitals (apostrophes allowed): "BANG", "DON'T"; a letter-first token, so it holds a capital.
    const caps = raw.length >= 2 && c >= 65 && c <= 90 && ALL_CAPS_RE.test(raw);
    out.push({ w, neg: negLeft > 0, caps, boost });
    if (negLeft > 0) negLeft--;
    boost = BOOSTERS_UP.has(w) ? BOOSTER_UP : BOOSTERS_DOWN.has(w) ? BOOSTER_DOWN : 1;
    if (isNegator(w)) negLeft = NEG_SCOPE_MAX;
  }
  return out;
}

/**
 * Each sparse term of the tokens, in order: the unigram (NOT_-marked in negation scope), then the bigram it ends.
 * The one definition of a term, for the trainer (sparseTerms) and the run-time model, which sums weights as the
 * terms are made instead of collecting them.
 * @example forEachSparseTerm(tokenize('not happy'), (t) => console.log(t)) // not, NOT_happy, "not happy"
 */
export function forEachSparseTerm(tokens: readonly Token[], visit: (term: string) => void): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    visit(t.neg ? `NOT_${t.w}` : t.w);
    if (i > 0) visit(`${tokens[i - 1].w} ${t.w}`);
  }
}

/** Unigrams (NOT_-marked in negation scope) and bigrams of the plain words. */
export function sparseTerms(tokens: readonly Token[]): string[] {
  const terms: string[] = [];
  forEachSparseTerm(tokens, (t) => terms.push(t));
  return terms;
}

export const DENSE_FEATURE_NAMES: readonly string[] = [
  'vader_mean', 'vader_sum', 'vader_max', 'vader_min', 'vader_pos', 'vader_neg', 'vader_cov',
  'afinn_mean', 'afinn_sum', 'afinn_max', 'afinn_min',
  ...GE_GROUP_NAMES.map((g) => `ge_${g}_mean`),
  ...GE_GROUP_NAMES.map((g) => `ge_${g}_max`),
  'excl', 'quest', 'caps', 'intens', 'negs', 'log_len', 'ellipsis', 'quote',
];

/** Name of the dense feature a model with a GoEmotions sentiment block appends (model-file.ts `geSentiment`). */
export const GE_SENTIMENT_FEATURE = 'ge_sentiment_model';

/** A lexicon word's value with VADER's modifiers: negation flips and damps, boosters scale, CAPS emphasise. */
function modified(v: number, t: Token, allCaps: boolean): number {
  let x = v * t.boost;
  if (t.caps && !allCaps) x *= 1.2;
  if (t.neg) x *= -0.74;
  return x;
}

export function denseFeatures(tokens: readonly Token[], text: string, lex: Lexicons): number[] {
  const n = tokens.length;
  let capsCount = 0;
  for (const t of tokens) if (t.caps) capsCount++;
  // A line written entirely in capitals (a heading, a shout) gets no per-word CAPS emphasis.
  const allCaps = n > 0 && capsCount === n;

  let vSum = 0, vMax = 0, vMin = 0, vPos = 0, vNeg = 0, vCount = 0;
  let aSum = 0, aMax = 0, aMin = 0, aCount = 0;
  const G = GE_GROUP_NAMES.length;
  const geSum = new Array<number>(G).fill(0);
  const geMax = new Array<number>(G).fill(0);
  let geCount = 0;
  let intens = 0, negs = 0;
  for (const t of tokens) {
    if (BOOSTERS_UP.has(t.w)) intens++;
    if (isNegator(t.w)) negs++;
    const v = lex.vader.get(t.w);
    if (v !== undefined) {
      const x = modified(v, t, allCaps);
      vSum += x; vCount++;
      if (x > vMax) vMax = x;
      if (x < vMin) vMin = x;
      if (x > 0) vPos++; else if (x < 0) vNeg++;
    }
    const a = lex.afinn.get(t.w);
    if (a !== undefined) {
      const x = modified(a, t, allCaps);
      aSum += x; aCount++;
      if (x > aMax) aMax = x;
      if (x < aMin) aMin = x;
    }
    // Emotion associations are not simply inverted by negation ("not afraid" is not joy): skip negated words.
    const g = t.neg ? undefined : lex.ge.get(t.w);
    if (g !== undefined) {
      geCount++;
      for (let k = 0; k < G; k++) {
        geSum[k] += g[k];
        if (g[k] > geMax[k]) geMax[k] = g[k];
      }
    }
  }
  let excl = 0, quest = 0;
  for (let i = text.indexOf('!'); i >= 0; i = text.indexOf('!', i + 1)) excl++;
  for (let i = text.indexOf('?'); i >= 0; i = text.indexOf('?', i + 1)) quest++;
  const f: number[] = [
    vCount ? vSum / vCount : 0, vSum / Math.sqrt(n + 1), vMax, vMin, vPos / Math.sqrt(n + 1), vNeg / Math.sqrt(n + 1), vCount / (n + 1),
    aCount ? aSum / aCount : 0, aSum / Math.sqrt(n + 1), aMax, aMin,
  ];
  // Pushed, not spread: this runs for every sentence of a script.
  for (let k = 0; k < G; k++) f.push(geCount ? geSum[k] / geCount : 0);
  for (let k = 0; k < G; k++) f.push(geMax[k]);
  f.push(
    Math.min(excl, 4), Math.min(quest, 4), allCaps ? 0 : Math.min(capsCount, 5), intens, negs, Math.log1p(n),
    text.includes('...') || text.includes('…') ? 1 : 0, /["“”]/.test(text) ? 1 : 0,
  );
  return f;
}

/**
 * A sparse linear score of a sentence's distinct terms: Σ weight(term) / sqrt(#distinct terms), the scaling of the
 * model's own term block. The text model reads the GoEmotions sentiment model through it (train-text-model.ts).
 * @example termScore(['good', 'day'], new Map([['good', 0.8]])) // 0.8 / √2
 */
export function termScore(distinctTerms: ReadonlySet<string> | readonly string[], weights: ReadonlyMap<string, number>): number {
  let s = 0, n = 0;
  for (const t of distinctTerms) {
    n++;
    s += weights.get(t) ?? 0;
  }
  return n ? s / Math.sqrt(n) : 0;
}
