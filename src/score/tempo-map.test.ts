import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { TempoMap, ticksToSeconds, secondsToTicks, PPQ, type TempoEvent } from './index.js';

const close = (a: number, b: number, eps = 1e-9) => expect(Math.abs(a - b)).toBeLessThan(eps);

describe('TempoMap', () => {
  it('converts through step changes exactly', () => {
    const m = new TempoMap([
      { tick: 0, bpm: 120, ramp: 'step' },
      { tick: 4 * PPQ, bpm: 60, ramp: 'step' },
    ]);
    close(m.ticksToSeconds(PPQ), 0.5);
    close(m.ticksToSeconds(4 * PPQ), 2);
    close(m.ticksToSeconds(5 * PPQ), 3);
    close(m.secondsToTicks(3), 5 * PPQ);
    close(m.secondsToTicks(1), 2 * PPQ);
    expect(m.bpmAt(4 * PPQ - 1)).toBe(120);
    expect(m.bpmAt(4 * PPQ)).toBe(60);
  });

  it('integrates a linear ramp in closed form (60→120 over 4 beats takes 240/60·ln2 s)', () => {
    const m = new TempoMap([
      { tick: 0, bpm: 60, ramp: 'linear' },
      { tick: 4 * PPQ, bpm: 120, ramp: 'step' },
    ]);
    // ∫0^4 60/(60+15b) db = 4·ln(2)
    close(m.ticksToSeconds(4 * PPQ), 4 * Math.log(2));
    close(m.bpmAt(2 * PPQ), 90);
    // After the ramp the tempo holds at 120.
    close(m.ticksToSeconds(5 * PPQ), 4 * Math.log(2) + 0.5);
    // A fine numeric integration agrees.
    let s = 0;
    const n = 40000;
    for (let i = 0; i < n; i++) s += (60 / m.bpmAt(((i + 0.5) / n) * 4 * PPQ)) * (4 / n);
    close(m.ticksToSeconds(4 * PPQ), s, 1e-7);
  });

  it('handles decelerating ramps and nearly flat ramps without losing precision', () => {
    const m = new TempoMap([
      { tick: 0, bpm: 140, ramp: 'linear' },
      { tick: 8 * PPQ, bpm: 70, ramp: 'step' },
    ]);
    close(m.ticksToSeconds(8 * PPQ), (60 * 8 / -70) * Math.log(70 / 140));
    // bpm differing in the last bit: must behave like a constant tempo (log(1+x) would round to 0).
    const flat = new TempoMap([
      { tick: 0, bpm: 20, ramp: 'linear' },
      { tick: 4, bpm: 20.000000000000004, ramp: 'step' },
    ]);
    close(flat.ticksToSeconds(2), (2 / PPQ) * 3, 1e-12);
    close(flat.secondsToTicks((2 / PPQ) * 3), 2, 1e-6);
  });

  it('uses the later of two events at one tick and adds a tick-0 event when missing', () => {
    const m = new TempoMap([
      { tick: 960, bpm: 100, ramp: 'step' },
      { tick: 960, bpm: 50, ramp: 'step' },
    ]);
    close(m.ticksToSeconds(960), 960 / PPQ * 0.6);
    close(m.ticksToSeconds(1440), 960 / PPQ * 0.6 + 1.2);
    expect(() => new TempoMap([])).toThrow(RangeError);
    expect(() => new TempoMap([{ tick: 0, bpm: 0 }])).toThrow(RangeError);
  });

  it('one-shot helpers agree with the class', () => {
    const tempo: TempoEvent[] = [{ tick: 0, bpm: 90, ramp: 'linear' }, { tick: 1920, bpm: 150, ramp: 'step' }];
    close(ticksToSeconds(tempo, 1000), new TempoMap(tempo).ticksToSeconds(1000));
    close(secondsToTicks(tempo, 2), new TempoMap(tempo).secondsToTicks(2));
  });

  const tempoArb = fc
    .array(
      fc.record({
        tick: fc.integer({ min: 0, max: 100_000 }),
        bpm: fc.double({ min: 5, max: 1000, noNaN: true }),
        ramp: fc.constantFrom('step' as const, 'linear' as const),
      }),
      { minLength: 1, maxLength: 12 },
    )
    .map((xs) => xs.sort((a, b) => a.tick - b.tick));

  it('secondsToTicks inverts ticksToSeconds (property)', () => {
    fc.assert(
      fc.property(tempoArb, fc.double({ min: 0, max: 150_000, noNaN: true }), (tempo, t) => {
        const m = new TempoMap(tempo);
        const back = m.secondsToTicks(m.ticksToSeconds(t));
        expect(Math.abs(back - t)).toBeLessThan(1e-6 * Math.max(1, t));
      }),
      { numRuns: 500, seed: 11 },
    );
  });

  it('is strictly increasing in ticks and in seconds (property)', () => {
    fc.assert(
      fc.property(tempoArb, fc.integer({ min: 0, max: 150_000 }), fc.integer({ min: 1, max: 5000 }), (tempo, t, dt) => {
        const m = new TempoMap(tempo);
        const a = m.ticksToSeconds(t), b = m.ticksToSeconds(t + dt);
        expect(b).toBeGreaterThan(a);
        expect(m.secondsToTicks(b)).toBeGreaterThan(m.secondsToTicks(a));
        // The tempo at any point lies between the extreme tempos of the map.
        const bpm = m.bpmAt(t);
        expect(bpm).toBeGreaterThanOrEqual(Math.min(...tempo.map((e) => e.bpm)) - 1e-9);
        expect(bpm).toBeLessThanOrEqual(Math.max(...tempo.map((e) => e.bpm)) + 1e-9);
      }),
      { numRuns: 500, seed: 12 },
    );
  });

  it('is continuous at tempo events (no jump in seconds at a boundary)', () => {
    fc.assert(
      fc.property(tempoArb, (tempo) => {
        const m = new TempoMap(tempo);
        for (const e of tempo) {
          if (e.tick === 0) continue;
          const before = m.ticksToSeconds(e.tick - 1e-6), at = m.ticksToSeconds(e.tick);
          expect(Math.abs(at - before)).toBeLessThan(1e-6);
        }
      }),
      { numRuns: 200, seed: 13 },
    );
  });
});
