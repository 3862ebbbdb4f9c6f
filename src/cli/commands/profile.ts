/**
 * purpose: `leitmotif profile create|show|list|export|import|delete` — listener and director profiles in the
 * embedded store (personalize/node/profile-store.ts). `show` prints what the profile has learned: each offset's
 * mean and uncertainty, how many ratings, picks and signals, per-context departures and categorical choices.
 */
import type { Command } from 'commander';
import { openDatabase } from '../../store/database.js';
import { defaultDatabasePath } from '../../store/data-dir.js';
import { createProfileStore, type ProfileStore, type ProfileSummary } from '../../personalize/node/profile-store.js';
import { OFFSET_KEYS, OFFSET_REACH } from '../../cue/index.js';
import { readJsonInput } from '../../io/read-input.js';
import { writeJsonAtomic } from '../../io/atomic-write.js';
import { LeitmotifError } from '../../util/errors.js';

const DB_FLAG = ['--db <file>', 'profile database (default: leitmotif.db in the user data folder, or $LEITMOTIF_DATA_DIR)'] as const;

function withStore<T>(db: string | undefined, f: (store: ProfileStore) => T): T {
  const handle = openDatabase(db ?? defaultDatabasePath());
  try {
    return f(createProfileStore(handle));
  } finally {
    handle.close();
  }
}

function need(store: ProfileStore, name: string): ProfileSummary {
  const p = store.get(name);
  if (!p) throw new LeitmotifError('LM_ERR_STORE', `there is no profile named "${name}"`, { hint: `create it with \`leitmotif profile create ${name}\`, or list profiles with \`leitmotif profile list\`` });
  return p;
}

/** The human view of a profile: one line per offset with a bar for the mean and ± sd. */
export function formatProfile(p: ProfileSummary): string {
  const lines = [`profile ${p.name} (since ${p.createdAt.slice(0, 10)}): ${p.takes} takes, ${p.ratings} ratings, ${p.pairwise} pairwise picks, ${p.signals} game signals`];
  lines.push('  offset        learned   ± sd   (−1 … +1)');
  for (const k of OFFSET_KEYS) {
    const { mean, sd } = p.offsets[k];
    const cells: string[] = Array.from({ length: 21 }, (_, i) => (i === 10 ? '|' : '·'));
    cells[Math.round((mean + 1) * 10)] = '●';
    lines.push(`  ${k.padEnd(12)} ${(mean >= 0 ? '+' : '') + mean.toFixed(2)}   ${sd.toFixed(2)}   ${cells.join('')}  +1: ${OFFSET_REACH[k]}`);
  }
  for (const c of p.contexts) {
    const moved = OFFSET_KEYS.filter((k) => Math.abs(c.offsets[k] - p.offsets[k].mean) >= 0.1).map((k) => `${k} ${(c.offsets[k] >= 0 ? '+' : '') + c.offsets[k].toFixed(2)}`);
    lines.push(`  in ${c.context} (evidence ${c.evidence.toFixed(1)}): ${moved.length ? moved.join(', ') : 'as overall'}`);
  }
  const pal = Object.entries(p.preferences.palette).map(([r, s]) => `${r} → ${s}`);
  if (pal.length) lines.push(`  palette: ${pal.join(', ')}`);
  for (const [style, o] of Object.entries(p.preferences.orchestration)) lines.push(`  ${style}: ${o?.lead ? `lead ${o.lead}` : 'palette lead'}${o?.avoid.length ? `, leaves out ${o.avoid.join(', ')}` : ''}`);
  if (p.ratings + p.pairwise + p.signals === 0) lines.push('  (nothing learned yet: compose with --profile and give feedback with `leitmotif feedback`)');
  return lines.join('\n');
}

export function register(program: Command): void {
  const profile = program.command('profile').description('listener/director profiles that learn a taste from feedback (create, show, list, export, import, delete)');
  profile.command('create').argument('<name>', 'profile name (letters, digits, . _ -)').description('create an empty profile').option(...DB_FLAG)
    .action((name: string, o: { db?: string }) => withStore(o.db, (s) => {
      s.create(name);
      process.stdout.write(`created profile ${name} in ${o.db ?? defaultDatabasePath()}\n`);
    }));
  profile.command('show').argument('<name>').description('what the profile has learned: offsets, uncertainty, number of ratings').option(...DB_FLAG).option('--json', 'print JSON')
    .action((name: string, o: { db?: string; json?: boolean }) => withStore(o.db, (s) => {
      const p = need(s, name);
      process.stdout.write(o.json ? JSON.stringify(p, null, 2) + '\n' : formatProfile(p) + '\n');
    }));
  profile.command('list').description('list the profiles in the store').option(...DB_FLAG)
    .action((o: { db?: string }) => withStore(o.db, (s) => { process.stdout.write(s.list().map((n) => `${n}\n`).join('')); }));
  profile.command('export').argument('<name>').description('the profile with all its takes and feedback as JSON').option(...DB_FLAG).option('-o, --out <file>', 'write to a file (default: stdout)')
    .action((name: string, o: { db?: string; out?: string }) => withStore(o.db, (s) => {
      need(s, name);
      const data = s.export(name);
      if (o.out) {
        writeJsonAtomic(o.out, data);
        process.stderr.write(`wrote ${o.out} (${data.takes.length} takes, ${data.feedback.length} feedback entries)\n`);
      } else process.stdout.write(JSON.stringify(data, null, 2) + '\n');
    }));
  profile.command('import').argument('<file>', 'a file written by `profile export`').description('import an exported profile').option(...DB_FLAG).option('--as <name>', 'import under another name')
    .action((file: string, o: { db?: string; as?: string }) => withStore(o.db, (s) => {
      const p = s.import(readJsonInput(file, 'profile export'), o.as ? { as: o.as } : {});
      process.stdout.write(`imported profile ${p.name}: ${p.takes} takes, ${p.ratings} ratings, ${p.pairwise} pairwise picks, ${p.signals} game signals\n`);
    }));
  profile.command('delete').argument('<name>').description('delete the profile and all its takes and feedback').option(...DB_FLAG)
    .action((name: string, o: { db?: string }) => withStore(o.db, (s) => {
      const p = need(s, name);
      s.delete(name);
      process.stdout.write(`deleted profile ${name} with ${p.takes} takes and ${p.ratings + p.pairwise + p.signals} feedback entries\n`);
    }));
}
