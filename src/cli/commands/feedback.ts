/**
 * purpose: `leitmotif feedback --profile NAME --take ID --rating like|dislike|1..5` and
 * `leitmotif feedback --profile NAME --prefer ID --over ID` — tell a profile what you thought of its takes
 * (ids printed by compose/score/play --profile and kept in each take's provenance.json). Prints how the
 * learned taste moved.
 */
import type { Command } from 'commander';
import { openDatabase } from '../../store/database.js';
import { defaultDatabasePath } from '../../store/data-dir.js';
import { createProfileStore } from '../../personalize/node/profile-store.js';
import { SIGNAL_KINDS, type SignalKind } from '../../personalize/index.js';
import { OFFSET_KEYS } from '../../cue/index.js';
import { badOption } from '../flags.js';
import { LeitmotifError } from '../../util/errors.js';

interface FeedbackFlags {
  profile: string;
  db?: string;
  take?: string;
  rating?: string;
  signal?: string;
  prefer?: string;
  over?: string;
}

/** @example parseRating('like') // 'like' */
export function parseRating(v: string): 'like' | 'dislike' | number {
  const t = v.trim().toLowerCase();
  if (t === 'like' || t === 'dislike') return t;
  if (/^[1-5]$/.test(t)) return Number(t);
  throw badOption(`--rating must be like, dislike or a whole number 1..5, got "${v}"`);
}

export function register(program: Command): void {
  program
    .command('feedback')
    .description('rate a take, or pick the better of an A/B pair, for a profile to learn from')
    .requiredOption('--profile <name>', 'the profile the takes were made for')
    .option('--db <file>', 'profile database (default: leitmotif.db in the user data folder, or $LEITMOTIF_DATA_DIR)')
    .option('--take <id>', 'the take to rate (with --rating or --signal)')
    .option('--rating <r>', 'like, dislike, or 1..5 stars')
    .option('--signal <kind>', `an implicit signal for the take: ${SIGNAL_KINDS.join(', ')}`)
    .option('--prefer <id>', 'the take you preferred (with --over)')
    .option('--over <id>', 'the take you liked less')
    .addHelpText('after', '\nExamples:\n  leitmotif feedback --profile director --take tk-abc --rating 4\n  leitmotif feedback --profile director --prefer tk-abc --over tk-def')
    .action((o: FeedbackFlags) => {
      const pairwise = o.prefer !== undefined || o.over !== undefined;
      const single = o.take !== undefined || o.rating !== undefined || o.signal !== undefined;
      if (pairwise === single) throw badOption('give either --take ID --rating R (or --signal KIND), or --prefer ID --over ID', 'one piece of feedback per call');
      if (pairwise && (!o.prefer || !o.over)) throw badOption('--prefer needs --over (and --over needs --prefer): the two takes of an A/B pair');
      if (single && !o.take) throw badOption('--rating and --signal need --take ID');
      if (single && (o.rating === undefined) === (o.signal === undefined)) throw badOption('give --rating or --signal with --take, not both and not neither');
      const rating = o.rating === undefined ? undefined : parseRating(o.rating);
      if (o.signal !== undefined && !(SIGNAL_KINDS as string[]).includes(o.signal)) throw badOption(`--signal must be one of ${SIGNAL_KINDS.join(', ')}, got "${o.signal}"`);
      const db = openDatabase(o.db ?? defaultDatabasePath());
      try {
        const store = createProfileStore(db);
        const before = store.get(o.profile);
        if (!before) throw new LeitmotifError('LM_ERR_STORE', `there is no profile named "${o.profile}"`, { hint: `create it with \`leitmotif profile create ${o.profile}\`` });
        if (pairwise) store.prefer(o.profile, o.prefer!, o.over!);
        else if (rating !== undefined) store.rate(o.profile, o.take!, rating);
        else store.signal(o.profile, o.take!, o.signal as SignalKind);
        const after = store.get(o.profile)!;
        const moved = OFFSET_KEYS.map((k) => ({ k, d: after.offsets[k].mean - before.offsets[k].mean, m: after.offsets[k].mean }))
          .filter((x) => Math.abs(x.d) >= 0.01)
          .sort((a, b) => Math.abs(b.d) - Math.abs(a.d))
          .slice(0, 4)
          .map((x) => `${x.k} ${(x.m >= 0 ? '+' : '') + x.m.toFixed(2)} (${x.d >= 0 ? '+' : ''}${x.d.toFixed(2)})`);
        process.stdout.write(`recorded for ${o.profile}: ${after.ratings} ratings, ${after.pairwise} picks, ${after.signals} signals${moved.length ? `; taste now ${moved.join(', ')}` : ''}\n`);
      } finally {
        db.close();
      }
    });
}
