import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCommand } from '../test-support/run-command.js';
import { register as compose } from './compose.js';
import { register as check } from './check.js';
import { register as keys } from './keys.js';
import { register as verify } from './verify.js';

const dir = mkdtempSync(join(tmpdir(), 'lm-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const spec = join(dir, 'cue.json');
writeFileSync(spec, JSON.stringify({ duration: 20, emotion: { valence: 0.5, arousal: 0.4 }, style: 'piano', seed: 3 }));
const FIXTURES = fileURLToPath(new URL('../../style/fixtures/', import.meta.url));

describe('compose → check → verify (shipped models, signed provenance)', () => {
  it('signs provenance with the user key, records attribution and the copy check, and verify catches a changed byte', async () => {
    const key = join(dir, 'key.pem');
    expect((await runCommand(keys, 'keys', 'create', '--key', key)).code).toBe(0);
    const out = join(dir, 'out');
    const c = await runCommand(compose, 'compose', spec, '-o', out, '--no-audio', '--key', key);
    expect(c.code).toBe(0);
    const prov = JSON.parse(readFileSync(join(out, 'provenance.json'), 'utf8'));
    expect(prov.signature).toMatchObject({ alg: 'Ed25519' });
    expect(prov.seed).toBe(3);
    expect(prov.models.melody).toBeTruthy();
    expect(prov.c2pa.assertions[0].data.actions[0]).toMatchObject({ action: 'c2pa.created', digitalSourceType: expect.stringMatching(/trainedAlgorithmicMedia$/) });
    for (const o of prov.outputs) expect(o.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(prov.originality.lines.melody.longestRun).toBeLessThanOrEqual(6);
    const total = prov.attribution.byCorpus.reduce((s: number, x: { share: number }) => s + x.share, 0);
    expect(total).toBeCloseTo(1, 4);
    expect(prov.attribution.byCorpus.map((x: { corpus: string }) => x.corpus).sort()).toEqual(['folk-abc-music21-pd', 'jsb-chorales']);
    expect(prov.attribution.method).toBe('sampled');
    expect(prov.attribution.events.bass).toBe(0);

    const ok = await runCommand(verify, 'verify', out);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/signature valid/);

    const r = await runCommand(check, 'check', join(out, 'score.mid'), '--json', join(dir, 'report.json'));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^verdict: original/m);
    // The file is the one provenance.json lists: check shows the attribution recorded while composing.
    expect(r.out).toMatch(/attribution \(sampled while composing \(provenance\.json, signed by [0-9a-f]+\)/);
    const rep = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(rep.attribution.byCorpus).toEqual(prov.attribution.byCorpus);
    expect(rep.report.lines.melody.longest.events).toBe(prov.originality.lines.melody.longestRun);

    // A hand-edited manifest: a broken attribution block is reported and replaced by the post-hoc reading (no
    // crash); an edited, still-whole one is shown, but as what it is — its signature no longer holds.
    const provPath = join(out, 'provenance.json');
    const original = readFileSync(provPath, 'utf8');
    writeFileSync(provPath, JSON.stringify({ ...prov, attribution: { method: 'sampled' } }));
    const broken = await runCommand(check, 'check', join(out, 'score.mid'));
    expect(broken.code).toBe(0);
    expect(broken.err).toMatch(/its attribution is incomplete/);
    expect(broken.out).toMatch(/attribution \(post-hoc from the finished lines/);
    writeFileSync(provPath, JSON.stringify({ ...prov, attribution: { ...prov.attribution, novelty: 0.5 } }));
    expect((await runCommand(check, 'check', join(out, 'score.mid'))).out).toMatch(/provenance\.json, signature INVALID/);
    writeFileSync(provPath, original);

    const mid = join(out, 'score.mid');
    const bytes = readFileSync(mid);
    bytes[bytes.length - 5] ^= 0x01;
    writeFileSync(mid, bytes);
    const bad = await runCommand(verify, 'verify', out);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/score\.mid: content changed/);
    // A changed file is no longer the one the manifest describes: check reads its attribution back post-hoc.
    expect((await runCommand(check, 'check', mid)).out).toMatch(/attribution \(post-hoc from the finished lines/);
  }, 60_000);

  it('checks against a user folder only, and explains bad input', async () => {
    const r = await runCommand(check, 'check', join(FIXTURES, 'midi', 'song.mid'), '--corpus', FIXTURES, '--no-models', '--fail-on-copy');
    // The file is in the folder it is checked against: its whole melody is "copied".
    expect(r.out).toMatch(/melody\s+longest shared run \d+ events/);
    expect(r.out).toMatch(/verdict: COPIED/);
    expect(r.code).toBe(1);
    const bad = await runCommand(check, 'check', join(FIXTURES, 'tiny.abc'));
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/expected a \.mid\/\.midi file or a score\.json/);
  });
});
