/**
 * purpose: the one embedded SQLite store (better-sqlite3) shared by personalization and the studio. It opens
 * the file in WAL mode (a kill mid-write loses at most the unfinished transaction, never the file), turns on
 * foreign keys, and applies each feature's migrations in order, recorded per namespace, so features own their
 * own tables without sharing one migration list.
 */
import Database from 'better-sqlite3';
import { dirname } from 'node:path';
import { ensureDir } from '../io/atomic-write.js';
import { LeitmotifError } from '../util/errors.js';

export type Db = Database.Database;

/** One schema step of a feature: applied once, inside a transaction, in `version` order. */
export interface Migration {
  version: number;
  /** What the step does, kept in the `schema_migrations` table for people reading the database. */
  description: string;
  up: (db: Db) => void;
}

/**
 * Open (creating when missing) the store at `file` (':memory:' for tests). Errors become LeitmotifErrors that
 * name the file.
 * @example const db = openDatabase(':memory:'); migrate(db, 'profiles', [{ version: 1, description: 'profiles', up: (d) => d.exec('create table p (id text)') }]);
 */
export function openDatabase(file: string): Db {
  try {
    if (file !== ':memory:') ensureDir(dirname(file));
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.exec(`create table if not exists schema_migrations (
      namespace text not null, version integer not null, description text not null, applied_at text not null,
      primary key (namespace, version))`);
    return db;
  } catch (e) {
    if (e instanceof LeitmotifError) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    throw new LeitmotifError('LM_ERR_STORE', `cannot open the Leitmotif database ${file}: ${msg}`, {
      hint: 'pass another file with --db FILE, or check that the folder is writable and the file is a Leitmotif database',
      exitCode: 1,
      cause: e,
    });
  }
}

/**
 * Apply the `namespace`'s migrations newer than the recorded version, each in its own transaction. A database
 * written by a newer Leitmotif (a recorded version above the newest known one) is refused rather than misread.
 * @example migrate(db, 'studio', [{ version: 1, description: 'projects', up: (d) => d.exec('create table projects (id text primary key)') }]) // 1
 */
export function migrate(db: Db, namespace: string, migrations: readonly Migration[]): number {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  const row = db.prepare('select max(version) as v from schema_migrations where namespace = ?').get(namespace) as { v: number | null };
  const current = row.v ?? 0;
  const newest = sorted.at(-1)?.version ?? 0;
  if (current > newest) {
    throw new LeitmotifError('LM_ERR_STORE', `the database's ${namespace} tables are at version ${current}, newer than this Leitmotif knows (${newest})`, {
      hint: 'upgrade Leitmotif, or use another database with --db FILE',
    });
  }
  const record = db.prepare('insert into schema_migrations (namespace, version, description, applied_at) values (?, ?, ?, ?)');
  for (const m of sorted) {
    if (m.version <= current) continue;
    db.transaction(() => {
      m.up(db);
      record.run(namespace, m.version, m.description, new Date().toISOString());
    })();
  }
  return newest;
}
