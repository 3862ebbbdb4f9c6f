/**
 * purpose: `leitmotif studio [--port N] [--db FILE] [--open]` — start Leitmotif Studio, the local web app where a
 * composer and the AI score a film together, on 127.0.0.1. Builds the page on first start (no build step for
 * the user), keeps projects in the shared database, and stops cleanly on Ctrl-C.
 */
import type { Command } from 'commander';
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { openDatabase } from '../../store/database.js';
import { defaultDatabasePath } from '../../store/data-dir.js';
import { loadDefaultStyleModels } from '../../style/node.js';
import { loadTextModel } from '../../affect/node.js';
import { buildStudioServer } from '../../studio/server/server.js';
import { ensureAppBuilt, ensureDemoBuilt } from '../../studio/server/app-build.js';
import { badOption } from '../flags.js';
import { createProfileStore } from '../../personalize/node/profile-store.js';
import { profilePreferenceSink } from '../../studio/server/profile-sink.js';
import { LeitmotifError } from '../../util/errors.js';

interface StudioFlags {
  port: string;
  db?: string;
  open?: boolean;
  /** Personalise fresh takes and learn from the studio's A/B picks and ratings (created when missing). */
  profile?: string;
}

/** Open a URL in the user's browser; failure is only a hint (the URL is printed anyway). */
function openBrowser(url: string): void {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url];
  try {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.on('error', () => process.stderr.write(`could not open a browser; open ${url} yourself\n`));
    child.unref();
  } catch {
    process.stderr.write(`could not open a browser; open ${url} yourself\n`);
  }
}

export async function runStudio(f: StudioFlags): Promise<{ url: string; close: () => Promise<void> }> {
  const port = Number(f.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw badOption(`--port must be a port number 0–65535, got "${f.port}"`);
  const dbFile = resolve(f.db ?? defaultDatabasePath());
  const db = openDatabase(dbFile);
  const log = (s: string) => process.stderr.write(s + '\n');
  let preferences;
  if (f.profile) {
    const profiles = createProfileStore(db);
    if (!profiles.get(f.profile)) {
      profiles.create(f.profile);
      log(`created profile ${f.profile} in ${dbFile}`);
    }
    preferences = profilePreferenceSink(profiles, f.profile);
  }
  const appDir = await ensureAppBuilt(undefined, log);
  const { app } = await buildStudioServer({
    db, projectsDir: join(dirname(dbFile), 'studio-projects'), appDir, demoDir: () => ensureDemoBuilt(undefined, log),
    models: loadDefaultStyleModels(), textModel: loadTextModel(), ...(preferences ? { preferences } : {}),
  });
  try {
    await app.listen({ host: '127.0.0.1', port });
  } catch (e) {
    db.close();
    const code = (e as NodeJS.ErrnoException).code;
    throw new LeitmotifError('LM_ERR_BAD_OPTION', `cannot listen on 127.0.0.1:${port}: ${code ?? (e as Error).message}`, { hint: code === 'EADDRINUSE' ? 'another program uses that port; pass --port N (or --port 0 for any free port)' : 'pass another --port' });
  }
  const addr = app.server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : port}/`;
  return { url, close: async () => { await app.close(); db.close(); } };
}

export function register(program: Command): void {
  program
    .command('studio')
    .description('Leitmotif Studio: a local web app to score a film with the AI (arc, cue sheet, piano roll, lock & regenerate, motifs, A/B)')
    .option('--port <n>', 'port on 127.0.0.1 (0 = any free port)', '4173')
    .option('--db <file>', 'project database (default: the shared Leitmotif database in your data folder)')
    .option('--open', 'open the studio in your browser')
    .option('--profile <name>', 'steer fresh takes by this listener/director profile and teach it from A/B picks and ratings (created if missing)')
    .action(async (f: StudioFlags) => {
      const s = await runStudio(f);
      process.stdout.write(`Leitmotif Studio on ${s.url}  (Ctrl-C to stop)\n`);
      if (f.open) openBrowser(s.url);
      await new Promise<void>((done) => {
        const stop = () => { void s.close().then(done); };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
