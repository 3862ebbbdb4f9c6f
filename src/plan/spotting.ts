/**
 * purpose: spotting — decide where music plays. From a Script and its Arc choose which scenes get music,
 * group them into cues (merge emotionally similar neighbours, cut at big emotional turns), and place each cue's
 * in and out points in screen seconds. Pure and deterministic.
 *
 * Practice it encodes (MUSIC.md "Film scoring practice"): not wall-to-wall; dialogue-heavy scenes stay dry
 * unless the arc asks otherwise (strong emotion, high tension, a hit); music tails out over the cut into a dry
 * scene rather than stopping dead; adjacent cues with different emotions segue rather than merge.
 */
import type { Script, Scene } from '../script/types.js';
import type { Arc, Affect, SceneArc } from '../affect/types.js';
import { affectDistance, meanAffect } from './emotion-summary.js';
import { clamp } from '../util/math.js';

export interface SpottingOptions {
  /** Scenes with more than this share of their time spoken count as dialogue-heavy (default 0.55). */
  dialogueHeavy?: number;
  /** Need score (0..~1.2) above which a scene gets music (default 0.42). */
  threshold?: number;
  /** Keep the scored share of the runtime within these bounds (default 0.4 … 0.75: dramas typically run
   * music under 40–60% of their length). */
  minCoverage?: number;
  maxCoverage?: number;
  /** Neighbours closer than this (affectDistance) merge into one cue (default: half the script's median
   * adjacent-scene distance, within 0.2…0.55). */
  mergeDistance?: number;
  /** A jump at least this large is an emotional turn: a new cue, and licence for a distant key (default 0.9). */
  turnDistance?: number;
  /** Longest cue, seconds (default 180); longer runs start a new cue. */
  maxCueSeconds?: number;
  /** Shortest cue, seconds (default 8): shorter cues are stretched into the following dry scene. */
  minCueSeconds?: number;
  /** Tail over the cut into a following dry scene, seconds (default 2.5). */
  tailSeconds?: number;
}

export interface SceneSpot {
  index: number;
  start: number;
  end: number;
  affect: Affect;
  /** Share of the scene's time that is dialogue. */
  dialogueRatio: number;
  /** How much the scene asks for music (higher = more). */
  need: number;
  musical: boolean;
  why: string;
}

export interface SpottedCue {
  scenes: number[];
  start: number;
  end: number;
  affect: Affect;
  dialogueRatio: number;
  underDialogue: boolean;
  /** Distance from the previous cue's affect (Infinity for the first). */
  turnFromPrevious: number;
  /** Starts exactly where the previous cue ends (a segue). */
  segueIn: boolean;
  /** Tail over the cut into a dry scene. */
  tail: number;
}

export interface SpottingResult {
  scenes: SceneSpot[];
  cues: SpottedCue[];
  notes: string[];
}

const SPOKEN = new Set(['dialogue', 'parenthetical', 'lyrics']);

function dialogueSeconds(scene: Scene, start = scene.start, end = scene.start + scene.duration): number {
  let s = 0;
  for (const e of scene.elements) {
    if (!SPOKEN.has(e.type)) continue;
    s += Math.max(0, Math.min(end, e.start + e.duration) - Math.max(start, e.start));
  }
  return s;
}

/**
 * How much a scene asks for music. Strong valence either way, arousal and tension raise it (Juslin & Laukka
 * 2004: music is spotted where emotion runs high); a salient hit raises it; talk lowers it (music under
 * dialogue competes with the voice); the opening and the ending are conventional places for music.
 */
function sceneNeed(a: Affect, dialogueRatio: number, hasHit: boolean, position: 'first' | 'last' | 'middle'): number {
  let need = 0.35 * Math.abs(a.valence) + 0.3 * ((a.arousal + 1) / 2) + 0.45 * a.tension;
  if (hasHit) need += 0.15;
  need -= 0.6 * Math.max(0, dialogueRatio - 0.3);
  // Main-title convention: an opening that is mostly picture (little talk) is scored.
  if (position === 'first') need += dialogueRatio < 0.4 ? 0.2 : 0.1;
  if (position === 'last') need += 0.2;
  return Math.round(need * 1000) / 1000;
}

function emotionallyStrong(a: Affect): boolean {
  return Math.abs(a.valence) >= 0.55 || a.arousal >= 0.45 || a.tension >= 0.6;
}

export function spotScenes(script: Script, arc: Arc, opts: SpottingOptions = {}): SceneSpot[] {
  const heavy = opts.dialogueHeavy ?? 0.55;
  const threshold = opts.threshold ?? 0.42;
  const sceneArcs = new Map<number, SceneArc>(arc.scenes.map((s) => [s.index, s]));
  const n = script.scenes.length;
  const spots: SceneSpot[] = script.scenes.map((sc, i) => {
    const end = sc.start + sc.duration;
    const sa = sceneArcs.get(sc.index);
    const affect = sa ? { valence: sa.valence, arousal: sa.arousal, tension: sa.tension } : meanAffect(arc, sc.start, end, [sc.index]);
    const ratio = sc.duration > 0 ? clamp(dialogueSeconds(sc) / sc.duration, 0, 1) : 0;
    const hasHit = arc.hits.some((h) => h.scene === sc.index && h.salience >= 0.6);
    const position = n > 1 && i === 0 ? 'first' : n > 1 && i === n - 1 ? 'last' : 'middle';
    const need = sceneNeed(affect, ratio, hasHit, position);
    let musical = need >= threshold;
    let why = musical ? `need ${need.toFixed(2)} ≥ ${threshold}` : `need ${need.toFixed(2)} < ${threshold}`;
    // An emotional peak that is not buried in talk is scored even when calm: grief at a graveside is low arousal
    // but is exactly where film music speaks (MUSIC.md: grief, loss — thin solo line over strings).
    if (!musical && ratio < heavy && emotionallyStrong(affect)) {
      musical = true;
      why = `strong emotion (valence ${affect.valence.toFixed(2)}, arousal ${affect.arousal.toFixed(2)}, tension ${affect.tension.toFixed(2)}): scored`;
    }
    if (ratio >= heavy && !emotionallyStrong(affect) && !hasHit) {
      musical = false;
      why = `dialogue-heavy (${Math.round(ratio * 100)}% spoken), emotion mild: dry`;
    }
    return { index: sc.index, start: sc.start, end, affect, dialogueRatio: Math.round(ratio * 1000) / 1000, need, musical, why };
  });
  balanceCoverage(spots, opts.minCoverage ?? 0.4, opts.maxCoverage ?? 0.75, heavy);
  return spots;
}

/** Keep the scored share of the runtime within bounds: add the neediest dry scenes, drop the least needy. */
function balanceCoverage(spots: SceneSpot[], minCov: number, maxCov: number, heavy: number): void {
  const total = spots.reduce((s, x) => s + (x.end - x.start), 0);
  if (!(total > 0)) return;
  const covered = () => spots.filter((s) => s.musical).reduce((s, x) => s + (x.end - x.start), 0) / total;
  const dry = spots.filter((s) => !s.musical && s.dialogueRatio < heavy).sort((a, b) => b.need - a.need || a.index - b.index);
  for (const s of dry) {
    if (covered() >= minCov) break;
    s.musical = true;
    s.why = `added to reach ${Math.round(minCov * 100)}% coverage (need ${s.need.toFixed(2)})`;
  }
  if (covered() === 0 && spots.length) {
    // All talk: still score the scene that asks most (it plays under the dialogue) rather than nothing at all.
    const s = [...spots].sort((a, b) => b.need - a.need || a.index - b.index)[0];
    s.musical = true;
    s.why = `the whole script is dialogue-heavy; scored under dialogue where it asks most (need ${s.need.toFixed(2)})`;
  }
  const wet = spots.filter((s) => s.musical).sort((a, b) => a.need - b.need || b.dialogueRatio - a.dialogueRatio || a.index - b.index);
  for (const s of wet) {
    if (covered() <= maxCov || spots.filter((x) => x.musical).length <= 1) break;
    s.musical = false;
    s.why = `left dry to avoid wall-to-wall music (need ${s.need.toFixed(2)})`;
  }
}

export function spotCues(script: Script, arc: Arc, opts: SpottingOptions = {}): SpottingResult {
  const notes: string[] = [];
  const scenes = spotScenes(script, arc, opts);
  // Merge threshold relative to how much this script's emotion moves scene to scene: an analyzer (or a
  // script) with a compressed range would otherwise merge everything into one long cue. Half the typical
  // (median) adjacent-scene distance, between 0.2 and 0.55.
  const adjacent = scenes.slice(1).map((s, i) => affectDistance(scenes[i].affect, s.affect)).sort((a, b) => a - b);
  const typical = adjacent.length ? adjacent[Math.floor(adjacent.length / 2)] : 1;
  const mergeD = opts.mergeDistance ?? clamp(0.5 * typical, 0.2, 0.55);
  const turnD = opts.turnDistance ?? 0.9;
  const maxLen = opts.maxCueSeconds ?? 180;
  const minLen = opts.minCueSeconds ?? 8;
  const tailS = opts.tailSeconds ?? 2.5;

  // 1. Runs of musical scenes, split where neighbours differ emotionally or the run gets too long.
  const groups: SceneSpot[][] = [];
  let cur: SceneSpot[] = [];
  for (const s of scenes) {
    if (!s.musical || s.end - s.start <= 0) {
      if (cur.length) groups.push(cur);
      cur = [];
      continue;
    }
    const last = cur[cur.length - 1];
    const contiguous = last && Math.abs(last.end - s.start) < 0.5;
    const similar = last && affectDistance(last.affect, s.affect) < mergeD;
    const fits = cur.length > 0 && s.end - cur[0].start <= maxLen;
    if (last && contiguous && similar && fits) cur.push(s);
    else {
      if (cur.length) groups.push(cur);
      cur = [s];
    }
  }
  if (cur.length) groups.push(cur);

  // 2. Place in/out points.
  const cues: SpottedCue[] = [];
  const sceneByIndex = new Map(script.scenes.map((s) => [s.index, s]));
  for (const g of groups) {
    const start = g[0].start;
    let end = g[g.length - 1].end;
    const after = scenes.find((s) => s.start >= end - 0.5 && s.index > g[g.length - 1].index);
    let tail = 0;
    if (after && !after.musical) {
      // Tail over the cut (half the dry scene at most), and stretch a too-short cue into a sting.
      tail = Math.min(tailS, (after.end - after.start) / 2);
      const need = Math.max(tail, minLen - (end - start));
      tail = Math.min(need, (after.end - after.start) * 0.6);
      end += tail;
    }
    const idx = g.map((s) => s.index);
    const affect = meanAffect(arc, start, end, idx);
    let talk = 0;
    for (const i of idx) {
      const sc = sceneByIndex.get(i);
      if (sc) talk += dialogueSeconds(sc);
    }
    const ratio = end > start ? clamp(talk / (end - start), 0, 1) : 0;
    const prev = cues[cues.length - 1];
    cues.push({
      scenes: idx,
      start,
      end,
      affect,
      dialogueRatio: Math.round(ratio * 1000) / 1000,
      underDialogue: ratio >= 0.35,
      turnFromPrevious: prev ? affectDistance(prev.affect, affect) : Infinity,
      segueIn: !!prev && Math.abs(prev.end - start) < 0.5,
      tail,
    });
  }

  // 3. A long single cue with a big turn inside splits there (a turn is where the score should change).
  const split: SpottedCue[] = [];
  for (const c of cues) split.push(...splitAtTurn(c, arc, turnD, minLen * 2));
  for (let i = 0; i < split.length; i++) {
    const prev = split[i - 1];
    split[i].turnFromPrevious = prev ? affectDistance(prev.affect, split[i].affect) : Infinity;
    split[i].segueIn = !!prev && Math.abs(prev.end - split[i].start) < 0.5;
  }
  const dry = scenes.filter((s) => !s.musical).map((s) => s.index);
  if (dry.length) notes.push(`dry scenes: ${dry.join(', ')}`);
  return { scenes, cues: split, notes };
}

function splitAtTurn(c: SpottedCue, arc: Arc, turnD: number, minPart: number): SpottedCue[] {
  const len = c.end - c.start;
  if (len < 2 * minPart) return [c];
  // Compare the affect of the 12 s before and after each beat boundary; split at the largest jump.
  let best = { at: -1, d: 0 };
  for (const b of arc.beats) {
    const t = b.start;
    if (t - c.start < minPart || c.end - t < minPart) continue;
    const before = meanAffect(arc, t - 12, t, c.scenes);
    const after = meanAffect(arc, t, t + 12, c.scenes);
    const d = affectDistance(before, after);
    if (d > best.d) best = { at: t, d };
  }
  if (best.at < 0 || best.d < turnD) return [c];
  const a: SpottedCue = { ...c, end: best.at, tail: 0, affect: meanAffect(arc, c.start, best.at, c.scenes) };
  const b: SpottedCue = { ...c, start: best.at, segueIn: true, affect: meanAffect(arc, best.at, c.end, c.scenes) };
  return [...splitAtTurn(a, arc, turnD, minPart), ...splitAtTurn(b, arc, turnD, minPart)];
}
