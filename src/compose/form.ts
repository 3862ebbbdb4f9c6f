/**
 * purpose: the large-scale form of a cue (MUSIC.md "Form and phrase"): intro, phrases grouped as sentences and
 * periods, a contrasting idea for cues past ~30 s, a climax placed by the tension curve (default ~2/3), a
 * modulation at the emotional turn, and an ending (cadence, tail or button). Pure; no sampling here.
 */
import type { Cadence } from '../style/api.js';
import type { Emotion } from '../cue/spec.js';
import { emotionAt } from '../cue/emotion.js';
import type { BarEmotion } from './api.js';
import { modeFor } from '../cue/emotion-map.js';
import { isMinorMode, mod12, type Key } from '../theory/index.js';
import { clamp } from '../util/math.js';
import type { Rng } from '../util/rng.js';

export type PhraseKind = 'intro' | 'sentence' | 'period' | 'outro';
export type SectionKind = 'intro' | 'phrase' | 'climax' | 'bridge' | 'outro' | 'tail';

export interface PhrasePlan {
  index: number;
  startBar: number;
  bars: number;
  kind: PhraseKind;
  /** Which musical idea: the main theme (A), the contrasting idea (B), or none (intro/outro). */
  idea: 'A' | 'B' | 'none';
  /** How many times this idea has been heard before (0 = first statement). */
  statement: number;
  section: string;
  sectionKind: SectionKind;
  key: Key;
  cadence: Cadence;
  climax: boolean;
  final: boolean;
}

export interface FormPlan {
  bars: number;
  phrases: PhrasePlan[];
  climaxBar: number;
  /** Bar where the emotion turns (valence changes side), if any. */
  turnBar: number | null;
  sections: Array<{ name: string; kind: SectionKind; startBar: number; endBar: number }>;
}

/** Climax-shaped intensity arc: rises to 1 at `c`, releases to ~0.25 at the end. */
export function arc(pos: number, c: number): number {
  if (pos <= c) return Math.pow(clamp(pos / Math.max(c, 1e-6), 0, 1), 1.4);
  return 1 - 0.75 * Math.pow(clamp((pos - c) / Math.max(1 - c, 1e-6), 0, 1), 0.9);
}

/**
 * Emotion at a bar. With a curve the curve is the shape; with a constant emotion a build–climax–release arc
 * bends tension (±0.18) and arousal (±0.12) so the cue is not a flat loop (MUSIC.md: "Tension … raises
 * dissonance, density, loudness and pitch over time … release = cadence, thinning, drop in dynamics").
 */
export function barEmotion(emotion: Emotion, bar: number, bars: number, climaxPos: number): BarEmotion {
  const pos = bars <= 1 ? 0 : (bar + 0.5) / bars;
  const e = emotionAt(emotion, pos);
  if (emotion.curve) return { valence: e.valence, arousal: e.arousal, tension: e.tension };
  const a = arc(pos, climaxPos) - 0.5;
  return { valence: e.valence, arousal: clamp(e.arousal + 0.24 * a, -1, 1), tension: clamp(e.tension + 0.36 * a, 0, 1) };
}

/** Bar of greatest intensity (tension + arousal) on the curve; ~2/3 through when the emotion is constant. */
export function findClimaxBar(emotion: Emotion, bars: number): number {
  if (!emotion.curve) return Math.min(bars - 1, Math.max(0, Math.round(bars * (2 / 3)) - 1));
  let best = -Infinity, bestBar = 0;
  for (let b = 0; b < bars; b++) {
    const e = emotionAt(emotion, (b + 0.5) / bars);
    const v = e.tension + 0.5 * Math.max(0, e.arousal);
    if (v > best + 1e-9) {
      best = v;
      bestBar = b;
    }
  }
  return bestBar;
}

/** First bar where valence crosses to the other side by a clear margin (the emotional turn). */
export function findTurnBar(emotion: Emotion, bars: number): number | null {
  if (!emotion.curve || bars < 8) return null;
  const v0 = emotionAt(emotion, 0).valence;
  for (let b = 2; b < bars; b++) {
    const v = emotionAt(emotion, (b + 0.5) / bars).valence;
    if ((v0 < -0.1 && v > 0.15) || (v0 > 0.1 && v < -0.15) || Math.abs(v - v0) > 0.7) return b;
  }
  return null;
}

/** The key after a turn or for a contrasting section (modulation "on purpose", MUSIC.md). */
export function contrastKey(home: Key, after: BarEmotion, rng: Rng, turn: boolean): Key {
  const mode = modeFor(after);
  if (turn && isMinorMode(mode) !== isMinorMode(home.mode)) return { tonic: home.tonic, mode }; // change of mode: the theme's colour flips
  if (turn && after.tension >= 0.5) return { tonic: mod12(home.tonic + rng.pick([4, 8, 3])), mode }; // chromatic mediant
  if (isMinorMode(home.mode)) return rng.chance(0.6) ? { tonic: mod12(home.tonic + 3), mode: 'major' } : { tonic: mod12(home.tonic + 5), mode: home.mode };
  return rng.chance(0.5) ? { tonic: mod12(home.tonic + 9), mode: 'minor' } : { tonic: mod12(home.tonic + rng.pick([5, 7])), mode: home.mode };
}

export interface FormInput {
  bars: number;
  secondsPerBar: number;
  emotion: Emotion;
  home: Key;
  rng: Rng;
  /** Fix the key (spec key/mode given): no modulation except an explicit turn. */
  keyFixed: boolean;
  /** Length in bars of the main idea when it is given (a spec motif or leitmotif): its phrase holds it twice. */
  ideaBars?: number;
}

/**
 * Phrase lengths for a cue's body: 8-bar sentences and periods where they fit, 6-bar (2+2+2) or 4-bar phrases to
 * use up the rest, so at most a bar is left over (it lengthens the intro or the tail). The first phrase is at
 * least `first` bars when the body allows (it states the main idea).
 *
 * @example
 * partitionBody(10, 4) // { lens: [6, 4], left: 0 }
 */
export function partitionBody(body: number, first = 4): { lens: number[]; left: number } {
  if (body < 4) return { lens: [Math.max(1, body)], left: 0 };
  // 8s up to the last 16–23 bars, then a small search: cost = 2 per leftover bar + 1 per 6-bar phrase + 2 per
  // 4-bar phrase (an 8 is the norm).
  const eights = Math.max(0, Math.floor((body - 16) / 8));
  const cost = (l: number) => (l === 8 ? 0 : l === 6 ? 1 : 2);
  let best: { lens: number[]; left: number; c: number } | null = null;
  const walk = (rest: number, lens: number[], c: number) => {
    const total = c + 2 * rest;
    const ok = eights > 0 || lens.some((l) => l >= Math.min(first, body));
    if (ok && lens.length && (!best || total < best.c)) best = { lens: [...lens], left: rest, c: total };
    for (const l of [8, 6, 4]) if (l <= rest) walk(rest - l, [...lens, l], c + cost(l));
  };
  walk(body - 8 * eights, [], 0);
  const found = best as { lens: number[]; left: number } | null;
  const b = found ?? { lens: [body - 8 * eights], left: 0 };
  b.lens.push(...Array<number>(eights).fill(8));
  // The longest phrases first (the main idea is stated in full), the short ones answer.
  return { lens: b.lens.sort((x, y) => y - x), left: b.left };
}

export function planForm(inp: FormInput): FormPlan {
  const N = Math.max(1, inp.bars);
  const seconds = N * inp.secondsPerBar;
  const climaxBar = findClimaxBar(inp.emotion, N);
  const turnBar = findTurnBar(inp.emotion, N);
  const e0 = emotionAt(inp.emotion, 0);
  const eEnd = emotionAt(inp.emotion, 1);
  // Intro: a bar or four of accompaniment before the theme; fast cues get going sooner, short cues at once (a
  // 20-second cue spends one bar establishing the bed, not half its length).
  let intro = N >= 24 ? (e0.arousal > 0.4 ? 2 : 4) : N >= 14 ? 2 : N >= 6 ? 1 : 0;
  // Ending: a held tail for slow cues, a one-bar button for fast ones.
  let outro = N >= 24 ? (eEnd.arousal > 0.3 ? 1 : 2) : N >= 9 ? 1 : 0;
  // The phrase that states the main idea must hold it and an answer (a 4-bar leitmotif needs an 8-bar period):
  // a short cue gives up its intro and tail before it cuts the tune.
  const want = Math.min(8, Math.max(4, 2 * Math.ceil(inp.ideaBars ?? 0)));
  while (N - intro - outro < want && (intro > 0 || outro > 0)) {
    if (intro > 1 || (intro === 1 && outro === 0)) intro--;
    else if (outro > 0) outro--;
    else break;
  }
  const { lens, left } = partitionBody(N - intro - outro, want);
  if (left > 0) {
    // Leftover bars lengthen the intro before a button ending (a button is one bar), else the tail (a cue
    // without one gets a bar to let its last cadence ring).
    const button = eEnd.arousal > 0.3 && outro > 0;
    if (button && intro > 0) intro += left;
    else outro += left;
  }
  const contrast = seconds > 30 && lens.length >= 2;
  // Idea sequence: A … B … A (return). B sits at the turn, else just before the climax phrase.
  let starts = 0;
  const phraseStarts = lens.map((l) => {
    const s = intro + starts;
    starts += l;
    return s;
  });
  const climaxIdx = Math.max(0, phraseStarts.findIndex((s, i) => climaxBar >= s && climaxBar < s + lens[i]));
  const turnIdx = turnBar === null ? -1 : phraseStarts.findIndex((s, i) => turnBar < s + lens[i]);
  let bIdx = -1;
  if (contrast) {
    if (turnIdx > 0) bIdx = turnIdx;
    else if (lens.length >= 3) bIdx = Math.max(1, climaxIdx - 1 === 0 ? 1 : climaxIdx - 1);
    else bIdx = 1;
    if (bIdx === climaxIdx && lens.length >= 3 && turnIdx <= 0) bIdx = Math.max(1, climaxIdx - 1);
  }
  const home = inp.home;
  const contrastK = contrast && !inp.keyFixed ? contrastKey(home, emotionAt(inp.emotion, ((phraseStarts[bIdx] ?? 0) + 0.5) / N), inp.rng.fork('contrast-key'), false) : home;
  const turnK = turnIdx > 0 ? contrastKey(home, emotionAt(inp.emotion, (turnBar! + 2) / N), inp.rng.fork('turn-key'), true) : null;

  const phrases: PhrasePlan[] = [];
  const counts = { A: 0, B: 0 };
  if (intro > 0) phrases.push({ index: 0, startBar: 0, bars: intro, kind: 'intro', idea: 'none', statement: 0, section: 'Intro', sectionKind: 'intro', key: home, cadence: 'none', climax: false, final: false });
  for (let i = 0; i < lens.length; i++) {
    // Long cues alternate the ideas (A A B A A B …) so the contrast recurs; the climax states A.
    const longAlt = lens.length >= 6 && i % 3 === 2 && i !== climaxIdx && i < lens.length - 1;
    const idea: 'A' | 'B' = i === bIdx || longAlt || (turnIdx > 0 && bIdx === turnIdx && i > bIdx && i < climaxIdx) ? 'B' : 'A';
    let key = home;
    if (turnK && i >= turnIdx) key = turnK;
    // The contrasting idea may move away — except as the last phrase before the ending, which cadences at home
    // so the tail prolongs that cadence (a direct return would land the outer voices in parallel on the tonic).
    else if (idea === 'B' && !turnK && !(outro > 0 && i === lens.length - 1)) key = contrastK;
    const statement = counts[idea]++;
    const last = i === lens.length - 1 && outro === 0;
    const endE = emotionAt(inp.emotion, (phraseStarts[i] + lens[i]) / N);
    // Cadences alternate open and closed (MUSIC.md "Form and phrase"): the first of a pair of phrases ends on a
    // half cadence, its answer on an authentic one (or a deceptive one under tension); the last body phrase
    // closes unless high tension leaves it hanging on the dominant.
    let cadence: Cadence;
    if (last || i === lens.length - 1) cadence = endE.tension > 0.8 && endE.valence < 0 ? 'half' : 'authentic';
    else if (i % 2 === 0) cadence = 'half';
    else cadence = endE.tension > 0.7 ? 'deceptive' : 'authentic';
    const climax = i === climaxIdx;
    const name = idea === 'A' ? (statement === 0 ? 'A' : `A${"'".repeat(Math.min(statement, 3))}`) : statement === 0 ? 'B' : `B${"'".repeat(Math.min(statement, 3))}`;
    phrases.push({
      index: phrases.length,
      startBar: phraseStarts[i],
      bars: lens[i],
      kind: idea === 'B' || (idea === 'A' && statement % 2 === 1) ? 'period' : 'sentence',
      idea,
      statement,
      section: climax ? `${name} (climax)` : name,
      sectionKind: climax ? 'climax' : idea === 'B' ? 'bridge' : 'phrase',
      key,
      cadence,
      climax,
      final: last,
    });
  }
  if (outro > 0) {
    // The ending returns home unless the emotion turned (then the new key is the destination).
    const lastKey = turnK ?? home;
    phrases.push({ index: phrases.length, startBar: N - outro, bars: outro, kind: 'outro', idea: 'none', statement: 0, section: eEnd.arousal > 0.3 ? 'Button' : 'Tail', sectionKind: eEnd.arousal > 0.3 ? 'outro' : 'tail', key: lastKey, cadence: 'authentic', climax: false, final: true });
  }
  const sections = phrases.map((p) => ({ name: p.section, kind: p.sectionKind, startBar: p.startBar, endBar: p.startBar + p.bars }));
  return { bars: N, phrases, climaxBar, turnBar, sections };
}

/** The endless phrase stream the bar composer follows: 8-bar phrases A A B A …, cadences half/authentic. */
export function runtimePhrase(index: number, startBar: number, key: Key): PhrasePlan {
  const cycle = index % 4;
  const idea: 'A' | 'B' = cycle === 2 ? 'B' : 'A';
  return {
    index,
    startBar,
    bars: 8,
    kind: cycle % 2 === 0 ? 'sentence' : 'period',
    idea,
    statement: Math.floor(index / 4) * (idea === 'A' ? 3 : 1) + (cycle === 3 ? 2 : cycle === 1 ? 1 : 0),
    section: idea,
    sectionKind: idea === 'B' ? 'bridge' : 'phrase',
    key,
    cadence: cycle === 0 || cycle === 2 ? 'half' : 'authentic',
    climax: false,
    final: false,
  };
}
