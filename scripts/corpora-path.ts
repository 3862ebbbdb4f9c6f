/** purpose: find the shared corpora folder for the affect train/eval scripts (`--corpora <dir>`, default ../shared/corpora). */
import { existsSync } from 'node:fs';
import { resolve, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

export function argValue(argv: readonly string[], flag: string): string | undefined {
  const i = argv.indexOf(flag);
  if (i >= 0) return argv[i + 1];
  const eq = argv.find((a) => a.startsWith(`${flag}=`));
  return eq?.slice(flag.length + 1);
}

/** A usage error of a train/eval script: one line and a hint on stderr, exit 2 (no stack trace). */
export function exitWithHint(message: string, hint: string): never {
  process.stderr.write(`leitmotif: ${message}\n  hint: ${hint}\n`);
  process.exit(2);
}

/** Returns the corpora folder or exits with a clear message when EmoBank is not there. */
export function corporaDir(argv: readonly string[], needs: readonly string[]): string {
  const dir = resolve(argValue(argv, '--corpora') ?? join(REPO_ROOT, '..', 'shared', 'corpora'));
  const missing = needs.filter((f) => !existsSync(join(dir, f)));
  if (missing.length) {
    exitWithHint(`corpora not found in ${dir} (missing ${missing.join(', ')})`, 'pass --corpora <dir> pointing at a folder with emobank/, vader-lexicon/, afinn/ and goemotions/ (see models/affect/README.md)');
  }
  return dir;
}
