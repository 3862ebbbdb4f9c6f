/**
 * purpose: read Final Draft `.fdx` (XML) into a Draft. Paragraph types map onto Script elements; Text runs are
 * concatenated (their Style — bold, italic, underline — is dropped, like Fountain emphasis); DualDialogue blocks
 * mark both speakers `dual`; SceneProperties Length ("1 3/8" pages) becomes the scene's length when present;
 * the TitlePage becomes Title / Credit / Author / Notes. `line` is the source line of each `<Paragraph`.
 * Malformed XML → LM_ERR_SCRIPT_INVALID with line and column.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { LeitmotifError } from '../util/errors.js';
import type { Draft, DraftElement, DraftScene } from './draft.js';
import { parseHeading } from './heading.js';
import { splitCue } from './characters.js';
import { mergeSilentPrelude } from './fountain.js';
import { parseDuration } from './timecode.js';

type XNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const ACTION_TYPES = new Set(['action', 'general', 'shot']);
const SECTION_TYPES = /^(new act|end of act|act break|outline (\d)|sequence|section)$/i;
/** Writers often type these as Action; they are transitions and take no screen time of their own. */
const FADE_RE = /^(FADE IN|FADE OUT|FADE TO BLACK|FADE TO WHITE|CUT TO BLACK)[.:]?$/;
const NOTE_TYPES = new Set(['cast list', 'title page', 'notes', 'note']);

const oneLine = (s: string) => s.replace(/\s+/g, ' ').slice(0, 200);

function tagOf(node: XNode): string | undefined {
  for (const k of Object.keys(node)) if (k !== ':@') return k;
  return undefined;
}

function children(node: XNode): XNode[] {
  const tag = tagOf(node);
  const c = tag ? node[tag] : undefined;
  return Array.isArray(c) ? (c as XNode[]) : [];
}

function textOf(paragraph: XNode): string {
  let s = '';
  for (const c of children(paragraph)) {
    if (tagOf(c) !== 'Text') continue;
    for (const t of children(c)) if (typeof t['#text'] === 'string' || typeof t['#text'] === 'number') s += String(t['#text']);
  }
  return s.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(/[ \u00a0]+\n/g, '\n').trim();
}

/** "1 3/8" → 1.375, "3/8" → 0.375, "2" → 2. */
export function parsePageLength(s: string | undefined): number | undefined {
  if (!s) return undefined;
  const m = /^\s*(?:(\d+)\s+)?(?:(\d+)\s*\/\s*(\d+)|(\d+(?:\.\d+)?))\s*$/.exec(s);
  if (!m) return undefined;
  if (m[4] !== undefined) return Number(m[4]);
  const whole = m[1] ? Number(m[1]) : 0;
  const den = Number(m[3]);
  return den > 0 ? whole + Number(m[2]) / den : undefined;
}

export function readFdx(text: string, what = 'the script'): Draft {
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: true });
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    throw new LeitmotifError('LM_ERR_SCRIPT_INVALID', `${what}: malformed Final Draft XML at line ${line}, column ${col}: ${msg}`, {
      hint: 'open and re-save it in Final Draft, or export it as Fountain',
    });
  }
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    trimValues: false,
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: true,
  });
  let doc: XNode[];
  try {
    // The validator accepts some texts the parser then throws on (unclosed PI or CDATA, deep nesting, entities).
    doc = parser.parse(text) as XNode[];
  } catch (e) {
    throw new LeitmotifError('LM_ERR_SCRIPT_INVALID', `${what}: malformed Final Draft XML: ${oneLine(e instanceof Error ? e.message : String(e))}`, {
      hint: 'open and re-save it in Final Draft, or export it as Fountain',
    });
  }
  if (!Array.isArray(doc)) doc = [];
  const root = doc.find((n) => tagOf(n) === 'FinalDraft');
  if (!root) {
    throw new LeitmotifError('LM_ERR_SCRIPT_INVALID', `${what}: not a Final Draft file (no <FinalDraft> element)`, {
      hint: 'an .fdx file starts with <FinalDraft …>; for other text use .fountain or .txt',
    });
  }
  // Source line of the k-th <Paragraph in document order (the walk below visits them in the same order).
  const paraLines: number[] = [];
  {
    let line = 1;
    let last = 0;
    const re = /<Paragraph[\s>/]/g;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      for (let p = last; p < m.index; p++) if (text.charCodeAt(p) === 10) line++;
      last = m.index;
      paraLines.push(line);
    }
  }
  let paraCounter = 0;
  const warnings: string[] = [];
  const unknownTypes = new Set<string>();
  const scenes: DraftScene[] = [];
  let cur: DraftScene = { heading: '', line: 1, elements: [] };
  const prelude = cur;
  let block: { name: string; extensions: string[]; line: number; parts: string[]; spoken: string[]; parens: string[]; dual: boolean } | null = null;

  const flush = () => {
    if (!block) return;
    const el: DraftElement = {
      type: 'dialogue',
      text: block.parts.join('\n'),
      line: block.line,
      speaker: block.name,
      spoken: block.spoken.join('\n'),
    };
    if (block.extensions.length) el.extensions = block.extensions;
    if (block.parens.length) el.parentheticals = block.parens;
    if (block.dual) el.dual = true;
    cur.elements.push(el);
    block = null;
  };

  /** Keep the paragraph counter aligned when skipping a subtree that holds <Paragraph>s. */
  const skipParagraphs = (n: XNode) => {
    for (const c of children(n)) {
      if (tagOf(c) === 'Paragraph') paraCounter++;
      skipParagraphs(c);
    }
  };
  const collectParagraphTexts = (n: XNode, out: string[]) => {
    for (const c of children(n)) {
      if (tagOf(c) === 'Paragraph') {
        paraCounter++;
        const t = textOf(c);
        if (t) out.push(t);
      }
      collectParagraphTexts(c, out);
    }
  };

  const visitParagraph = (p: XNode, dual: boolean) => {
    const line = paraLines[paraCounter++] ?? 0;
    const attrs = p[':@'] ?? {};
    const type = (attrs.Type ?? 'General').trim();
    const lower = type.toLowerCase();
    const nested = children(p).find((c) => tagOf(c) === 'DualDialogue');
    if (nested) {
      flush();
      for (const c of children(nested)) if (tagOf(c) === 'Paragraph') visitParagraph(c, true);
      flush();
      return;
    }
    const t = textOf(p);
    // Children other than Text (SceneProperties with arc beats, inline ScriptNotes) may hold <Paragraph>s of
    // their own: count them so later line numbers stay right, and keep inline notes as note elements after
    // this paragraph (a note "time: 1:23" sets the scene length, as in Fountain).
    const inlineNotes: DraftElement[] = [];
    for (const c of children(p)) {
      const tag = tagOf(c);
      if (tag === 'Text' || tag === undefined || tag === '#text') continue;
      if (tag === 'ScriptNote') {
        const texts: string[] = [];
        const noteLine = paraLines[paraCounter] ?? line;
        collectParagraphTexts(c, texts);
        const txt = texts.join(' ').trim();
        if (txt) inlineNotes.push({ type: 'note', text: txt, line: noteLine });
      } else skipParagraphs(c);
    }
    visitCore(p, t, type, lower, attrs, line, dual);
    for (const n of inlineNotes) cur.elements.push(n);
  };

  const visitCore = (p: XNode, t: string, type: string, lower: string, attrs: Record<string, string>, line: number, dual: boolean) => {
    if (lower === 'character') {
      flush();
      const { name, extensions } = splitCue(t);
      block = { name: name || 'UNNAMED', extensions, line, parts: [], spoken: [], parens: [], dual };
      return;
    }
    if ((lower === 'dialogue' || lower === 'parenthetical') && block) {
      if (lower === 'parenthetical' || (t.startsWith('(') && t.endsWith(')'))) {
        const inner = t.replace(/^\(/, '').replace(/\)$/, '').trim();
        block.parts.push(`(${inner})`);
        block.parens.push(inner);
      } else {
        block.parts.push(t);
        block.spoken.push(t);
      }
      return;
    }
    flush();
    if (lower === 'scene heading') {
      if (cur !== prelude || prelude.elements.length) scenes.push(cur);
      const parsed = parseHeading(t);
      cur = { ...parsed, line, elements: [] };
      if (attrs.Number) cur.number = attrs.Number.trim();
      const props = children(p).find((c) => tagOf(c) === 'SceneProperties');
      const len = parsePageLength(props?.[':@']?.Length);
      if (len !== undefined) cur.sourcePages = len;
      return;
    }
    if (!t && lower !== 'page break') return;
    let el: DraftElement;
    const sec = SECTION_TYPES.exec(type);
    if (ACTION_TYPES.has(lower) && FADE_RE.test(t)) el = { type: 'transition', text: t, line };
    else if (ACTION_TYPES.has(lower)) el = { type: attrs.Alignment === 'Center' ? 'centered' : 'action', text: t, line };
    else if (lower === 'transition') el = { type: 'transition', text: t, line };
    else if (lower === 'lyrics' || lower === 'lyric') el = { type: 'lyrics', text: t, line };
    else if (lower === 'parenthetical') el = { type: 'parenthetical', text: t.replace(/^\(/, '').replace(/\)$/, '').trim(), line };
    else if (lower === 'dialogue') el = { type: 'action', text: t, line }; // dialogue with no cue before it
    else if (sec) el = { type: 'section', text: t, line, depth: sec[2] ? Number(sec[2]) : 1 };
    else if (NOTE_TYPES.has(lower)) el = { type: 'note', text: t, line };
    else {
      if (!unknownTypes.has(type)) warnings.push(`line ${line}: unknown Final Draft paragraph type "${type}" read as action`);
      unknownTypes.add(type);
      el = { type: 'action', text: t, line };
    }
    cur.elements.push(el);
  };

  const titleParas: string[] = [];
  const walk = (nodes: XNode[], inTitle: boolean) => {
    for (const n of nodes) {
      const tag = tagOf(n);
      if (tag === 'Paragraph') {
        if (inTitle) {
          paraCounter++;
          const t = textOf(n);
          if (t) titleParas.push(t);
        } else visitParagraph(n, false);
      } else if (tag === 'Content' || tag === 'Body') walk(children(n), inTitle);
      else if (tag === 'TitlePage') walk(children(n), true);
      else if (tag === 'ScriptNotes' || tag === 'ScriptNote') continue;
      else if (tag && tag !== '#text') skipParagraphs(n);
    }
  };

  walk(children(root), false);
  flush();
  if (cur !== prelude || prelude.elements.length) scenes.push(cur);

  // Script notes with "time: 1:23" are honoured like Fountain's [[time: …]].
  for (const s of scenes) {
    for (const el of s.elements) {
      const m = el.type === 'note' ? /^(?:time|duration|length)\s*:\s*(.*)$/i.exec(el.text) : null;
      const secs = m ? parseDuration(m[1]) : undefined;
      if (secs !== undefined) s.timeNote = secs;
    }
  }
  return { format: 'fdx', titlePage: titlePage(titleParas), scenes: mergeSilentPrelude(scenes), warnings };
}

function titlePage(paras: string[]): Record<string, string> {
  const tp: Record<string, string> = {};
  if (!paras.length) return tp;
  tp.Title = paras[0];
  let k = 1;
  if (k < paras.length && /^(written\s+)?by\b|^(a\s+)?screenplay\s+by$|^story\s+by$/i.test(paras[k])) {
    tp.Credit = paras[k];
    k++;
    if (k < paras.length) tp.Author = paras[k++];
  }
  if (k < paras.length) tp.Notes = paras.slice(k).join('\n');
  return tp;
}
