/**
 * purpose: read plain prose (treatments, outlines, story notes) into a Draft.
 *
 * - Paragraphs (separated by blank lines) become `action` elements — one beat each. "NAME: words" paragraphs
 *   (name in capitals) become that character's `dialogue` only when the document is a dialogue transcript: at
 *   least half of its body paragraphs have that shape (labels such as NOTE:, WARNING:, TODO: never count). In
 *   prose, "NOTE: check the tide tables." is a beat like any other.
 * - A scene starts at a heading: a Markdown heading (`# The Storm`), "Scene 3", "Scene Three: The Storm",
 *   "Act II", "Chapter 4", a screenplay heading ("INT. KITCHEN - NIGHT"), or an ALL-CAPS line shaped like a
 *   title (see capsHeading: short, no sentence punctuation, no pronoun/auxiliary, not opening with a
 *   conjunction) that has prose after it. The heading may be its own paragraph or the first line of one. ALL-CAPS
 *   sentences ("HE NEVER CAME BACK.", "AND THEN THE LIGHTS WENT OUT") are emphasis: beats, not headings.
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
/** "KEY: text" keys that label a note, never a speaker. */
const LABELS = new Set(
  (
    'NOTE NOTES NB N.B. PS P.S. TODO FIXME WARNING CAUTION IMPORTANT UPDATE EDIT TIP FYI SOURCE SUMMARY LOGLINE ' +
    'SYNOPSIS THEME SETTING GENRE TONE MOOD MUSIC SFX SOUND LOCATION TIME DATE REMINDER QUESTION IDEA ALT'
  ).split(' '),
);
/** Share of body paragraphs that must be "NAME: words" for the document to read as a dialogue transcript. */
const TRANSCRIPT_SHARE = 0.5;
/** Words that make an ALL-CAPS line a sentence, not a title: pronouns and auxiliaries. */
const SENTENCE_WORDS = new Set(
  (
    'I YOU HE SHE IT WE THEY ME HIM US THEM IS ARE WAS WERE AM BE BEEN BEING HAS HAVE HAD DO DOES DID WILL WOULD ' +
    'CAN COULD SHALL SHOULD MAY MIGHT MUST NOT NEVER'
  ).split(' '),
);
const CONJUNCTION_START = new Set(['AND', 'BUT', 'THEN', 'SO', 'BECAUSE', 'OR', 'YET', 'NOW', 'JUST']);
const MAX_CAPS_HEADING_WORDS = 6;
/** With at least this many ALL-CAPS paragraphs, and this share of them sentences, capitals are emphasis. */
const CAPS_CONTEXT_MIN = 3;
const CAPS_EMPHASIS_SHARE = 1 / 3;

/**
 * An ALL-CAPS line shaped like a title ("THE RESCUE", "PART TWO: HOME", "THE FARM - NIGHT"): letters in capitals,
 * at most 6 words and 60 characters, no sentence punctuation (. ! ? , ; brackets or quotes), no pronoun or
 * auxiliary, not opening with a conjunction.
 */
function capsHeading(plain: string): boolean {
  if (plain.length > 60 || !/\p{Lu}/u.test(plain) || plain !== plain.toUpperCase()) return false;
  if (/[.!?,;()"“”…]/.test(plain)) return false;
  const words = plain.split(/[\s:—–-]+/).filter((w) => /\p{L}/u.test(w));
  if (!words.length || words.length > MAX_CAPS_HEADING_WORDS) return false;
  if (CONJUNCTION_START.has(words[0])) return false;
  return !words.some((w) => SENTENCE_WORDS.has(w.replace(/['’].*$/, '')));
}

function speechName(line: string): string | undefined {
  const m = SPEECH_RE.exec(line);
  if (!m) return undefined;
  const { name } = splitCue(m[1]);
  return LABELS.has(name.toUpperCase()) ? undefined : name;
}

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

/**
 * A heading line → its heading text, else undefined. `alone`: the line is its whole paragraph; `last`: no
 * paragraph follows (an ALL-CAPS line with no prose after it heads nothing — it is a closing beat).
 */
function headingOf(line: string, alone: boolean, last = false, capsHeadings = true): { heading: string; screenplay: boolean } | undefined {
  const md = /^#{1,6}\s+(.*)$/.exec(line);
  if (md) return { heading: stripEmphasis(md[1].trim()), screenplay: false };
  if (looksLikeHeading(line)) return { heading: line, screenplay: true };
  const plain = stripEmphasis(line).replace(/[*_]/g, '').trim();
  if (plain.length <= 80 && NUMBERED_HEADING_RE.test(plain)) return { heading: plain, screenplay: false };
  if (capsHeadings && (alone ? !last : plain.length <= 40) && capsHeading(plain) && !SPEECH_RE.test(plain)) return { heading: plain, screenplay: false };
  return undefined;
}

function paragraphElement(lines: string[], firstLine: number, transcript: boolean): DraftElement {
  const source = lines.join('\n');
  const speech = transcript && speechName(lines[0]) !== undefined ? SPEECH_RE.exec(lines[0]) : null;
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
  // Context: when the document's ALL-CAPS paragraphs are often sentences, capitals are its emphasis, and a
  // title-shaped one ("THE DOG LAUGHS") is emphasis too; ALL-CAPS headings stay on only when the capitals are
  // consistently title-shaped (the first paragraph may still be the document's title).
  let capsParas = 0;
  let capsSentences = 0;
  for (const p of paras) {
    const t = stripEmphasis(p.lines[0]).replace(/[*_]/g, '').trim();
    if (p.lines.length !== 1 || !/\p{Lu}/u.test(t) || t !== t.toUpperCase() || headingOf(t, true, false, false) || SPEECH_RE.test(t)) continue;
    capsParas++;
    if (!capsHeading(t)) capsSentences++;
  }
  const capsHeadings = capsParas < CAPS_CONTEXT_MIN || capsSentences < CAPS_EMPHASIS_SHARE * capsParas;
  const heads = paras.map((p, i) => headingOf(p.lines[0], p.lines.length === 1, i === paras.length - 1, capsHeadings || i === 0));
  // A transcript is decided over the whole document: "NAME: words" must be the consistent shape, not a stray
  // "NOTE:" or "Warning:" line in prose.
  let body = 0;
  let speeches = 0;
  paras.forEach((p, i) => {
    const first = heads[i] ? p.lines[1] : p.lines[0];
    if (first === undefined) return;
    body++;
    if (speechName(first) !== undefined) speeches++;
  });
  const transcript = speeches >= 2 && speeches >= TRANSCRIPT_SHARE * body;
  for (let pi = 0; pi < paras.length; pi++) {
    const p = paras[pi];
    const h = heads[pi];
    if (h) {
      sawHeading = true;
      const parsed: ParsedHeading = h.screenplay ? parseHeading(h.heading) : { heading: h.heading };
      const numbered = h.screenplay ? null : NUMBERED_HEADING_RE.exec(h.heading);
      if (numbered && numbered[1].toLowerCase() === 'scene') parsed.number = numbered[2]; // "Scene 3" → number "3
      cur = { ...parsed, line: p.line, elements: [] };
      scenes.push(cur);
      if (p.lines.length > 1) cur.elements.push(paragraphElement(p.lines.slice(1), p.line + 1, transcript));
      continue;
    }
    if (!cur) {
      cur = { heading: '', line: p.line, elements: [] };
      scenes.push(cur);
    }
    cur.elements.push(paragraphElement(p.lines, p.line, transcript));
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
