/** purpose: a game's profile steers the adaptive music — a new taste waits for the next phrase (no jump mid-phrase, tempo glides), and the engine reports the player's implicit signals with the take and offsets that were sounding. */
import { describe, expect, it } from 'vitest';
import { createBarComposer } from '../compose/index.js';
import { fixtureModels } from '../compose/test-support/fixture-style.js';
import { AdaptiveEngine } from './engine.js';
import { createStubComposer } from './testing/stub-composer.js';
import { testGraph } from './testing/fixtures.js';
import { NEUTRAL_TASTE, type Taste } from '../cue/taste.js';
import type { ImplicitSignal } from './engine.js';
import type { ComposedBar } from '../compose/api.js';

const models = fixtureModels();
const emotion = { valence: 0.3, arousal: 0.4, tension: 0.3 };
const high: Taste = { ...NEUTRAL_TASTE, register: 1, tempo: 1 };
const meanPitch = (bars: ComposedBar[]) => {
  const ps = bars.flatMap((b) => b.parts.filter((p) => p.role === 'melody').flatMap((p) => p.notes.map((n) => n.pitch)));
  return ps.reduce((s, x) => s + x, 0) / ps.length;
};

describe('taste in the adaptive runtime', () => {
  it('adopts a new taste at the next phrase, never mid-phrase, and glides the tempo there', () => {
    const plain = createBarComposer({ style: 'orchestral', emotion, seed: 4, models });
    const steered = createBarComposer({ style: 'orchestral', emotion, seed: 4, models });
    const a: ComposedBar[] = [], b: ComposedBar[] = [];
    for (let i = 0; i < 16; i++) {
      if (i === 3) steered.setTaste!(high);
      a.push(plain.next(emotion));
      b.push(steered.next(emotion));
    }
    // Bars 0–7 are one phrase (runtime phrases are 8 bars): identical music until the phrase ends.
    expect(JSON.stringify(b.slice(0, 8))).toBe(JSON.stringify(a.slice(0, 8)));
    expect(meanPitch(b.slice(8))).toBeGreaterThan(meanPitch(a.slice(8)) + 1);
    for (let i = 1; i < 16; i++) expect(b[i].tempo / b[i - 1].tempo).toBeLessThanOrEqual(1.041);
    expect(b[15].tempo).toBeGreaterThan(a[15].tempo);
  });

  it('reports implicit signals with the state, the take and the offsets it played; ignores unknown kinds', () => {
    const got: ImplicitSignal[] = [];
    const engine = new AdaptiveEngine(testGraph(), { createComposer: createStubComposer, taste: high, takeId: 'tk-1', onSignal: (s) => got.push(s) });
    engine.advance(2);
    engine.reportSignal('turned-down', 2);
    engine.reportSignal('bogus' as never, 2.5);
    expect(got).toEqual([{ kind: 'turned-down', state: testGraph().initial, time: 2, take: 'tk-1', taste: high }]);
    expect(engine.signals).toHaveLength(1);
    expect(engine.stats.unknownEvents).toBe(1);
  });
});
