/**
 * Composed adaptive transitions (issue 11 item 6): sustained notes tie across barlines instead of re-striking,
 * joins between states avoid semitone clashes, outgoing material rings out with a tail — and every note still
 * gets its note-off when a segment is cut or a layer fades.
 */
import { describe, it, expect } from 'vitest';
import { AdaptiveEngine } from './engine.js';
import { createStubComposer } from './testing/stub-composer.js';
import { testGraph, notePairingProblems, monotonicProblems } from './testing/fixtures.js';
import { analyseSession, notesOf } from './analysis.js';
import type { OutEvent } from './events.js';
import type { MusicGraph } from './graph.js';

type Input = [number, (e: AdaptiveEngine, t: number) => void];

function drive(g: MusicGraph, ties: boolean, seconds: number, inputs: Input[] = []): { out: OutEvent[]; engine: AdaptiveEngine } {
  const engine = new AdaptiveEngine(g, { createComposer: (o) => createStubComposer(o, false, ties), seed: 4 });
  const out: OutEvent[] = [];
  const todo = [...inputs].sort((a, b) => a[0] - b[0]);
  for (let t = 0; t <= seconds; t = Math.round((t + 0.05) * 1000) / 1000) {
    while (todo.length && todo[0][0] <= t) todo.shift()![1](engine, t);
    out.push(...engine.advance(t + 0.1));
  }
  out.push(...engine.stop(seconds + 0.2));
  return { out, engine };
}

describe('ties across barlines', () => {
  it('a held pad is one note across the barline, not a re-strike per bar', () => {
    const g = testGraph({ triggers: [] });
    const plain = drive(g, false, 40);
    const tied = drive(g, true, 40);
    // The stub's flute repeats a pitch across a barline now and then without a tie: only the pad is tied.
    const padRestrikes = (out: OutEvent[]) => {
      const pad = notesOf(out).filter((n) => n.program === 48);
      return pad.filter((n) => n.on % 1920 === 0 && pad.some((m) => m.pitch === n.pitch && m.off === n.on && m.on < n.on)).length;
    };
    expect(padRestrikes(plain.out)).toBeGreaterThan(5);
    expect(padRestrikes(tied.out)).toBe(0);
    expect(analyseSession(g, tied.out, tied.engine.log).restruck).toBeLessThan(analyseSession(g, plain.out, plain.engine.log).restruck / 3);
    // Some pad notes now last longer than a bar (2.4 s at 100 bpm = 1920 ticks).
    expect(notesOf(tied.out).some((n) => n.program === 48 && n.off - n.on > 1920)).toBe(true);
    expect(notePairingProblems(tied.out)).toEqual([]);
    expect(monotonicProblems(tied.out)).toEqual([]);
  });

  it('a tied note is still released when the state is cut mid-hold or fades out', () => {
    for (const transitions of [[{ from: '*', to: '*', sync: 'immediate' as const }], [{ from: '*', to: '*', sync: 'beat' as const, fadeOutBeats: 3 }]]) {
      const g = testGraph({ triggers: [], transitions });
      const { out } = drive(g, true, 40, [[13.3, (e, t) => e.setState('combat', t)], [21.1, (e, t) => e.setState('calm', t)], [30.7, (e, t) => e.trigger('win', t)]]);
      expect(notePairingProblems(out)).toEqual([]);
      expect(monotonicProblems(out)).toEqual([]);
    }
  });
});

describe('tails and joins', () => {
  const inputs: Input[] = [[5.1, (e, t) => e.trigger('win', t)], [24.3, (e, t) => e.setState('combat', t)], [31.9, (e, t) => e.setState('calm', t)], [36.2, (e, t) => e.trigger('win', t)]];

  it('a segment that ends rings out for a bar instead of stopping dead; tailBeats 0 is a hard cut', () => {
    const g = testGraph({ triggers: [], transitions: [{ from: '*', to: '*', sync: 'bar' }] });
    const { out, engine } = drive(g, true, 50, inputs);
    const a = analyseSession(g, out, engine.log);
    const back = a.joins.filter((j) => j.from === 'fanfare');
    expect(back.length).toBeGreaterThan(0);
    // The segment's last notes end on its last barline; they now ring on into the next state (minus clashing tones).
    for (const j of a.joins) expect(j.tailBeats).toBeGreaterThan(0);
    // The release is a CC11 ramp down on the old deck's channels (the second deck: pool 7, 8, 10–14) after the change.
    const s = back[0].tick;
    const ramp = out.filter((e) => e.type === 'cc' && e.controller === 11 && e.channel >= 7 && e.channel !== 9 && e.channel !== 15 && e.tick > s && e.tick <= s + 1920);
    expect(ramp.length).toBeGreaterThan(4);
    expect(notePairingProblems(out)).toEqual([]);

    const cut = testGraph({ triggers: [], transitions: [{ from: '*', to: '*', sync: 'bar', tailBeats: 0 }] });
    const c = drive(cut, true, 50, inputs);
    for (const j of analyseSession(cut, c.out, c.engine.log).joins) expect(j.tailBeats).toBe(0);
    expect(notePairingProblems(c.out)).toEqual([]);
  });

  it('outgoing and incoming material never hold a semitone or a tritone against each other', () => {
    // The test segment is a chromatic line (C, C#, D, … G): every join with it would clash somewhere.
    for (const transitions of [[{ from: '*', to: '*', sync: 'bar' as const }], [{ from: '*', to: '*', sync: 'beat' as const, fadeOutBeats: 6, fadeInBeats: 2 }], [{ from: '*', to: '*', sync: 'immediate' as const, fadeOutBeats: 1, tailBeats: 4 }]]) {
      const g = testGraph({ triggers: [], transitions });
      const { out, engine } = drive(g, true, 50, inputs);
      const a = analyseSession(g, out, engine.log);
      expect(a.joins.length).toBeGreaterThanOrEqual(5);
      expect(a.joins.flatMap((j) => j.clashes)).toEqual([]);
      expect(a.tritones).toBe(0);
      expect(notePairingProblems(out)).toEqual([]);
      expect(monotonicProblems(out)).toEqual([]);
    }
  });
});

describe('analyseSession', () => {
  it('finds a held semitone between the outgoing and incoming deck, and a re-strike at a barline', () => {
    const g = testGraph();
    const at = (tick: number) => ({ tick, time: tick / 800 });
    const out: OutEvent[] = [
      { type: 'bar', ...at(0), bar: 1, numerator: 4, denominator: 4, bpm0: 100, bpm1: 100, state: 'calm', chord: 'C' },
      { type: 'program', ...at(0), channel: 1, program: 48 },
      { type: 'noteOn', ...at(0), channel: 1, pitch: 66, velocity: 80 },
      { type: 'bar', ...at(1920), bar: 2, numerator: 4, denominator: 4, bpm0: 100, bpm1: 100, state: 'combat', chord: 'C' },
      { type: 'noteOn', ...at(1920), channel: 7, pitch: 65, velocity: 80 },
      { type: 'noteOff', ...at(1920), channel: 1, pitch: 66 },
      { type: 'noteOn', ...at(1920), channel: 1, pitch: 66, velocity: 80 },
      { type: 'noteOff', ...at(2400), channel: 1, pitch: 66 },
      { type: 'noteOff', ...at(3840), channel: 7, pitch: 65 },
    ];
    const log = [
      { type: 'state' as const, name: 'calm', sync: 'immediate' as const, requested: 0, sounded: 0, bar: 1, beat: 1, tick: 0, cause: 'initial' },
      { type: 'state' as const, name: 'combat', from: 'calm', sync: 'bar' as const, requested: 1, sounded: 2.4, bar: 2, beat: 1, tick: 1920, cause: 'api' },
    ];
    const a = analyseSession(g, out, log);
    expect(a.joins).toHaveLength(1);
    expect(a.joins[0].clashes).toEqual(['F#4/F4@0.00']);
    expect(a.joins[0].tailBeats).toBe(1);
    expect(a.restruck).toBe(1);
  });
});
