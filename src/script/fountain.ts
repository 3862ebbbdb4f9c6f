/**
 * purpose: read Fountain 1.1 (https://fountain.io/syntax) into a Draft. One linear pass per stage, no
 * backtracking regexes over unbounded text:
 *   1. boneyard `/* … *\/` and notes `[[ … ]]` are cut out (lines they emptied are dropped so they never split
 *      a dialogue block; notes are kept as `note` elements at their line);
 *   2. the title page (`Key: value`, indented continuation lines, ends at the first blank line);
 *   3. the body, line by line, with the spec's blank-line context rules.
 *
 * Decisions (documented in src/script/README.md):
 * - An unclosed `/*` is NOT treated as opening a boneyard to the end of the file (that would silently drop the
 *   rest of the screenplay): it stays literal text and a warning names its line.
 * - A line that looks like a scene heading but has no blank line after it stays action (per spec) with a warning.
 * - Besides `… TO:` lines, FADE IN:, FADE OUT., FADE TO BLACK., CUT TO BLACK. between blank lines are transitions.
 * - Dialogue: one `dialogue` element per spoken block; parentheticals stay inline in `text` (as written, in
 *   order) and are also listed in `parentheticals`; `spoken` holds only the spoken lines. `~` lines inside a
 *   block become a separate `lyrics` element of the same speaker.
 */
import type { Draft, DraftElement, DraftScene } from './draft.js';
import { stripEmphasis } from './emphasis.js';
import { isForcedHeading, looksLikeHeading, parseHeading, type ParsedHeading } from './heading.js';
import { splitCue } from './characters.js';
import { parseDuration } from './timecode.js';

/** Private-use character marking text removed by boneyard/note extraction. */
const CUT = '\uE000';
const KNOWN_TITLE_KEYS = new Set([
  'title', 'credit', 'author', 'authors', 'source', 'draft date', 'date', 'contact', 'contact info', 'notes',
  'copyright', 'revision', 'watermark', 'font', 'tl', 'tc', 'tr', 'cc', 'br', 'bl', 'header', 'footer',
]);
const TITLE_KEY_RE = /^([\p{L}][\p{L}\p{N} _'-]{0,39}):[ \t]*(.*)$/u;
const PDF_PAGE_ARTIFACT = /^(?:\(?CONTINUED\)?:?|\d{1,3}\.)$/i;
const EXTRA_TRANSITIONS = /^(FADE IN|FADE OUT|FADE TO BLACK|FADE TO WHITE|CUT TO BLACK)[.:]?$/;

interface Line {
  text: string;
  /** 1-based source line */
  no: number;
  /** Lines only a boneyard/note occupied were dropped right before this one (they stand where a blank was). */
  afterCut?: boolean;
}

interface Note {
  text: string;
  line: number;
}

type Item = { kind: 'heading'; line: number; parsed: ParsedHeading } | { kind: 'el'; line: number; el: DraftElement; order: number };

/** Removes boneyard; keeps line structure (each removed line fragment gets a CUT mark). */
function cutBoneyard(text: string, warnings: string[]): string {
  if (text.indexOf('/*') < 0) return text;
  const parts: string[] = [];
  let i = 0;
  for (;;) {
    const s = text.indexOf('/*', i);
    if (s < 0) break;
    const e = text.indexOf('*/', s + 2);
    if (e < 0) {
      warnings.push(`line ${lineAt(text, s)}: unclosed boneyard "/*" — kept as text (close it with "*/")`);
      break;
    }
    parts.push(text.slice(i, s));
    const inner = text.slice(s, e + 2);
    let marks = CUT;
    for (let k = inner.indexOf('\n'); k >= 0; k = inner.indexOf('\n', k + 1)) marks += '\n' + CUT;
    parts.push(marks);
    i = e + 2;
  }
  parts.push(text.slice(i));
  return parts.join('');
}

function lineAt(text: string, pos: number): number {
  let n = 1;
  for (let k = text.indexOf('\n'); k >= 0 && k < pos; k = text.indexOf('\n', k + 1)) n++;
  return n;
}

/**
 * Cuts notes out. A note may span lines but not a truly blank line (spec: "to include an empty line in a note,
 * put two spaces on it"); such a `[[` stays literal. Positions of the next `]]` and next blank line are cached so
 * the scan stays linear even with many unmatched `[[`.
 */
function cutNotes(text: string, notes: Note[]): string {
  if (text.indexOf('[[') < 0) return text;
  const parts: string[] = [];
  const blankRe = /\n[ \t\uE000]?\n/g;
  let nextBlank = -2;
  let nextClose = -2;
  let i = 0;
  let from = 0;
  let line = 1;
  let lineCountedTo = 0;
  for (;;) {
    const s = text.indexOf('[[', from);
    if (s < 0) break;
    if (nextClose !== -1 && nextClose < s + 2) nextClose = text.indexOf(']]', s + 2);
    if (nextClose < 0) break;
    if (nextBlank !== -1 && nextBlank < s) {
      blankRe.lastIndex = s;
      const m = blankRe.exec(text);
      nextBlank = m ? m.index : -1;
    }
    if (nextBlank >= 0 && nextBlank < nextClose) {
      from = s + 2;
      continue;
    }
    for (let p = lineCountedTo; p < s; p++) if (text.charCodeAt(p) === 10) line++;
    lineCountedTo = s;
    const inner = text.slice(s + 2, nextClose);
    notes.push({ text: inner.replace(/\uE000/g, '').replace(/\s*\n\s*/g, ' ').trim(), line });
    parts.push(text.slice(i, s));
    let marks = CUT;
    for (let k = inner.indexOf('\n'); k >= 0; k = inner.indexOf('\n', k + 1)) marks += '\n' + CUT;
    parts.push(marks);
    i = nextClose + 2;
    from = i;
  }
  parts.push(text.slice(i));
  return parts.join('');
}

/**
 * Removes the cut marks from one line without gluing words: "Hello [[x]]world" → "Hello world", "an /* x *\/
 * boneyard" → "an boneyard" (one space kept), "Half[[x]]way" → "Halfway" (no space on either side: one word).
 */
export function joinCut(t: string): string {
  return t.replace(/([ \t]*)\uE000+([ \t]*)/g, (_m, a: string, b: string, at: number, all: string) => {
    const edge = at === 0 || at + _m.length === all.length;
    return edge ? '' : a || b ? ' ' : '';
  });
}

function toLines(text: string): Line[] {
  const out: Line[] = [];
  const raw = text.split('\n');
  let cutBefore = false;
  for (let k = 0; k < raw.length; k++) {
    let t = raw[k];
    if (t.indexOf(CUT) >= 0) {
      t = joinCut(t);
      if (t.trim() === '') {
        cutBefore = true; // a line only a note/boneyard occupied vanishes (so it never splits a block) …
        continue;
      }
    }
    const line: Line = { text: t, no: k + 1 };
    if (cutBefore) line.afterCut = true; // … but counts as blank for the context rules (headings, transitions)
    cutBefore = false;
    out.push(line);
  }
  return out;
}

function readTitlePage(lines: Line[]): { titlePage: Record<string, string>; bodyStart: number } {
  const titlePage: Record<string, string> = {};
  let k = 0;
  while (k < lines.length && lines[k].text.trim() === '') k++;
  const first = k < lines.length ? TITLE_KEY_RE.exec(lines[k].text) : null;
  // Only a known key ("Title:", "Draft date:") or a key whose value follows indented opens a title page; a first
  // line such as "Sarah stares at the sign: CLOSED." is action.
  const indentedNext = k + 1 < lines.length && /^(\t| {3,})\S/.test(lines[k + 1].text);
  if (!first || !isTitleKey(first[1]) || !(KNOWN_TITLE_KEYS.has(first[1].trim().toLowerCase()) || (first[2].trim() === '' && indentedNext))) {
    return { titlePage, bodyStart: 0 };
  }
  let key = '';
  for (; k < lines.length; k++) {
    const raw = lines[k].text;
    if (raw.trim() === '') break;
    const indented = /^(\t| {3,})/.test(raw);
    const m = indented ? null : TITLE_KEY_RE.exec(raw);
    if (m && isTitleKey(m[1])) {
      key = m[1].trim();
      titlePage[key] = stripEmphasis(m[2].trim());
    } else if (key && indented) {
      const v = stripEmphasis(raw.trim());
      titlePage[key] = titlePage[key] ? `${titlePage[key]}\n${v}` : v;
    } else break; // neither a key nor an indented value: the screenplay starts here (missing blank line)
  }
  return { titlePage, bodyStart: k };
}

function isTitleKey(key: string): boolean {
  const k = key.trim();
  if (KNOWN_TITLE_KEYS.has(k.toLowerCase())) return true;
  // "FADE IN:" and other ALL CAPS lines ending in ':' are screenplay text, not title keys.
  return k !== k.toUpperCase();
}

/** Name part of a possible cue is ALL CAPS with at least one letter; extensions may be any case. */
function isCue(t: string): boolean {
  if (t[0] === '@') return t.length > 1 && t.slice(1).trim().replace(/\^$/, '').trim() !== '';
  if (t[0] === '!' || looksLikeHeading(t)) return false;
  let s = t.endsWith('^') ? t.slice(0, -1) : t;
  s = s.replace(/\([^()]*\)/g, ' ').trim();
  if (!s || s.length > 40) return false;
  if (/[!?,;:]$/.test(s)) return false;
  if (!/\p{Lu}/u.test(s)) return false;
  return s === s.toUpperCase();
}

function isTransitionLine(raw: string, t: string): boolean {
  if (/\s$/.test(raw)) return false; // "CUT TO: " with trailing space is action (spec fixture)
  if (t !== t.toUpperCase() || !/\p{Lu}/u.test(t)) return false;
  return t.endsWith('TO:') || EXTRA_TRANSITIONS.test(t);
}

/** `#…#` at the end of a heading, as written: read before emphasis is stripped so `*`/`_` in it stay literal. */
const RAW_NUMBER_RE = /\s*#([\p{L}\p{N}._*-]+)#\s*$/u;

function headingWithNumber(raw: string): ParsedHeading {
  const m = RAW_NUMBER_RE.exec(raw);
  const parsed = parseHeading(stripEmphasis(m ? raw.slice(0, m.index) : raw));
  if (m) parsed.number = m[1];
  return parsed;
}

function withEmphasis(type: DraftElement['type'], source: string, line: number): DraftElement {
  const text = stripEmphasis(source);
  const el: DraftElement = { type, text, line };
  if (text !== source) el.raw = source;
  return el;
}

export function readFountain(input: string): Draft {
  const warnings: string[] = [];
  const notes: Note[] = [];
  const text = cutNotes(cutBoneyard(input, warnings), notes);
  const lines = toLines(text);
  const { titlePage, bodyStart } = readTitlePage(lines);
  const items: Item[] = [];
  let order = 0;
  const push = (el: DraftElement) => items.push({ kind: 'el', line: el.line, el, order: order++ });
  const n = lines.length;
  const empty: boolean[] = new Array(n);
  for (let k = 0; k < n; k++) empty[k] = lines[k].text.trim() === '';
  const blank = (k: number) => k < bodyStart || k >= n || empty[k];
  /** Inside dialogue/action: a whitespace-only line of 2+ characters ("  ") continues the block. */
  const ends = (k: number) => k >= n || (empty[k] && lines[k].text.length < 2);
  let lastBlock: DraftElement[] | null = null;

  let k = bodyStart;
  while (k < n) {
    const raw = lines[k].text;
    const t = raw.trim();
    if (!t) {
      k++;
      continue;
    }
    const ln = lines[k].no;
    const prevBlank = blank(k - 1) || lines[k].afterCut === true;
    const nextBlank = blank(k + 1) || (k + 1 < n && lines[k + 1].afterCut === true);
    let block: DraftElement[] | null = null;

    if (/^={3,}$/.test(t)) {
      push({ type: 'page_break', text: '', line: ln });
      k++;
    } else if (prevBlank && nextBlank && PDF_PAGE_ARTIFACT.test(t)) {
      // Text pasted from a PDF carries page furniture: "CONTINUED:", "(CONTINUED)", a lone page number "12.".
      // It is a page boundary, not action that takes screen time.
      push({ type: 'page_break', text: t, line: ln });
      k++;
    } else if (t[0] === '#') {
      let depth = 0;
      while (depth < t.length && t[depth] === '#') depth++;
      const el = withEmphasis('section', t.slice(depth).trim(), ln);
      el.depth = depth;
      push(el);
      k++;
    } else if (t[0] === '=') {
      push(withEmphasis('synopsis', t.slice(1).trim(), ln));
      k++;
    } else if (prevBlank && isForcedHeading(t)) {
      items.push({ kind: 'heading', line: ln, parsed: headingWithNumber(t.slice(1)) });
      k++;
    } else if (prevBlank && nextBlank && looksLikeHeading(t)) {
      items.push({ kind: 'heading', line: ln, parsed: headingWithNumber(t) });
      k++;
    } else if (t[0] === '>') {
      if (t.length >= 2 && t.endsWith('<')) push(withEmphasis('centered', t.slice(1, -1).trim(), ln));
      else push(withEmphasis('transition', t.slice(1).trim(), ln));
      k++;
    } else if (t[0] === '~') {
      const got: string[] = [];
      while (k < n && lines[k].text.trim()[0] === '~') got.push(lines[k++].text.trim().slice(1).trim());
      push(withEmphasis('lyrics', got.join('\n'), ln));
    } else if (prevBlank && nextBlank && isTransitionLine(raw, t)) {
      push(withEmphasis('transition', t, ln));
      k++;
    } else if (prevBlank && !ends(k + 1) && lines[k + 1].text.trim() !== '' && isCue(t)) {
      const r = readDialogue(lines, k, ends);
      block = r.elements;
      if (t.endsWith('^')) {
        // Dual only with a block right before it to pair with; a lone "^" plays as ordinary dialogue.
        if (lastBlock) for (const el of [...lastBlock, ...block]) el.dual = true;
        else warnings.push(`line ${ln}: dual dialogue "^" without a dialogue block right before it; read as ordinary dialogue`);
      }
      for (const el of block) push(el);
      k = r.next;
    } else {
      if (prevBlank && looksLikeHeading(t) && !nextBlank) {
        warnings.push(`line ${ln}: "${t.slice(0, 60)}" looks like a scene heading but has no blank line after it; read as action`);
      }
      const got: string[] = [];
      let j = k;
      // Action ends at any whitespace-only line: the spec's two-space continuation is for dialogue, and editors
      // often leave stray spaces on blank lines (which would otherwise swallow the next cue into the action).
      while (j < n && !empty[j]) {
        const rt = lines[j].text.trim();
        if (j > k && (rt[0] === '#' || rt[0] === '=' || rt[0] === '~' || (rt[0] === '>' && rt.endsWith('<')))) break;
        let lt = lines[j].text.replace(/\t/g, '    ').trimEnd();
        if (lt.trimStart()[0] === '!') lt = lt.replace('!', '');
        got.push(lt);
        j++;
      }
      push(withEmphasis('action', got.join('\n'), ln));
      k = j;
    }
    lastBlock = block;
  }

  for (const note of notes) items.push({ kind: 'el', line: note.line + 0.5, el: { type: 'note', text: note.text, line: note.line }, order: order++ });
  items.sort((a, b) => a.line - b.line || (a.kind === 'heading' ? -1 : b.kind === 'heading' ? 1 : a.order - b.order));
  return { format: 'fountain', titlePage, scenes: groupScenes(items, warnings), warnings };
}

function readDialogue(lines: Line[], k: number, ends: (k: number) => boolean): { elements: DraftElement[]; next: number } {
  const cueLine = lines[k].no;
  const { name, extensions } = splitCue(lines[k].text.trim());
  type Run = { kind: 'speech' | 'lyric'; parts: string[]; spoken: string[]; parens: string[]; line: number };
  const runs: Run[] = [];
  let cur: Run | null = null;
  let pending: string[] = [];
  let j = k + 1;
  const n = lines.length;
  const open = (kind: Run['kind'], line: number): Run => {
    const r: Run = { kind, parts: [], spoken: [], parens: [], line };
    for (const p of pending) {
      r.parts.push(`(${p})`);
      r.parens.push(p);
    }
    pending = [];
    runs.push(r);
    return r;
  };
  while (j < n && !ends(j)) {
    const t = lines[j].text.trim();
    if (/^\(\s*more\s*\)$/i.test(t)) {
      j++; // "(MORE)" marks a page break inside a speech in PDF-derived text; the speech continues
      continue;
    }
    if (t[0] === '(') {
      let p = t;
      while (!p.endsWith(')') && j + 1 < n && !ends(j + 1) && lines[j + 1].text.trim()[0] !== '(') p += ' ' + lines[++j].text.trim();
      const inner = stripEmphasis(p.replace(/^\(/, '').replace(/\)$/, '').trim());
      if (cur) {
        cur.parts.push(`(${inner})`);
        cur.parens.push(inner);
      } else pending.push(inner);
    } else if (t[0] === '~') {
      if (!cur || cur.kind !== 'lyric') cur = open('lyric', lines[j].no);
      cur.parts.push(t.slice(1).trim());
      cur.spoken.push(t.slice(1).trim());
    } else {
      if (!cur || cur.kind !== 'speech') cur = open('speech', lines[j].no);
      cur.parts.push(t);
      cur.spoken.push(t);
    }
    j++;
  }
  if (pending.length) open('speech', cueLine);
  const elements: DraftElement[] = runs.map((r, idx) => {
    const source = r.parts.join('\n');
    const text = stripEmphasis(source);
    const el: DraftElement = {
      type: r.kind === 'lyric' ? 'lyrics' : 'dialogue',
      text,
      line: idx === 0 ? cueLine : r.line,
      speaker: name,
    };
    if (text !== source) el.raw = source;
    if (extensions.length) el.extensions = extensions;
    el.spoken = stripEmphasis(r.spoken.join('\n'));
    if (r.parens.length) el.parentheticals = r.parens;
    return el;
  });
  return { elements, next: j };
}

/** Items in line order → scenes; content before the first heading is the prelude (see README). */
function groupScenes(items: Item[], warnings: string[]): DraftScene[] {
  const scenes: DraftScene[] = [];
  let cur: DraftScene = { heading: '', line: 1, elements: [] };
  const prelude = cur;
  for (const it of items) {
    if (it.kind === 'heading') {
      if (cur !== prelude || prelude.elements.length) scenes.push(cur);
      cur = { ...it.parsed, line: it.line, elements: [] };
      continue;
    }
    cur.elements.push(it.el);
    if (it.el.type === 'note') {
      const m = /^(?:time|duration|length)\s*:\s*(.*)$/i.exec(it.el.text);
      if (m) {
        const secs = parseDuration(m[1]);
        if (secs === undefined) warnings.push(`line ${it.el.line}: cannot read the time note "${it.el.text}" (use 83, 1:23 or 00:01:23)`);
        else cur.timeNote = secs;
      }
    }
  }
  if (cur !== prelude || prelude.elements.length) scenes.push(cur);
  return mergeSilentPrelude(scenes);
}

const SCREEN_TYPES = new Set(['action', 'dialogue', 'lyrics', 'centered', 'parenthetical']);

/**
 * A prelude holding nothing that plays on screen ("FADE IN:", "# Act One", notes) is folded into the first
 * scene so every script does not start with an empty 0-second scene.
 */
export function mergeSilentPrelude(scenes: DraftScene[]): DraftScene[] {
  if (scenes.length < 2 || scenes[0].heading !== '' || scenes[0].elements.some((e) => SCREEN_TYPES.has(e.type))) return scenes;
  const [pre, first, ...rest] = scenes;
  const merged: DraftScene = { ...first, elements: [...pre.elements, ...first.elements] };
  if (merged.timeNote === undefined && pre.timeNote !== undefined) merged.timeNote = pre.timeNote;
  return [merged, ...rest];
}
