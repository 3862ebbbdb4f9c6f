import { describe, it, expect } from 'vitest';
import { eventsToScore } from './to-score.js';
import type { OutEvent } from './events.js';
import { MeterMap } from '../score/meter-map.js';

const bar = (tick: number, numerator: number, denominator = 4): OutEvent => ({ type: 'bar', tick, time: 0, bar: 0, numerator, denominator, bpm0: 120, bpm1: 120, state: 's', chord: 'I' }) as OutEvent;

describe('session metres always change on a barline (issue 13)', () => {
  it('a 4/4 bar cut after one beat by a 5/4 state becomes a 1/4 bar', () => {
    const s = eventsToScore([bar(0, 4), bar(1920, 4), bar(2400, 5), bar(4800, 5)]);
    expect(s.meters.map((m) => [m.tick, `${m.numerator}/${m.denominator}`])).toEqual([[0, '4/4'], [1920, '1/4'], [2400, '5/4']]);
    // Every bar event is a barline of the written metres.
    const map = new MeterMap(s.meters);
    for (const t of [0, 1920, 2400, 4800]) expect(map.barBeatAt(t).barTick).toBe(t);
  });
  it('the same metre entered mid-bar also gets its short bar', () => {
    const s = eventsToScore([bar(0, 4), bar(960, 4), bar(2880, 4)]);
    expect(s.meters.map((m) => [m.tick, `${m.numerator}/${m.denominator}`])).toEqual([[0, '2/4'], [960, '4/4']]);
  });
});
