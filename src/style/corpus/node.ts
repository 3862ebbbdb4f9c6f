/**
 * purpose: (Node only: reads the file system) turn corpus paths (folders searched recursively, or files) into pieces: dispatch by extension
 * (.abc, .mid/.midi, .json chorales), hash every file for the manifest, drop duplicate pieces (the same music
 * from overlapping files or several grid resolutions), and collect warnings — a bad file is skipped, never fatal.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { LeitmotifError } from '../../util/errors.js';
import type { ManifestEntry } from '../model-file.js';
import { readAbc } from './abc.js';
import { looksLikeChorales, readChoraleJson } from './chorales.js';
import { readMidi } from './midi.js';
import type { CorpusPiece, LoadedCorpus, ReadResult } from './types.js';

const EXTENSIONS = /\.(abc|mid|midi|json)$/i;

export type { LoadedCorpus } from './types.js';

export interface LoadCorpusOptions {
  /** Licence text per file (default: a function of the path; else "unspecified"). */
  licence?: (path: string) => string;
  onProgress?: (fraction: number, label: string) => void;
}

/** Every corpus file under the given paths, sorted for a deterministic order. */
export function findCorpusFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code && code !== 'ENOENT' && code !== 'ENOTDIR') throw new LeitmotifError('LM_ERR_INPUT_UNREADABLE', `cannot read corpus path ${p}: ${code}`, { cause: e });
      throw new LeitmotifError('LM_ERR_INPUT_NOT_FOUND', `corpus path not found: ${p}`, { hint: 'pass folders or .abc/.mid/.json files', cause: e });
    }
    if (st.isDirectory()) {
      for (const e of readdirSync(p).sort()) {
        if (e.startsWith('.') || e === 'node_modules') continue;
        const q = join(p, e);
        const s = statSync(q);
        if (s.isDirectory()) walk(q);
        else if (EXTENSIONS.test(e)) out.push(q);
      }
    } else out.push(p);
  };
  for (const p of paths) walk(p);
  return [...new Set(out)];
}

/**
 * A fingerprint of the music itself: the melody sampled at every quarter beat, as intervals (so the same tune
 * transposed, or the same chorale at another grid resolution, is recognised). Equal fingerprints = duplicates.
 */
function fingerprint(p: CorpusPiece): string {
  const m = p.melody;
  if (m.length === 0) return p.id;
  const end = m[m.length - 1].onset + m[m.length - 1].duration;
  const parts: number[] = [];
  let j = 0;
  for (let t = 0; t < end; t += 1) {
    while (j + 1 < m.length && m[j + 1].onset <= t + 1e-6) j++;
    parts.push(m[j].pitch);
  }
  const steps = parts.slice(1).map((p, i) => p - parts[i]);
  return createHash('sha1').update(Int16Array.from(steps)).digest('hex');
}

export function readCorpusFile(path: string, name: string): ReadResult {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    return { pieces: [], warnings: [`${name}: unreadable (${(e as NodeJS.ErrnoException).code ?? e})`] };
  }
  return readCorpusBytes(bytes, name);
}

export function readCorpusBytes(bytes: Uint8Array, name: string): ReadResult {
  const lower = name.toLowerCase();
  try {
    if (lower.endsWith('.abc')) return readAbc(Buffer.from(bytes).toString('utf8'), name);
    if (lower.endsWith('.mid') || lower.endsWith('.midi')) return readMidi(bytes, name);
    if (lower.endsWith('.json')) {
      let data: unknown;
      try {
        data = JSON.parse(Buffer.from(bytes).toString('utf8'));
      } catch (e) {
        return { pieces: [], warnings: [`${name}: not valid JSON (${(e as Error).message})`] };
      }
      if (!looksLikeChorales(data)) return { pieces: [], warnings: [`${name}: skipped (JSON without train/valid/test chorale lists)`] };
      return readChoraleJson(data, name);
    }
    return { pieces: [], warnings: [`${name}: skipped (unknown extension; expected .abc, .mid, .midi or .json)`] };
  } catch (e) {
    return { pieces: [], warnings: [`${name}: skipped (${(e as Error).message})`] };
  }
}

export function loadCorpus(paths: readonly string[], opts: LoadCorpusOptions = {}): LoadedCorpus {
  const files = findCorpusFiles(paths);
  if (files.length === 0) throw new LeitmotifError('LM_ERR_CORPUS_MISSING', `no .abc, .mid, .midi or .json files under ${paths.join(', ')}`);
  const base = commonBase(files.map((f) => resolve(f)));
  const pieces: CorpusPiece[] = [];
  const manifest: ManifestEntry[] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();
  let skippedFiles = 0;
  let duplicatesRemoved = 0;
  files.forEach((f, i) => {
    const name = relative(base, resolve(f)) || f;
    opts.onProgress?.(i / files.length, name);
    let bytes: Buffer;
    try {
      bytes = readFileSync(f);
    } catch (e) {
      warnings.push(`${name}: unreadable (${(e as NodeJS.ErrnoException).code ?? e})`);
      skippedFiles++;
      return;
    }
    const r = readCorpusBytes(bytes, name);
    warnings.push(...r.warnings);
    let kept = 0;
    for (const p of r.pieces) {
      const fp = fingerprint(p);
      if (seen.has(fp)) {
        duplicatesRemoved++;
        continue;
      }
      seen.add(fp);
      pieces.push(p);
      kept++;
    }
    if (r.pieces.length === 0) skippedFiles++;
    manifest.push({
      path: name,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      bytes: bytes.length,
      format: r.pieces[0]?.format ?? 'unreadable',
      pieces: kept,
      licence: opts.licence?.(name) ?? 'unspecified',
    });
  });
  opts.onProgress?.(1, '');
  return { pieces, manifest, warnings, skippedFiles, duplicatesRemoved };
}

function commonBase(paths: string[]): string {
  if (paths.length === 1) return resolve(paths[0], '..');
  const split = paths.map((p) => p.split('/'));
  const first = split[0];
  let k = 0;
  while (k < first.length - 1 && split.every((s) => s[k] === first[k])) k++;
  return first.slice(0, k).join('/') || '/';
}
