import { describe, it, expect } from 'vitest';
import { chooseHits, preLap, cueLength } from './cue-steps.js';
import { parseCueSpec, resolveTiming } from '../cue/index.js';
import type { Hit } from '../affect/types.js';

const hit = (time: number, salience = 0.8): Hit => ({ time, salience, scene: 0, text: `hit at ${time}`, kind: 'impact' as Hit['kind'] });

describe('chooseHits', () => {
  it.each([
    // hits, cue span → chosen times, dropped times
    [[hit(0.5), hit(5)], [0, 12], [5], []], // too close to the in-point
    [[hit(5, 0.2), hit(6)], [0, 12], [6], []], // below the salience floor
    [[hit(3, 0.5), hit(5, 0.9), hit(7, 0.7)], [0, 12], [5, 7], [3]], // 12 s allows two; the weakest is dropped
    [[hit(11.9)], [0, 12], [], []], // too close to the out-point
  ] as const)('%j in %j', (hits, [s, e], chosen, dropped) => {
    const r = chooseHits(hits, s, e, 0.35);
    expect(r.chosen.map((h) => h.time)).toEqual(chosen);
    expect(r.dropped.map((h) => h.time)).toEqual(dropped);
  });
});

describe('preLap', () => {
  it.each([
    // first hit, start, earliest → lead (s); 4/4 at 120 bpm = 2 s bars
    [4.5, 2, 0, 1.5], // 2.5 s after the start → enter 1.5 s earlier: the hit is then exactly two bars in
    [5, 1, 0, 0], // already two bars after the start
    [3.5, 1, 0, 0], // entering 1.5 s earlier would be before picture start
    [4.5, 2, 0.8, 0], // would enter before the previous cue's end + 1 s
  ] as const)('hit %d, start %d, earliest %d → %d s', (first, start, earliest, lead) => {
    const r = preLap([hit(first)], start, [4, 4], 120, earliest);
    expect(r).toBeCloseTo(lead, 9);
    if (r > 0) expect(((first - (start - r)) / 2) % 1).toBeCloseTo(0, 9);
  });
  it('no hits, no pre-lap', () => expect(preLap([], 4, [4, 4], 120, 0)).toBe(0));
});

describe('cueLength', () => {
  it('rounds to whole bars, reaches past the last caught hit and stops before the next cue', () => {
    const solved = resolveTiming(parseCueSpec({ duration: 17, tempo: 120, meter: '4/4', emotion: { valence: 0, arousal: 0 }, hits: [{ time: 12 }] }), [4, 4], 120);
    expect(cueLength(solved, 0, 17, Infinity)).toEqual({ bars: 9, duration: 18 });
    expect(cueLength(solved, 0, 17, 15)).toEqual({ bars: 7, duration: 14 });
  });
});
