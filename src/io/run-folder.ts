/**
 * purpose: a command's outputs appear complete or not at all — per folder, not only per file. A run writes into a
 * staging folder inside the output folder; only when everything is written are the files moved into place (each
 * by rename), outputs a previous run listed in its provenance.json but this run did not make are removed (no
 * mixed folders after a re-run with other options), and provenance.json — the manifest, with every hash — moves
 * last. Output paths are checked before any work starts, and staging folders or temp files left by killed runs
 * are removed.
 */
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { LeitmotifError } from '../util/errors.js';
import { ensureDir } from './atomic-write.js';

const STAGE_PREFIX = '.leitmotif-run-';
let counter = 0;

export interface RunFolder {
  /** The final output folder. */
  readonly out: string;
  /** The staging folder the run writes into. */
  readonly stage: string;
  /** Where to write an output (relative name, `/` for subfolders) during the run. */
  path(name: string): string;
  /** Move every staged file into place (manifest last); returns the final paths. */
  commit(manifest?: string): string[];
  /** Drop everything the run staged (on failure). */
  abort(): void;
}

const alive = (pid: number): boolean => {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Staging folders and `.name.<pid>.<n>.tmp` files of runs whose process is gone. */
function removeStale(dir: string): void {
  let entries: string[] = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const e of entries) {
    const run = new RegExp(`^${STAGE_PREFIX.replace(/[.]/g, '\\.')}(\\d+)-\\d+$`).exec(e);
    const tmp = /^\..+\.(\d+)\.\d+\.tmp$/.exec(e);
    const pid = Number((run ?? tmp)?.[1]);
    if ((run || tmp) && !alive(pid)) rmSync(join(dir, e), { recursive: true, force: true });
  }
}

/**
 * Check, without creating anything, that a run's outputs can go into `out`: no file where the folder (or a
 * planned subfolder) goes, no folder where a planned file goes. Call it before the work; openRunFolder repeats it.
 *
 * @example
 * checkRunTargets('out', ['score.mid', 'stems/']); // throws when out/stems is a file
 */
export function checkRunTargets(out: string, planned: readonly string[] = []): void {
  const dir = resolve(out);
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    throw new LeitmotifError('LM_ERR_OUTPUT_UNWRITABLE', `cannot write into ${dir}: it is a file, not a folder`, { hint: 'choose an output folder with -o' });
  }
  for (const name of planned) {
    const folder = name.endsWith('/');
    const target = join(dir, folder ? name.slice(0, -1) : name);
    if (!existsSync(target)) continue;
    const isDir = statSync(target).isDirectory();
    if (folder !== isDir) {
      throw new LeitmotifError('LM_ERR_OUTPUT_UNWRITABLE', `cannot write ${target}: a ${isDir ? 'folder' : 'file'} is in the way of the ${folder ? 'folder' : 'file'} this run writes there`, {
        hint: 'move it away, or choose another output folder with -o',
      });
    }
  }
}

/**
 * Open a run into `out`. `planned` names the outputs (a trailing `/` for a folder) so that a file standing where a
 * folder must go (or the reverse) fails now, before the work, with one clear line.
 *
 * @example
 * const run = openRunFolder('out', ['score.mid', 'stems/']);
 * writeFileAtomic(run.path('score.mid'), bytes);
 * run.commit('provenance.json'); // out/score.mid appears; a re-run's leftovers are gone
 */
export function openRunFolder(out: string, planned: readonly string[] = []): RunFolder {
  const dir = resolve(out);
  checkRunTargets(dir, planned);
  ensureDir(dir);
  removeStale(dir);
  for (const sub of planned.filter((n) => n.endsWith('/'))) removeStale(join(dir, sub.slice(0, -1)));
  const stage = join(dir, `${STAGE_PREFIX}${process.pid}-${counter++}`);
  ensureDir(stage);
  const inside = (p: string) => p === dir || p.startsWith(dir + sep);
  return {
    out: dir,
    stage,
    path: (name) => join(stage, name),
    commit(manifest) {
      const staged: string[] = [];
      const walk = (d: string) => {
        for (const e of readdirSync(d)) {
          const p = join(d, e);
          if (statSync(p).isDirectory()) walk(p);
          else staged.push(relative(stage, p));
        }
      };
      walk(stage);
      // A previous run's outputs that this one did not make would leave a mixed folder: remove them.
      const fresh = new Set(staged.map((s) => s.split(sep).join('/')));
      const oldManifest = manifest ? join(dir, manifest) : null;
      if (oldManifest && existsSync(oldManifest)) {
        try {
          const old = JSON.parse(readFileSync(oldManifest, 'utf8')) as { outputs?: Array<{ path?: unknown }> };
          for (const o of old.outputs ?? []) {
            if (typeof o.path !== 'string' || fresh.has(o.path)) continue;
            const p = resolve(dir, o.path);
            if (inside(p) && p !== dir && existsSync(p) && statSync(p).isFile()) unlinkSync(p);
          }
        } catch {
          /* an unreadable old manifest: nothing is known to be stale */
        }
      }
      const order = [...staged].sort((a, b) => (a === manifest ? 1 : b === manifest ? -1 : a.localeCompare(b)));
      const final: string[] = [];
      for (const rel of order) {
        const target = join(dir, rel);
        ensureDir(dirname(target));
        renameSync(join(stage, rel), target);
        final.push(target);
      }
      rmSync(stage, { recursive: true, force: true });
      return final;
    },
    abort() {
      rmSync(stage, { recursive: true, force: true });
    },
  };
}

/**
 * Refuse an output file path that is an existing folder, before any work (a typed error, one line).
 *
 * @example
 * assertFileTarget('out/arc.svg', '--svg'); // throws when out/arc.svg is a folder
 */
export function assertFileTarget(path: string, flag: string): void {
  if (existsSync(path) && statSync(path).isDirectory()) {
    throw new LeitmotifError('LM_ERR_OUTPUT_UNWRITABLE', `${flag} ${path} is a folder; it needs a file name`, { hint: `e.g. ${flag} ${join(path, flag === '--svg' ? 'arc.svg' : 'out.json')}` });
  }
}
