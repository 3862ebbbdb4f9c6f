import { describe, it, expect } from 'vitest';
import { jobsFromJson } from './compose.js';
import { LeitmotifError } from '../../util/errors.js';
import { resolveCue } from '../../cue/index.js';
import { TempoMap } from '../../score/tempo-map.js';

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
    expect(j.previous).toEqual({ tonic: 2, mode: 'minor' });
  });
  it('explains what is wrong, as a LeitmotifError', () => {
    expect(() => jobsFromJson({ cues: [{ id: '1m1', spec }] }, 's.json', '9m9')).toThrow(LeitmotifError);
    expect(() => jobsFromJson(spec, 'x.json', '1m1')).toThrow(/needs a cue sheet/);
    expect(() => jobsFromJson({ emotion: { valence: 3 } }, 'x.json')).toThrow(/not a valid cue spec/);
  });
});

describe('compose <cuesheet.json> --cue: the spec is the truth', () => {
  // Bug (issue 10): the stored tempoMap was passed through and never re-solved, so a hit moved in the
  // spec from 7.0 s to 7.3 s still landed where the old map put it (7.35 s, more than a frame off).
  it('an edited hit time is re-solved and lands within a millisecond', () => {
    const planned = { duration: 16, tempo: 120, meter: '4/4', emotion: { valence: -0.4, arousal: 0.6, tension: 0.7 }, hits: [{ time: 7, label: 'door' }], seed: 3 };
    const stale = resolveCue(jobsFromJson(planned, 'p.json')[0].spec).timing.tempo;
    const edited = { cues: [{ id: '1m1', spec: { ...planned, hits: [{ time: 7.3, label: 'door' }] }, tempoMap: stale }] };
    const [job] = jobsFromJson(edited, 'sheet.json', '1m1');
    const cue = resolveCue(job.spec, job.previous ? { previous: job.previous } : {});
    const hit = cue.timing.hits[0];
    expect(hit.caught).toBe(true);
    expect(Math.abs(new TempoMap(cue.timing.tempo).ticksToSeconds(hit.tick) - 7.3)).toBeLessThan(0.001);
    expect(cue.timing.tempo).not.toEqual(stale);
  });
});
