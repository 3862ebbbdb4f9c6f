import { describe, it, expect } from 'vitest';
import { enforceMaxCopy, type GuardEvent } from './copy-guard.js';

/** A fake corpus index: every run of rising whole/half steps is "in the corpus". */
const model = {
  longestCopiedRun(notes: ReadonlyArray<{ pitch: number; duration: number }>) {
    let best = notes.length ? 1 : 0, run = 1;
    for (let i = 1; i < notes.length; i++) {
      const iv = notes[i].pitch - notes[i - 1].pitch;
      run = iv === 1 || iv === 2 ? run + 1 : 1;
      best = Math.max(best, run);
    }
    return best;
  },
};
const C_MAJOR = [0, 2, 4, 5, 7, 9, 11];

describe('enforceMaxCopy', () => {
  it('breaks copied runs longer than maxCopy by nudging notes within the scale', () => {
    const scale = [60, 62, 64, 65, 67, 69, 71, 72, 74, 76, 77, 79, 81, 83];
    const applied: number[] = [];
    const events: GuardEvent[] = scale.map((p, i) => ({ pitch: p, duration: 1, strong: i % 4 === 0, allowed: C_MAJOR, lo: 55, hi: 90, set: (q) => applied.push(q) }));
    expect(model.longestCopiedRun(events)).toBe(14);
    const after = enforceMaxCopy(events, model, 6);
    expect(after).toBeLessThanOrEqual(6);
    expect(applied.length).toBeGreaterThan(0);
    for (const e of events) expect(C_MAJOR).toContain(e.pitch % 12);
  });
  it('leaves an original line alone', () => {
    const events: GuardEvent[] = [60, 67, 64, 72, 65, 60, 67].map((p) => ({ pitch: p, duration: 1, strong: false, allowed: C_MAJOR, lo: 50, hi: 90, set: () => { throw new Error('should not change'); } }));
    expect(enforceMaxCopy(events, model, 6)).toBe(1);
  });
});
