/**
 * purpose: serving files from one folder and nothing outside it — a built bundle or a project's render folder.
 * The request path is decoded once, must stay inside the root after resolving (no `..`, no absolute paths, no
 * NUL), and must still be inside after following symlinks; anything else is a 404, never a file elsewhere.
 */
import { createReadStream, realpathSync, statSync } from 'node:fs';
import { extname, isAbsolute, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.wav': 'audio/wav', '.mid': 'audio/midi', '.musicxml': 'application/vnd.recordare.musicxml+xml',
  '.csv': 'text/csv; charset=utf-8', '.sf3': 'application/octet-stream', '.wasm': 'application/wasm', '.map': 'application/json', '.txt': 'text/plain; charset=utf-8',
};

export const contentType = (p: string) => TYPES[extname(p).toLowerCase()] ?? 'application/octet-stream';

/**
 * The absolute path of `rel` inside `root`, or null when it would leave the root or is not a file.
 * @example safeFile('/srv/app', '../etc/passwd') // null
 */
export function safeFile(root: string, rel: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rel);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || isAbsolute(decoded) || /^[a-zA-Z]:/.test(decoded)) return null;
  const parts = decoded.split(/[\\/]+/);
  if (parts.includes('..')) return null;
  const base = resolve(root);
  const full = resolve(base, normalize(join('.', decoded)));
  if (full !== base && !full.startsWith(base + sep)) return null;
  try {
    const real = realpathSync(full);
    const realBase = realpathSync(base);
    if (real !== realBase && !real.startsWith(realBase + sep)) return null;
    if (!statSync(real).isFile()) return null;
    return real;
  } catch {
    return null;
  }
}

export function fileStream(path: string): { stream: NodeJS.ReadableStream; size: number; type: string } {
  return { stream: createReadStream(path), size: statSync(path).size, type: contentType(path) };
}
