import { describe, expect, it } from 'vitest';
import { composeCue } from '../compose/compose-cue.js';
import { fixtureModels } from '../compose/test-support/fixture-style.js';
import { parseCueSpec, resolveCue } from '../cue/index.js';
import { PPQ, type Score, type Track } from '../score/schema.js';
import { checkOriginality } from './check.js';
import { CorpusIndex, type PieceLines } from './corpus-index.js';

/** A "famous theme" the studio supplies (written for this test), with a varied rhythm. */
const THEME = [
  [67, 1], [64, 0.5], [65, 0.5], [67, 1.5], [72, 0.5], [71, 1], [69, 0.5], [67, 0.5], [65, 2], [64, 0.5], [62, 0.5], [64, 1], [60, 1.5], [62, 0.5], [67, 2],
].map(([pitch, duration]) => ({ pitch, duration }));

const source = (id: string, title: string) => ({ id, title, file: 'themes.abc', collection: 'themes', licence: 'all rights reserved (test)', corpus: 'reference themes' });
const other: PieceLines = { source: source('X2', 'Other'), melody: [60, 62, 64, 65, 67, 69, 71, 72].map((p) => ({ pitch: p, duration: 1 })), bass: [], harmony: [] };
const refs = CorpusIndex.fromPieces('reference themes', [other, { source: source('X1', 'The Theme'), melody: THEME, bass: [], harmony: [] }]);

function composed(): Score {
  return composeCue(resolveCue(parseCueSpec({ duration: 40, emotion: { valence: 0.4, arousal: 0.3, tension: 0.3 }, style: 'orchestral', seed: 4 })), { models: fixtureModels() }).score;
}

/**
 * Plants theme notes 1..12 (0-based start 1) from `startTick`, transposed by +5 and 1.5× slower, the first six in
 * one melody track and the rest in another; the cue's melody resumes where the theme's 13th note would start.
 */
function plant(score: Score, startTick: number): Score {
  const s = structuredClone(score);
  const melodyTracks = s.tracks.filter((t) => t.role === 'melody');
  let second: Track | undefined = melodyTracks[1];
  if (!second) {
    second = { ...structuredClone(melodyTracks[0]), name: 'Flute 2', channel: 13, notes: [] };
    s.tracks.push(second);
  }
  const quote = THEME.slice(1, 13);
  const ticks: number[] = [];
  let t = startTick;
  for (const n of quote) {
    ticks.push(t);
    t += Math.round(n.duration * 1.5 * PPQ);
  }
  const resume = t;
  for (const tr of s.tracks.filter((x) => x.role === 'melody')) tr.notes = tr.notes.filter((n) => n.tick < startTick || n.tick >= resume).map((n) => (n.tick < startTick && n.tick + n.duration > startTick ? { ...n, duration: startTick - n.tick } : n));
  quote.forEach((n, i) => {
    const target = i < 6 ? melodyTracks[0] : second!;
    target.notes.push({ tick: ticks[i], duration: Math.round(n.duration * 1.5 * PPQ * 0.8), pitch: n.pitch + 5, velocity: 80 });
  });
  // The cue carries on at the theme's next onset (so the last quoted note keeps the theme's length).
  if (!melodyTracks[0].notes.some((n) => n.tick === resume)) melodyTracks[0].notes.push({ tick: resume, duration: PPQ, pitch: 74, velocity: 80 });
  for (const tr of s.tracks) tr.notes.sort((a, b) => a.tick - b.tick || a.pitch - b.pitch);
  return s;
}

describe('checkOriginality', () => {
  it('finds a 12-note quotation planted transposed, at another tempo and split across two tracks', () => {
    const cue = composed();
    const barTicks = 4 * PPQ;
    const before = checkOriginality(cue, [refs]);
    expect(before.lines.melody.longest?.events ?? 0).toBeLessThan(8);
    const planted = plant(cue, 4 * barTicks);
    const r = checkOriginality(planted, [refs]);
    const m = r.lines.melody.longest!;
    expect(m.events).toBeGreaterThanOrEqual(12);
    expect(m.piece.title).toBe('The Theme');
    expect(m.piece.licence).toBe('all rights reserved (test)');
    expect(m.at.bar).toBe(5);
    expect(m.pieceEvent).toBe(2);
    expect(r.lines.melody.ngrams.find((g) => g.n === 10)!.found).toBeGreaterThanOrEqual(3);
    expect(r.nearest[0].piece.title).toBe('The Theme');
    expect(r.verdict.original).toBe(false);
    expect(r.verdict.text).toMatch(/COPIED: the melody shares 1\d events with “The Theme”/);
  });

  it('does not call a rhythm change or a corpus boundary a copy', () => {
    const straight = THEME.map((n) => ({ ...n, duration: 1 }));
    const s: Score = structuredClone(composed());
    const mel = s.tracks.find((t) => t.role === 'melody')!;
    for (const t of s.tracks) if (t.role === 'melody') t.notes = [];
    straight.forEach((n, i) => mel.notes.push({ tick: i * PPQ, duration: PPQ, pitch: n.pitch, velocity: 80 }));
    const r = checkOriginality(s, [refs]);
    expect(r.lines.melody.longest?.events ?? 0).toBeLessThan(5);
  });
});
