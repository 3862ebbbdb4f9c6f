/** purpose: the shared store opens in WAL mode, migrates each feature's namespace once, refuses a newer schema, and survives a kill mid-write. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { openDatabase, migrate, type Migration } from './database.js';
import { cacheDir, dataDir, defaultDatabasePath } from './data-dir.js';
import { LeitmotifError } from '../util/errors.js';

const notes: Migration[] = [
  { version: 1, description: 'notes table', up: (d) => d.exec('create table notes (id integer primary key, body text not null)') },
  { version: 2, description: 'notes get a rating', up: (d) => d.exec('alter table notes add column rating integer') },
];

describe('openDatabase + migrate', () => {
  it('applies each migration once and records it per namespace', () => {
    const db = openDatabase(':memory:');
    expect(migrate(db, 'notes', notes)).toBe(2);
    expect(migrate(db, 'notes', notes)).toBe(2);
    migrate(db, 'other', [{ version: 1, description: 'other', up: (d) => d.exec('create table other (x)') }]);
    const rows = db.prepare('select namespace, version from schema_migrations order by namespace, version').all();
    expect(rows).toEqual([
      { namespace: 'notes', version: 1 },
      { namespace: 'notes', version: 2 },
      { namespace: 'other', version: 1 },
    ]);
    db.prepare('insert into notes (body, rating) values (?, ?)').run('x', 5);
  });

  it('refuses a database written by a newer schema', () => {
    const db = openDatabase(':memory:');
    migrate(db, 'notes', notes);
    expect(() => migrate(db, 'notes', notes.slice(0, 1))).toThrow(LeitmotifError);
  });

  it('rolls a failed migration back whole', () => {
    const db = openDatabase(':memory:');
    const bad: Migration[] = [{ version: 1, description: 'half', up: (d) => { d.exec('create table t (x)'); throw new Error('boom'); } }];
    expect(() => migrate(db, 'bad', bad)).toThrow('boom');
    expect(db.prepare("select count(*) as n from sqlite_master where name = 't'").get()).toEqual({ n: 0 });
  });

  it('uses WAL on a file and names the file when it cannot open it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lm-store-'));
    const db = openDatabase(join(dir, 'sub', 'a.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    expect(() => openDatabase(join(dir, 'sub'))).toThrow(/cannot open the Leitmotif database/);
  });

  it('survives a kill in the middle of writing', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lm-kill-')), 'k.db');
    const db = openDatabase(file);
    migrate(db, 'notes', notes);
    db.close();
    // A child process writes transactions of 200 rows as fast as it can; kill it without warning mid-stream.
    const script = `
      const D = require('better-sqlite3'); const db = new D(${JSON.stringify(file)});
      db.pragma('journal_mode = WAL'); db.pragma('synchronous = NORMAL');
      const ins = db.prepare('insert into notes (body) values (?)');
      const batch = db.transaction((k) => { for (let i = 0; i < 200; i++) ins.run('row ' + k + ' ' + i); });
      let k = 0; process.stdout.write('go\\n'); for (;;) batch(k++);`;
    const child = spawn(process.execPath, ['-e', script], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    await new Promise((r) => setTimeout(r, 150));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const again = openDatabase(file);
    expect(again.pragma('integrity_check', { simple: true })).toBe('ok');
    const { n } = again.prepare('select count(*) as n from notes').get() as { n: number };
    expect(n % 200).toBe(0); // whole transactions only
    expect(n).toBeGreaterThan(0);
    again.close();
  });
});

describe('dataDir', () => {
  it.each([
    [{ LEITMOTIF_DATA_DIR: '/x/lm' }, 'linux', '/x/lm'],
    [{ XDG_DATA_HOME: '/x/share' }, 'linux', '/x/share/leitmotif'],
  ] as const)('%o on %s → %s', (env, platform, want) => {
    expect(dataDir(env, platform)).toBe(want);
  });
  it('puts the database in the data folder', () => {
    expect(defaultDatabasePath({ LEITMOTIF_DATA_DIR: '/x/lm' })).toBe('/x/lm/leitmotif.db');
  });
});

describe('cacheDir', () => {
  it.each([
    [{ LEITMOTIF_CACHE_DIR: '/x/c' }, 'linux', '/x/c'],
    [{ XDG_CACHE_HOME: '/x/cache' }, 'linux', '/x/cache/leitmotif'],
  ] as const)('%o on %s → %s', (env, platform, want) => {
    expect(cacheDir(env, platform)).toBe(want);
  });
});
