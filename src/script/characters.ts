/**
 * purpose: character identity and presence. A stable id comes from the normalised cue name (extensions and
 * CONT'D stripped, case-folded, slugged) so "EVE (O.S.)", "Eve (cont'd)" and "EVE" are one leitmotif.
 * Presence in a scene = speaking, or being named in action: ALL CAPS anywhere (screenplay convention for the
 * first appearance, "SARAH (30s) enters"), or in Title Case for speaking characters whose name is not an
 * ordinary word ("Sarah crosses to the window").
 */

/** Cue as written → name without extensions / dual marker / CONT'D, plus the extensions. */
export function splitCue(cue: string): { name: string; extensions: string[] } {
  let s = cue.trim();
  if (s.endsWith('^')) s = s.slice(0, -1).trim();
  if (s.startsWith('@')) s = s.slice(1).trim();
  const extensions: string[] = [];
  // Extensions are parenthesised groups, normally at the end: "EVE (V.O.) (CONT'D)".
  s = s.replace(/\(([^()]*)\)/g, (_m, inner: string) => {
    const ext = inner.trim().replace(/’/g, "'").toUpperCase();
    if (ext) extensions.push(ext);
    return ' ';
  });
  s = s.replace(/\s+/g, ' ').trim();
  // "EVE CONT'D" without brackets.
  const cont = /\s+CONT['’]?D\.?$/i.exec(s);
  if (cont) {
    extensions.push("CONT'D");
    s = s.slice(0, cont.index).trim();
  }
  return { name: s, extensions };
}

/** Stable id: case-folded, diacritics removed, non-alphanumerics → '-'. Unicode letters are kept. */
const idCache = new Map<string, string>();

export function characterId(name: string): string {
  const hit = idCache.get(name);
  if (hit !== undefined) return hit;
  const slug = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  const id = slug || 'unnamed';
  if (idCache.size < 10000) idCache.set(name, id);
  return id;
}

/** Names that are ordinary words in Title Case; they only count as a presence when written in ALL CAPS. */
const TITLE_CASE_STOP = new Set(
  (
    'man woman boy girl guard cop doctor nurse mom dad mother father voice all both everyone crowd narrator officer ' +
    'driver waiter waitress kid old young the will may june april grace faith joy hope sky rain summer autumn ' +
    'winter spring sunny dawn bill mark rose lily ivy pat sue art chase hunter river stone king queen judge ' +
    'pilot captain sergeant soldier priest child baby girlfriend boyfriend wife husband son daughter brother ' +
    'sister stranger someone somebody other another mr mrs ms dr'
  ).split(' '),
);

const AGE_RE = /^\(?(?:early|mid|late|mid-)?-?\d{1,2}s?\)?[,.;:]?$/i;
const AGE_WORD_RE = /^\((?:early|mid|late)$/i;
/** "AGE 3", "(AGE 3)", "aged 30": a spelled-out age after the name. The word itself is never a name. */
const AGE_LABEL_RE = /^\(?(?:age|aged)$/i;
const AGE_NUMBER_RE = /^\d{1,3}s?\)?[,.;:)]*$/;

export interface Token {
  /** word without surrounding punctuation or possessive ’s */
  w: string;
  caps: boolean;
  title: boolean;
  /** punctuation right after the word breaks a name ("MARA, JUNO") */
  breakAfter: boolean;
  /** raw token, for age detection */
  raw: string;
}

/** Whitespace tokens, classified once; no Unicode-property regex over the whole text (that is slow cold). */
export function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const raw of text.split(/\s+/)) {
    if (!raw) continue;
    const c0 = raw.charCodeAt(0);
    if (c0 >= 97 && c0 <= 122) {
      // fast path: a word starting with an ASCII lowercase letter is never a name (most of any action line)
      out.push({ w: '', caps: false, title: false, breakAfter: true, raw });
      continue;
    }
    let a = 0;
    let b = raw.length;
    while (a < b && !isWordChar(raw.charCodeAt(a))) a++;
    while (b > a && !isWordChar(raw.charCodeAt(b - 1))) b--;
    let w = raw.slice(a, b);
    if (w.length > 2 && (w.endsWith("'S") || w.endsWith('’S') || w.endsWith("'s") || w.endsWith('’s'))) w = w.slice(0, -2);
    const up = w.toUpperCase();
    const low = w.toLowerCase();
    const cased = up !== low;
    const caps = cased && w === up && w.length >= 1;
    const title = cased && !caps && w[0] === up[0] && up[0] !== low[0] && w.slice(1) === low.slice(1);
    out.push({ w, caps, title, breakAfter: b < raw.length && /[,.;:!?)]/.test(raw.slice(b)), raw });
  }
  return out;
}

function isWordChar(c: number): boolean {
  // Letters and digits in any script. Used only to trim a token's edges, so apostrophes and hyphens inside a
  // name (O'BRIEN, JEAN-LUC) stay while quotes and dashes around it go.
  if (c >= 48 && c <= 57) return true;
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true;
  if (c === 39 || c === 0x2019 || c === 45) return false;
  return c > 127 && String.fromCharCode(c).toUpperCase() !== String.fromCharCode(c).toLowerCase();
}

export interface NameIndex {
  /** ALL CAPS name (words joined by one space) → id */
  caps: Map<string, string>;
  /** Title Case forms → id */
  title: Map<string, string>;
  maxWords: number;
}

/** names: id → name; aliases: extra ALL CAPS forms → id ("MARA VOSS" for the speaker MARA). */
export function buildNameIndex(names: Map<string, string>, speaking: Set<string>, aliases: Map<string, string> = new Map()): NameIndex {
  const caps = new Map<string, string>();
  const title = new Map<string, string>();
  const wordOwners = new Map<string, Set<string>>();
  let maxWords = 1;
  const add = (name: string, id: string, titleToo: boolean) => {
    const words = name.toUpperCase().split(/\s+/).filter(Boolean);
    if (!words.length) return;
    maxWords = Math.max(maxWords, words.length);
    caps.set(words.join(' '), id);
    if (!titleToo) return;
    const tc = words.map((w) => w[0] + w.slice(1).toLowerCase());
    if (words.length > 1) title.set(tc.join(' '), id);
    for (const w of tc) {
      if (w.length < 3 || TITLE_CASE_STOP.has(w.toLowerCase())) continue;
      if (!wordOwners.has(w)) wordOwners.set(w, new Set());
      wordOwners.get(w)!.add(id);
    }
  };
  for (const [id, name] of names) add(name, id, speaking.has(id));
  for (const [alias, id] of aliases) add(alias, id, speaking.has(id));
  for (const [w, owners] of wordOwners) if (owners.size === 1 && !title.has(w)) title.set(w, [...owners][0]);
  return { caps, title, maxWords };
}

const ARTICLES = new Set(['A', 'AN', 'THE']);

/**
 * Ids named in a piece of action text, in order of first mention.
 * - ALL CAPS: the whole capitalised run must be the name (leading A/AN/THE dropped), so "THE HALVORSEN STAR"
 *   is not HALVORSEN but "A MAN sits" is MAN.
 * - Title Case: the name may follow other capitalised words ("Then Mara runs") but not be followed by one
 *   ("Halvorsen Gallery" is a place).
 */
export function namesInText(text: string, index: NameIndex, toks: Token[] = tokens(text)): string[] {
  const found: string[] = [];
  const add = (id: string) => {
    if (!found.includes(id)) found.push(id);
  };
  for (let j = 0; j < toks.length; j++) {
    const t = toks[j];
    if (t.caps) {
      let end = j + 1;
      while (end < toks.length && !toks[end - 1].breakAfter && toks[end].caps && !AGE_LABEL_RE.test(toks[end].raw)) end++;
      let a = j;
      while (a < end - 1 && ARTICLES.has(toks[a].w)) a++;
      if (end - a <= index.maxWords) {
        let name = toks[a].w;
        for (let q = a + 1; q < end; q++) name += ' ' + toks[q].w;
        const id = index.caps.get(name);
        if (id !== undefined) add(id);
      }
      j = end - 1;
      continue;
    }
    if (!t.title || index.title.size === 0) continue;
    for (let len = Math.min(index.maxWords, toks.length - j); len >= 1; len--) {
      let ok = true;
      let name = toks[j].w;
      for (let q = j + 1; q < j + len; q++) {
        if (!toks[q].title || toks[q - 1].breakAfter) {
          ok = false;
          break;
        }
        name += ' ' + toks[q].w;
      }
      if (!ok) continue;
      const id = index.title.get(name);
      const last = toks[j + len - 1];
      const next = toks[j + len];
      if (id !== undefined && (last.breakAfter || !next || !next.title)) {
        add(id);
        j += len - 1;
        break;
      }
    }
  }
  return found;
}

/**
 * Non-speaking characters introduced the screenplay way: an ALL CAPS name followed by an age,
 * "SARAH (30s)", "OLD TOM, 70,". Returns the names as written.
 */
export function introducedNames(text: string, toks: Token[] = tokens(text)): string[] {
  const out: string[] = [];
  for (let j = 0; j < toks.length; j++) {
    if (!toks[j].caps || AGE_LABEL_RE.test(toks[j].raw)) continue;
    let end = j + 1;
    while (end < toks.length && end - j < 4 && !toks[end - 1].breakAfter && toks[end].caps && !AGE_RE.test(toks[end].raw) && !AGE_LABEL_RE.test(toks[end].raw)) end++;
    const next = toks[end];
    const next2 = toks[end + 1];
    const aged =
      next &&
      (AGE_RE.test(next.raw) ||
        (AGE_WORD_RE.test(next.raw) && next2 !== undefined && /^\d{1,2}s?\)/.test(next2.raw)) ||
        (AGE_LABEL_RE.test(next.raw) && next2 !== undefined && AGE_NUMBER_RE.test(next2.raw)));
    if (aged) {
      const name = toks.slice(j, end).map((t) => t.w).join(' ');
      if (/\p{L}.*\p{L}/u.test(name)) out.push(name);
    }
    j = end - 1;
  }
  return out;
}
