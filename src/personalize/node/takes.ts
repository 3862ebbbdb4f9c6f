/**
 * purpose: the edge where a command meets a profile — open the store named by `--db` (default: the user's
 * data folder), check the profile exists, choose the take(s) to write (a Thompson take, or an A/B pair), mint
 * take ids, and record each take with the offsets it used once its files are safely written.
 */
import { randomBytes } from 'node:crypto';
import { openDatabase, type Db } from '../../store/database.js';
import { defaultDatabasePath } from '../../store/data-dir.js';
import { LeitmotifError } from '../../util/errors.js';
import { Rng, hashString } from '../../util/rng.js';
import type { OffsetKey, Taste } from '../../cue/taste.js';
import { contextKey, type TasteContext } from '../evidence.js';
import { createProfileStore, type ProfileStore } from './profile-store.js';

export interface OpenedProfile {
  db: Db;
  store: ProfileStore;
  name: string;
  dbPath: string;
}

/**
 * The store and profile named by the flags (undefined without --profile).
 * @example const p = openProfile({ profile: 'director' }); p?.store.get('director')
 */
export function openProfile(flags: { profile?: string; db?: string }): OpenedProfile | undefined {
  if (!flags.profile) {
    if (flags.db) throw new LeitmotifError('LM_ERR_BAD_OPTION', '--db only matters with --profile NAME', { hint: 'add --profile NAME, or drop --db' });
    return undefined;
  }
  const dbPath = flags.db ?? defaultDatabasePath();
  const db = openDatabase(dbPath);
  const store = createProfileStore(db);
  if (!store.get(flags.profile)) {
    db.close();
    throw new LeitmotifError('LM_ERR_STORE', `there is no profile named "${flags.profile}" in ${dbPath}`, { hint: `create it with \`leitmotif profile create ${flags.profile}\`${flags.db ? ` --db ${flags.db}` : ''}` });
  }
  return { db, store, name: flags.profile, dbPath };
}

/** A fresh take id: "tk-" and 10 base-32 characters (random at the edge; the music stays seeded). */
export function newTakeId(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  return 'tk-' + [...randomBytes(10)].map((b) => alphabet[b % 32]).join('');
}

export interface PlannedTake {
  takeId: string;
  taste: Taste;
  context: TasteContext;
  /** What provenance.json records about the take. */
  provenance: { take: string; profile: string; context: string; offsets: Taste };
}

/**
 * The take(s) to write now. The draw is seeded by the spec seed and how many takes the profile has, so the same
 * request on the same history gives the same offsets, and each new request explores afresh. `inert`: offsets
 * this cue cannot express (cue/taste.ts inertOffsets), which an A/B pair must not differ in.
 * @example planTakes(opened, { kind: 'film', region: 'dark-calm' }, 1, 2).length // 2
 */
export function planTakes(p: OpenedProfile, context: TasteContext, seed: number, variants: 1 | 2, inert: readonly OffsetKey[] = []): PlannedTake[] {
  const history = p.store.get(p.name)!.takes;
  const rng = new Rng(hashString(`${seed}:${p.name}:${history}:${contextKey(context)}`));
  return p.store.suggest(p.name, context, rng, variants, inert).map((taste) => {
    const takeId = newTakeId();
    return { takeId, taste, context, provenance: { take: takeId, profile: p.name, context: contextKey(context), offsets: taste } };
  });
}

/** Record a written take (after its files are complete, so feedback never names a take that does not exist). */
export function recordTake(p: OpenedProfile, t: PlannedTake): void {
  p.store.recordTake(p.name, { takeId: t.takeId, offsets: t.taste, context: t.context });
}
