/**
 * Lock and regenerate, on real compositions: locked notes stay byte-identical, no new note rings into the
 * locked bars, locked tracks are kept whole, and the new line enters within an octave of the locked one.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { composeCue } from '../compose/compose-cue.js';
import { resolveCue, parseCueSpec } from '../cue/index.js';
import { fixtureModels } from '../compose/test-support/fixture-style.js';
import { mergeLocked, lockedRegion } from './lock.js';
import type { Score } from '../score/schema.js';

const models = fixtureModels();
const take = (seed: number): Score => composeCue(resolveCue(parseCueSpec({ bars: 8, emotion: { valence: -0.3, arousal: 0.4, tension: 0.6 }, key: 'D', mode: 'minor', tempo: 100, meter: '4/4', seed })), { models }).score;

describe('mergeLocked', () => {
  const a = take(1);
  const b = take(2);

  it('keeps every note that starts in the locked bars, unchanged, and takes the rest from the new take', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 }), (x, y) => {
      const lock = { bars: [Math.min(x, y), Math.max(x, y)] as [number, number] };
      const merged = mergeLocked(a, b, lock);
      const { span } = lockedRegion(a, lock);
      const [from, to] = span!;
      for (const t of a.tracks) {
        const kept = merged.tracks.find((m) => m.name === t.name);
        const want = t.notes.filter((n) => n.tick >= from && n.tick < to);
        if (!want.length) continue;
        expect(kept, t.name).toBeDefined();
        expect(kept!.notes.filter((n) => n.tick >= from && n.tick < to)).toEqual(want);
      }
      for (const t of merged.tracks) {
        const lockedHere = new Set(a.tracks.find((o) => o.name === t.name)?.notes.filter((n) => n.tick >= from && n.tick < to).map((n) => JSON.stringify(n)) ?? []);
        for (const n of t.notes) {
          if (lockedHere.has(JSON.stringify(n))) continue;
          // New material: outside the lock, and never ringing into it.
          expect(n.tick < from || n.tick >= to, `${t.name} ${JSON.stringify(n)}`).toBe(true);
          if (n.tick < from) expect(n.tick + n.duration).toBeLessThanOrEqual(from);
        }
      }
    }), { numRuns: 20 });
  });

  it('keeps a locked track whole and regenerates the others', () => {
    const name = a.tracks.find((t) => t.role === 'bass')!.name;
    const merged = mergeLocked(a, b, { tracks: [name] });
    expect(merged.tracks.find((t) => t.name === name)!.notes).toEqual(a.tracks.find((t) => t.name === name)!.notes);
    const mel = a.tracks.find((t) => t.role === 'melody')!.name;
    expect(merged.tracks.find((t) => t.name === mel)!.notes).not.toEqual(a.tracks.find((t) => t.name === mel)!.notes);
  });

  it('gives a kept track its own MIDI channel when the new take uses its channel for another instrument', () => {
    const other = { ...b, tracks: b.tracks.map((t) => ({ ...t, name: `${t.name} (new)`, program: (t.program + 1) % 128 })) };
    const name = a.tracks.find((t) => t.role === 'melody')!.name;
    const merged = mergeLocked(a, other, { tracks: [name] });
    const kept = merged.tracks.find((t) => t.name === name)!;
    expect(other.tracks.some((t) => t.channel === a.tracks.find((x) => x.name === name)!.channel)).toBe(true);
    expect(kept.notes).toEqual(a.tracks.find((t) => t.name === name)!.notes);
    for (const t of merged.tracks) if (t !== kept && t.channel === kept.channel) expect(t.program).toBe(kept.program);
  });

  it('joins the melody within an octave at the lock boundaries', () => {
    const merged = mergeLocked(a, b, { bars: [3, 4] });
    const { span } = lockedRegion(a, { bars: [3, 4] });
    const mel = merged.tracks.find((t) => t.role === 'melody')!;
    const lockedNotes = mel.notes.filter((n) => n.tick >= span![0] && n.tick < span![1]);
    const before = mel.notes.filter((n) => n.tick < span![0]).at(-1);
    const after = mel.notes.find((n) => n.tick >= span![1]);
    if (before && lockedNotes[0]) expect(Math.abs(before.pitch - lockedNotes[0].pitch)).toBeLessThanOrEqual(12);
    if (after && lockedNotes.length) expect(Math.abs(after.pitch - lockedNotes.at(-1)!.pitch)).toBeLessThanOrEqual(12);
  });
});
