/** purpose: the categorical taste — palette per emotion region, lead colour, left-out layers — follows what the listener picked, and stays at the palette's own colours without evidence. */
import { describe, expect, it } from 'vitest';
import { NEUTRAL_TASTE, type Taste } from '../cue/taste.js';
import { Rng } from '../util/rng.js';
import { categoricalPosterior, sampleCategorical } from './categorical.js';
import type { Comparison } from './evidence.js';

const zero = [0, 0, 0, 0, 0, 0, 0, 0];
const taste = (t: Partial<Taste>): Taste => ({ ...NEUTRAL_TASTE, ...t });
const pick = (winner: Taste, loser: Taste, context = 'film:dark-calm'): Comparison => ({ a: zero, b: zero, weight: 1, context, winner, loser });

describe('categorical taste', () => {
  it('counts a lead named like an Object property ("__proto__", "constructor") as a key, touching no prototype', () => {
    const odd = (lead: string) => taste({ orchestration: { orchestral: { lead, avoid: [] } } });
    const plain = taste({ orchestration: { orchestral: { avoid: [] } } });
    const post = categoricalPosterior([pick(odd('__proto__'), plain), pick(odd('constructor'), plain)]);
    expect(post.lead.orchestral['__proto__']).toEqual({ wins: 1, losses: 0 });
    expect(post.lead.orchestral['constructor']).toEqual({ wins: 1, losses: 0 });
    expect(({} as Record<string, unknown>).wins).toBeUndefined();
    expect((Object as unknown as Record<string, unknown>).wins).toBeUndefined();
  });

  it('keeps the palette’s own choices without evidence (and rarely explores the lead)', () => {
    expect(sampleCategorical(categoricalPosterior([]))).toEqual({ orchestration: {}, palette: {} });
    const draws = Array.from({ length: 200 }, (_, i) => sampleCategorical(categoricalPosterior([]), new Rng(i)));
    expect(draws.every((d) => Object.keys(d.palette).length === 0)).toBe(true);
    expect(draws.filter((d) => d.orchestration.orchestral?.lead).length).toBeLessThan(20); // ≈ 5 % of takes try another lead
  });

  it('learns a palette for a region, a lead colour and a layer to leave out from picks', () => {
    const piano = taste({ palette: { 'dark-calm': 'piano' } });
    const orch = taste({ palette: { 'dark-calm': 'orchestral' } });
    const woodwinds = taste({ orchestration: { orchestral: { lead: 'woodwinds', avoid: ['pad'] } } });
    const plain = taste({ orchestration: { orchestral: { avoid: [] } } });
    const comps = [...Array(6)].flatMap(() => [pick(piano, orch), pick(woodwinds, plain)]);
    const best = sampleCategorical(categoricalPosterior(comps));
    expect(best.palette['dark-calm']).toBe('piano');
    expect(best.palette['bright-active']).toBeUndefined();
    expect(best.orchestration.orchestral).toEqual({ lead: 'woodwinds', avoid: ['pad'] });
    // A palette picked in another region says nothing about this one.
    expect(sampleCategorical(categoricalPosterior([pick(piano, orch, 'film:bright-active')])).palette).toEqual({});
  });
});
