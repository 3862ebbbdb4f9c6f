import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { ScoreSchema, parseScore, findScoreProblems, emptyScore, addTrack, normalizeScore, resolveSamePitchOverlaps, contentEnd, tempoAt, TRACK_ROLES, type Score, type Note } from './index.js';

const noteArb = fc.record({ tick: fc.integer({ min: 0, max: 50_000 }), duration: fc.integer({ min: 1, max: 4000 }), pitch: fc.integer({ min: 0, max: 127 }), velocity: fc.integer({ min: 1, max: 127 }) });

const scoreArb: fc.Arbitrary<Score> = fc
  .record({
    title: fc.string({ maxLength: 40 }),
    tracks: fc.array(
      fc.record({
        name: fc.string({ minLength: 1, maxLength: 20 }),
        role: fc.constantFrom(...TRACK_ROLES),
        program: fc.integer({ min: 0, max: 127 }),
        channel: fc.integer({ min: 0, max: 15 }),
        volume: fc.integer({ min: 0, max: 127 }),
        pan: fc.double({ min: -1, max: 1, noNaN: true }),
        notes: fc.array(noteArb, { maxLength: 20 }),
        controllers: fc.array(fc.record({ tick: fc.nat(50_000), controller: fc.integer({ min: 0, max: 127 }), value: fc.integer({ min: 0, max: 127 }) }), { maxLength: 5 }),
      }),
      { maxLength: 4 },
    ),
    bpm: fc.double({ min: 5, max: 1000, noNaN: true }),
    markers: fc.array(fc.record({ tick: fc.nat(50_000), text: fc.string({ maxLength: 30 }), kind: fc.constantFrom('marker' as const, 'cue' as const, 'hit' as const, 'sync' as const) }), { maxLength: 4 }),
    hits: fc.array(fc.record({ tick: fc.nat(50_000), label: fc.string({ maxLength: 20 }), seconds: fc.option(fc.double({ min: 0, max: 1000, noNaN: true }), { nil: undefined }), salience: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }) }), { maxLength: 3 }),
    meta: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 })),
  })
  .map((r) => {
    const s = emptyScore({ title: r.title, bpm: r.bpm });
    for (const t of r.tracks) addTrack(s, t);
    s.markers = r.markers;
    s.hits = r.hits.map((h) => Object.fromEntries(Object.entries(h).filter(([, v]) => v !== undefined)) as Score['hits'][number]);
    s.meta = r.meta as Record<string, unknown>;
    s.endTick = contentEnd(s);
    return s;
  });

describe('Score JSON round trip', () => {
  it('ScoreSchema.parse(JSON.parse(JSON.stringify(score))) gives the same score (property)', () => {
    fc.assert(
      fc.property(scoreArb, (s) => {
        const json = JSON.stringify(s);
        const back = ScoreSchema.parse(JSON.parse(json));
        // -0 (a pan) becomes 0 in JSON; that is the one allowed difference, so compare with the JSON form.
        expect(back).toEqual(JSON.parse(json));
        expect(JSON.stringify(back).length).toBe(json.length);
        expect(findScoreProblems(back)).toEqual(findScoreProblems(s));
      }),
      { numRuns: 200, seed: 31 },
    );
  });

  it('fills documented defaults for a minimal score', () => {
    const s = ScoreSchema.parse({ tempo: [{ tick: 0, bpm: 120 }], meters: [{ tick: 0, numerator: 4, denominator: 4 }], tracks: [{ name: 'a', role: 'melody', program: 0, channel: 0, notes: [] }], endTick: 0 });
    expect(s.tracks[0]).toMatchObject({ volume: 100, pan: 0, controllers: [] });
    expect(s.markers).toEqual([]);
  });

  it('rejects out-of-range values at the boundary', () => {
    const ok = emptyScore();
    expect(ScoreSchema.safeParse({ ...ok, ppq: 960 }).success).toBe(false);
    expect(ScoreSchema.safeParse({ ...ok, tempo: [{ tick: 0, bpm: 2000 }] }).success).toBe(false);
    expect(ScoreSchema.safeParse({ ...ok, keys: [{ tick: 0, tonic: 'H', mode: 'major' }] }).success).toBe(false);
    expect(ScoreSchema.safeParse({ ...ok, tracks: [{ name: '', role: 'melody', program: 0, channel: 0, notes: [] }] }).success).toBe(false);
    expect(ScoreSchema.safeParse({ ...ok, tracks: [{ name: 'x', role: 'melody', program: 0, channel: 0, notes: [{ tick: 0, duration: 1, pitch: 60, velocity: 0 }] }] }).success).toBe(false);
    expect(() => parseScore({ ...ok, endTick: -1 })).toThrow(/endTick/);
  });
});

describe('builders', () => {
  it('resolveSamePitchOverlaps trims the earlier note where the later starts and drops slivers', () => {
    const notes: Note[] = [
      { tick: 0, duration: 960, pitch: 60, velocity: 80 },
      { tick: 480, duration: 480, pitch: 60, velocity: 90 },
      { tick: 480, duration: 100, pitch: 64, velocity: 90 },
      { tick: 481, duration: 100, pitch: 64, velocity: 90 },
    ];
    expect(resolveSamePitchOverlaps(notes)).toEqual([
      { tick: 0, duration: 480, pitch: 60, velocity: 80 },
      { tick: 480, duration: 480, pitch: 60, velocity: 90 },
      { tick: 480, duration: 1, pitch: 64, velocity: 90 },
      { tick: 481, duration: 100, pitch: 64, velocity: 90 },
    ]);
    expect(resolveSamePitchOverlaps(notes, 2).map((n) => n.tick)).toEqual([0, 480, 481]);
  });

  it('resolveSamePitchOverlaps always yields a list without same-pitch overlaps (property)', () => {
    fc.assert(
      fc.property(fc.array(noteArb, { maxLength: 80 }), (notes) => {
        const out = resolveSamePitchOverlaps(notes);
        const byPitch = new Map<number, Note[]>();
        for (const n of out) byPitch.set(n.pitch, [...(byPitch.get(n.pitch) ?? []), n]);
        for (const list of byPitch.values()) for (let i = 1; i < list.length; i++) expect(list[i].tick).toBeGreaterThanOrEqual(list[i - 1].tick + list[i - 1].duration);
        expect(out.every((n) => n.duration >= 1)).toBe(true);
      }),
      { numRuns: 200, seed: 32 },
    );
  });

  it('normalizeScore sorts every list by tick without changing content', () => {
    const s = emptyScore();
    const t = addTrack(s, { name: 'a', role: 'melody', program: 0, channel: 0 });
    t.notes.push({ tick: 480, duration: 10, pitch: 60, velocity: 1 }, { tick: 0, duration: 10, pitch: 62, velocity: 1 }, { tick: 0, duration: 10, pitch: 61, velocity: 1 });
    s.markers.push({ tick: 9, text: 'b', kind: 'marker' }, { tick: 1, text: 'a', kind: 'marker' });
    const n = normalizeScore(s);
    expect(n.tracks[0].notes.map((x) => x.pitch)).toEqual([61, 62, 60]);
    expect(n.markers.map((m) => m.text)).toEqual(['a', 'b']);
    expect(s.tracks[0].notes[0].tick).toBe(480); // input untouched
  });

  it('contentEnd and tempoAt', () => {
    const s = emptyScore();
    addTrack(s, { name: 'a', role: 'melody', program: 0, channel: 0 }).notes.push({ tick: 100, duration: 50, pitch: 60, velocity: 1 });
    s.sections.push({ name: 'x', kind: 'section', tick: 0, endTick: 120 });
    expect(contentEnd(s)).toBe(150);
    s.hits.push({ tick: 400, label: 'h' });
    expect(contentEnd(s)).toBe(400);
    expect(tempoAt([{ tick: 0, bpm: 100, ramp: 'step' }, { tick: 960, bpm: 50, ramp: 'step' }], 959)).toBe(100);
    expect(tempoAt([{ tick: 0, bpm: 100, ramp: 'step' }, { tick: 960, bpm: 50, ramp: 'step' }], 960)).toBe(50);
  });
});
