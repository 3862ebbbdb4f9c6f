/**
 * Property tests: whatever a game throws at the engine — thousands of changes per second, NaN, ±Infinity,
 * out-of-range values, wrong types, unknown parameters/events/states, times going backwards — it never throws,
 * never leaves a note sounding (also when states are cut off mid-note) and keeps event times monotonic.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { AdaptiveEngine } from './engine.js';
import { createStubComposer } from './testing/stub-composer.js';
import { testGraph, notePairingProblems, monotonicProblems } from './testing/fixtures.js';
import type { OutEvent } from './events.js';
import { Rng } from '../util/rng.js';

const nastyNumber = fc.oneof(
  fc.double({ noDefaultInfinity: false, noNaN: false }),
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 1e308, -1e308, 0.5, 0.71, 0.19),
  fc.integer({ min: -5, max: 5 }),
);
const nastyValue = fc.oneof(nastyNumber, fc.constantFrom<unknown>('1', null, undefined, {}, [], true));
const paramName = fc.oneof(fc.constantFrom('danger', 'intensity', 'nope', '', '__proto__', 'constructor', 'toString'), fc.string({ maxLength: 8 }));
const eventName = fc.oneof(fc.constantFrom('spotted', 'win', 'hit', 'nope', '__proto__', 'hasOwnProperty'), fc.string({ maxLength: 8 }));
const stateName = fc.oneof(fc.constantFrom('calm', 'combat', 'fanfare', 'nowhere', '__proto__', 'valueOf'), fc.string({ maxLength: 8 }));
const when = fc.oneof(fc.constant(undefined), nastyNumber);

type Op =
  | { k: 'param'; name: string; value: unknown; t: number | undefined }
  | { k: 'event'; name: string; t: number | undefined }
  | { k: 'state'; name: string; t: number | undefined }
  | { k: 'stinger'; name: string; t: number | undefined }
  | { k: 'advance'; dt: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ k: fc.constant('param' as const), name: paramName, value: nastyValue, t: when }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('event' as const), name: eventName, t: when }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('state' as const), name: stateName, t: when }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('stinger' as const), name: eventName, t: when }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('advance' as const), dt: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.0005, noNaN: true }), fc.double({ min: 0, max: 1.5, noNaN: true })) }) },
);

function play(ops: Op[], transitions: 'cut' | 'fade'): { out: OutEvent[]; engine: AdaptiveEngine } {
  const g = testGraph({
    triggers: [{ from: 'calm', to: 'combat', param: 'danger', above: 0.7 }],
    transitions: transitions === 'cut'
      ? [{ from: '*', to: '*', sync: 'immediate' }, { from: 'calm', to: 'combat', sync: 'beat', segment: 'seg' }]
      : [{ from: '*', to: '*', sync: 'beat', fadeOutBeats: 3, fadeInBeats: 2 }, { from: '*', to: 'fanfare', sync: 'immediate', fadeOutBeats: 6 }],
  });
  const engine = new AdaptiveEngine(g, { createComposer: (o) => createStubComposer(o, true, true), seed: 9 });
  const out: OutEvent[] = [];
  let now = 0;
  for (const o of ops) {
    const t = o.k === 'advance' ? undefined : o.t;
    switch (o.k) {
      case 'param': engine.setParameter(o.name, o.value as number, t); break;
      case 'event': engine.trigger(o.name, t); break;
      case 'state': engine.setState(o.name, t); break;
      case 'stinger': engine.stinger(o.name, t); break;
      case 'advance': now += o.dt; out.push(...engine.advance(now)); break;
    }
  }
  out.push(...engine.stop(now + 0.5));
  return { out, engine };
}

describe('robustness under parameter spam', () => {
  for (const transitions of ['cut', 'fade'] as const) {
    it(`never throws, releases every note, stays monotonic (${transitions} transitions)`, () => {
      fc.assert(
        fc.property(fc.array(op, { minLength: 100, maxLength: 600 }), (ops) => {
          const { out } = play(ops, transitions);
          expect(monotonicProblems(out)).toEqual([]);
          expect(notePairingProblems(out)).toEqual([]);
          for (const e of out) {
            if (e.type === 'noteOn') expect(e.velocity >= 1 && e.velocity <= 127 && e.pitch >= 0 && e.pitch <= 127).toBe(true);
            if (e.type === 'cc') expect(Number.isInteger(e.value) && e.value >= 0 && e.value <= 127).toBe(true);
          }
        }),
        { numRuns: 40, seed: 42 },
      );
    });
  }

  it('survives thousands of changes per second for a minute of music and counts what it ignored', () => {
    const engine = new AdaptiveEngine(testGraph({ transitions: [{ from: '*', to: '*', sync: 'immediate', fadeOutBeats: 1 }] }), { createComposer: createStubComposer });
    const rng = new Rng(5);
    const out: OutEvent[] = [];
    const specials = [NaN, Infinity, -Infinity, 7, -3];
    for (let i = 0; i < 60 * 2000; i++) {
      const t = i / 2000;
      const v = rng.chance(0.1) ? specials[rng.int(0, specials.length - 1)] : rng.next();
      engine.setParameter(rng.chance(0.5) ? 'danger' : 'intensity', v, t);
      if (i % 97 === 0) engine.trigger(rng.pick(['spotted', 'win', 'bogus']), t);
      if (i % 113 === 0) engine.setState(rng.pick(['calm', 'combat', 'fanfare', 'void']), t);
      if (i % 20 === 0) out.push(...engine.advance(t));
    }
    out.push(...engine.stop(61));
    expect(notePairingProblems(out)).toEqual([]);
    expect(monotonicProblems(out)).toEqual([]);
    expect(engine.stats.ignoredNaN).toBeGreaterThan(1000);
    expect(engine.stats.clampedParams).toBeGreaterThan(1000);
    expect(engine.stats.unknownStates + engine.stats.unknownEvents).toBeGreaterThan(100);
    // The music kept going: ~25 bars at 100 bpm (tempo moves between 100 and 130 with the states).
    expect(out.filter((e) => e.type === 'bar').length).toBeGreaterThanOrEqual(24);
    expect(engine.log.filter((l) => l.type === 'state').length).toBeGreaterThan(5);
  });
});
