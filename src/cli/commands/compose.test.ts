import { describe, it, expect } from 'vitest';
import { jobsFromJson } from './compose.js';
import { LeitmotifError } from '../../util/errors.js';

const spec = { duration: 20, emotion: { valence: 0.2, arousal: 0.1 }, style: 'piano', seed: 4 };

describe('compose command input', () => {
  it('accepts a bare cue spec', () => {
    const jobs = jobsFromJson(spec, 'x.json');
    expect(jobs).toHaveLength(1);
    expect(jobs[0].spec.style).toBe('piano');
  });
  it('accepts a cue sheet and picks one cue with --cue', () => {
    const sheet = { cues: [{ id: '1m1', spec }, { id: '1m2', spec: { ...spec, seed: 9 }, tempoMap: [{ tick: 0, bpm: 90 }], previous: { tonic: 2, mode: 'minor' } }] };
    expect(jobsFromJson(sheet, 's.json')).toHaveLength(2);
    const [j] = jobsFromJson(sheet, 's.json', '1m2');
    expect(j.id).toBe('1m2');
    expect(j.spec.seed).toBe(9);
    expect(j.tempoMap).toEqual([{ tick: 0, bpm: 90, ramp: 'step' }]);
    expect(j.previous).toEqual({ tonic: 2, mode: 'minor' });
  });
  it('explains what is wrong, as a LeitmotifError', () => {
    expect(() => jobsFromJson({ cues: [{ id: '1m1', spec }] }, 's.json', '9m9')).toThrow(LeitmotifError);
    expect(() => jobsFromJson(spec, 'x.json', '1m1')).toThrow(/needs a cue sheet/);
    expect(() => jobsFromJson({ emotion: { valence: 3 } }, 'x.json')).toThrow(/not a valid cue spec/);
  });
});
