/**
 * purpose: the categorical parts of a taste — preferred palette per emotion region, lead colour per palette,
 * layers to leave out — learned as Beta–Bernoulli arms from the same comparisons (a win for the winner's
 * choice, a loss for the loser's, only where the two takes differ), chosen by Thompson sampling (a Gaussian
 * draw matched to the Beta's mean and variance). The default lead starts with three pseudo-wins and another lead with two pseudo-losses, so a profile
 * with no evidence keeps the palette's own colours and explores others only now and then. Pure.
 */
import { AVOIDABLE_LAYERS, EMOTION_REGIONS, LEAD_CHOICES, type EmotionRegion, type Taste } from '../cue/taste.js';
import { STYLES, type Style } from '../cue/spec.js';
import type { Rng } from '../util/rng.js';
import type { Comparison } from './evidence.js';
import { gaussian } from '../util/linalg.js';

export interface Arm {
  wins: number;
  losses: number;
}
type Arms = Record<string, Arm>;

export interface CategoricalPosterior {
  /** region → palette → arm (only palettes heard in that region). */
  palette: Record<string, Arms>;
  /** palette → lead choice ('default' = the palette's own) → arm. */
  lead: Record<string, Arms>;
  /** palette → layer → arm for "leave it out". */
  avoid: Record<string, Arms>;
}

/** An empty record without a prototype: its keys come from profiles (a lead named "__proto__" is just a key). */
const dict = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;

const bump = (arms: Arms, key: string, win: boolean, w: number) => {
  const a = (arms[key] ??= { wins: 0, losses: 0 });
  if (win) a.wins += w;
  else a.losses += w;
};

/**
 * Count wins and losses per categorical choice.
 * @example categoricalPosterior([]).palette // {}
 */
export function categoricalPosterior(comparisons: readonly Comparison[]): CategoricalPosterior {
  const out: CategoricalPosterior = { palette: dict(), lead: dict(), avoid: dict() };
  for (const c of comparisons) {
    for (const [t, win] of [[c.winner, true], [c.loser, false]] as const) {
      if (!t) continue;
      const other = win ? c.loser : c.winner;
      const region = c.context.split(':')[1];
      for (const [r, style] of Object.entries(t.palette)) {
        if (r === region && style && other?.palette[r as EmotionRegion] !== style) bump((out.palette[r] ??= dict()), style, win, c.weight);
      }
      for (const style of STYLES) {
        const lead = t.orchestration[style]?.lead ?? 'default';
        const otherLead = other?.orchestration[style]?.lead ?? 'default';
        if (t.orchestration[style] && lead !== otherLead) bump((out.lead[style] ??= dict()), lead, win, c.weight);
        for (const layer of t.orchestration[style]?.avoid ?? []) {
          if (!other?.orchestration[style]?.avoid.includes(layer)) bump((out.avoid[style] ??= dict()), layer, win, c.weight);
        }
      }
    }
  }
  return out;
}

/** A Thompson draw of an arm's success rate with prior Beta(1 + bonus, 1 + malus). */
function draw(arm: Arm | undefined, rng: Rng, bonus = 0, malus = 0): number {
  const a = 1 + bonus + (arm?.wins ?? 0), b = 1 + malus + (arm?.losses ?? 0);
  const m = a / (a + b), v = (a * b) / ((a + b) ** 2 * (a + b + 1));
  return m + Math.sqrt(v) * gaussian(rng);
}

/**
 * Thompson-sampled categorical taste: a palette per region only where one has evidence, a lead where a
 * non-default lead wins its draw against the default, layers left out whose "leave out" draw beats keeping them.
 * Without an rng: no exploring, the choices the evidence favours.
 * @example sampleCategorical(categoricalPosterior([])) // { orchestration: {}, palette: {} }
 */
export function sampleCategorical(post: CategoricalPosterior, rng?: Rng): Pick<Taste, 'orchestration' | 'palette'> {
  const opts = { explore: rng !== undefined };
  const drawOf = (arm: Arm | undefined, bonus = 0, malus = 0) => draw(arm, rng!, bonus, malus);
  const palette: Taste['palette'] = {};
  for (const region of EMOTION_REGIONS) {
    const arms = post.palette[region];
    if (!arms) continue;
    let best: string | undefined;
    let bestDraw = 0.5; // a palette must beat even odds to be preferred over the spec's own
    for (const [style, arm] of Object.entries(arms)) {
      const d = opts.explore ? drawOf(arm) : (1 + arm.wins) / (2 + arm.wins + arm.losses);
      if (d > bestDraw) { bestDraw = d; best = style; }
    }
    if (best) palette[region] = best as Style;
  }
  const orchestration: Taste['orchestration'] = {};
  for (const style of STYLES) {
    const choices = Object.keys(LEAD_CHOICES[style] ?? {});
    const leads = post.lead[style] ?? {};
    let lead = 'default';
    let bestDraw = opts.explore ? drawOf(leads.default, 3) : (2 + (leads.default?.wins ?? 0)) / (3 + (leads.default?.wins ?? 0) + (leads.default?.losses ?? 0));
    for (const c of choices) {
      const arm = leads[c];
      // An untried lead starts at Beta(1, 3): tried now and then, kept only when it wins.
      const d = opts.explore ? drawOf(arm, 0, 2) : (1 + (arm?.wins ?? 0)) / (4 + (arm?.wins ?? 0) + (arm?.losses ?? 0));
      if (d > bestDraw) { bestDraw = d; lead = c; }
    }
    const avoid = AVOIDABLE_LAYERS.filter((layer) => {
      const arm = post.avoid[style]?.[layer];
      if (!arm) return false; // never drop a layer nobody has told us about
      return opts.explore ? drawOf(arm) > 0.5 : arm.wins > arm.losses;
    });
    if (lead !== 'default' || avoid.length) orchestration[style] = { ...(lead !== 'default' ? { lead } : {}), avoid };
  }
  return { orchestration, palette };
}
