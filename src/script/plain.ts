/**
 * purpose: read plain prose (treatments, outlines, story notes) into a Draft.
 *
 * - Paragraphs (separated by blank lines) become `action` elements — one beat each. A paragraph that starts
 *   "NAME: words" (name in capitals) becomes that character's `dialogue`.
 * - A scene starts at a heading: a Markdown heading (`# The Storm`), "Scene 3", "Scene Three: The Storm",
 *   "Act II", "Chapter 4", a screenplay heading ("INT. KITCHEN - NIGHT"), or a short ALL-CAPS line. The heading
 *   may be its own paragraph or the first line of one.
 * - Without any heading, the text is split where a paragraph opens with a time or place shift ("Later,",
 *   "That night", "The next morning", "Meanwhile", "Back at …"), and runs longer than 4 paragraphs are cut into
 *   even chunks of at most 4, so the planner gets scene boundaries to place cues on. Those scenes have heading ''.
 */
import type { Draft, DraftElement, DraftScene } from './draft.js';
import { stripEmphasis } from './emphasis.js';
import { looksLikeHeading, parseHeading, type ParsedHeading } from './heading.js';
import { splitCue } from './characters.js';

const MAX_PARAGRAPHS_PER_SCENE = 4;
const NUMBERED_HEADING_RE = /^(scene|sequence|act|chapter|part|episode)\s+([\p{L}\p{N}.-]+)\s*(?:[:.\-–—]\s*(.*))?$/iu;
const SHIFT_RE =
  /^(later|meanwhile|elsewhere|that (?:night|evening|morning|afternoon)|the (?:next|following) (?:day|morning|night|evening|week)|next (?:day|morning)|(?:hours|days|weeks|months|years|moments|minutes) later|back (?:at|in|home)|at (?:dawn|dusk|night|sunrise|sunset|midnight)|by (?:nightfall|morning|dawn)|the morning after|in the morning|morning|night falls|cut to)\b/i;
const SPEECH_RE = /^([\p{Lu}][\p{Lu}\p{N} .'’-]{0,30}(?:\([^()]*\))?)\s*:\s+(\S.*)$/u;

interface Para {
  lines: string[];
  line: number;
}

function paragraphs(text: string): Para[] {
  const out: Para[] = [];
  let cur: Para | null = null;
  const lines = text.split('\n');
  for (let k = 0; k < lines.length; k++) {
    const t = lines[k].trim();
    if (!t) {
      cur = null;
      continue;
    }
    if (!cur) {
      cur = { lines: [], line: k + 1 };
      out.push(cur);
    }
    cur.lines.push(t);
  }
  return out;
}

/** A heading line → its heading text, else undefined. */
function headingOf(line: string, alone: boolean): { heading: string; screenplay: boolean } | undefined {
  const md = /^#{1,6}\s+(.*)$/.exec(line);
  if (md) return { heading: stripEmphasis(md[1].trim()), screenplay: false };
  if (looksLikeHeading(line)) return { heading: line, screenplay: true };
  const plain = stripEmphasis(line).replace(/[*_]/g, '').trim();
  if (plain.length <= 80 && NUMBERED_HEADING_RE.test(plain)) return { heading: plain, screenplay: false };
  if ((alone || plain.length <= 40) && plain.length <= 60 && /\p{Lu}/u.test(plain) && plain === plain.toUpperCase() && !/[.!?,]$/.test(plain) && !SPEECH_RE.test(plain)) {
    return { heading: plain, screenplay: false };
  }
  return undefined;
}

function paragraphElement(lines: string[], firstLine: number): DraftElement {
  const source = lines.join('\n');
  const speech = SPEECH_RE.exec(lines[0]);
  if (speech) {
    const { name, extensions } = splitCue(speech[1]);
    const spokenSrc = [speech[2], ...lines.slice(1)].join('\n');
    const spoken = stripEmphasis(spokenSrc);
    const el: DraftElement = { type: 'dialogue', text: spoken, line: firstLine, speaker: name, spoken };
    if (extensions.length) el.extensions = extensions;
    if (spoken !== spokenSrc) el.raw = spokenSrc;
    return el;
  }
  const text = stripEmphasis(source);
  const el: DraftElement = { type: 'action', text, line: firstLine };
  if (text !== source) el.raw = source;
  return el;
}

export function readPlain(text: string): Draft {
  const paras = paragraphs(text);
  const scenes: DraftScene[] = [];
  let cur: DraftScene | null = null;
  let sawHeading = false;
  for (const p of paras) {
    const h = headingOf(p.lines[0], p.lines.length === 1);
    if (h) {
      sawHeading = true;
      const parsed: ParsedHeading = h.screenplay ? parseHeading(h.heading) : { heading: h.heading };
      const numbered = h.screenplay ? null : NUMBERED_HEADING_RE.exec(h.heading);
      if (numbered && numbered[1].toLowerCase() === 'scene') parsed.number = numbered[2]; // "Scene 3" → number "3
      cur = { ...parsed, line: p.line, elements: [] };
      scenes.push(cur);
      if (p.lines.length > 1) cur.elements.push(paragraphElement(p.lines.slice(1), p.line + 1));
      continue;
    }
    if (!cur) {
      cur = { heading: '', line: p.line, elements: [] };
      scenes.push(cur);
    }
    cur.elements.push(paragraphElement(p.lines, p.line));
  }
  const draft: Draft = { format: 'plain', titlePage: {}, scenes, warnings: [] };
  // A lone heading at the very top is the document's title ("THE LAST FERRY"), not a scene: the lines under it
  // (a subtitle, a credit) go to the title page and the prose is split like heading-less text.
  if (scenes.length === 1 && sawHeading && paras.length > 1 && scenes[0].line === paras[0].line) {
    draft.titlePage.Title = scenes[0].heading;
    const rest = paras[0].lines.slice(1);
    if (rest.length) draft.titlePage.Notes = stripEmphasis(rest.join('\n'));
    const body = scenes[0].elements.filter((e) => e.line > paras[0].line + paras[0].lines.length - 1);
    draft.scenes = body.length ? splitUnheaded(body) : [];
    return draft;
  }
  if (!sawHeading && scenes.length === 1) draft.scenes = splitUnheaded(scenes[0].elements);
  return draft;
}

/** Splits heading-less prose at time/place shifts, then caps scene length at MAX_PARAGRAPHS_PER_SCENE. */
function splitUnheaded(elements: DraftElement[]): DraftScene[] {
  const groups: DraftElement[][] = [];
  for (const el of elements) {
    if (!groups.length || (el.type === 'action' && SHIFT_RE.test(el.text))) groups.push([]);
    groups[groups.length - 1].push(el);
  }
  const out: DraftScene[] = [];
  for (const g of groups) {
    const parts = Math.ceil(g.length / MAX_PARAGRAPHS_PER_SCENE);
    const size = Math.ceil(g.length / parts);
    for (let i = 0; i < g.length; i += size) {
      const chunk = g.slice(i, i + size);
      out.push({ heading: '', line: chunk[0].line, elements: chunk });
    }
  }
  return out;
}
