import { describe, it, expect } from 'vitest';
import { parseGraph, parseInlineGraph, findTransition } from './graph.js';
import { parseTimeline } from './timeline.js';
import { harmonyOf, realiseStinger, snapToTones } from './harmony.js';
import { StingerSchema } from './graph.js';
import { LeitmotifError } from '../util/errors.js';

const base = { initial: 'a', states: { a: { generative: { emotion: { valence: 0, arousal: 0 } } }, b: { generative: { emotion: { valence: 0.5, arousal: 0.5 } } } } };

describe('music graph validation', () => {
  const bad: Array<[string, unknown, RegExp]> = [
    ['unknown initial state', { ...base, initial: 'zzz' }, /initial state "zzz"/],
    ['state with both kinds', { ...base, states: { a: { segments: ['s'], generative: { emotion: { valence: 0, arousal: 0 } } } } }, /exactly one of/],
    ['layer on an unknown parameter', { ...base, states: { a: { generative: { emotion: { valence: 0, arousal: 0 } }, layers: [{ name: 'l', parts: {}, param: 'nope', threshold: 0.5 }] } } }, /unknown parameter "nope"/],
    ['transition to an unknown state', { ...base, transitions: [{ from: 'a', to: 'c' }] }, /unknown state/],
    ['event firing an unknown stinger', { ...base, events: { boom: { stinger: 'x' } } }, /unknown stinger "x"/],
    ['trigger without a condition', { ...base, parameters: { p: {} }, triggers: [{ to: 'b', param: 'p' }] }, /"above" or "below"/],
    ['bad sync rule', { ...base, transitions: [{ sync: 'soon' }] }, /sync/],
    ['parameter range upside down', { ...base, parameters: { p: { min: 1, max: 0 } } }, /max must be greater/],
  ];
  for (const [what, json, msg] of bad) {
    it(`rejects ${what} with a LeitmotifError`, () => {
      expect(() => parseGraph(json)).toThrow(LeitmotifError);
      expect(() => parseGraph(json)).toThrow(msg);
    });
  }

  it('file segments need the Node adapter', () => {
    expect(() => parseInlineGraph({ ...base, segments: { s: { file: 'x.mid' } }, states: { ...base.states, c: { segments: ['s'] } } })).toThrow(/only the Node adapter/);
  });

  it('the most specific transition rule wins', () => {
    const g = parseGraph({ ...base, transitions: [{ sync: 'bar' }, { to: 'b', sync: 'beat' }, { from: 'a', to: 'b', sync: 'marker' }, { from: 'a', sync: 'end' }] });
    expect(findTransition(g, 'a', 'b').sync).toBe('marker');
    expect(findTransition(g, 'b', 'b').sync).toBe('beat');
    expect(findTransition(g, 'a', 'a').sync).toBe('end');
    expect(findTransition(g, 'b', 'a').sync).toBe('bar');
    expect(findTransition(parseGraph(base), 'a', 'b')).toMatchObject({ sync: 'bar', fadeOutBeats: 0 });
  });

  it('timelines are validated and sorted by time', () => {
    const t = parseTimeline({ duration: 10, events: [{ time: 5, type: 'event', name: 'x' }, { time: 1, type: 'param', name: 'p', value: 2 }] });
    expect(t.events.map((e) => e.time)).toEqual([1, 5]);
    expect(() => parseTimeline({ duration: 10, events: [{ time: 1, type: 'teleport' }] })).toThrow(LeitmotifError);
  });
});

describe('harmony for stingers', () => {
  it('reads chord symbols and the Roman numerals compose/ writes', () => {
    expect(harmonyOf('Am', 0, 'major')).toMatchObject({ root: 9, tones: [9, 0, 4] });
    expect(harmonyOf('V7', 2, 'minor').root).toBe(9); // A7 in D minor
    expect(harmonyOf('V7', 2, 'minor').tones).toContain(1); // its C#
    expect(harmonyOf('iv', 2, 'minor')).toMatchObject({ root: 7 });
    expect(harmonyOf('???', 2, 'minor')).toMatchObject({ root: 2, tones: [2, 5, 9] }); // unknown ⇒ tonic triad
  });

  it('realises a motif over the chord root and snaps long notes to chord tones', () => {
    const st = StingerSchema.parse({ notes: [{ degree: 0, beats: 0.5 }, { degree: 1, beats: 0.5 }, { degree: 2, beats: 1 }, { degree: 3, beats: 2 }], register: 72 });
    const h = harmonyOf('F', 2, 'minor'); // III in D minor
    const notes = realiseStinger(st, h);
    expect(notes.map((n) => n.tick)).toEqual([0, 240, 480, 960]);
    expect(notes[0].pitch % 12).toBe(5); // F
    expect(notes[1].pitch % 12).toBe(7); // G: a passing scale step stays
    expect([5, 9, 0]).toContain(notes[2].pitch % 12);
    expect([5, 9, 0]).toContain(notes[3].pitch % 12); // Bb (degree 3) would clash: snapped
    expect(snapToTones(61, [0, 4, 7])).toBe(60);
  });
});
