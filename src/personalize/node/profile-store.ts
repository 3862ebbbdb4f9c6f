/**
 * purpose: the profile repository on the shared SQLite store (src/store/database.ts, namespace 'personalize'):
 * profiles, the takes generated for them (with the offsets each used, so feedback can be credited) and their
 * feedback. The learning math is pure (src/personalize/); this file only reads and writes rows and asks it.
 * The studio (issue 17) calls the same API for A/B picks and ratings. A listener's data is theirs: export it
 * as JSON, import it elsewhere, delete it with everything attached (foreign keys cascade).
 */
import { z } from 'zod';
import { migrate, type Db, type Migration } from '../../store/database.js';
import { LeitmotifError } from '../../util/errors.js';
import { TasteSchema, OFFSET_KEYS, type OffsetKey, type Taste } from '../../cue/taste.js';
import type { Rng } from '../../util/rng.js';
import {
  comparisonsFrom, contextKey, ratingValue, SIGNAL_KINDS, TasteContextSchema,
  type FeedbackEvent, type SignalKind, type TakeRecord, type TasteContext,
} from '../evidence.js';
import { fitPosterior, type Posterior } from '../preference-model.js';
import { categoricalPosterior, sampleCategorical } from '../categorical.js';
import { suggestTastes } from '../suggest.js';

const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'profiles, their takes (offsets used, context) and feedback (ratings, pairwise picks, game signals)',
    up: (db) =>
      db.exec(`
        create table profiles (
          id integer primary key, name text not null unique, created_at text not null, seq integer not null default 0);
        create table takes (
          profile_id integer not null references profiles(id) on delete cascade,
          take_id text not null, offsets text not null, context text not null, created_at text not null,
          primary key (profile_id, take_id));
        create table feedback (
          id integer primary key, profile_id integer not null references profiles(id) on delete cascade,
          seq integer not null, kind text not null check (kind in ('rating', 'prefer', 'signal')),
          take_id text not null, other_take_id text, value text not null, created_at text not null,
          foreign key (profile_id, take_id) references takes(profile_id, take_id) on delete cascade,
          foreign key (profile_id, other_take_id) references takes(profile_id, take_id) on delete cascade);
        create index feedback_by_profile on feedback(profile_id, seq);`),
  },
];

/** How much history a fit reads: older evidence has decayed below 3 % of a fresh answer (0.94^60). */
const HISTORY = 60;

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export interface ProfileSummary {
  name: string;
  createdAt: string;
  takes: number;
  ratings: number;
  pairwise: number;
  signals: number;
  /** The learned taste overall: posterior mean and sd per offset. */
  offsets: Record<string, { mean: number; sd: number }>;
  /** Contexts with their own evidence, their learned means, and how much evidence each has. */
  contexts: Array<{ context: string; evidence: number; offsets: Record<string, number> }>;
  /** The categorical taste the evidence favours (palette per emotion region, lead and left-out layers). */
  preferences: Pick<Taste, 'orchestration' | 'palette'>;
}

export const ProfileExportSchema = z.object({
  format: z.literal('leitmotif-profile'),
  version: z.literal(1),
  name: z.string().regex(NAME),
  createdAt: z.string(),
  takes: z.array(z.object({ takeId: z.string().min(1).max(100), offsets: TasteSchema, context: TasteContextSchema, createdAt: z.string() })).max(100_000),
  feedback: z.array(z.object({
    seq: z.number().int().positive(),
    kind: z.enum(['rating', 'prefer', 'signal']),
    takeId: z.string(),
    otherTakeId: z.string().nullable(),
    value: z.string(),
    createdAt: z.string(),
  })).max(1_000_000),
});
export type ProfileExport = z.infer<typeof ProfileExportSchema>;

export interface ProfileStore {
  create(name: string): ProfileSummary;
  get(name: string): ProfileSummary | undefined;
  list(): string[];
  delete(name: string): boolean;
  /** Record a generated take and the offsets it used (before anyone hears it). */
  recordTake(profile: string, take: { takeId: string; offsets: Taste; context: TasteContext }): void;
  rate(profile: string, takeId: string, rating: 'like' | 'dislike' | number): void;
  prefer(profile: string, winnerTakeId: string, loserTakeId: string): void;
  signal(profile: string, takeId: string, kind: SignalKind): void;
  /** Tastes for the next take(s) in this context: one Thompson draw, or an A/B pair along the least certain offsets. */
  suggest(profile: string, context: TasteContext, rng: Rng, variants?: 1 | 2, inert?: readonly OffsetKey[]): Taste[];
  /** The taste to use without exploring (the posterior mean and the favoured choices). */
  best(profile: string, context: TasteContext): Taste;
  posterior(profile: string, context?: TasteContext): Posterior;
  export(name: string): ProfileExport;
  import(data: unknown, opts?: { as?: string }): ProfileSummary;
}

const storeError = (message: string, hint?: string) => new LeitmotifError('LM_ERR_STORE', message, hint ? { hint } : {});

/**
 * The profile repository over an open database (migrates the 'personalize' tables on first use).
 * @example
 * const store = createProfileStore(openDatabase(defaultDatabasePath()));
 * store.create('director');
 * const [a, b] = store.suggest('director', { kind: 'film', region: 'dark-calm' }, new Rng(7), 2);
 * store.recordTake('director', { takeId: 'tk1', offsets: a, context: { kind: 'film', region: 'dark-calm' } });
 * store.recordTake('director', { takeId: 'tk2', offsets: b, context: { kind: 'film', region: 'dark-calm' } });
 * store.prefer('director', 'tk2', 'tk1');
 * store.get('director')?.pairwise // 1
 */
export function createProfileStore(db: Db): ProfileStore {
  migrate(db, 'personalize', MIGRATIONS);
  const q = {
    insertProfile: db.prepare('insert into profiles (name, created_at) values (?, ?)'),
    profile: db.prepare('select id, name, created_at as createdAt, seq from profiles where name = ?'),
    names: db.prepare('select name from profiles order by name'),
    deleteProfile: db.prepare('delete from profiles where id = ?'),
    insertTake: db.prepare('insert into takes (profile_id, take_id, offsets, context, created_at) values (?, ?, ?, ?, ?)'),
    take: db.prepare('select take_id from takes where profile_id = ? and take_id = ?'),
    takesOf: db.prepare('select take_id as takeId, offsets, context, created_at as createdAt from takes where profile_id = ? order by rowid'),
    bumpSeq: db.prepare('update profiles set seq = seq + 1 where id = ? returning seq'),
    insertFeedback: db.prepare('insert into feedback (profile_id, seq, kind, take_id, other_take_id, value, created_at) values (?, ?, ?, ?, ?, ?, ?)'),
    recent: db.prepare('select seq, kind, take_id as takeId, other_take_id as otherTakeId, value, created_at as createdAt from feedback where profile_id = ? and seq > ? order by seq'),
    allFeedback: db.prepare('select seq, kind, take_id as takeId, other_take_id as otherTakeId, value, created_at as createdAt from feedback where profile_id = ? order by seq'),
    counts: db.prepare("select kind, count(*) as n from feedback where profile_id = ? group by kind"),
    takeCount: db.prepare('select count(*) as n from takes where profile_id = ?'),
    takesById: db.prepare('select take_id as takeId, offsets, context from takes where profile_id = ? and take_id in (select value from json_each(?))'),
  };
  type Row = { id: number; name: string; createdAt: string; seq: number };
  type FeedbackRow = { seq: number; kind: 'rating' | 'prefer' | 'signal'; takeId: string; otherTakeId: string | null; value: string; createdAt: string };

  const need = (name: string): Row => {
    const row = q.profile.get(name) as Row | undefined;
    if (!row) throw storeError(`there is no profile named "${name}"`, `create it with \`leitmotif profile create ${NAME.test(name) ? name : 'NAME'}\``);
    return row;
  };
  const needTake = (p: Row, takeId: string) => {
    if (!q.take.get(p.id, takeId)) throw storeError(`profile "${p.name}" has no take "${takeId}"`, 'use the take id printed by compose, score or play with --profile (also in the take\'s provenance.json)');
  };

  const addFeedback = db.transaction((p: Row, kind: FeedbackRow['kind'], takeId: string, other: string | null, value: string) => {
    const { seq } = q.bumpSeq.get(p.id) as { seq: number };
    q.insertFeedback.run(p.id, seq, kind, takeId, other, value, new Date().toISOString());
  });

  /** Feedback the model still weighs, and the takes it mentions. */
  const evidenceOf = (p: Row) => {
    const rows = q.recent.all(p.id, p.seq - HISTORY) as FeedbackRow[];
    const ids = [...new Set(rows.flatMap((r) => (r.otherTakeId ? [r.takeId, r.otherTakeId] : [r.takeId])))];
    const takes = new Map<string, TakeRecord>();
    for (const t of q.takesById.all(p.id, JSON.stringify(ids)) as Array<{ takeId: string; offsets: string; context: string }>) {
      takes.set(t.takeId, { takeId: t.takeId, offsets: TasteSchema.parse(JSON.parse(t.offsets)), context: TasteContextSchema.parse(JSON.parse(t.context)) });
    }
    const events: FeedbackEvent[] = rows.map((r) =>
      r.kind === 'prefer' ? { kind: 'prefer', seq: r.seq, winner: r.takeId, loser: r.otherTakeId ?? '' }
        : r.kind === 'rating' ? { kind: 'rating', seq: r.seq, takeId: r.takeId, rating: Number(r.value) }
          : { kind: 'signal', seq: r.seq, takeId: r.takeId, signal: r.value as SignalKind });
    return comparisonsFrom(takes, events);
  };

  const summary = (p: Row): ProfileSummary => {
    const comparisons = evidenceOf(p);
    const overall = fitPosterior(comparisons, undefined);
    const counts = Object.fromEntries((q.counts.all(p.id) as Array<{ kind: string; n: number }>).map((r) => [r.kind, r.n]));
    const byContext = new Map<string, number>();
    for (const c of comparisons) byContext.set(c.context, (byContext.get(c.context) ?? 0) + c.weight);
    const contexts = [...byContext.entries()].sort((a, b) => b[1] - a[1]).map(([context, evidence]) => {
      const post = fitPosterior(comparisons, context);
      return { context, evidence: round(evidence), offsets: Object.fromEntries(OFFSET_KEYS.map((k, i) => [k, round(post.mean[i])])) };
    });
    return {
      name: p.name,
      createdAt: p.createdAt,
      takes: (q.takeCount.get(p.id) as { n: number }).n,
      ratings: counts.rating ?? 0,
      pairwise: counts.prefer ?? 0,
      signals: counts.signal ?? 0,
      offsets: Object.fromEntries(OFFSET_KEYS.map((k, i) => [k, { mean: round(overall.mean[i]), sd: round(overall.sd[i]) }])),
      contexts,
      preferences: sampleCategorical(categoricalPosterior(comparisons)),
    };
  };

  const store: ProfileStore = {
    create(name) {
      if (!NAME.test(name)) throw new LeitmotifError('LM_ERR_BAD_OPTION', `profile name "${name}" is not usable`, { hint: 'use 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit' });
      if (q.profile.get(name)) throw storeError(`a profile named "${name}" already exists`, `see it with \`leitmotif profile show ${name}\`, or pick another name`);
      q.insertProfile.run(name, new Date().toISOString());
      return summary(need(name));
    },
    get(name) {
      const row = q.profile.get(name) as Row | undefined;
      return row ? summary(row) : undefined;
    },
    list: () => (q.names.all() as Array<{ name: string }>).map((r) => r.name),
    delete(name) {
      const row = q.profile.get(name) as Row | undefined;
      if (!row) return false;
      q.deleteProfile.run(row.id);
      return true;
    },
    recordTake(profile, take) {
      const p = need(profile);
      const offsets = TasteSchema.parse(take.offsets);
      const context = TasteContextSchema.parse(take.context);
      if (q.take.get(p.id, take.takeId)) throw storeError(`profile "${profile}" already has a take "${take.takeId}"`);
      q.insertTake.run(p.id, take.takeId, JSON.stringify(offsets), JSON.stringify(context), new Date().toISOString());
    },
    rate(profile, takeId, rating) {
      const p = need(profile);
      const r = ratingValue(rating);
      if (!Number.isInteger(r) || r < 1 || r > 5) throw new LeitmotifError('LM_ERR_BAD_OPTION', `a rating is like, dislike or 1..5, got "${rating}"`);
      needTake(p, takeId);
      addFeedback(p, 'rating', takeId, null, String(r));
    },
    prefer(profile, winner, loser) {
      const p = need(profile);
      if (winner === loser) throw new LeitmotifError('LM_ERR_BAD_OPTION', 'a take cannot be preferred over itself', { hint: 'pass the two take ids of an A/B pair: --prefer ID --over OTHER_ID' });
      needTake(p, winner);
      needTake(p, loser);
      addFeedback(p, 'prefer', winner, loser, 'prefer');
    },
    signal(profile, takeId, kind) {
      const p = need(profile);
      if (!SIGNAL_KINDS.includes(kind)) throw new LeitmotifError('LM_ERR_BAD_OPTION', `unknown signal "${kind}"`, { hint: `signals: ${SIGNAL_KINDS.join(', ')}` });
      needTake(p, takeId);
      addFeedback(p, 'signal', takeId, null, kind);
    },
    suggest(profile, context, rng, variants = 1, inert = []) {
      const comparisons = evidenceOf(need(profile));
      return suggestTastes(fitPosterior(comparisons, contextKey(context)), categoricalPosterior(comparisons), rng, variants, inert);
    },
    best(profile, context) {
      const comparisons = evidenceOf(need(profile));
      const post = fitPosterior(comparisons, contextKey(context));
      const rest = sampleCategorical(categoricalPosterior(comparisons));
      return TasteSchema.parse({ ...Object.fromEntries(OFFSET_KEYS.map((k, i) => [k, round(post.mean[i])])), ...rest });
    },
    posterior(profile, context) {
      return fitPosterior(evidenceOf(need(profile)), context ? contextKey(context) : undefined);
    },
    export(name) {
      const p = need(name);
      const takes = (q.takesOf.all(p.id) as Array<{ takeId: string; offsets: string; context: string; createdAt: string }>).map((t) => ({ takeId: t.takeId, offsets: JSON.parse(t.offsets), context: JSON.parse(t.context), createdAt: t.createdAt }));
      return { format: 'leitmotif-profile', version: 1, name: p.name, createdAt: p.createdAt, takes, feedback: q.allFeedback.all(p.id) as FeedbackRow[] };
    },
    import(data, opts = {}) {
      const r = ProfileExportSchema.safeParse(data);
      if (!r.success) throw new LeitmotifError('LM_ERR_INPUT_INVALID', `not a Leitmotif profile export: ${r.error.issues[0]?.path.join('.')} ${r.error.issues[0]?.message}`, { hint: 'export one with `leitmotif profile export NAME -o profile.json`' });
      const x = r.data;
      const name = opts.as ?? x.name;
      if (!NAME.test(name)) throw new LeitmotifError('LM_ERR_BAD_OPTION', `profile name "${name}" is not usable`, { hint: 'use 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit' });
      if (q.profile.get(name)) throw storeError(`a profile named "${name}" already exists`, `import it under another name (--as NEW_NAME), or delete the old one first`);
      try {
        importAll(name, x);
      } catch (e) {
        throw storeError(`the profile export is inconsistent (${e instanceof Error ? e.message : String(e)}); nothing was imported`, 'every feedback entry must name takes listed in the export');
      }
      return summary(need(name));
    },
  };
  const importAll = (name: string, x: ProfileExport) =>
      db.transaction(() => {
        store.create(name);
        const p = need(name);
        for (const t of x.takes) q.insertTake.run(p.id, t.takeId, JSON.stringify(t.offsets), JSON.stringify(t.context), t.createdAt);
        let seq = 0;
        for (const f of [...x.feedback].sort((a, b) => a.seq - b.seq)) {
          q.insertFeedback.run(p.id, f.seq, f.kind, f.takeId, f.otherTakeId, f.value, f.createdAt);
          seq = Math.max(seq, f.seq);
        }
        db.prepare('update profiles set seq = ?, created_at = ? where id = ?').run(seq, x.createdAt, p.id);
      })();
  return store;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
