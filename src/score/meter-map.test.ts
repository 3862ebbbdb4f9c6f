import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { MeterMap, ticksPerBar, ticksPerBeat, PPQ } from './index.js';

describe('MeterMap', () => {
  // 2 bars of 4/4 (0–3840), 3 bars of 3/4 (3840–8160), then 6/8 (720 per bar... 1440)
  const mm = new MeterMap([
    { tick: 0, numerator: 4, denominator: 4 },
    { tick: 3840, numerator: 3, denominator: 4 },
    { tick: 3840 + 3 * 1440, numerator: 6, denominator: 8 },
  ]);

  it('knows bar and beat lengths', () => {
    expect(ticksPerBeat({ denominator: 8 })).toBe(240);
    expect(ticksPerBar({ numerator: 6, denominator: 8 })).toBe(1440);
    expect(ticksPerBar({ numerator: 7, denominator: 16 })).toBe(840);
  });

  it('finds bars and beats through meter changes', () => {
    expect(mm.barBeatAt(0)).toEqual({ bar: 0, beat: 0, barTick: 0, meter: { numerator: 4, denominator: 4 } });
    expect(mm.barBeatAt(1920 + 720)).toMatchObject({ bar: 1, beat: 1.5, barTick: 1920 });
    expect(mm.barBeatAt(3840)).toMatchObject({ bar: 2, beat: 0, meter: { numerator: 3, denominator: 4 } });
    expect(mm.barBeatAt(3840 + 1440 + 960)).toMatchObject({ bar: 3, beat: 2 });
    const six8 = 3840 + 3 * 1440;
    expect(mm.barBeatAt(six8 + 1440 + 240 * 4)).toMatchObject({ bar: 6, beat: 4, barTick: six8 + 1440, meter: { numerator: 6, denominator: 8 } });
    expect(mm.tickAtBar(2)).toBe(3840);
    expect(mm.tickAtBar(5)).toBe(six8);
    expect(mm.tickAtBar(7)).toBe(six8 + 2 * 1440);
    expect(mm.meterAt(3839)).toEqual({ numerator: 4, denominator: 4 });
  });

  it('nextBarline and nextBeat', () => {
    expect(mm.nextBarline(0)).toBe(0);
    expect(mm.nextBarline(1)).toBe(1920);
    expect(mm.nextBarline(3000)).toBe(3840);
    expect(mm.nextBarline(3841)).toBe(3840 + 1440);
    expect(mm.nextBeat(1)).toBe(480);
    expect(mm.nextBeat(480)).toBe(480);
    expect(mm.nextBeat(3841)).toBe(3840 + 480);
    const six8 = 3840 + 3 * 1440;
    expect(mm.nextBeat(six8 + 1)).toBe(six8 + 240); // beats in 6/8 are eighths (the denominator)
  });

  it('defaults to 4/4 from tick 0 and drops a duplicate at one tick (later wins)', () => {
    const m = new MeterMap([{ tick: 1920, numerator: 3, denominator: 4 }]);
    expect(m.meterAt(0)).toEqual({ numerator: 4, denominator: 4 });
    expect(m.tickAtBar(2)).toBe(1920 + 1440);
    const d = new MeterMap([{ tick: 0, numerator: 4, denominator: 4 }, { tick: 0, numerator: 5, denominator: 8 }]);
    expect(d.meterAt(0)).toEqual({ numerator: 5, denominator: 8 });
  });

  it('tickAtBar inverts barBeatAt at every barline, and barlines/beats never go backwards (property)', () => {
    const meterArb = fc.array(fc.record({ bars: fc.integer({ min: 1, max: 6 }), numerator: fc.integer({ min: 1, max: 13 }), denominator: fc.constantFrom(2, 4, 8, 16) as fc.Arbitrary<1 | 2 | 4 | 8 | 16 | 32> }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(meterArb, fc.integer({ min: 0, max: 60 * PPQ }), (segs, t) => {
        const meters = [];
        let tick = 0;
        for (const s of segs) {
          meters.push({ tick, numerator: s.numerator, denominator: s.denominator });
          tick += s.bars * ticksPerBar(s);
        }
        const m = new MeterMap(meters);
        for (let bar = 0; bar < 30; bar++) expect(m.barBeatAt(m.tickAtBar(bar))).toMatchObject({ bar, beat: 0 });
        const nb = m.nextBarline(t);
        expect(nb).toBeGreaterThanOrEqual(t);
        expect(m.barBeatAt(nb).beat).toBe(0);
        expect(m.barBeatAt(nb).bar - m.barBeatAt(t).bar).toBeLessThanOrEqual(1);
        const beat = m.nextBeat(t);
        expect(beat).toBeGreaterThanOrEqual(t);
        expect(beat).toBeLessThanOrEqual(nb === t ? t : nb);
        expect(Number.isInteger(m.barBeatAt(beat).beat)).toBe(true);
      }),
      { numRuns: 300, seed: 21 },
    );
  });
});
