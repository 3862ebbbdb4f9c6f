/** purpose: musicChecks() on one hand-built 4-voice phrase, and the summary table over several scores. */
import { describe, expect, it } from 'vitest';
import { musicChecks } from './checks.js';
import { formatChecksTable, summariseChecks } from './summary.js';
import { chords, line, tinyScore } from './test-fixtures.js';

// C major, 2 bars: I (bar 1) → V–I (bar 2, half notes); soprano on top, alto/tenor as harmony, bass below.
const chorale = () =>
  tinyScore([
    { role: 'melody', program: 52, notes: line([[72, 2], [74, 2], [71, 2], [72, 2]]) },
    { role: 'harmony', program: 52, notes: chords([[67, 2], [65, 2], [67, 2], [67, 2]], [[64, 2], [59, 2], [62, 2], [64, 2]]) },
    { role: 'bass', program: 52, notes: line([[48, 2], [55, 2], [43, 2], [48, 2]]) },
  ]);

describe('musicChecks', () => {
  it('computes every figure for one score', () => {
    const c = musicChecks(chorale());
    expect(c.leadNotes).toBe(4);
    expect(c.bassNotes).toBe(4);
    expect(c.leadAbove).toBe(1);
    expect(c.parallelPerfects).toBe(0); // 8ve → 5th → 3rd → 8ve: similar motion, but never perfect → same perfect
    expect(c.leadingToneResolution).toBe(1);
    expect(c.bassMotion).toEqual({ step: 0, leap: 1, repeat: 0, moves: 3 });
    expect(c.strongBeatConsonance).toBe(1);
    expect(c.range.outside).toBe(0);
    expect(c.cadences.counts.authentic).toBe(1);
    expect(c.percussion.barsWithPercussion).toBe(0);
  });
  it('summarises and prints, skipping undefined values', () => {
    const melodyOnly = tinyScore([{ role: 'melody', notes: line([[60, 1], [62, 1]]) }]);
    const s = summariseChecks([musicChecks(chorale()), musicChecks(melodyOnly)]);
    expect(s.leadAbove).toBe(1);
    const table = formatChecksTable([{ title: 'x', checks: [musicChecks(chorale())] }, { title: 'tune', checks: [musicChecks(melodyOnly)], melodicOnly: true }]);
    expect(table.split('\n')[0]).toMatch(/figure\s+x \(1\)\s+tune \(1\)/);
    expect(table).toMatch(/lead above accompaniment\s+1\.00\s+—/);
  });
});
