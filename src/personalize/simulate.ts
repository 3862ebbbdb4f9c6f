/**
 * purpose: simulated listeners for the personalisation evaluation (scripts/eval-personalize.ts) and tests. A
 * listener has a hidden ideal taste θ* and per-offset importance w (some offsets barely matter to them); they
 * answer pairwise picks by Bradley–Terry with their own decisiveness and a lapse rate (a random answer), and
 * ratings by their preference match plus noise. Preference match of offsets x:
 *   match(x) = 1 − Σ wᵢ(xᵢ − θ*ᵢ)² / E_z[Σ wᵢ(zᵢ − θ*ᵢ)²],  z uniform on [-1, 1]^8,
 * so the oracle (x = θ*) scores 1, a random take 0 on average, no personalisation (x = 0) about 0.5. Pure, seeded.
 */
import { Rng } from '../util/rng.js';
import { vectorTaste, type Taste } from '../cue/taste.js';
import { comparisonsFrom, type FeedbackEvent, type TakeRecord, type TasteContext } from './evidence.js';
import { DIM, fitPosterior, type Posterior } from './preference-model.js';
import { categoricalPosterior } from './categorical.js';
import { pairOffsets, suggestTastes } from './suggest.js';
import { gaussian } from '../util/linalg.js';

export interface Listener {
  ideal: number[];
  weight: number[];
  /** Decisiveness of pairwise choices. */
  beta: number;
  /** Chance an answer is random (inconsistent listeners). */
  lapse: number;
  /** Sd of rating noise (in stars). */
  ratingNoise: number;
}

/** @example makeListener(new Rng(1)).ideal.length // 8 */
export function makeListener(rng: Rng): Listener {
  return {
    ideal: Array.from({ length: DIM }, () => rng.range(-0.9, 0.9)),
    weight: Array.from({ length: DIM }, () => rng.range(0.3, 1.7)),
    beta: rng.range(1.5, 4),
    lapse: rng.range(0.05, 0.2),
    ratingNoise: rng.range(0.4, 0.9),
  };
}

export function utility(l: Listener, x: readonly number[]): number {
  return -l.weight.reduce((s, w, i) => s + w * (x[i] - l.ideal[i]) ** 2, 0);
}

/** @example preferenceMatch(l, l.ideal) // 1 */
export function preferenceMatch(l: Listener, x: readonly number[]): number {
  const spread = l.weight.reduce((s, w, i) => s + w * (1 / 3 + l.ideal[i] ** 2), 0);
  return 1 + utility(l, x) / spread;
}

/** Does the listener pick a over b? */
export function choose(l: Listener, a: readonly number[], b: readonly number[], rng: Rng): boolean {
  if (rng.chance(l.lapse)) return rng.chance(0.5);
  const p = 1 / (1 + Math.exp(-l.beta * (utility(l, a) - utility(l, b))));
  return rng.chance(p);
}

/** 1..5 stars. */
export function rate(l: Listener, x: readonly number[], rng: Rng): number {
  if (rng.chance(l.lapse)) return rng.int(1, 5);
  return Math.max(1, Math.min(5, Math.round(1 + 4 * Math.max(0, preferenceMatch(l, x)) + l.ratingNoise * gaussian(rng))));
}

/** A learner: what it plays for the next interaction, what it recommends now, and how it takes an answer. */
export interface Learner {
  name: string;
  /** Offsets to play: two for a pairwise pick, one for a rating. */
  propose(mode: 'pairwise' | 'rating', rng: Rng): number[][];
  /** The listener's answer: index of the pick, or a rating of the single take. */
  answer(takes: number[][], answer: { pick: number } | { rating: number }): void;
  /** Best current guess of the listener's taste. */
  recommend(): number[];
}

const CONTEXT: TasteContext = { kind: 'film', region: 'dark-calm' };

/** No personalisation: always the emotion map's own music. */
export function noneLearner(): Learner {
  const zero = new Array<number>(DIM).fill(0);
  return { name: 'none', propose: (mode) => (mode === 'pairwise' ? [zero, zero] : [zero]), answer: () => {}, recommend: () => zero };
}

/** The model of this folder (Laplace-approximated Bradley–Terry posterior, uncertain-direction pairs, Thompson ratings). */
export function bayesLearner(): Learner {
  const takes = new Map<string, TakeRecord>();
  const events: FeedbackEvent[] = [];
  let seq = 0;
  let post: Posterior = fitPosterior([], undefined);
  const refit = () => (post = fitPosterior(comparisonsFrom(takes, events), 'film:dark-calm'));
  const add = (x: number[]): string => {
    const id = `t${takes.size + 1}`;
    takes.set(id, { takeId: id, offsets: vectorTaste(x), context: CONTEXT });
    return id;
  };
  return {
    name: 'bayes (ours)',
    propose(mode, rng) {
      if (mode === 'pairwise') return pairOffsets(post, rng).takes;
      const [t] = suggestTastes(post, categoricalPosterior([]), rng, 1);
      return [OFFSET_VECTOR(t)];
    },
    answer(xs, a) {
      seq++;
      if ('pick' in a) {
        const [w, l] = [add(xs[a.pick]), add(xs[1 - a.pick])];
        events.push({ kind: 'prefer', seq, winner: w, loser: l });
      } else events.push({ kind: 'rating', seq, takeId: add(xs[0]), rating: a.rating });
      refit();
    },
    recommend: () => post.mean,
  };
}

const OFFSET_VECTOR = (t: Taste) => [t.tempo, t.brightness, t.register, t.density, t.dynamics, t.adventure, t.percussion, t.repetition];

/** ε-greedy over the same offsets: keep a champion; challenge it with a random take (ε) or a small step from it. */
export function epsilonGreedyLearner(epsilon = 0.2): Learner {
  let champion = new Array<number>(DIM).fill(0);
  let bestRating = -Infinity;
  const clip = (v: number[]) => v.map((x) => Math.max(-1, Math.min(1, x)));
  const challenger = (rng: Rng) => (rng.chance(epsilon) ? champion.map(() => rng.range(-1, 1)) : clip(champion.map((c) => c + 0.25 * gaussian(rng))));
  return {
    name: `ε-greedy (ε=${epsilon})`,
    propose: (mode, rng) => (mode === 'pairwise' ? [champion, challenger(rng)] : [challenger(rng)]),
    answer(xs, a) {
      if ('pick' in a) champion = xs[a.pick];
      else if (a.rating > bestRating) {
        bestRating = a.rating;
        champion = xs[0];
      }
    },
    recommend: () => champion,
  };
}

export interface RunResult {
  /** Preference match of the learner's recommendation after each interaction (index 0 = before any). */
  match: number[];
  /** Per interaction: 1 − mean match of the takes played (instantaneous regret against the oracle). */
  regret: number[];
}

/**
 * One listener, `steps` interactions, optionally changing taste after `changeAt` interactions.
 * @example runListener(noneLearner(), 'pairwise', 1, 50).match.length // 51
 */
export function runListener(learner: Learner, mode: 'pairwise' | 'rating', seed: number, steps: number, changeAt?: number): RunResult {
  const rng = new Rng(seed);
  let listener = makeListener(rng.fork('listener'));
  const answers = rng.fork('answers');
  const proposals = rng.fork('proposals');
  const match = [preferenceMatch(listener, learner.recommend())];
  const regret: number[] = [];
  for (let t = 1; t <= steps; t++) {
    if (changeAt !== undefined && t === changeAt + 1) listener = { ...makeListener(rng.fork('changed')), beta: listener.beta, lapse: listener.lapse };
    const xs = learner.propose(mode, proposals);
    regret.push(1 - xs.reduce((s, x) => s + preferenceMatch(listener, x), 0) / xs.length);
    if (mode === 'pairwise') learner.answer(xs, { pick: choose(listener, xs[0], xs[1], answers) ? 0 : 1 });
    else learner.answer(xs, { rating: rate(listener, xs[0], answers) });
    match.push(preferenceMatch(listener, learner.recommend()));
  }
  return { match, regret };
}

