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
