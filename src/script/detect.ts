/**
 * purpose: decide which reader a text goes to. Explicit format wins; then the file extension
 * (.fountain/.spmd → Fountain, .fdx → Final Draft, .txt/.md → Fountain if it reads like a screenplay, else plain);
 * then the content itself.
 */
import { looksLikeHeading } from './heading.js';

export type ScriptFormat = 'fountain' | 'fdx' | 'plain';

export function formatFromFilename(filename: string | undefined): ScriptFormat | 'detect' | undefined {
  if (!filename) return undefined;
  const ext = /\.([^./\\]+)$/.exec(filename.toLowerCase())?.[1];
  if (ext === 'fountain' || ext === 'spmd') return 'fountain';
  if (ext === 'fdx') return 'fdx';
  if (ext === 'txt' || ext === 'md' || ext === 'markdown' || ext === 'text') return 'detect';
  return undefined;
}

export function looksLikeFdx(text: string): boolean {
  const head = text.slice(0, 2048).trimStart();
  return /^<FinalDraft\b/i.test(head) || (head.startsWith('<') && /<FinalDraft\b/i.test(head));
}

/**
 * Fountain when the text has a scene heading (INT./EXT./EST…, or a forced `.HEADING`) after a blank line, a
 * title page, or character cues: an ALL CAPS line after a blank line followed by a mixed-case line — at least
 * two of them with one name repeated (a single capitalised line over a paragraph is a prose heading).
 */
export function looksLikeFountain(text: string): boolean {
  const lines = text.slice(0, 400_000).split('\n');
  if (/^(title|credit|author|authors|draft date)\s*:/i.test(lines.find((l) => l.trim() !== '')?.trim() ?? '')) return true;
  const cues = new Map<string, number>();
  let cueCount = 0;
  for (let k = 0; k < lines.length; k++) {
    const prevBlank = k === 0 || lines[k - 1].trim() === '';
    if (!prevBlank) continue;
    const t = lines[k].trim();
    if (!t) continue;
    if (looksLikeHeading(t) && (k + 1 >= lines.length || lines[k + 1].trim() === '')) return true;
    if (/^\.[\p{Lu}\p{N}]/u.test(t) && t === t.toUpperCase() && (k + 1 >= lines.length || lines[k + 1].trim() === '')) return true;
    const next = lines[k + 1]?.trim() ?? '';
    const name = t.replace(/\([^()]*\)/g, '').replace(/\^$/, '').trim();
    if (next && name.length <= 40 && /\p{Lu}/u.test(name) && name === name.toUpperCase() && !/[.!?,:;]$/.test(name) && next !== next.toUpperCase()) {
      cueCount++;
      cues.set(name, (cues.get(name) ?? 0) + 1);
    }
  }
  return cueCount >= 2 && [...cues.values()].some((c) => c >= 2);
}

export function detectFormat(text: string, opts: { format?: ScriptFormat; filename?: string } = {}): ScriptFormat {
  if (opts.format) return opts.format;
  const byName = formatFromFilename(opts.filename);
  if (byName === 'fountain' || byName === 'fdx') return byName;
  if (byName === undefined && looksLikeFdx(text)) return 'fdx';
  return looksLikeFountain(text) ? 'fountain' : 'plain';
}
