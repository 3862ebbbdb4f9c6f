/** purpose: the profile repository keeps takes and feedback, learns from picks, round-trips export/import, deletes everything, and survives a kill mid-write. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { openDatabase } from '../../store/database.js';
import { createProfileStore } from './profile-store.js';
import { Rng } from '../../util/rng.js';
import { LeitmotifError } from '../../util/errors.js';
import type { TasteContext } from '../evidence.js';

const ctx: TasteContext = { kind: 'film', region: 'dark-calm' };

describe('createProfileStore', () => {
  it('learns a listener who always picks the faster take', () => {
    const store = createProfileStore(openDatabase(':memory:'));
    store.create('ana');
    const rng = new Rng(3);
    for (let i = 0; i < 12; i++) {
      const [a, b] = store.suggest('ana', ctx, rng.fork(i), 2);
      expect(a).not.toEqual(b);
      store.recordTake('ana', { takeId: `a${i}`, offsets: a, context: ctx });
      store.recordTake('ana', { takeId: `b${i}`, offsets: b, context: ctx });
      if (a.tempo >= b.tempo) store.prefer('ana', `a${i}`, `b${i}`);
      else store.prefer('ana', `b${i}`, `a${i}`);
    }
    const s = store.get('ana')!;
    expect(s.pairwise).toBe(12);
    expect(s.offsets.tempo.mean).toBeGreaterThan(0.4);
    expect(s.offsets.tempo.sd).toBeLessThan(0.55); // less unsure than the prior
    expect(store.best('ana', ctx).tempo).toBeGreaterThan(0.4);
  });

  it('rejects feedback on unknown takes, bad ratings and unknown profiles with clear errors', () => {
    const store = createProfileStore(openDatabase(':memory:'));
    store.create('bo');
    expect(() => store.rate('bo', 'nope', 'like')).toThrow(/has no take "nope"/);
    store.recordTake('bo', { takeId: 't1', offsets: store.suggest('bo', ctx, new Rng(1))[0], context: ctx });
    expect(() => store.rate('bo', 't1', 7)).toThrow(LeitmotifError);
    expect(() => store.rate('nobody', 't1', 3)).toThrow(/no profile named "nobody"/);
    expect(() => store.create('bo')).toThrow(/already exists/);
    expect(() => store.create('bad name')).toThrow(/not usable/);
    store.rate('bo', 't1', 'like');
    store.signal('bo', 't1', 'skipped');
    expect(store.get('bo')).toMatchObject({ ratings: 1, signals: 1, takes: 1 });
  });

  it('exports, imports under another name with the same learned taste, and deletes all of a profile', () => {
    const db = openDatabase(':memory:');
    const store = createProfileStore(db);
    store.create('cy');
    for (let i = 0; i < 4; i++) {
      const [a, b] = store.suggest('cy', ctx, new Rng(i), 2);
      store.recordTake('cy', { takeId: `a${i}`, offsets: a, context: ctx });
      store.recordTake('cy', { takeId: `b${i}`, offsets: b, context: ctx });
      store.prefer('cy', `a${i}`, `b${i}`);
    }
    const dump = JSON.parse(JSON.stringify(store.export('cy')));
    const copy = store.import(dump, { as: 'cy2' });
    expect(copy.offsets).toEqual(store.get('cy')!.offsets);
    expect(() => store.import({ ...dump, feedback: [{ ...dump.feedback[0], takeId: 'ghost' }] }, { as: 'cy3' })).toThrow(/nothing was imported/);
    expect(store.get('cy3')).toBeUndefined();
    expect(store.delete('cy')).toBe(true);
    expect(store.get('cy')).toBeUndefined();
    const left = db.prepare('select (select count(*) from takes) + (select count(*) from feedback) as n').get() as { n: number };
    expect(left.n).toBe(8 + 4); // only cy2's rows remain
  });

  it('survives a kill in the middle of recording feedback', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lm-profile-kill-')), 'p.db');
    const store = createProfileStore(openDatabase(file));
    store.create('dee');
    // A child records takes and ratings as fast as it can through the real repository; kill it mid-stream.
    const script = `
      import { openDatabase } from './src/store/database.ts';
      import { createProfileStore } from './src/personalize/node/profile-store.ts';
      const s = createProfileStore(openDatabase(${JSON.stringify(file)}));
      const ctx = { kind: 'film', region: 'dark-calm' };
      process.stdout.write('go\\n');
      for (let i = 0; ; i++) { s.recordTake('dee', { takeId: 'k' + i, offsets: {}, context: ctx }); s.rate('dee', 'k' + i, 1 + (i % 5)); }`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const db = openDatabase(file);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const again = createProfileStore(db);
    const s = again.get('dee')!;
    expect(s.ratings).toBeGreaterThan(0);
    // Every rating names a recorded take, and the interaction counter matches the feedback rows.
    const { seq } = db.prepare("select seq from profiles where name = 'dee'").get() as { seq: number };
    expect(seq).toBe(s.ratings);
    expect(s.takes - s.ratings).toBeLessThanOrEqual(1);
  }, 20_000);
});
