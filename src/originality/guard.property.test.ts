/**
 * The composer's copy guard (compose/guard-events.ts + copy-guard.ts) holds under the check's definition: on
 * random cues — a melody handed between two melody-role tracks, rests, detached articulation, octave doublings,
 * and corpus passages planted on purpose — what the guard reports after repair is exactly the longest melody
 * run `checkOriginality` finds, and it never exceeds the limit.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { enforceMaxCopy } from '../compose/copy-guard.js';
import { guardEvents } from '../compose/guard-events.js';
import type { PhraseMaterial } from '../compose/phrase.js';
import { emptyScore } from '../score/build.js';
import { PPQ, type Score, type Track } from '../score/schema.js';
import { meterInfo } from '../theory/index.js';
import { checkOriginality } from './check.js';
import { CorpusIndex } from './corpus-index.js';
import { MAX_COPY, type CopyNote } from './definition.js';

const C_MAJOR = [60, 62, 64, 65, 67, 69, 71, 72];
const BAR = 4 * PPQ;
const mi = meterInfo(4, 4);

const corpusMelody = fc.array(fc.record({ pitch: fc.constantFrom(...C_MAJOR), duration: fc.constantFrom(0.5, 1, 1.5, 2) }), { minLength: 8, maxLength: 30 });

/** A cue event: pitch, IOI in eighths, which melody track plays it, articulation, an octave doubling. */
const cueEvent = fc.record({ pitch: fc.constantFrom(...C_MAJOR), eighths: fc.integer({ min: 1, max: 4 }), track: fc.integer({ min: 0, max: 1 }), legato: fc.boolean(), rest: fc.boolean(), double: fc.boolean() });

function materialsFor(bars: number): Array<Pick<PhraseMaterial, 'plan' | 'chords'>> {
  const chords = Array.from({ length: bars }, (_, b) => ({ start: b * 4, dur: 4, chord: { pcs: b % 2 ? [7, 11, 2] : [0, 4, 7] } }));
  return [{ plan: { startBar: 0, key: { tonic: 0, mode: 'major' } }, chords } as unknown as Pick<PhraseMaterial, 'plan' | 'chords'>];
}

type CueEvent = { pitch: number; eighths: number; track: number; legato: boolean; rest: boolean; double: boolean };

function buildScore(events: CueEvent[], planted: CopyNote[] | null, at: number): Score {
  const s = emptyScore({ meter: [4, 4] });
  const mk = (name: string, channel: number): Track => ({ name, role: 'melody', program: 73, channel, volume: 100, pan: 0, notes: [], controllers: [] }) as unknown as Track;
  const tracks = [mk('Flute', 0), mk('Violin', 1)];
  let tick = 0;
  const seq: Array<{ pitch: number; ioi: number; track: number; legato: boolean; rest: boolean; double: boolean }> = events.map((e) => ({ pitch: e.pitch, ioi: (e.eighths * PPQ) / 2, track: e.track, legato: e.legato, rest: e.rest, double: e.double }));
  if (planted) seq.splice(Math.min(at, seq.length), 0, ...planted.map((n, i) => ({ pitch: n.pitch + 2, ioi: Math.round(n.duration * PPQ * 1.5), track: i % 2, legato: true, rest: false, double: false })));
  for (const e of seq) {
    const dur = e.rest ? Math.max(60, e.ioi / 3) : e.legato ? e.ioi : Math.round(e.ioi * 0.6);
    tracks[e.track].notes.push({ tick, duration: dur, pitch: e.pitch, velocity: 80 });
    if (e.double) tracks[1 - e.track].notes.push({ tick, duration: dur, pitch: e.pitch - 12, velocity: 70 });
    tick += e.ioi;
  }
  s.tracks.push(...tracks);
  s.endTick = tick + BAR;
  return s;
}

describe('copy guard under the one definition', () => {
  it('reports what check finds, and keeps every melody run within the limit', () => {
    fc.assert(
      fc.property(fc.array(corpusMelody, { minLength: 1, maxLength: 4 }), fc.array(cueEvent, { minLength: 4, maxLength: 60 }), fc.boolean(), fc.nat(), (corpus, events, plantIt, where) => {
        const index = CorpusIndex.fromPieces('c', corpus.map((m, i) => ({ source: { id: `X${i}`, file: 'c.abc', collection: 'c', licence: 'test', corpus: 'c' }, melody: m, bass: [], harmony: [] })));
        const model = { longestCopiedRun: (n: ReadonlyArray<{ pitch: number; duration: number }>) => index.lines.melody.index.longestCopiedRun(n) };
        const planted = plantIt ? corpus[0].slice(0, 10) : null;
        const score = buildScore(events, planted, where % (events.length + 1));
        const bars = Math.ceil(score.endTick / BAR);
        const reported = enforceMaxCopy(guardEvents(score.tracks, materialsFor(bars), mi, BAR), model, MAX_COPY, 2000);
        const check = checkOriginality(score, [index]);
        const found = check.lines.melody.longest?.events ?? Math.min(1, check.lines.melody.events);
        expect(found).toBe(reported);
        expect(reported).toBeLessThanOrEqual(MAX_COPY);
      }),
      { numRuns: 120 },
    );
  });
});
