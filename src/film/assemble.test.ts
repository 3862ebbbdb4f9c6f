import { describe, it, expect } from 'vitest';
import { assembleFilmScore, type PlacedCue } from './assemble.js';
import { emptyScore, addTrack } from '../score/build.js';
import { findScoreProblems } from '../score/validate.js';
import { TempoMap } from '../score/tempo-map.js';
import { PPQ, type Score, type TempoEvent } from '../score/schema.js';
import type { Cue } from '../plan/cue-sheet.js';
import { annotationMarkers } from '../render/midi/index.js';

function cueScore(bars: number, meter: [number, 4], tempo: TempoEvent[], program: number, pitch: number): Score {
  const s = emptyScore({ meter });
  s.tempo = tempo;
  const bar = meter[0] * PPQ;
  s.endTick = bars * bar;
  const t = addTrack(s, { name: `p${program}`, role: 'melody', program, channel: 3 });
  for (let b = 0; b < bars; b++) t.notes.push({ tick: b * bar, duration: bar, pitch, velocity: 80 });
  const d = addTrack(s, { name: 'kit', role: 'percussion', program: 0, channel: 9 });
  d.notes.push({ tick: 0, duration: 60, pitch: 36, velocity: 100 });
  return s;
}

function cue(id: string, start: number, end: number, hits: Cue['hits'] = []): Cue {
  return { id, start, end, title: id, hits } as unknown as Cue;
}

describe('assembleFilmScore', () => {
  // A: 0–10 s at 120 bpm 4/4 = 5 bars, but composed with 6 (runs into B) ⇒ cut at bar 5.
  // B: segue at 10 s, 3/4, ramp 90→100 that would continue past its end. C: after a 1.3 s gap, same program as A.
  const bTempo: TempoEvent[] = [{ tick: 0, bpm: 90, ramp: 'linear' }, { tick: 40 * PPQ, bpm: 100, ramp: 'step' }];
  const bScore = cueScore(8, [3, 4], bTempo, 48, 60);
  const bSeconds = new TempoMap(bTempo).ticksToSeconds(8 * 3 * PPQ);
  const cStart = 10 + bSeconds + 1.3;
  const placed: PlacedCue[] = [
    { cue: cue('1m1', 0, 10), score: cueScore(6, [4, 4], [{ tick: 0, bpm: 120, ramp: 'step' }], 40, 72) },
    { cue: cue('1m2', 10, 10 + bSeconds, [{ label: 'door', time: 10 + new TempoMap(bTempo).ticksToSeconds(3 * 3 * PPQ), cueTime: 0, timecode: '', kind: 'impact', salience: 0.9, caught: true, tick: 9 * PPQ }]), score: bScore },
    { cue: cue('1m3', cStart, cStart + 6), score: cueScore(3, [4, 4], [{ tick: 0, bpm: 120, ramp: 'step' }], 40, 74) },
  ];
  const r = assembleFilmScore({ title: 't', seed: 1, style: 'orchestral' }, placed);
  const map = new TempoMap(r.score.tempo);

  it('produces a valid score with every cue at its in-point', () => {
    expect(findScoreProblems(r.score)).toEqual([]);
    for (const p of placed) {
      const m = r.score.markers.find((x) => x.text === `${p.cue.id} start`)!;
      expect(Math.abs(map.ticksToSeconds(m.tick) - p.cue.start)).toBeLessThan(1e-6);
    }
  });

  it('cuts a cue that runs into the next one at a barline, and says so', () => {
    expect(r.notes.some((n) => n.includes('1m1 ran'))).toBe(true);
    const a = r.placement.find((p) => p.id === '1m1')!;
    expect(a.endTick).toBe(5 * 4 * PPQ);
  });

  it('keeps the ramp inside its cue and the hit on time', () => {
    const h = r.score.hits[0];
    expect(Math.abs(map.ticksToSeconds(h.tick) - h.seconds!)).toBeLessThan(1e-6);
    const b = r.placement.find((p) => p.id === '1m2')!;
    expect(Math.abs(map.ticksToSeconds(b.endTick) - (10 + bSeconds))).toBeLessThan(1e-5);
  });

  it('merges the same instrument from different cues onto one track and channel', () => {
    const violins = r.score.tracks.filter((t) => t.program === 40);
    expect(violins).toHaveLength(1);
    expect(violins[0].notes.length).toBe(5 + 3);
    const drums = r.score.tracks.filter((t) => t.channel === 9);
    expect(drums).toHaveLength(1);
    const channels = r.score.tracks.filter((t) => t.channel !== 9).map((t) => t.channel);
    expect(new Set(channels).size).toBe(channels.length);
  });

  it('writes each cue start, end and hit once to MIDI', () => {
    const texts = annotationMarkers(r.score).map((m) => m.text);
    expect(texts.filter((t) => t.includes('door'))).toEqual(['hit:1m2 door']);
    expect(texts.filter((t) => t.startsWith('cue:'))).toEqual(['cue:1m1 start', 'cue:1m1 end', 'cue:1m2 start', 'cue:1m2 end', 'cue:1m3 start', 'cue:1m3 end']);
    expect(new Set(texts.map((t) => t.replace(/^\w+:/, ''))).size).toBe(texts.length);
  });
});

describe('assembleFilmScore cue-end markers', () => {
  it('puts the end marker at the cue sheet end even where the music runs on to its barline', () => {
    // 3 bars at 120 bpm = 6 s of music for a cue the sheet ends at 5.943 s (the music rings to its barline).
    const placed: PlacedCue[] = [{ cue: cue('1m1', 2, 7.943), score: cueScore(3, [4, 4], [{ tick: 0, bpm: 120, ramp: 'step' }], 40, 72) }];
    const r = assembleFilmScore({ title: 't', seed: 1, style: 'orchestral' }, placed);
    const map = new TempoMap(r.score.tempo);
    const end = r.score.markers.find((m) => m.text === '1m1 end')!;
    expect(Math.abs(map.ticksToSeconds(end.tick) - 7.943)).toBeLessThan(0.001);
    expect(findScoreProblems(r.score)).toEqual([]);
  });
});
