/**
 * The composer's copy guards hold under the check's definition: on random cues — a melody handed between two
 * melody-role tracks, rests, detached articulation, octave doublings, and corpus passages planted on purpose —
 * what the melody guard (compose/guard-events.ts + copy-guard.ts) reports after repair is exactly the longest
 * melody run `checkOriginality` finds, and it never exceeds the limit; the same for the harmony guard
 * (compose/harmony-guard.ts) on random progressions with a corpus progression planted (numerals and rhythm).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { enforceMaxCopy } from '../compose/copy-guard.js';
import { enforceHarmonyCopy } from '../compose/harmony-guard.js';
import { guardEvents } from '../compose/guard-events.js';
import type { PhraseMaterial } from '../compose/phrase.js';
import { emptyScore } from '../score/build.js';
import { PPQ, type Score, type Track } from '../score/schema.js';
import { meterInfo } from '../theory/index.js';
import { checkOriginality } from './check.js';
import { CorpusIndex } from './corpus-index.js';
import { MAX_COPY, type CopyChord, type CopyNote } from './definition.js';

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

/** C major triads as the labeller names them, in close position from the root (bass an octave below). */
const TRIADS: Record<string, number[]> = { I: [0, 4, 7], ii: [2, 5, 9], iii: [4, 7, 11], IV: [5, 9, 0], V: [7, 11, 2], vi: [9, 0, 4] };
const NUMERALS = Object.keys(TRIADS);

/** A progression without immediate repeats (the harmony line merges them): numeral and length in beats. */
const progression = (min: number, max: number) =>
  fc.array(fc.record({ roman: fc.constantFrom(...NUMERALS), duration: fc.constantFrom(1, 2, 4) }), { minLength: min, maxLength: max }).map((xs) => xs.filter((x, i) => i === 0 || x.roman !== xs[i - 1].roman));

function harmonyScore(chords: CopyChord[]): Score {
  const s = emptyScore({ meter: [4, 4] });
  const mk = (name: string, role: Track['role'], channel: number): Track => ({ name, role, program: 0, channel, volume: 100, pan: 0, notes: [], controllers: [] }) as unknown as Track;
  const [mel, harm, bass] = [mk('Flute', 'melody', 0), mk('Strings', 'harmony', 1), mk('Bass', 'bass', 2)];
  let tick = 0;
  for (const c of chords) {
    const dur = Math.round(c.duration * PPQ);
    const pcs = TRIADS[c.roman];
    const root = 60 + pcs[0];
    harm.notes.push(...pcs.map((pc, i) => ({ tick, duration: dur, pitch: root + ((pc - pcs[0] + 12) % 12) + (i === 0 ? 0 : 0), velocity: 70 })));
    bass.notes.push({ tick, duration: dur, pitch: 36 + pcs[0], velocity: 80 });
    mel.notes.push({ tick, duration: dur, pitch: 72 + pcs[1] + (pcs[1] < pcs[0] ? 12 : 0), velocity: 90 });
    tick += dur;
  }
  s.tracks.push(mel, harm, bass);
  s.keys = [{ tick: 0, tonic: 'C', mode: 'major' }] as Score['keys'];
  s.endTick = tick + BAR;
  return s;
}

describe('harmony guard under the one definition', () => {
  it('reports what check finds, and keeps every harmony run within the limit', () => {
    fc.assert(
      fc.property(fc.array(progression(8, 24), { minLength: 1, maxLength: 4 }), progression(2, 40), fc.boolean(), fc.nat(), (corpus, cue, plantIt, where) => {
        const index = CorpusIndex.fromPieces('c', corpus.map((h, i) => ({ source: { id: `H${i}`, file: 'h.json', collection: 'c', licence: 'test', corpus: 'c' }, melody: [], bass: [], harmony: h })));
        const model = { longestCopiedHarmonyRun: (ch: ReadonlyArray<CopyChord>) => (ch.length ? index.lines.harmony.index.longestTokenRun(index.tokens('harmony', ch)) + 1 : 0) };
        const at = where % (cue.length + 1);
        let chords = plantIt ? [...cue.slice(0, at), ...corpus[0].slice(0, 12), ...cue.slice(at)] : cue;
        chords = chords.filter((x, i) => i === 0 || x.roman !== chords[i - 1].roman);
        const score = harmonyScore(chords);
        const { longest } = enforceHarmonyCopy(score.tracks, score.keys, model, MAX_COPY);
        const check = checkOriginality(score, [index]);
        const found = check.lines.harmony.longest?.events ?? Math.min(1, check.lines.harmony.events);
        expect(found).toBe(longest);
        expect(longest).toBeLessThanOrEqual(MAX_COPY);
      }),
      {
        numRuns: 120,
        // Found by a long run: a whole piece planted, its copied remainder beside the first repair.
        examples: [[[[{ roman: 'I', duration: 1 }, { roman: 'vi', duration: 1 }, { roman: 'I', duration: 1 }, { roman: 'V', duration: 1 }, { roman: 'I', duration: 1 }, { roman: 'IV', duration: 1 }, { roman: 'I', duration: 1 }, { roman: 'IV', duration: 1 }, { roman: 'I', duration: 1 }, { roman: 'IV', duration: 1 }, { roman: 'I', duration: 1 }, { roman: 'vi', duration: 1 }, { roman: 'V', duration: 4 }, { roman: 'I', duration: 1 }]], [{ roman: 'V', duration: 4 }, { roman: 'I', duration: 1 }], true, 0]],
      },
    );
  });
});
