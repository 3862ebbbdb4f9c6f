/**
 * purpose: where Leitmotif keeps a user's own data (profiles, takes, studio projects, signing keys) when no
 * path is given: the platform's per-user data folder, overridable with LEITMOTIF_DATA_DIR.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The per-user data folder: $LEITMOTIF_DATA_DIR, else $XDG_DATA_HOME/leitmotif, else the platform default
 * (~/.local/share/leitmotif, ~/Library/Application Support/Leitmotif, %APPDATA%\Leitmotif).
 * @example dataDir({ LEITMOTIF_DATA_DIR: '/tmp/lm' }) // '/tmp/lm'
 */
export function dataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.LEITMOTIF_DATA_DIR) return env.LEITMOTIF_DATA_DIR;
  if (env.XDG_DATA_HOME) return join(env.XDG_DATA_HOME, 'leitmotif');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Leitmotif');
  if (platform === 'win32' && env.APPDATA) return join(env.APPDATA, 'Leitmotif');
  return join(homedir(), '.local', 'share', 'leitmotif');
}

/**
 * The per-user cache folder (things Leitmotif can rebuild, such as the studio's browser bundles): kept out of the
 * checkout so built third-party code never sits beside the sources. $LEITMOTIF_CACHE_DIR, else
 * $XDG_CACHE_HOME/leitmotif, else the platform default (~/.cache/leitmotif, ~/Library/Caches/Leitmotif,
 * %LOCALAPPDATA%\Leitmotif\Cache).
 * @example cacheDir({ LEITMOTIF_CACHE_DIR: '/tmp/lm-cache' }) // '/tmp/lm-cache'
 */
export function cacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.LEITMOTIF_CACHE_DIR) return env.LEITMOTIF_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'leitmotif');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'Leitmotif');
  if (platform === 'win32' && env.LOCALAPPDATA) return join(env.LOCALAPPDATA, 'Leitmotif', 'Cache');
  return join(homedir(), '.cache', 'leitmotif');
}

/**
 * The default database file: `leitmotif.db` in the data folder (one store shared by personalization and the studio).
 * @example defaultDatabasePath({ LEITMOTIF_DATA_DIR: '/tmp/lm' }) // '/tmp/lm/leitmotif.db'
 */
export function defaultDatabasePath(env: NodeJS.ProcessEnv = process.env): string {
  return join(dataDir(env), 'leitmotif.db');
}
