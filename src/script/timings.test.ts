import { describe, expect, it } from 'vitest';
import { applyTimings, parseDuration, parseScript, parseTimingsFile } from './index.js';
import { ScriptSchema } from './types.js';
import { LeitmotifError } from '../util/errors.js';

const SCRIPT = [
  'INT. A - DAY #1#',
  '',
  'MARA (30s) waits by the window for a long, long time, watching the rain run down the glass.',
  '',
  'MARA',
  'He is late.',
  '',
  'EXT. B - NIGHT #2A#',
  '',
  'Thunder.',
  '',
  'INT. C - DAWN #3#',
  '',
  'Quiet.',
  '',
].join('\n');

describe('durations', () => {
  it.each([
    ['83', 83],
    [83, 83],
    ['83.5', 83.5],
    ['83s', 83],
    ['1:23', 83],
    ['01:23', 83],
    ['00:01:23', 83],
    ['1:02:03.5', 3723.5],
    ['1m23s', 83],
    ['2 min', 120],
    ['1h 2m', 3720],
    ['90 sec', 90],
    ['00:01:23:12', 83.5],
    ['00:00:01;15', 1 + 15 / 29.97],
    ['00:00:01:30', undefined],
    ['1:75', undefined],
    ['soon', undefined],
    ['', undefined],
    [-3, undefined],
  ])('%s → %s', (v, want) => {
    expect(parseDuration(v)).toBe(want);
  });
});

describe('[[time: …]] notes', () => {
  it('set the scene duration, rescale its elements, and shift later scenes', () => {
    const est = parseScript(SCRIPT);
    const s = ScriptSchema.parse(parseScript(SCRIPT.replace('Thunder.', 'Thunder.\n\n[[time: 00:01:30]]')));
    expect(s.scenes[1]).toMatchObject({ duration: 90, timingSource: 'note' });
    expect(s.scenes[0]).toMatchObject({ duration: est.scenes[0].duration, timingSource: 'estimate' });
    expect(s.scenes[2].start).toBeCloseTo(est.scenes[0].duration + 90, 3);
    expect(s.duration).toBeCloseTo(est.duration - est.scenes[1].duration + 90, 3);
    const k = 90 / est.scenes[1].duration;
    expect(s.scenes[1].elements[0].duration).toBeCloseTo(est.scenes[1].elements[0].duration * k, 2);
    const note = s.scenes[1].elements.find((e) => e.type === 'note')!;
    expect(note).toMatchObject({ text: 'time: 00:01:30', duration: 0 });
  });
  it('[[duration: …]] and [[length: …]] work too', () => {
    expect(parseScript(SCRIPT.replace('Thunder.', 'Thunder. [[Duration: 12]]')).scenes[1].duration).toBe(12);
    expect(parseScript(SCRIPT.replace('Thunder.', 'Thunder. [[length: 0:20]]')).scenes[1].duration).toBe(20);
  });
  it('an unreadable time note warns and keeps the estimate', () => {
    const s = parseScript(SCRIPT.replace('Thunder.', 'Thunder. [[time: soonish]]'));
    expect(s.scenes[1].timingSource).toBe('estimate');
    expect(s.warnings.join()).toMatch(/cannot read the time note/);
  });
});

describe('timings files', () => {
  it('JSON list, {scenes}, map, and CSV all read the same', () => {
    const want = [
      { scene: 1, duration: 83 },
      { scene: '2A', duration: 65 },
    ];
    expect(parseTimingsFile('[{"scene": 1, "duration": 83}, {"scene": "2A", "duration": "1:05"}]', 't.json')).toEqual(want);
    expect(parseTimingsFile('{"scenes": [{"scene": 1, "seconds": "00:01:23"}, {"number": "2A", "length": 65}]}', 't.json')).toEqual(want);
    expect(parseTimingsFile('{"1": 83, "2A": "1:05"}', 't.json')).toEqual(want);
    expect(parseTimingsFile('scene,duration\n1,83\n2A,1:05\n', 't.csv')).toEqual(want);
    expect(parseTimingsFile('# from the edit\n1;83\n2A;00:01:05\n', 't.csv')).toEqual(want);
    expect(parseTimingsFile('scene\tstart\tend\n1\t0:00\t1:23\n2A\t1:23\t2:28\n', 't.tsv')).toEqual(want);
    expect(parseTimingsFile('[{"index": 2, "duration": 10}]', 't.json')).toEqual([{ index: 2, duration: 10 }]);
  });
  it.each([
    ['', /empty/],
    ['[{"scene": 1}]', /no readable duration/],
    ['[{"duration": 5}]', /which scene/],
    ['{not json', /not valid JSON/],
    ['name,length\nfoo,12', /no "scene" column/],
  ])('bad file %j → clear error', (text, re) => {
    expect(() => parseTimingsFile(text, text.startsWith('name') ? 't.csv' : 't.json')).toThrow(re);
  });

  it('applyTimings: written scene numbers, rescaled elements, re-accumulated starts, source = timings', () => {
    const est = parseScript(SCRIPT);
    const s = ScriptSchema.parse(applyTimings(est, parseTimingsFile('scene,duration\n1,60\n2A,30\n', 't.csv')));
    expect(s.scenes.map((x) => [x.start, x.duration, x.timingSource])).toEqual([
      [0, 60, 'timings'],
      [60, 30, 'timings'],
      [90, est.scenes[2].duration, 'estimate'],
    ]);
    expect(s.duration).toBeCloseTo(90 + est.scenes[2].duration, 3);
    const k = 60 / est.scenes[0].duration;
    s.scenes[0].elements.forEach((e, i) => {
      expect(e.start).toBeCloseTo(est.scenes[0].elements[i].start * k, 2);
      expect(e.duration).toBeCloseTo(est.scenes[0].elements[i].duration * k, 2);
    });
    expect(s.characters[0].firstAppearance.time).toBeCloseTo(est.characters[0].firstAppearance.time * k, 2);
    expect(est.scenes[0].timingSource).toBe('estimate'); // input not mutated
  });
  it('timings override time notes', () => {
    const noted = parseScript(SCRIPT.replace('Quiet.', 'Quiet. [[time: 40]]'));
    expect(noted.scenes[2]).toMatchObject({ duration: 40, timingSource: 'note' });
    const s = applyTimings(noted, [{ scene: 3, duration: 12 }]);
    expect(s.scenes[2]).toMatchObject({ duration: 12, timingSource: 'timings' });
  });
  it('ordinal scene numbers when the script has none; prelude is scene 0', () => {
    const s0 = parseScript('Black.\n\nINT. A - DAY\n\nOne.\n\nINT. B - DAY\n\nTwo.\n');
    const s = applyTimings(s0, [{ scene: 0, duration: 5 }, { scene: 2, duration: 7 }]);
    expect(s.scenes.map((x) => x.duration)).toEqual([5, s0.scenes[1].duration, 7]);
  });
  it('an unknown scene is a LeitmotifError naming the scene', () => {
    const est = parseScript(SCRIPT);
    expect(() => applyTimings(est, [{ scene: '9Z', duration: 3 }])).toThrow(LeitmotifError);
    expect(() => applyTimings(est, [{ scene: '9Z', duration: 3 }])).toThrow(/scene "9Z" is not in the script/);
    expect(() => applyTimings(est, [{ index: 7, duration: 3 }])).toThrow(/index 7/);
  });
});
