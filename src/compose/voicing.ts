/**
 * purpose: voice leading for the chordal layers (MUSIC.md "Harmony and voice leading"): keep common tones,
 * move the rest by the smallest step, no voice crossing, adjacent upper voices within an octave, open spacing
 * below C3 (48), and no parallel fifths/octaves between the outer voices (bass and top voice). A small
 * exhaustive search over near candidates (≤ 5 per voice) with a cost — cheap enough for the per-bar budget.
 */
import type { Chord } from './chords.js';
import { mod12 } from '../theory/index.js';

const C3 = 48;

function candidatesNear(p: number, pcs: readonly number[], lo: number, hi: number): number[] {
  const out: number[] = [];
  for (const pc of pcs) {
    const base = p - mod12(p - pc);
    for (const c of [base - 12, base, base + 12]) if (c >= lo && c <= hi && Math.abs(c - p) <= 7) out.push(c);
  }
  if (out.length === 0) {
    for (const pc of pcs) {
      const c = lo + mod12(pc - lo);
      if (c <= hi) out.push(c);
    }
  }
  return out;
}

/** A previous voicing with another voice count: voices dropped from the bottom, or added an octave or a third above. */
function resize(prev: readonly number[], n: number, hi: number): number[] {
  const out = [...prev].sort((a, b) => a - b);
  while (out.length > n) out.shift();
  while (out.length < n) {
    const top = out[out.length - 1];
    out.push(top + 4 <= hi ? top + 4 : top);
  }
  return out;
}

/** Evenly spread starting pitches for a first voicing. */
function seedVoicing(n: number, lo: number, hi: number): number[] {
  const top = lo + (hi - lo) * 0.75;
  const bottom = Math.max(lo, top - 4 * n - 3);
  return Array.from({ length: n }, (_, i) => Math.round(bottom + ((top - bottom) * i) / Math.max(1, n - 1)));
}

export interface VoiceLeadInput {
  chord: Chord;
  prev: readonly number[] | null;
  voices: number;
  lo: number;
  hi: number;
  /** Sounding bass now and before (for the outer-voice parallel check and doubling rules). */
  bass?: number;
  prevBass?: number;
  /** The chord the previous voicing sounded: tendency tones of a dominant resolve (leading tone up, seventh down). */
  prevChord?: Chord;
  /** Prefer open spacing (no adjacent voices closer than a fourth): grief's sustained strings. */
  open?: boolean;
}

/**
 * Per voice of the previous voicing, the resolution its tendency tone asks for into this chord: +1 (a leading
 * tone rising a semitone), −1 (a chordal seventh falling by step), 0 (free). Only when the previous chord has a
 * dominant function and the target tone is in the new chord.
 * @example tendencies(G7, C, [55, 59, 65]) // [0, 1, -1] (B→C up, F→E down)
 */
export function tendencies(prevChord: Chord | undefined, chord: Chord, prev: readonly number[]): number[] {
  if (!prevChord || !prevChord.dominant) return prev.map(() => 0);
  const lt = prevChord.pcs[1];
  const sev = prevChord.pcs.length >= 4 ? prevChord.pcs[3] : -1;
  const has = (pc: number) => chord.pcs.includes(mod12(pc));
  return prev.map((p) => {
    const pc = mod12(p);
    if (pc === lt && has(lt + 1) && !has(lt)) return 1;
    if (pc === sev && !has(sev) && (has(sev - 1) || has(sev - 2))) return -1;
    return 0;
  });
}

export function voiceLead(inp: VoiceLeadInput): number[] {
  const n = Math.max(1, Math.min(5, inp.voices));
  const prev = inp.prev && inp.prev.length === n ? inp.prev : inp.prev && inp.prev.length ? resize(inp.prev, n, inp.hi) : seedVoicing(n, inp.lo, inp.hi);
  const cands = prev.map((p) => candidatesNear(p, inp.chord.pcs, inp.lo, inp.hi));
  const third = inp.chord.pcs[1];
  const essential = inp.chord.pcs.length >= 4 ? [inp.chord.pcs[0], third, inp.chord.pcs[3]] : [inp.chord.pcs[0], third];
  const bassPc = inp.bass === undefined ? -1 : mod12(inp.bass);
  let best: number[] | null = null;
  let bestCost = Infinity;
  const cur = new Array<number>(n);
  const prevTop = inp.prev ? inp.prev[inp.prev.length - 1] : undefined;
  const tend = inp.prev && inp.prev.length === n ? tendencies(inp.prevChord, inp.chord, prev) : prev.map(() => 0);
  const search = (i: number, cost: number) => {
    if (cost >= bestCost) return;
    if (i === n) {
      let c = cost;
      const pcsHere = cur.map(mod12);
      for (const e of essential) if (!pcsHere.includes(e) && !(e === bassPc && e !== third)) c += 6;
      let thirds = 0;
      for (const q of pcsHere) if (q === third) thirds++;
      if (bassPc === third) thirds++;
      if (thirds > 1) c += 3; // doubled third sounds thick in chorale style
      if (inp.bass !== undefined && inp.prevBass !== undefined && prevTop !== undefined) {
        const top = cur[n - 1];
        const ivNow = mod12(top - inp.bass), ivPrev = mod12(prevTop - inp.prevBass);
        const moved = top !== prevTop && inp.bass !== inp.prevBass;
        if (moved && ivNow === ivPrev && (ivNow === 0 || ivNow === 7)) c += 40; // parallel 8ves/5ths, outer voices
        // hidden (direct) fifths/octaves: similar motion into a perfect interval with a leap in the top voice
        if (moved && (ivNow === 0 || ivNow === 7) && Math.sign(top - prevTop) === Math.sign(inp.bass - inp.prevBass) && Math.abs(top - prevTop) > 2) c += 4;
      }
      if (c < bestCost) {
        bestCost = c;
        best = cur.slice();
      }
      return;
    }
    for (const p of cands[i]) {
      if (i > 0) {
        if (p <= cur[i - 1]) continue; // no crossing or unison
        if (i > 0 && p - cur[i - 1] > 12 && i > 1) continue; // upper voices within an octave
        if (cur[i - 1] < C3 && p - cur[i - 1] < 7) continue; // open voicing below C3
      }
      if (inp.bass !== undefined && p <= inp.bass) continue;
      if (i === 0 && inp.bass !== undefined && p < C3 + 2 && p - inp.bass < 7) continue;
      cur[i] = p;
      const close = inp.open && i > 0 && p - cur[i - 1] < 5 ? 1.5 : 0;
      const motion = Math.abs(p - prev[i]);
      // Tendency tones: the leading tone rises a semitone, the seventh falls by step (MUSIC.md voice leading).
      const d = p - prev[i];
      const unresolved = (tend[i] === 1 && d !== 1) || (tend[i] === -1 && d !== -1 && d !== -2) ? 4 : 0;
      search(i + 1, cost + unresolved + close + (motion === 0 ? 0 : motion <= 2 ? motion * 0.8 : motion * 1.3));
    }
  };
  search(0, 0);
  // Parallel outer voices were the only way to fit every voice in the window: one voice drops out instead.
  if (best && bestCost >= 40 && n >= 4) {
    const thinner = voiceLead({ ...inp, voices: n - 1 });
    if (thinner.length === n - 1) return thinner;
  }
  if (best) return best;
  // Fallback: chord tones stacked upward from the bottom of the window — fewer voices when the window (e.g. under a
  // low tune) cannot hold them all, never above it, never empty.
  const out: number[] = [];
  let p = Math.max(inp.lo, (inp.bass ?? inp.lo - 1) + 1);
  let k = 0;
  while (out.length < n && p <= inp.hi) {
    if (inp.chord.pcs.includes(mod12(p)) && (out.length === 0 || p - out[out.length - 1] >= (p < C3 ? 7 : 3))) out.push(p);
    p++;
    if (++k > 60) break;
  }
  return out.length ? out : [Math.max(0, Math.min(127, inp.lo + mod12(inp.chord.root - inp.lo)))];
}

/** True when two successive (bass, top) pairs form parallel fifths or octaves. */
export function isParallelPerfect(b0: number, t0: number, b1: number, t1: number): boolean {
  if (b0 === b1 || t0 === t1) return false;
  const i0 = mod12(t0 - b0), i1 = mod12(t1 - b1);
  return i0 === i1 && (i0 === 0 || i0 === 7);
}
