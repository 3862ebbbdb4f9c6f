/**
 * purpose: the studio's tables in the shared Leitmotif database (store/database.ts, namespace 'studio'):
 * projects, their versions (each edit is a version: undo/redo move the head, a new edit after an undo drops
 * the redo branch), every take of every cue (never deleted: the take history), and A/B picks.
 */
import type { Db, Migration } from '../../store/database.js';
import { migrate } from '../../store/database.js';
import { LeitmotifError } from '../../util/errors.js';

export const STUDIO_MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'studio projects, versions, takes, A/B picks',
    up: (db) => db.exec(`
      create table studio_projects (
        id text primary key, name text not null, created_at text not null, source_format text not null,
        script text not null, analysis text not null, head integer not null default 0);
      create table studio_versions (
        project_id text not null references studio_projects(id) on delete cascade, n integer not null,
        label text not null, state text not null, created_at text not null, primary key (project_id, n));
      create table studio_takes (
        project_id text not null references studio_projects(id) on delete cascade, cue_id text not null,
        n integer not null, seed integer not null, origin text not null, parent integer, lock text, spec text not null,
        score text not null, summary text not null, rating integer, created_at text not null,
        primary key (project_id, cue_id, n));
      create table studio_ab_picks (
        id integer primary key autoincrement, project_id text not null references studio_projects(id) on delete cascade,
        cue_id text not null, winner integer not null, loser integer not null, created_at text not null);`),
  },
];

export interface ProjectRow { id: string; name: string; created_at: string; source_format: string; script: string; analysis: string; head: number }
export interface TakeRow { project_id: string; cue_id: string; n: number; seed: number; origin: string; parent: number | null; lock: string | null; spec: string; score: string; summary: string; rating: number | null; created_at: string }

export const notFound = (what: string) => new LeitmotifError('LM_ERR_STORE', `${what} not found`, { hint: 'list projects with GET /api/projects' });

/** Typed access to the studio tables; every method is one statement or one transaction. */
export class StudioStore {
  constructor(readonly db: Db) {
    migrate(db, 'studio', STUDIO_MIGRATIONS);
  }

  private now(): string {
    return new Date().toISOString();
  }

  createProject(p: { id: string; name: string; format: string; script: string; analysis: unknown }, state: unknown): void {
    this.db.transaction(() => {
      this.db.prepare('insert into studio_projects (id, name, created_at, source_format, script, analysis, head) values (?, ?, ?, ?, ?, ?, 1)')
        .run(p.id, p.name, this.now(), p.format, p.script, JSON.stringify(p.analysis));
      this.db.prepare('insert into studio_versions (project_id, n, label, state, created_at) values (?, 1, ?, ?, ?)').run(p.id, 'created', JSON.stringify(state), this.now());
    })();
  }

  listProjects(): Array<{ id: string; name: string; created_at: string; source_format: string }> {
    return this.db.prepare('select id, name, created_at, source_format from studio_projects order by created_at desc').all() as Array<{ id: string; name: string; created_at: string; source_format: string }>;
  }

  project(id: string): ProjectRow {
    const row = this.db.prepare('select * from studio_projects where id = ?').get(id) as ProjectRow | undefined;
    if (!row) throw notFound(`project ${id}`);
    return row;
  }

  /** The state at the head version, and whether undo/redo are possible. */
  head(id: string): { state: unknown; n: number; label: string; canUndo: boolean; canRedo: boolean } {
    const p = this.project(id);
    const v = this.db.prepare('select n, label, state from studio_versions where project_id = ? and n = ?').get(id, p.head) as { n: number; label: string; state: string };
    const max = (this.db.prepare('select max(n) as m from studio_versions where project_id = ?').get(id) as { m: number }).m;
    return { state: JSON.parse(v.state), n: v.n, label: v.label, canUndo: p.head > 1, canRedo: p.head < max };
  }

  /** Record a new version after the head (dropping any redo branch) and make it the head. */
  commitVersion(id: string, label: string, state: unknown): number {
    return this.db.transaction(() => {
      const p = this.project(id);
      this.db.prepare('delete from studio_versions where project_id = ? and n > ?').run(id, p.head);
      const n = p.head + 1;
      this.db.prepare('insert into studio_versions (project_id, n, label, state, created_at) values (?, ?, ?, ?, ?)').run(id, n, label, JSON.stringify(state), this.now());
      this.db.prepare('update studio_projects set head = ? where id = ?').run(n, id);
      return n;
    })();
  }

  /** Move the head one version back (-1) or forward (+1); returns the label of the step undone or redone. */
  moveHead(id: string, step: -1 | 1): string | null {
    const p = this.project(id);
    const target = p.head + step;
    const v = this.db.prepare('select label from studio_versions where project_id = ? and n = ?').get(id, step < 0 ? p.head : target) as { label: string } | undefined;
    if (target < 1 || !this.db.prepare('select 1 from studio_versions where project_id = ? and n = ?').get(id, target)) return null;
    this.db.prepare('update studio_projects set head = ? where id = ?').run(target, id);
    return v?.label ?? null;
  }

  addTake(t: Omit<TakeRow, 'n' | 'created_at' | 'rating'>): number {
    return this.db.transaction(() => {
      const max = (this.db.prepare('select max(n) as m from studio_takes where project_id = ? and cue_id = ?').get(t.project_id, t.cue_id) as { m: number | null }).m ?? 0;
      const n = max + 1;
      this.db.prepare('insert into studio_takes (project_id, cue_id, n, seed, origin, parent, lock, spec, score, summary, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(t.project_id, t.cue_id, n, t.seed, t.origin, t.parent, t.lock, t.spec, t.score, t.summary, this.now());
      return n;
    })();
  }

  take(project: string, cue: string, n: number): TakeRow {
    const row = this.db.prepare('select * from studio_takes where project_id = ? and cue_id = ? and n = ?').get(project, cue, n) as TakeRow | undefined;
    if (!row) throw notFound(`take ${n} of cue ${cue}`);
    return row;
  }

  takes(project: string, cue?: string): Array<Omit<TakeRow, 'score' | 'spec' | 'summary'> & { summary: string }> {
    const sql = 'select project_id, cue_id, n, seed, origin, parent, lock, summary, rating, created_at from studio_takes where project_id = ?' + (cue ? ' and cue_id = ?' : '') + ' order by cue_id, n';
    return (cue ? this.db.prepare(sql).all(project, cue) : this.db.prepare(sql).all(project)) as Array<Omit<TakeRow, 'score' | 'spec' | 'summary'> & { summary: string }>;
  }

  rate(project: string, cue: string, n: number, rating: number): void {
    this.take(project, cue, n);
    this.db.prepare('update studio_takes set rating = ? where project_id = ? and cue_id = ? and n = ?').run(rating, project, cue, n);
  }

  addPick(project: string, cue: string, winner: number, loser: number): number {
    return Number(this.db.prepare('insert into studio_ab_picks (project_id, cue_id, winner, loser, created_at) values (?, ?, ?, ?, ?)').run(project, cue, winner, loser, this.now()).lastInsertRowid);
  }

  picks(project: string): Array<{ id: number; cue_id: string; winner: number; loser: number; created_at: string }> {
    return this.db.prepare('select id, cue_id, winner, loser, created_at from studio_ab_picks where project_id = ? order by id').all(project) as Array<{ id: number; cue_id: string; winner: number; loser: number; created_at: string }>;
  }
}
