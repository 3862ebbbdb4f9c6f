/** purpose: a cue spec can name its own trained model (relative to the spec file); `--model` wins; provenance names the file. */
import { describe, it, expect } from 'vitest';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { register } from './compose.js';
import { runCommand } from '../test-support/run-command.js';
import { defaultStyleModelPaths } from '../../style/node.js';
import { modelFilesFromRef } from '../model-flags.js';

describe('the model a spec names', () => {
  it.each([
    ['one file for both groups', 'm.json', { melody: '/s/m.json', harmony: '/s/m.json' }],
    ['one group', { harmony: 'h.json' }, { harmony: '/s/h.json' }],
    ['nothing', undefined, {}],
  ] as const)('%s', (_name, ref, want) => {
    expect(modelFilesFromRef(ref, '/s')).toEqual(want);
  });

  it('compose uses it and records it in provenance; --model overrides it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lm-spec-model-'));
    copyFileSync(defaultStyleModelPaths().harmony, join(dir, 'my-chorales.lmstyle.json'));
    writeFileSync(join(dir, 'cue.json'), JSON.stringify({ duration: 8, emotion: { valence: -0.4, arousal: -0.2, tension: 0.3 }, style: 'piano', seed: 2, model: { harmony: 'my-chorales.lmstyle.json' } }));
    const r = await runCommand(register, 'compose', join(dir, 'cue.json'), '-o', join(dir, 'out'), '--no-audio', '--no-sign');
    expect(r.code, r.err).toBe(0);
    const prov = JSON.parse(readFileSync(join(dir, 'out', 'provenance.json'), 'utf8'));
    expect(prov.modelFiles).toEqual({ melody: null, harmony: join(dir, 'my-chorales.lmstyle.json') });
    const r2 = await runCommand(register, 'compose', join(dir, 'cue.json'), '-o', join(dir, 'out2'), '--no-audio', '--no-sign', '--model', `harmony=${defaultStyleModelPaths().harmony}`);
    expect(r2.code, r2.err).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'out2', 'provenance.json'), 'utf8')).modelFiles.harmony).toBe(defaultStyleModelPaths().harmony);
  });

  it('a spec naming a missing model fails with one line naming the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lm-spec-model-'));
    writeFileSync(join(dir, 'cue.json'), JSON.stringify({ duration: 8, emotion: { valence: 0, arousal: 0 }, model: 'nope.lmstyle.json' }));
    const r = await runCommand(register, 'compose', join(dir, 'cue.json'), '-o', join(dir, 'out'), '--no-audio');
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/nope\.lmstyle\.json/);
  });
});
