import { describe, it, expect } from 'vitest';
import { enforceMaxCopy, type GuardEvent } from './copy-guard.js';
import { guardEvents } from './guard-events.js';
import { meterInfo } from '../theory/index.js';
import type { Track } from '../score/schema.js';

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
  it('never repairs the tune down under the chords sounding with it (the lead stays the top voice)', () => {
    const track = (role: Track['role'], notes: Array<[number, number, number]>): Track => ({ name: role, role, program: 0, channel: role === 'bass' ? 1 : role === 'melody' ? 0 : 2, volume: 100, pan: 64, notes: notes.map(([tick, duration, pitch]) => ({ tick, duration, pitch, velocity: 80 })), controllers: [] });
    // A rising C-major scale in the tune (every window "copied") over a chord whose top is E5 (76).
    const tune = [72, 74, 76, 77, 79, 81, 83, 84, 86].map((p, i): [number, number, number] => [i * 480, 480, p + 0]);
    const tracks = [track('melody', tune), track('harmony', [[0, 480 * 9, 64], [0, 480 * 9, 67], [0, 480 * 9, 76]]), track('bass', [[0, 480 * 9, 48]])];
    const materials = [{ plan: { key: { tonic: 0, mode: 'major' as const }, startBar: 0 }, chords: [{ start: 0, dur: 36, chord: { pcs: [0, 4, 7] } }] }] as never;
    const events = guardEvents(tracks, materials, meterInfo(4, 4), 1920);
    for (const e of events) if (e.pitch >= 76) expect(e.lo).toBeGreaterThanOrEqual(76);
    enforceMaxCopy(events, model, 3);
    for (const n of tracks[0].notes) if (n.pitch < 76) expect(n.tick).toBeLessThan(480 * 2); // only the notes that began under it
  });
});
