/**
 * purpose: the tune of a phrase, planned before any harmony (melody first, MUSIC.md "Form and phrase"):
 *  - sentence: basic idea, its repetition (exact or a diatonic step away), continuation by fragmentation
 *    (the idea's head sequenced toward the phrase's high point), and a cadential formula;
 *  - period: antecedent (idea + contrasting idea ending open, on 2̂ or 5̂ for the half cadence), consequent
 *    (the idea again + the contrasting idea's rhythm closing on 1̂);
 *  - cadential formulas approach the goal by step, the leading tone rising to the tonic.
 * Motifs keep their rhythm and contour everywhere; only sequence steps move them, diatonically. Then a polish
 * pass removes what a composer would not keep: long runs of one repeated pitch, leading tones that fall away.
 * Pure and seeded.
 */
import type { Cadence } from '../style/api.js';
import type { Rng } from '../util/rng.js';
import { mod12, scalePcs, type Key } from '../theory/index.js';
import { fragment, shift, transposeDiatonic, type Line, type LineNote } from './motif.js';
import { nearestPitchWithPc } from './theory.js';

const EPS = 1e-6;

export interface TuneInput {
  kind: 'sentence' | 'period';
  key: Key;
  /** Phrase length in beats and bar length in beats. */
  total: number;
  barQ: number;
  /** The basic idea (beats from 0) and its length in beats. */
  idea: Line;
  ideaQ: number;
  /** A contrasting idea for a period's second half (sampled elsewhere); its length is half − ideaQ. */
  contrast?: Line;
  cadence: Cadence;
  range: [number, number];
  /** The phrase carries the cue's climax: fragments climb to a high point. */
  climax: boolean;
  /** Chance the basic idea repeats exactly rather than a step away (default 0.7; a listener's taste moves it). */
  exactRepeat?: number;
  rng: Rng;
  /** The idea is a spec motif or leitmotif: stated as written, never polished. */
  fixedIdea?: boolean;
}

/** Pitch classes a phrase may end on for each cadence (scale degrees of the goal chord that sound like arrival). */
export function cadenceGoal(key: Key, cadence: Cadence): number[] {
  const s = scalePcs(key);
  if (cadence === 'half') return [s[1], s[4]]; // 2̂ or 5̂ over V
  if (cadence === 'deceptive') return [s[0], s[2]]; // 1̂ or 3̂ over vi/VI
  return [s[0]]; // authentic, plagal: 1̂
}

/**
 * The whole tune of one phrase.
 *
 * @example
 * const t = buildTune({ kind: 'sentence', key: { tonic: 0, mode: 'major' }, total: 32, barQ: 4, idea, ideaQ: 8, cadence: 'authentic', range: [60, 84], climax: false, rng: new Rng(1) });
 * t[t.length - 1].pitch % 12 // 0 (ends on the tonic)
 */
export function buildTune(inp: TuneInput): Line {
  const { key, total, barQ, ideaQ } = inp;
  // A sampled idea is polished once, before it is used, so that every restatement is an exact copy (the polish
  // below then leaves those copies alone: the listener must hear the same idea again, not a near miss).
  const raw = inp.idea.filter((n) => n.beat < ideaQ - EPS);
  const idea = inp.fixedIdea ? raw : polish(raw, key, inp.range);
  const out: Line = [];
  if (idea.length === 0) return out;
  const kept = new Set<number>();
  const keep = (line: Line, upTo = line.length) => {
    for (let i = 0; i < upTo; i++) kept.add(Math.round(line[i].beat * 1000));
    return line;
  };
  keep(idea);
  if (inp.kind === 'period' && total >= 4 * barQ - EPS && inp.contrast && total / 2 > ideaQ + EPS) {
    const half = total / 2;
    const contrast = inp.contrast.filter((n) => n.beat < half - ideaQ - EPS);
    out.push(...idea);
    const ante = closeOn(shift(contrast, ideaQ), half, cadenceGoal(key, 'half'), key, inp.range);
    out.push(...ante);
    out.push(...keep(shift(idea, half)));
    // The consequent answers with the antecedent's rhythm, closing on the cadence's goal: the antecedent's close
    // moved by the smallest diatonic step that lands it on the goal (its contour answers the antecedent's), or
    // else re-pitched onto a path to the goal.
    out.push(...(answerOf(ante, half, total, cadenceGoal(key, inp.cadence), key, inp.range) ?? closeOn(shift(contrast, half + ideaQ), total, cadenceGoal(key, inp.cadence), key, inp.range)));
    return polish(out, key, inp.range, kept);
  }
  out.push(...idea);
  let pos = ideaQ;
  if (total - ideaQ < barQ - EPS) return polish(out, key, inp.range, kept); // the idea fills the phrase (a long motif)
  const cadQ = total >= 6 * barQ - EPS ? 2 * barQ : barQ;
  if (pos + ideaQ > total - cadQ + EPS && pos + ideaQ <= total + EPS) {
    // No room for a repetition and a separate cadence (a long motif, a short phrase): the answer is the idea
    // restated, its end bent onto the cadence's goal — the listener hears the theme twice, open then closed.
    out.push(...keep(restateClosing(shift(idea, pos), total, cadenceGoal(key, inp.cadence), key, inp.range), Math.max(0, idea.length - 2)));
    return polish(out, key, inp.range, kept);
  }
  // Sentence (also the fallback for short phrases): idea, repetition, fragmentation, cadence.
  if (pos + ideaQ <= total - cadQ + EPS) {
    // Repetition: exact (the listener learns the idea) or a step away (a sequence), seeded.
    // A given motif (a character's leitmotif) is restated exactly more often: its first phrase teaches it.
    const step = inp.rng.chance(Math.min(0.95, (inp.exactRepeat ?? 0.7) + (inp.fixedIdea ? 0.15 : 0))) ? 0 : inp.rng.pick([1, -1]);
    const rep = shift(transposeDiatonic(idea, step, key), pos);
    out.push(...(step === 0 ? keep(rep) : rep));
    pos += ideaQ;
  }
  // Continuation: the idea's head, sequenced — climbing to the high point in a climax, else stepping down.
  const fragQ = Math.max(barQ / 2, ideaQ / 2);
  const head = fragment(idea, 0, fragQ);
  const dir = inp.climax ? 1 : -1;
  let k = 1;
  while (head.length && pos + fragQ <= total - cadQ + EPS) {
    // A step that would leave the window turns the sequence back (folding notes by octaves would break the
    // fragment's contour): the other direction, else the head as it is.
    const inRange = (l: Line) => l.every((n) => n.pitch >= inp.range[0] && n.pitch <= inp.range[1]);
    let frag = transposeDiatonic(head, dir * k, key);
    if (!inRange(frag)) frag = transposeDiatonic(head, -dir * k, key);
    if (!inRange(frag)) frag = head;
    out.push(...shift(frag, pos));
    pos += fragQ;
    k++;
  }
  const last = out[out.length - 1];
  // Cadential formula over two bars: the idea's head once more (its rhythm and contour — the listener hears the
  // motif arrive), placed a diatonic step so that it ends a step from the goal, then the goal held.
  const head1 = fragment(idea, 0, barQ);
  if (total - pos >= 2 * barQ - EPS && head1.length >= 2) {
    const goals = cadenceGoal(key, inp.cadence);
    let best: { line: Line; goal: number; cost: number } | null = null;
    for (let st = -6; st <= 6; st++) {
      const cand = transposeDiatonic(head1, st, key);
      const lp = cand[cand.length - 1].pitch;
      const g = nearestPitchWithPc(lp, goals, inp.range[0], inp.range[1]);
      const d = Math.abs(g - lp);
      if (d < 1 || d > 2) continue;
      const outside = cand.some((n) => n.pitch < inp.range[0] || n.pitch > inp.range[1]) ? 20 : 0;
      const cost = Math.abs(cand[0].pitch - last.pitch) + outside + (g > lp && inp.cadence === 'authentic' ? -1 : 0);
      if (!best || cost < best.cost) best = { line: cand, goal: g, cost };
    }
    if (best && best.cost < 20) {
      out.push(...shift(best.line, total - 2 * barQ));
      out.push({ beat: total - barQ, duration: barQ, pitch: best.goal });
      return polish(out, key, inp.range, kept);
    }
  }
  // Otherwise: the idea's opening rhythm, stepping to the goal, which is held to the phrase end.
  const rhythm = fragment(idea, 0, Math.min(ideaQ, total - pos));
  const formula = rhythm.length ? shift(rhythm, pos) : [{ beat: pos, duration: total - pos, pitch: last.pitch }];
  out.push(...closeOn(formula.map((n) => ({ ...n, pitch: last.pitch })), total, cadenceGoal(key, inp.cadence), key, inp.range, last.pitch));
  return polish(out, key, inp.range, kept);
}

/**
 * Re-pitch a passage so it walks by step to a goal pitch class and ends there, the goal held to `end`. Keeps the
 * passage's rhythm. `from` is the pitch it starts near (default: its own first note).
 */
function closeOn(passage: Line, end: number, goals: number[], key: Key, range: [number, number], from?: number): Line {
  if (passage.length === 0) return [];
  const scale = scalePcs(key);
  const [lo, hi] = range;
  const start = from ?? passage[0].pitch;
  // The goal nearest the start, a little below it (cadences tend to fall).
  const goal = nearestPitchWithPc(start - 2, goals, lo, hi);
  const notes = passage.map((n) => ({ ...n }));
  const steps = notes.length - 1;
  // Degrees between start and goal on the scale; a short walk starts further away (an upper or lower approach).
  const path = scalePath(start, goal, scale, lo, hi);
  const away = goal < start ? 1 : -1;
  while (path.length < notes.length && path.length < 10) {
    const p0 = path[0];
    let q = p0 + away;
    while (!scale.includes(mod12(q)) && Math.abs(q - p0) < 3) q += away;
    if (q < lo || q > hi) break;
    path.unshift(q);
  }
  if (notes.length === 1) notes[0].pitch = goal;
  else if (from === undefined) {
    // Keep the passage's own opening (its contour identity) and bend only its end onto the path.
    const tail = Math.min(steps, path.length - 1, 3);
    for (let i = 0; i <= tail; i++) notes[notes.length - 1 - i].pitch = path[path.length - 1 - i] ?? goal;
  } else {
    for (let i = 0; i < notes.length; i++) {
      const fromEnd = notes.length - 1 - i;
      notes[i].pitch = fromEnd < path.length ? path[path.length - 1 - fromEnd] : path[0];
    }
  }
  const final = notes[notes.length - 1];
  final.duration = Math.max(final.duration, end - final.beat);
  return notes;
}

/** The antecedent's close transposed diatonically (±1–4 steps, the smallest first) so it ends on a goal, shifted by `by`. */
function answerOf(ante: Line, by: number, end: number, goals: number[], key: Key, range: [number, number]): Line | null {
  if (ante.length === 0) return null;
  for (const st of [-1, 1, -2, 2, -3, 3, -4, 4]) {
    const cand = shift(transposeDiatonic(ante, st, key), by);
    const last = cand[cand.length - 1];
    if (!goals.includes(mod12(last.pitch))) continue;
    if (cand.some((n) => n.pitch < range[0] || n.pitch > range[1])) continue;
    last.duration = Math.max(last.duration, end - last.beat);
    return cand;
  }
  return null;
}

/**
 * The idea once more, closing: every note as stated except the last (moved to the nearest goal pitch and held to
 * `end`) and, when that would leave a leap of more than a third into the goal, the note before it (a step above
 * or below the goal, on the scale).
 */
function restateClosing(passage: Line, end: number, goals: number[], key: Key, range: [number, number]): Line {
  const notes = passage.map((n) => ({ ...n }));
  if (notes.length === 0) return notes;
  const [lo, hi] = range;
  const scale = scalePcs(key);
  const last = notes[notes.length - 1];
  last.pitch = nearestPitchWithPc(last.pitch, goals, lo, hi);
  last.duration = Math.max(last.duration, end - last.beat);
  const prev = notes[notes.length - 2];
  if (prev && Math.abs(prev.pitch - last.pitch) > 4) {
    const dir = prev.pitch > last.pitch ? 1 : -1;
    for (let q = last.pitch + dir; Math.abs(q - last.pitch) <= 2; q += dir) if (scale.includes(mod12(q))) {
      prev.pitch = q;
      break;
    }
  }
  return notes;
}

/** Scale pitches from `a` to `b` inclusive, by step. */
function scalePath(a: number, b: number, scale: readonly number[], lo: number, hi: number): number[] {
  const out = [a];
  let p = a;
  const dir = b > a ? 1 : -1;
  let guard = 0;
  while (p !== b && guard++ < 24) {
    let q = p + dir;
    while (!scale.includes(mod12(q)) && q !== b && Math.abs(q - p) < 3) q += dir;
    p = Math.max(lo - 12, Math.min(hi + 12, q));
    out.push(p);
  }
  return out;
}

/**
 * What a composer fixes in a sketch: a leading tone that is not passing through a scale line rises to the tonic —
 * the next note moves there when it is within a step of it; otherwise the leading tone itself becomes the degree
 * below (6̂, which does not pull); then no more than two repeats of one pitch in a row (the next one becomes a
 * neighbour tone).
 *
 * @example
 * polish([{ beat: 0, duration: 1, pitch: 71 }, { beat: 1, duration: 1, pitch: 74 }], { tonic: 0, mode: 'major' }, [60, 84])[1].pitch // 72
 */
export function polish(line: Line, key: Key, range: [number, number], kept: ReadonlySet<number> = new Set()): Line {
  const out = [...line].sort((a, b) => a.beat - b.beat).map((n) => ({ ...n }));
  const fixed = (n: LineNote | undefined) => !!n && kept.has(Math.round(n.beat * 1000));
  const scale = scalePcs(key);
  const [lo, hi] = range;
  const up = (p: number) => {
    for (let q = p + 1; q <= p + 2; q++) if (scale.includes(mod12(q))) return q;
    return p + 2;
  };
  const down = (p: number) => {
    for (let q = p - 1; q >= p - 2; q--) if (scale.includes(mod12(q))) return q;
    return p - 2;
  };
  const lt = mod12(key.tonic - 1);
  for (let i = 0; i < out.length; i++) {
    if (mod12(out[i].pitch) !== lt || fixed(out[i])) continue;
    const next = out.slice(i + 1).find((n) => n.pitch !== out[i].pitch);
    if (next && next.pitch === out[i].pitch + 1) continue;
    // A passing leading tone inside a scale line (8̂–7̂–6̂, or a sequence's stepwise figure) is idiomatic: keep it.
    const before = out[i - 1];
    if (before && next && out[i].duration <= 1 + EPS && Math.abs(before.pitch - out[i].pitch) <= 2 && Math.abs(next.pitch - out[i].pitch) <= 2 && before.pitch !== next.pitch) continue;
    if (next && !fixed(next) && Math.abs(next.pitch - (out[i].pitch + 1)) <= 2 && out[i + 1].pitch === next.pitch) {
      next.pitch = out[i].pitch + 1;
      continue;
    }
    out[i].pitch = down(out[i].pitch);
  }
  let run = 1;
  // Repeated notes the idea itself has (a leitmotif's repeated-note figure) are its identity, not a sketch's flaw.
  const ideaRepeats = (() => {
    let r = 1;
    const ks = out.filter((n) => kept.has(Math.round(n.beat * 1000)));
    for (let i = 1; i < ks.length; i++) if (ks[i].pitch === ks[i - 1].pitch && ++r >= 3) return true;
    else if (ks[i].pitch !== ks[i - 1].pitch) r = 1;
    return false;
  })();
  for (let i = 1; i < out.length && !ideaRepeats; i++) {
    if (out[i].pitch === out[i - 1].pitch) run++;
    else run = 1;
    if (run >= 3) {
      // Change the middle of the run (the last note of a phrase is its goal and stays).
      const j = i < out.length - 1 ? i : i - 1;
      if (fixed(out[j])) continue;
      const p = out[j].pitch;
      out[j].pitch = up(p) <= hi ? up(p) : down(p) >= lo ? down(p) : p;
      run = j === i ? 1 : 2;
    }
  }
  return out.filter((n) => n.duration > EPS);
}
