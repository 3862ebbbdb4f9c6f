/**
 * purpose: harmony chosen to fit a tune that already exists (melody first) — a Viterbi search over the phrase's
 * chord slots and each chord's inversion. Costs: the tune's notes on strong beats and long notes must be chord
 * tones (weak passing and neighbour tones are free), root motion follows functional grammar (fifths down and
 * steps up are cheap, retrogressions dear), the cadence the form asks for is fixed, the harmony style model's
 * own progression is a preference (the cue keeps its corpus colour), chromatic chords cost less as the colour
 * rises, and the outer voices (tune and bass) never move in parallel fifths or octaves at a chord change.
 * Every chord comes from a vocabulary the key and the function explain (VOCABULARY), never a raw model label.
 * Pure; the only randomness is a seeded tie-break.
 */
import type { Cadence } from '../style/api.js';
import type { Rng } from '../util/rng.js';
import { isMinorMode, mod12, type Key, type Mode } from '../theory/index.js';
import { parseRoman, tonicSymbol, type Chord } from './chords.js';
import type { Line } from './motif.js';

/** A chord slot of the phrase (beats from the phrase start). */
export interface Slot {
  start: number;
  dur: number;
}

/** Diatonic and idiomatic chords per mode (numerals as src/theory reads them), and colour chords apart. */
export const VOCABULARY: Record<'major' | 'minor' | 'dorian' | 'phrygian' | 'lydian' | 'mixolydian', { plain: string[]; colour: string[] }> = {
  major: { plain: ['I', 'ii', 'iii', 'IV', 'V', 'vi', 'V7', 'ii7', 'viio'], colour: ['iv', 'bVI', 'bVII', 'V7/V', 'V7/vi', 'V7/IV', 'V7/ii'] },
  minor: { plain: ['i', 'iio', 'III', 'iv', 'V', 'VI', 'VII', 'V7', 'viio7'], colour: ['bII', 'IV', 'V7/iv', 'V7/VI', 'iv7', 'iiø7'] },
  dorian: { plain: ['i', 'ii', 'III', 'IV', 'v', 'VII', 'V', 'V7'], colour: ['iv', 'VI', 'bII'] },
  phrygian: { plain: ['i', 'bII', 'III', 'iv', 'v', 'VI', 'vii', 'V'], colour: ['VII', 'viio7'] },
  lydian: { plain: ['I', 'II', 'iii', 'V', 'vi', 'vii', 'V7'], colour: ['IV', 'bVII'] },
  mixolydian: { plain: ['I', 'ii', 'IV', 'v', 'vi', 'bVII', 'V', 'V7'], colour: ['iv', 'bVI'] },
};

function vocabularyFor(mode: Mode): { plain: string[]; colour: string[] } {
  if (mode === 'dorian' || mode === 'phrygian' || mode === 'lydian' || mode === 'mixolydian' || mode === 'major') return VOCABULARY[mode];
  return VOCABULARY.minor;
}

export interface HarmonizeInput {
  key: Key;
  slots: readonly Slot[];
  melody: Line;
  /** Beat → is it a strong beat (downbeat or the bar's middle pulse). */
  isStrong: (beat: number) => boolean;
  cadence: Cadence;
  /** Start on the tonic (first statement of an idea, intro). */
  startOnTonic: boolean;
  /** The harmony style model's progression for these slots (a preference, not a rule). */
  suggested?: readonly string[];
  /** 0..1: how welcome chromatic colour chords are (tension). */
  colour: number;
  /** Chromatic mediants welcome in this phrase (tense contrasting idea). */
  mediants?: boolean;
  /** Bass pitch class before the phrase (outer-voice continuity across the join). */
  prevBassPc?: number;
  /** Tune pitch class before the phrase. */
  prevMelodyPc?: number;
  /** A pedal point the texture will hold under chords containing it (render-bar's rule), up to `untilBeat`. */
  pedal?: { pc: number; untilBeat: number };
  rng: Rng;
}

interface Cand {
  symbol: string;
  chord: Chord;
  /** Degree of the root above the tonic (0–11) — the functional grammar reads root motion. */
  rel: number;
  colour: boolean;
  dominant: boolean;
}

/** Symbol with an inversion figure, as theory's parser reads it ("V6", "V65", "I6"). */
function invert(symbol: string): string | null {
  if (symbol.includes('/')) {
    const [a, b] = symbol.split('/');
    const inv = invert(a);
    return inv ? `${inv}/${b}` : null;
  }
  if (/7$/.test(symbol)) return symbol.replace(/7$/, '65');
  if (/(6|64|65|43|42|2)$/.test(symbol)) return null;
  return `${symbol}6`;
}

/** Cost of a root motion (semitones up from the previous root, 0–11) [functional grammar: Kostka & Payne ch. 5]. */
function motionCost(from: Cand, to: Cand): number {
  const d = mod12(to.rel - from.rel);
  if (from.symbol === to.symbol) return 0.45;
  if (from.dominant && d === 5) return 0; // V → I, V/x → x
  if (from.dominant && (d === 1 || d === 2)) return 0.35; // deceptive V → vi
  if (from.dominant) return 1.1; // a dominant that does not resolve
  if (d === 5) return 0.05; // down a fifth: the strongest progression
  if (d === 2 || d === 1) return 0.25; // up a step (IV → V)
  if (d === 8 || d === 9) return 0.3; // down a third
  if (d === 10 || d === 11) return from.rel === 0 ? 0.35 : 0.8; // down a step: a retrogression except from the tonic
  if (d === 7) return 0.35; // up a fifth (I → V, IV → I plagal)
  if (d === 3 || d === 4) return 0.55; // up a third
  return 0.9; // tritone
}

/** Parallel fifths or octaves between the outer voices cost more than a non-chord tone on a strong beat. */
const PARALLEL_COST = 5;

const NEIGHBOUR = (a: number, b: number) => Math.abs(a - b) >= 1 && Math.abs(a - b) <= 2;

/** A tune note as the fit reads it: pitch class, weight, and whether it is on a strong beat or passes by step. */
interface FitNote {
  pc: number;
  strong: boolean;
  long: boolean;
  passing: boolean;
  w: number;
}

/**
 * How well a chord fits the tune's notes in its slot: strong-beat and long notes must be chord tones; weak notes
 * may pass or neighbour by step. Consonance with the bass on strong beats [Aldwell & Schachter: the outer voices
 * form consonances at the beat]: the tune on the chord's seventh, or a fourth above the bass, must resolve.
 */
function fitCost(c: Chord, notes: readonly FitNote[]): number {
  let cost = 0;
  for (const n of notes) {
    if (n.strong) {
      const overBass = mod12(n.pc - c.bass);
      if (overBass === 5 || overBass === 10 || overBass === 11 || overBass === 6) cost += 0.9;
    }
    if (c.pcs.includes(n.pc)) continue;
    if (n.strong) cost += 3.2 * Math.max(0.5, n.w);
    else if (n.long) cost += 1.6;
    else cost += n.passing ? 0.08 : 0.45 * n.w;
    // A semitone against the root or the bass is harsher than a ninth or a sixth.
    if (n.strong && (mod12(n.pc - c.root) === 1 || mod12(n.pc - c.bass) === 1)) cost += 1;
  }
  return cost;
}

/** The tune's pitch class sounding at a beat (the note started at or before it), or -1. */
function melodyPcAt(melody: Line, beat: number): number {
  let pc = -1;
  for (const n of melody) {
    if (n.beat > beat + 1e-6) break;
    if (n.beat <= beat + 1e-6 && n.beat + n.duration > beat - 1e-6) pc = mod12(n.pitch);
  }
  return pc;
}

function parallel(mPrev: number, mCur: number, bPrev: number, bCur: number): boolean {
  if (mPrev < 0 || mCur < 0 || bPrev < 0) return false;
  if (mPrev === mCur || bPrev === bCur) return false;
  const i0 = mod12(mPrev - bPrev), i1 = mod12(mCur - bCur);
  return i0 === i1 && (i0 === 0 || i0 === 7);
}

/** A candidate with its symbol's figure-free forms precomputed (the model's suggestion is matched against them). */
type Candidate = Cand & { inverted: boolean; triadForm: string; bare: string };

/** Candidates (vocabulary × inversions) and their transition costs per key: pure, so memoised (the bar composer
 * plans a phrase in a single bar; building these tables was a third of that bar's budget). */
const TABLES = new Map<string, { cands: Candidate[]; trans: Float64Array }>();

function candidateTable(key: Key, mediants: boolean): { cands: Candidate[]; trans: Float64Array } {
  const memo = `${key.tonic}:${key.mode}:${mediants ? 1 : 0}`;
  const hit = TABLES.get(memo);
  if (hit) return hit;
  const voc = vocabularyFor(key.mode);
  const minor = isMinorMode(key.mode);
  const base: Cand[] = [];
  const seen = new Set<string>();
  const addCand = (symbol: string, colour: boolean) => {
    if (seen.has(symbol)) return;
    const chord = parseRoman(symbol, key);
    if (!chord) return;
    seen.add(symbol);
    base.push({ symbol, chord, rel: mod12(chord.root - key.tonic), colour, dominant: chord.dominant });
  };
  for (const s of voc.plain) addCand(s, false);
  for (const s of voc.colour) addCand(s, true);
  if (mediants) for (const s of minor ? ['#III', '#VI'] : ['bVI', 'bIII']) addCand(s, true);
  // Inversions (first inversion; 6/5 for sevenths) as separate candidates of the same function.
  const cands: Candidate[] = [];
  const forms = (symbol: string) => ({ triadForm: symbol.replace(/(65|6)$/, '7').replace(/7$/, ''), bare: symbol.replace(/\d+$/, '') });
  for (const c of base) {
    cands.push({ ...c, inverted: false, ...forms(c.symbol) });
    // Colour chords in root position only (fewer states: the search runs at every phrase start in a game).
    const inv = c.colour ? null : invert(c.symbol);
    const chord = inv ? parseRoman(inv, key) : null;
    if (inv && chord) cands.push({ ...c, symbol: inv, chord, inverted: true, ...forms(inv) });
  }
  // Transition costs depend only on the pair of candidates (root motion + bass motion).
  const K = cands.length;
  const trans = new Float64Array(K * K);
  for (let j = 0; j < K; j++) {
    for (let k = 0; k < K; k++) {
      const cj = cands[j], ck = cands[k];
      let t = motionCost(cj, ck);
      // A bass that moves by step (or holds) between different chords sings; big bass leaps cost a little.
      const up = mod12(ck.chord.bass - cj.chord.bass);
      const bassMove = Math.min(up, 12 - up);
      if (cj.symbol !== ck.symbol) t += bassMove <= 2 ? -0.1 : bassMove >= 6 ? 0.1 : 0;
      trans[j * K + k] = t;
    }
  }
  const table = { cands, trans };
  if (TABLES.size > 512) TABLES.clear();
  TABLES.set(memo, table);
  return table;
}

export interface Harmonization {
  symbols: string[];
  chords: Chord[];
  cost: number;
}

/**
 * Choose a chord (and inversion) for every slot.
 *
 * @example
 * harmonize({ key: { tonic: 0, mode: 'major' }, slots: [{ start: 0, dur: 4 }, { start: 4, dur: 4 }], melody: [{ beat: 0, duration: 4, pitch: 67 }, { beat: 4, duration: 4, pitch: 72 }], isStrong: (b) => b % 4 === 0, cadence: 'authentic', startOnTonic: false, colour: 0, rng: new Rng(1) }).symbols
 * // ['V', 'I']
 */
export function harmonize(inp: HarmonizeInput): Harmonization {
  const { key, slots, melody } = inp;
  const n = slots.length;
  if (n === 0) return { symbols: [], chords: [], cost: 0 };
  const minor = isMinorMode(key.mode);
  const I = tonicSymbol(key);
  const { cands, trans } = candidateTable(key, !!inp.mediants);
  const suggestedAt = (i: number) => inp.suggested?.[i];
  const suggestedBare = slots.map((_, i) => suggestedAt(i)?.replace(/\d+$/, ''));
  // The tune's notes per slot, read once (a note held into the slot counts as sounding on its first beat).
  const slotNotes: FitNote[][] = slots.map((s) => {
    const out: FitNote[] = [];
    melody.forEach((m, i) => {
      let beat = m.beat, dur = m.duration;
      if (m.beat < s.start - 1e-6 && m.beat + m.duration > s.start + 0.5) {
        beat = s.start;
        dur = Math.min(m.duration - (s.start - m.beat), s.dur);
      } else if (!(m.beat >= s.start - 1e-6 && m.beat < s.start + s.dur - 1e-6)) return;
      const prev = melody[i - 1], next = melody[i + 1];
      const passing = !!prev && !!next && NEIGHBOUR(prev.pitch, m.pitch) && NEIGHBOUR(m.pitch, next.pitch);
      out.push({ pc: mod12(m.pitch), strong: inp.isStrong(beat), long: dur >= 1.5, passing, w: Math.min(2, dur) });
    });
    return out;
  });
  const mAt = slots.map((s) => melodyPcAt(melody, s.start));
  // What the ear compares at a chord change is the tune's last note before it against its note on it.
  const mBefore = slots.map((s) => melodyPcAt(melody, s.start - 1e-3));
  const tonicPcs = parseRoman(I, key)?.pcs ?? [key.tonic];
  let tonicJoinParallel = false;
  const tonicFits = slotNotes[0].every((m) => !(m.strong || m.long) || tonicPcs.includes(m.pc));
  const allowed = (i: number, c: Candidate): boolean => {
    const last = i === n - 1;
    const penult = i === n - 2;
    // A statement starts on the tonic chord — in root position or, to dodge parallels with the phrase before, first inversion.
    // A statement starts on the tonic chord (root position or first inversion) unless the tune opens off the
    // tonic triad (a leitmotif on 2̂ or 4̂) or both would move in parallels with the phrase before: then another
    // chord, at a cost (local()).
    if (i === 0 && inp.startOnTonic && tonicFits && !tonicJoinParallel) return c.symbol === I || c.symbol === `${I}6`;
    if (last) {
      if (inp.cadence === 'authentic' || inp.cadence === 'plagal') return c.symbol === I;
      if (inp.cadence === 'half') return !c.inverted && c.rel === 7 && c.chord.quality === 'major' && !c.symbol.includes('/');
      if (inp.cadence === 'deceptive') return !c.inverted && (c.symbol === (minor ? 'VI' : 'vi'));
    }
    if (penult && n >= 2) {
      if (inp.cadence === 'authentic') return !c.inverted && (c.symbol === 'V' || c.symbol === 'V7');
      if (inp.cadence === 'plagal') return c.rel === 5 && !c.symbol.includes('/');
      if (inp.cadence === 'deceptive') return c.symbol === 'V7' || c.symbol === 'V';
    }
    return true;
  };
  const local = (i: number, c: Candidate): number => {
    let cost = fitCost(c.chord, slotNotes[i]);
    if (i === 0 && inp.startOnTonic && c.symbol !== I && c.symbol !== `${I}6`) cost += tonicFits ? 4 : 1.5;
    if (c.colour) cost += 1.4 * (1 - inp.colour) + 0.2;
    if (c.inverted) cost += c.symbol.startsWith('viio') ? -0.1 : 0.3;
    const sg = suggestedAt(i);
    if (sg && (sg === c.symbol || sg === c.triadForm || suggestedBare[i] === c.bare)) cost -= 0.5;
    cost += inp.rng.next() * 0.12;
    return cost;
  };
  // The bass the listener will hear: the chord's bass, or the pedal where the texture holds one.
  const bassTable = slots.map((sl) => {
    const pd = inp.pedal;
    const row = new Int8Array(cands.length);
    cands.forEach((cd, k) => (row[k] = pd && sl.start < pd.untilBeat - 1e-6 && cd.chord.pcs.includes(pd.pc) ? pd.pc : cd.chord.bass));
    return row;
  });
  const bassAt = (i: number, k: number): number => bassTable[i][k];
  const joinParallel = (k: number) => inp.prevBassPc !== undefined && inp.prevMelodyPc !== undefined && parallel(inp.prevMelodyPc, mAt[0], inp.prevBassPc, bassAt(0, k));
  tonicJoinParallel = cands.every((c, k) => (c.symbol !== I && c.symbol !== `${I}6`) || joinParallel(k));
  const K = cands.length;
  const best: Float64Array[] = Array.from({ length: n }, () => new Float64Array(K).fill(Infinity));
  const back: Int16Array[] = Array.from({ length: n }, () => new Int16Array(K).fill(-1));
  for (let k = 0; k < K; k++) {
    if (!allowed(0, cands[k])) continue;
    let c = local(0, cands[k]);
    if (inp.prevBassPc !== undefined && inp.prevMelodyPc !== undefined && parallel(inp.prevMelodyPc, mAt[0], inp.prevBassPc, bassAt(0, k))) c += PARALLEL_COST;
    best[0][k] = c;
  }
  const alive = new Int16Array(K);
  const perfect0 = new Int8Array(K);
  for (let i = 1; i < n; i++) {
    const m0 = mBefore[i] >= 0 ? mBefore[i] : mAt[i - 1], m1 = mAt[i];
    const checkParallels = m0 >= 0 && m1 >= 0 && m0 !== m1;
    const prevRow = best[i - 1];
    const prevBass = bassTable[i - 1];
    // The reachable states of the previous slot, and the perfect interval (0 or 7, else −1) each forms with the tune.
    let na = 0;
    for (let j = 0; j < K; j++) {
      if (prevRow[j] === Infinity) continue;
      alive[na++] = j;
      const iv = mod12(m0 - prevBass[j]);
      perfect0[j] = iv === 0 || iv === 7 ? iv : -1;
    }
    for (let k = 0; k < K; k++) {
      const ck = cands[k];
      if (!allowed(i, ck)) continue;
      const lc = local(i, ck);
      const b1 = bassAt(i, k);
      const iv1 = mod12(m1 - b1);
      let bestT = Infinity, bestJ = -1;
      for (let a = 0; a < na; a++) {
        const j = alive[a];
        let t = prevRow[j] + trans[j * K + k];
        if (checkParallels && perfect0[j] === iv1 && prevBass[j] !== b1) t += PARALLEL_COST;
        if (t < bestT) {
          bestT = t;
          bestJ = j;
        }
      }
      if (bestJ >= 0) {
        best[i][k] = bestT + lc;
        back[i][k] = bestJ;
      }
    }
  }
  let end = -1;
  let endCost = Infinity;
  for (let k = 0; k < K; k++) if (best[n - 1][k] < endCost) {
    endCost = best[n - 1][k];
    end = k;
  }
  if (end < 0) {
    // No path satisfies every constraint (a degenerate slot count): the tonic throughout.
    const t = parseRoman(I, key)!;
    return { symbols: slots.map(() => I), chords: slots.map(() => t), cost: Infinity };
  }
  const path: number[] = new Array(n);
  path[n - 1] = end;
  for (let i = n - 1; i > 0; i--) path[i - 1] = back[i][path[i]];
  // Copies: the tables are shared between calls.
  return { symbols: path.map((k) => cands[k].symbol), chords: path.map((k) => ({ ...cands[k].chord, pcs: [...cands[k].chord.pcs] })), cost: endCost };
}
