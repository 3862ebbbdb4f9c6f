/** purpose: the personalisation loop as a user runs it — profile create, compose --profile --variants 2 (take-1/, take-2/ with take ids in stdout and provenance), feedback, profile show/export/delete/import — and its one-line errors. */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { runCommand } from '../test-support/run-command.js';
import { register as compose } from './compose.js';
import { register as profile } from './profile.js';
import { register as feedback } from './feedback.js';

const dir = mkdtempSync(join(tmpdir(), 'lm-personal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const db = join(dir, 'p.db');
const all = (p: Command) => { compose(p); profile(p); feedback(p); };
const run = (...args: string[]) => runCommand(all, ...args);
const spec = join(dir, 'grief.json');
writeFileSync(spec, JSON.stringify({ duration: 10, emotion: { valence: -0.6, arousal: -0.5, tension: 0.3 }, style: 'piano', seed: 3 }));

describe('leitmotif profile / compose --profile / feedback', () => {
  it('runs the whole A/B loop and keeps the listener’s data portable and deletable', async () => {
    expect((await run('profile', 'create', 'ana', '--db', db)).code).toBe(0);
    const out = join(dir, 'ab');
    const c = await run('compose', spec, '-o', out, '--profile', 'ana', '--db', db, '--variants', '2', '--no-audio');
    expect(c.code, c.err).toBe(0);
    const ids = [...c.out.matchAll(/^take (tk-[a-z0-9]+)$/gm)].map((m) => m[1]);
    expect(ids).toHaveLength(2);
    const prov = [1, 2].map((i) => JSON.parse(readFileSync(join(out, `take-${i}`, 'provenance.json'), 'utf8')));
    expect(prov.map((p) => p.take)).toEqual(ids);
    expect(prov[0].context).toBe('film:dark-calm');
    expect(prov[0].offsets).not.toEqual(prov[1].offsets);
    expect(readFileSync(join(out, 'take-1', 'score.json'), 'utf8')).not.toBe(readFileSync(join(out, 'take-2', 'score.json'), 'utf8'));

    const f = await run('feedback', '--profile', 'ana', '--db', db, '--prefer', ids[1], '--over', ids[0]);
    expect(f.code, f.err).toBe(0);
    expect(f.out).toMatch(/recorded for ana: 0 ratings, 1 picks/);
    expect((await run('feedback', '--profile', 'ana', '--db', db, '--take', ids[0], '--rating', 'dislike')).code).toBe(0);

    const shown = JSON.parse((await run('profile', 'show', 'ana', '--db', db, '--json')).out);
    expect(shown).toMatchObject({ takes: 2, pairwise: 1, ratings: 1 });
    expect((await run('profile', 'show', 'ana', '--db', db)).out).toMatch(/tempo\s+[+-]\d\.\d\d\s+0\.\d\d/);

    const file = join(dir, 'ana.json');
    expect((await run('profile', 'export', 'ana', '--db', db, '-o', file)).code).toBe(0);
    expect((await run('profile', 'delete', 'ana', '--db', db)).out).toMatch(/deleted profile ana with 2 takes and 2 feedback entries/);
    expect((await run('profile', 'show', 'ana', '--db', db)).code).toBe(2);
    expect((await run('profile', 'import', file, '--db', db)).code).toBe(0);
    expect(JSON.parse((await run('profile', 'show', 'ana', '--db', db, '--json')).out).offsets).toEqual(shown.offsets);
  });

  it('explains every misuse in one line with a hint, and writes nothing', async () => {
    const bad = async (args: string[], message: RegExp) => {
      const r = await run(...args);
      expect(r.code, r.err).toBe(2);
      expect(r.err).toMatch(message);
    };
    await bad(['compose', spec, '-o', join(dir, 'x1'), '--variants', '2', '--no-audio'], /--variants needs --profile/);
    await bad(['compose', spec, '-o', join(dir, 'x2'), '--profile', 'ghost', '--db', db, '--no-audio'], /no profile named "ghost"[\s\S]*hint: create it with `leitmotif profile create ghost/);
    await bad(['compose', spec, '-o', join(dir, 'x3'), '--profile', 'ana', '--db', db, '--variants', '3', '--no-audio'], /--variants must be 1 or 2/);
    expect(existsSync(join(dir, 'x2'))).toBe(false);
    await bad(['feedback', '--profile', 'ana', '--db', db, '--take', 'tk-nope', '--rating', 'like'], /has no take "tk-nope"/);
    await bad(['feedback', '--profile', 'ana', '--db', db, '--take', 'tk-nope', '--rating', '7'], /like, dislike or a whole number 1..5/);
    await bad(['feedback', '--profile', 'ana', '--db', db, '--prefer', 'a'], /--prefer needs --over/);
    await bad(['profile', 'create', 'ana', '--db', db], /already exists/);
  });
});
