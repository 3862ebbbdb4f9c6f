/**
 * purpose: remove Fountain emphasis markup (`*italic*`, `**bold**`, `***bold italic***`, `_underline_`) and
 * resolve `\*` / `\_` escapes, in one linear pass per line (no backtracking regexes: a 5 MB line of asterisks
 * must not hang). Per the Fountain spec, emphasis does not span lines; an unmatched marker stays literal.
 */

interface Marker {
  /** index in `out` where the marker's characters begin */
  at: number;
  len: number;
  ch: '*' | '_';
}

/** Strips emphasis from one line. */
function stripLine(line: string): string {
  if (line.indexOf('*') < 0 && line.indexOf('_') < 0 && line.indexOf('\\') < 0) return line;
  const out: string[] = [];
  // Per-kind stacks of open markers: `**`, `*`, `***` and `_` pair only with their own kind.
  const open = new Map<string, Marker[]>();
  const remove = new Set<number>(); // indices in `out` to drop
  const n = line.length;
  let i = 0;
  while (i < n) {
    const c = line[i];
    if (c === '\\' && i + 1 < n && (line[i + 1] === '*' || line[i + 1] === '_' || line[i + 1] === '\\')) {
      out.push(line[i + 1]);
      i += 2;
      continue;
    }
    if (c === '*' || c === '_') {
      let j = i;
      while (j < n && line[j] === c) j++;
      const len = j - i;
      const before = i > 0 ? line[i - 1] : ' ';
      const after = j < n ? line[j] : ' ';
      const at = out.length;
      for (let k = 0; k < len; k++) out.push(c);
      if (len <= 3 || c === '_') {
        const key = c + len;
        const stack = open.get(key);
        // `_` inside a word (snake_case, URLs) is not underline.
        const wordy = c === '_';
        const canClose =
          !/\s/.test(before) && stack !== undefined && stack.length > 0 && !(wordy && /[\p{L}\p{N}]/u.test(after));
        const canOpen = !/\s/.test(after) && !(wordy && /[\p{L}\p{N}]/u.test(before));
        if (canClose) {
          const m = stack!.pop()!;
          for (let k = 0; k < m.len; k++) remove.add(m.at + k);
          for (let k = 0; k < len; k++) remove.add(at + k);
        } else if (canOpen) {
          if (stack) stack.push({ at, len, ch: c });
          else open.set(key, [{ at, len, ch: c }]);
        }
      }
      i = j;
      continue;
    }
    out.push(c);
    i++;
  }
  if (remove.size === 0) return out.join('');
  let s = '';
  for (let k = 0; k < out.length; k++) if (!remove.has(k)) s += out[k];
  return s;
}

/** Strips emphasis markup from (possibly multi-line) text. */
export function stripEmphasis(text: string): string {
  if (text.indexOf('*') < 0 && text.indexOf('_') < 0 && text.indexOf('\\') < 0) return text;
  return text.split('\n').map(stripLine).join('\n');
}
