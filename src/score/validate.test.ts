import { describe, it, expect } from 'vitest';
import { findScoreProblems, parseScore, assertValidScore, barCount, emptyScore, addTrack, type Score } from './index.js';
import { LeitmotifError } from '../util/errors.js';

function base(): Score {
  const s = emptyScore({ title: 'v' });
  const t = addTrack(s, { name: 'Piano', role: 'harmony', program: 0, channel: 0 });
  t.notes.push({ tick: 0, duration: 480, pitch: 60, velocity: 80 }, { tick: 480, duration: 480, pitch: 60, velocity: 80 });
  s.endTick = 1920;
  return s;
}

const messages = (s: Score) => findScoreProblems(s).map((p) => `${p.where}: ${p.message}`);

describe('findScoreProblems', () => {
  it('accepts a clean score, including back-to-back notes of one pitch', () => {
    expect(findScoreProblems(base())).toEqual([]);
  });

  it('rejects zero and negative durations', () => {
    const s = base();
    s.tracks[0].notes[0].duration = 0;
    s.tracks[0].notes[1].duration = -5;
    expect(messages(s)).toEqual([
      'tracks[0] "Piano".notes[0]: duration 0 is not positive',
      'tracks[0] "Piano".notes[1]: duration -5 is not positive',
    ]);
  });

  it('rejects same-pitch overlaps on one channel, also across tracks, but not across channels', () => {
    const s = base();
    s.tracks[0].notes[0].duration = 481;
    expect(messages(s)).toEqual(['channel 1: pitch 60 overlaps itself at tick 480 ("Piano" / "Piano")']);

    const across = base();
    const other = addTrack(across, { name: 'Organ', role: 'pad', program: 19, channel: 0 });
    other.notes.push({ tick: 240, duration: 100, pitch: 60, velocity: 80 });
    expect(messages(across)).toEqual(['channel 1: pitch 60 overlaps itself at tick 240 ("Piano" / "Organ")']);

    const otherChannel = base();
    addTrack(otherChannel, { name: 'Organ', role: 'pad', program: 19, channel: 1 }).notes.push({ tick: 240, duration: 100, pitch: 60, velocity: 80 });
    expect(findScoreProblems(otherChannel)).toEqual([]);
  });

  it('rejects notes and controllers past the end', () => {
    const s = base();
    s.endTick = 900;
    s.tracks[0].controllers.push({ tick: 901, controller: 11, value: 10 });
    expect(messages(s)).toEqual([
      'tracks[0] "Piano".notes[1]: note ends at tick 960, past the end (900)',
      'tracks[0] "Piano".controllers[0]: controller past the end',
    ]);
  });

  it('requires percussion on channel 10 (index 9)', () => {
    const s = base();
    addTrack(s, { name: 'Kit', role: 'percussion', program: 0, channel: 3 });
    expect(messages(s)).toEqual(['tracks[1] "Kit": percussion tracks belong on channel 10 (index 9)']);
    s.tracks[1].channel = 9;
    expect(findScoreProblems(s)).toEqual([]);
  });

  it('checks tempo and meter maps: start at 0, sorted, meter changes on barlines; sections forward', () => {
    const s = base();
    s.tempo = [{ tick: 10, bpm: 100, ramp: 'step' }];
    s.meters = [{ tick: 0, numerator: 4, denominator: 4 }, { tick: 1000, numerator: 3, denominator: 4 }];
    s.sections = [{ name: 'A', kind: 'section', tick: 480, endTick: 480 }];
    s.endTick = 4000;
    expect(messages(s)).toEqual([
      'tempo: the first tempo event must be at tick 0',
      'meters[1]: meter change at tick 1000 is not on a barline',
      'sections[0]: section "A" ends before it starts',
    ]);
    const unsorted = base();
    unsorted.tempo = [{ tick: 0, bpm: 100, ramp: 'step' }, { tick: 960, bpm: 90, ramp: 'step' }, { tick: 480, bpm: 80, ramp: 'step' }];
    expect(messages(unsorted)).toEqual(['tempo[2]: tempo events are not sorted by tick']);
  });

  it('stops listing overlaps after a couple of hundred problems (huge broken inputs stay fast)', () => {
    const s = base();
    s.tracks[0].notes = Array.from({ length: 5000 }, (_, i) => ({ tick: i, duration: 10, pitch: 60, velocity: 80 }));
    s.endTick = 10_000;
    const n = findScoreProblems(s).length;
    expect(n).toBeGreaterThan(200);
    expect(n).toBeLessThan(210);
  });
});

describe('parseScore / assertValidScore', () => {
  it('parses JSON with defaults filled in', () => {
    const s = parseScore({ tempo: [{ tick: 0, bpm: 100 }], meters: [{ tick: 0, numerator: 3, denominator: 4 }], tracks: [], endTick: 0 });
    expect(s).toMatchObject({ version: 1, ppq: 480, title: 'Untitled', keys: [], markers: [], hits: [], sections: [], meta: {} });
    expect(s.tempo[0].ramp).toBe('step');
  });

  it('throws LM_ERR_SCORE_INVALID naming the field for schema errors', () => {
    const bad = { ...base(), tracks: [{ ...base().tracks[0], channel: 16 }] };
    expect(() => parseScore(bad, 'x.json')).toThrow(LeitmotifError);
    try {
      parseScore(bad, 'x.json');
    } catch (e) {
      expect((e as LeitmotifError).code).toBe('LM_ERR_SCORE_INVALID');
      expect((e as Error).message).toMatch(/^x\.json is not a valid Leitmotif score: tracks\.0\.channel/);
    }
    expect(() => parseScore({ tempo: [], meters: [{ tick: 0, numerator: 4, denominator: 3 }], tracks: [], endTick: 0 })).toThrow(/tempo|meters/);
    expect(() => parseScore({ ...base(), tracks: [{ ...base().tracks[0], notes: [{ tick: 0.5, duration: 1, pitch: 60, velocity: 1 }] }] })).toThrow(/notes\.0\.tick/);
  });

  it('throws for invariant breaks with a count and the first few problems', () => {
    const s = base();
    s.endTick = 10;
    expect(() => assertValidScore(s, 'cue')).toThrow(/^cue breaks 2 rule\(s\): tracks\[0\] "Piano"\.notes\[0\]: note ends at tick 480/);
  });

  it('barCount rounds a partial last bar up', () => {
    const s = base();
    expect(barCount(s)).toBe(1);
    s.endTick = 1921;
    expect(barCount(s)).toBe(2);
    s.meters = [{ tick: 0, numerator: 3, denominator: 4 }];
    s.endTick = 1440 * 3;
    expect(barCount(s)).toBe(3);
  });
});
