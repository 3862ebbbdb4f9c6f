import { describe, it, expect, afterAll } from 'vitest';
import { jobsFromJson, register } from './compose.js';
import { LeitmotifError } from '../../util/errors.js';
import { parseCueSpec, resolveCue } from '../../cue/index.js';
import { TempoMap } from '../../score/tempo-map.js';
import { mkdtempSync, readFileSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../test-support/run-command.js';
import { defaultStyleModelPaths, loadStyleModel } from '../../style/node.js';
import { packBytes } from '../../style/codec.js';
import { contentId } from '../../style/model-file.js';
import { composeCue } from '../../compose/index.js';
import { fixtureModels } from '../../compose/test-support/fixture-style.js';

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

// ---- a corrupt or missing copy index fails loudly (it used to disable the anti-copying guard silently) ----

const dir = mkdtempSync(join(tmpdir(), 'lm-compose-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (...args: string[]) => runCommand(register, ...args);

describe('compose with a broken copy index', () => {
  const melody = JSON.parse(readFileSync(defaultStyleModelPaths().melody, 'utf8'));
  const specPath = join(dir, 'cue.json');
  writeFileSync(specPath, JSON.stringify({ ...spec, duration: 12 }));
  const corrupt = join(dir, 'corrupt.lmstyle.json');
  // A trainer bug, not an edit: the id is re-stamped, so only the copy index itself is wrong.
  const stamped = (m: Record<string, unknown>) => ({ ...m, id: contentId(m) });
  writeFileSync(corrupt, JSON.stringify(stamped({ ...melody, copyIndex: { ...melody.copyIndex, data: packBytes(Uint8Array.of(5, 200, 3)) } })));
  const missing = join(dir, 'missing.lmstyle.json');
  writeFileSync(missing, JSON.stringify(stamped({ ...melody, copyIndex: { melodies: 0, tokens: 0, data: '' } })));

  it('the model raises a typed error when the index is needed', () => {
    const m = loadStyleModel(corrupt);
    expect(() => m.longestCopiedRun([{ pitch: 60, duration: 1 }])).toThrow(expect.objectContaining({ code: 'LM_ERR_COPY_INDEX_INVALID' }));
    expect(() => loadStyleModel(missing).index).toThrow(/has no copy index/);
  });

  for (const [what, file, message] of [['corrupt', corrupt, /has a corrupt copy index/], ['missing', missing, /has no copy index/]] as const) {
    it(`a ${what} index: the CLI prints one line and a hint, exits 2, writes nothing and never says "0 notes copied"`, async () => {
      const out = join(dir, `out-${what}`);
      const r = await run('compose', specPath, '-o', out, '--no-audio', '--melody-model', file);
      expect(r.code).toBe(2);
      const lines = r.err.trimEnd().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(message);
      expect(lines[0]).toContain(file);
      expect(lines[1]).toMatch(/^ {2}hint: retrain/);
      expect(r.out).not.toMatch(/copied/);
      expect(existsSync(join(out, 'score.json'))).toBe(false);
    });
  }

  it('the same spec with the committed models composes and reports the copied run', async () => {
    const r = await run('compose', specPath, '-o', join(dir, 'out-ok'), '--no-audio');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/longest run copied from the corpus: \d+ notes/);
  });
});

describe('compose reports model fallbacks instead of swallowing them', () => {
  it('a plain sampler failure is logged in summary.warnings (and the cue still composes)', () => {
    const models = fixtureModels();
    const harmony = { ...models.harmony, sampleProgression: () => { throw new Error('no chords today'); } };
    const r = composeCue(resolveCue(parseCueSpec({ ...spec, duration: 12 })), { models: { melody: models.melody, harmony } });
    expect(r.summary.warnings?.some((w) => /harmony model failed.*no chords today/.test(w))).toBe(true);
    expect(r.score.meta?.modelFailures).toBeGreaterThan(0);
  });
  it('a typed error from a model is never caught', () => {
    const models = fixtureModels();
    const melody = { ...models.melody, longestCopiedRun: () => { throw new LeitmotifError('LM_ERR_COPY_INDEX_INVALID', 'x has a corrupt copy index'); } };
    expect(() => composeCue(resolveCue(parseCueSpec({ ...spec, duration: 12 })), { models: { melody, harmony: models.harmony } })).toThrow(/corrupt copy index/);
  });
});

describe('compose --direction: words in', () => {
  it('composes from free text alone, printing what it understood; the hit lands in the score', async () => {
    const out = join(dir, 'directed');
    const r = await run('compose', '--direction', 'tense suspense, low strings, builds to a hit at 0:14', '-o', out, '--no-audio');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/understood "tense suspense/);
    expect(r.out).toMatch(/hits: hit at 0:14/);
    expect(r.out).toMatch(/style orchestral \(from: strings\)/);
    expect(r.out).toMatch(/lead: Cellos \(from "low strings"\)/);
    const score = JSON.parse(readFileSync(join(out, 'score.json'), 'utf8')) as { meta: Record<string, unknown>; tracks: Array<{ role: string; name: string; program: number }> };
    expect(JSON.stringify(score.meta)).toMatch(/orchestral/);
    // "low strings": the tune is on the cellos, not the palette's default violins.
    expect(score.tracks.find((t) => t.role === 'melody')).toMatchObject({ name: 'Cellos', program: 42 });
  });
  it('needs a spec or --direction, and says so', async () => {
    const r = await run('compose', '-o', join(dir, 'none'));
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/needs a cue spec file or --direction/);
  });
});
