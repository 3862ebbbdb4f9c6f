/**
 * purpose: turn a reader's Draft into a `Script`: estimate every element's screen time with the page model,
 * apply scene-level overrides (FDX scene Length, `[[time: …]]` notes), accumulate scene starts, and work out the
 * characters (ids, dialogue counts, words, scenes present, first appearance).
 */
import type { Draft, DraftElement, DraftScene } from './draft.js';
import {
  LINES_PER_PAGE,
  SECONDS_PER_LINE,
  SECONDS_PER_PAGE,
  WEIGHT,
  countWords,
  elementUnits,
  headingPrintedLines,
  plainParagraphSeconds,
  printedLines,
} from './page-model.js';
import { buildNameIndex, characterId, introducedNames, namesInText, tokens, type Token } from './characters.js';
import type { Character, Scene, Script, ScriptElement } from './types.js';
import { LIMITS, formatLimit, formatSeconds, limitError } from '../util/limits.js';

/** Times are kept to the millisecond so JSON stays small and runs are byte-identical. */
export const round3 = (x: number): number => Math.round(x * 1000) / 1000;

interface Timed {
  /** seconds from scene start */
  offset: number;
  duration: number;
}

/**
 * Relative timing of a scene's elements plus its estimated length (page model).
 * Dual dialogue plays simultaneously: the second speaker's block starts with the first speaker's, and the pair
 * lasts as long as the longer side (a side may hold several elements, e.g. speech then lyrics).
 */
function estimateScene(scene: DraftScene, format: Draft['format']): { timed: Timed[]; total: number; printed: number } {
  const timed: Timed[] = [];
  let cursor = (scene.heading && format !== 'plain' ? WEIGHT.heading : 0) * SECONDS_PER_LINE;
  // Printed lines for the page count (page-model.ts): dual sides print side by side, the taller side counts.
  let printed = scene.heading && format !== 'plain' ? headingPrintedLines(scene.heading) : 0;
  let pair: { a?: string; start: number; endA: number; b?: string; endB: number; printA: number; printB: number } | null = null;
  const closePair = () => {
    if (pair) printed += Math.max(pair.printA, pair.printB);
    pair = null;
  };
  for (const el of scene.elements) {
    const u = format === 'plain' && el.type === 'action' ? plainParagraphSeconds(el.text) / SECONDS_PER_LINE : elementUnits(el);
    const d = u * SECONDS_PER_LINE;
    const p = format === 'plain' ? 0 : printedLines(el);
    if (!(el.dual && (el.type === 'dialogue' || el.type === 'lyrics'))) {
      closePair();
      printed += p;
      timed.push({ offset: cursor, duration: d });
      cursor += d;
      continue;
    }
    if (pair && pair.b === undefined && el.speaker === pair.a) {
      timed.push({ offset: pair.endA, duration: d }); // first side continues
      pair.endA += d;
      pair.printA += p;
      cursor = pair.endA;
    } else if (pair && pair.b === undefined) {
      pair.b = el.speaker; // second side starts with the first
      timed.push({ offset: pair.start, duration: d });
      pair.endB = pair.start + d;
      pair.printB += p;
      cursor = Math.max(pair.endA, pair.endB);
    } else if (pair && el.speaker === pair.b) {
      timed.push({ offset: pair.endB, duration: d }); // second side continues
      pair.endB += d;
      pair.printB += p;
      cursor = Math.max(pair.endA, pair.endB);
    } else {
      closePair();
      pair = { a: el.speaker, start: cursor, endA: cursor + d, endB: cursor, printA: p, printB: 0 };
      timed.push({ offset: cursor, duration: d });
      cursor += d;
    }
  }
  closePair();
  return { timed, total: cursor, printed };
}

export function buildScript(draft: Draft): Script {
  const warnings = [...draft.warnings];
  const scenes: Scene[] = [];
  let t = 0;
  let totalPages = 0;
  for (let si = 0; si < draft.scenes.length; si++) {
    const ds = draft.scenes[si];
    const { timed, total, printed } = estimateScene(ds, draft.format);
    let target = total;
    let source: Scene['timingSource'] = 'estimate';
    let pages = draft.format === 'plain' ? total / SECONDS_PER_PAGE : printed / LINES_PER_PAGE;
    if (ds.sourcePages !== undefined) {
      target = ds.sourcePages * SECONDS_PER_PAGE;
      pages = ds.sourcePages;
    }
    if (ds.timeNote !== undefined) {
      target = ds.timeNote;
      source = 'note';
    }
    // Scene lengths are rounded first and starts accumulate from them, so scene.start + scene.duration is exactly
    // the next scene's start.
    target = round3(target);
    // Explicit lengths are bounded here; page estimates (bounded by MAX_SCRIPT_CHARS) by assertScoreable.
    if (source === 'note' || ds.sourcePages !== undefined || !Number.isFinite(target)) {
      assertSceneLength(target, si, ds.line, source === 'note' ? 'its time note' : 'its FDX Length');
    }
    const k = total > 0 ? target / total : 0;
    const start = t;
    const elements: ScriptElement[] = ds.elements.map((de, i) => toElement(de, start + timed[i].offset * k, timed[i].duration * k));
    const scene: Scene = {
      index: si,
      heading: ds.heading,
      line: ds.line,
      elements,
      characters: [],
      start,
      duration: target,
      pages: Math.round(pages * 1000) / 1000,
      timingSource: source,
    };
    if (ds.number !== undefined) scene.number = ds.number;
    if (ds.setting !== undefined) scene.setting = ds.setting;
    if (ds.location !== undefined) scene.location = ds.location;
    if (ds.timeOfDay !== undefined) scene.timeOfDay = ds.timeOfDay;
    scenes.push(scene);
    t = round3(t + target);
    totalPages += pages;
  }
  const characters = analyseCharacters(draft, scenes);
  const script: Script = {
    format: draft.format,
    titlePage: draft.titlePage,
    scenes,
    characters,
    duration: round3(t),
    pages: Math.round(totalPages * 1000) / 1000,
    warnings,
  };
  const title = titleOf(draft.titlePage);
  if (title) script.title = title;
  return script;
}

/** A scene longer than LIMITS.sceneSeconds (or not a finite length) is refused, naming the limit. */
export function assertSceneLength(seconds: number, index: number, line: number, from: string): void {
  if (Number.isFinite(seconds) && seconds >= 0 && seconds <= LIMITS.sceneSeconds) return;
  throw limitError(
    'LM_ERR_SCRIPT_INVALID',
    `scene ${index + 1} (line ${line}) would last ${formatSeconds(seconds)} by ${from}; the longest scene Leitmotif reads is ${formatLimit(LIMITS.sceneSeconds)}`,
    'split it with more scene headings (INT./EXT.), or fix the [[time: …]] note, Length or timings entry (limits: README "Limits")',
  );
}

/**
 * Before music is made for a script: every scene within LIMITS.sceneSeconds and the whole within
 * LIMITS.filmSeconds (page estimates included). Analysis alone reads longer texts.
 */
export function assertScoreable(script: Script): void {
  for (const s of script.scenes) assertSceneLength(s.duration, s.index, s.line, s.timingSource === 'estimate' ? 'the page estimate' : s.timingSource === 'note' ? 'its time note' : 'the timings file');
  assertFilmLength(script.duration);
}

/** A script longer than LIMITS.filmSeconds is refused. */
export function assertFilmLength(seconds: number): void {
  if (Number.isFinite(seconds) && seconds <= LIMITS.filmSeconds) return;
  throw limitError(
    'LM_ERR_SCRIPT_INVALID',
    `the script would last ${formatSeconds(seconds)}; the longest film Leitmotif reads is ${formatLimit(LIMITS.filmSeconds)}`,
    'split it into parts (one per episode or reel), or check its time notes (limits: README "Limits")',
  );
}

function titleOf(tp: Record<string, string>): string | undefined {
  for (const [k, v] of Object.entries(tp)) if (k.toLowerCase() === 'title' && v.trim()) return v.replace(/\s*\n\s*/g, ' ').trim();
  return undefined;
}

function toElement(de: DraftElement, start: number, duration: number): ScriptElement {
  const s = round3(start);
  const el: ScriptElement = { type: de.type, text: de.text, line: de.line, start: s, duration: Math.max(0, round3(start + duration) - s) };
  el.duration = round3(el.duration);
  if (de.raw !== undefined && de.raw !== de.text) el.raw = de.raw;
  if (de.speaker !== undefined) el.character = characterId(de.speaker);
  if (de.extensions && de.extensions.length) el.extensions = de.extensions;
  if (de.dual) el.dual = true;
  if (de.spoken !== undefined) el.spoken = de.spoken;
  if (de.parentheticals && de.parentheticals.length) el.parentheticals = de.parentheticals;
  if (de.depth !== undefined) el.depth = de.depth;
  return el;
}

function analyseCharacters(draft: Draft, scenes: Scene[]): Character[] {
  const names = new Map<string, string>(); // id → display name (first written form)
  const speaking = new Set<string>();
  const stats = new Map<string, { dialogueCount: number; words: number }>();
  for (const ds of draft.scenes) {
    for (const de of ds.elements) {
      if (de.speaker === undefined) continue;
      const id = characterId(de.speaker);
      if (!names.has(id)) names.set(id, de.speaker);
      speaking.add(id);
      const st = stats.get(id) ?? { dialogueCount: 0, words: 0 };
      if (de.type === 'dialogue' || de.type === 'lyrics') {
        st.dialogueCount++;
        st.words += countWords(de.spoken ?? de.text);
      }
      stats.set(id, st);
    }
  }
  // Characters introduced in action with an age ("OLD TOM (70) watches"). An intro whose words contain exactly
  // one speaker's name ("MARA VOSS (30s)" for the speaker MARA) is that speaker, not a new character.
  const aliases = new Map<string, string>();
  const tokenCache = new Map<string, Token[]>();
  const speakerByCaps = new Map<string, string>();
  for (const id of speaking) speakerByCaps.set(names.get(id)!.toUpperCase(), id);
  for (const ds of draft.scenes) {
    for (const de of ds.elements) {
      if (de.type !== 'action') continue;
      let toks = tokenCache.get(de.text);
      if (!toks) tokenCache.set(de.text, (toks = tokens(de.text)));
      for (const n of introducedNames(de.text, toks)) {
        const id = characterId(n);
        if (names.has(id) || aliases.has(n.toUpperCase())) continue;
        const owners = new Set(n.toUpperCase().split(' ').map((w) => speakerByCaps.get(w)).filter((x): x is string => x !== undefined));
        if (owners.size === 1) aliases.set(n.toUpperCase(), [...owners][0]);
        else names.set(id, n);
      }
    }
  }
  if (names.size === 0) return [];
  // Title Case mentions count for every named character (speaking or introduced with an age).
  const index = buildNameIndex(names, new Set(names.keys()), aliases);
  const first = new Map<string, { scene: number; time: number; order: number }>();
  const present = new Map<string, Set<number>>();
  let order = 0;
  for (const scene of scenes) {
    const inScene: string[] = [];
    for (const el of scene.elements) {
      let ids: string[] = [];
      if (el.character !== undefined && (el.type === 'dialogue' || el.type === 'lyrics' || el.type === 'parenthetical')) ids = [el.character];
      else if (el.type === 'action' || el.type === 'centered') ids = namesInText(el.text, index, tokenCache.get(el.text));
      for (const id of ids) {
        if (!inScene.includes(id)) inScene.push(id);
        if (!first.has(id)) first.set(id, { scene: scene.index, time: el.start, order: order++ });
        if (!present.has(id)) present.set(id, new Set());
        present.get(id)!.add(scene.index);
      }
    }
    scene.characters = inScene;
  }
  const out: Character[] = [];
  for (const [id, name] of names) {
    const f = first.get(id);
    if (!f) continue; // named only in a way we could not place (should not happen)
    const st = stats.get(id) ?? { dialogueCount: 0, words: 0 };
    out.push({
      id,
      name,
      dialogueCount: st.dialogueCount,
      words: st.words,
      scenes: [...(present.get(id) ?? [])].sort((a, b) => a - b),
      firstAppearance: { scene: f.scene, time: f.time },
    });
  }
  out.sort((a, b) => first.get(a.id)!.order - first.get(b.id)!.order);
  return out;
}
