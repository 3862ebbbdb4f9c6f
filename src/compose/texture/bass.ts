/**
 * purpose: the bass layer — a line that follows the harmony: the chord's bass note (root or inversion,
 * `chord.bass`) on every chord change and chord tones on strong beats, passing and neighbour tones between
 * (never a semitone against the chord), an approach by step into the next chord, no parallel 5ths/8ves with the
 * tune on its moving notes. Rhythm by palette and energy: held notes in calm music, the pulse at middling
 * density, driving eighths in action (pairs that move on the pulse), locked to the kick in rock, a triangle-style
 * eighth line with an octave pop in chiptune. A pedal holds only under the chords that contain it (render-bar.ts).
 */
import { v7, type RawNote } from '../notes.js';
import { mod12, scalePcs } from '../../theory/index.js';
import { PPQ } from '../../score/schema.js';
import type { Chord } from '../chords.js';
import { EPS, type TextureWriter } from './context.js';

export interface BassSlot {
  tick: number;
  /** On a strong beat of the metre: a chord tone is required. */
  strong: boolean;
  /** Off the pulse (the second eighth of a driving pair): repeating the pulse note is idiomatic, not lazy. */
  offbeat: boolean;
}

export interface BassPlanInput {
  slots: readonly BassSlot[];
  /** Pitch of the first slot (the chord's bass note, chosen by render-bar.ts for every layer). */
  start: number;
  chord: Pick<Chord, 'pcs' | 'bass' | 'root'>;
  /** Scale pitch classes of the key (passing tones). */
  scale: readonly number[];
  /** Pitch class of the next chord's bass (approach by step), or undefined when the bar/phrase ends here. */
  nextBass?: number;
  lo: number;
  hi: number;
  /** The lead's pitch at a tick (for parallels), undefined in a rest. */
  leadAt: (t: number) => number | undefined;
  /** Tick of the next chord's attack (parallels into the change; the lead is known up to the next downbeat). */
  nextTick?: number;
  /**
   * 'line': a moving bass (steps preferred, chord tones on strong beats); 'root': locked to the kick on the chord
   * root (rock), moving only to approach the next chord.
   */
  idiom?: 'line' | 'root';
}

/** Cost of a melodic move in the bass (steps cheapest; repeats cheap only off the pulse). */
function moveCost(d: number, offbeat: boolean, root: boolean): number {
  const a = Math.abs(d);
  if (a === 0) return root ? 0 : offbeat ? 0.3 : 1.6;
  if (a <= 2) return offbeat ? 0.5 : 0;
  if (a <= 4) return 0.9;
  if (a === 5 || a === 7) return 1.4;
  if (a === 12) return 1.8;
  if (a === 6) return 3;
  if (a <= 12) return 2.5;
  return 6;
}

/**
 * The bass pitches for one chord span's onsets: a small dynamic programme over candidate pitches (chord tones
 * and "safe" passing tones — scale tones a whole step or more from every chord tone) minimising motion cost,
 * with chord tones on strong slots, non-chord tones approached and left by step, a step into the next chord's
 * bass, and a heavy penalty for parallel perfect intervals with the lead between consecutive slots.
 * @example planBassLine({ slots: [0, 480, 960, 1440].map((tick, i) => ({ tick, strong: i % 2 === 0, offbeat: false })), start: 48, chord: C, scale: [0,2,4,5,7,9,11], nextBass: 5, lo: 36, hi: 60, leadAt: () => undefined }) // e.g. [48, 50, 52, 55]… ending a step from F
 */
export function planBassLine(o: BassPlanInput): number[] {
  const n = o.slots.length;
  if (n === 0) return [];
  const chordPc = new Set(o.chord.pcs.map(mod12));
  // Per pitch class: a chord tone, or a scale tone no semitone from any chord tone (a "safe" passing tone).
  const usable: boolean[] = [];
  for (let pc = 0; pc < 12; pc++) usable.push(chordPc.has(pc) || (o.scale.includes(pc) && !o.chord.pcs.some((c) => { const d = mod12(pc - c); return d === 1 || d === 11; })));
  const cands: number[] = [];
  for (let p = Math.max(o.lo, o.start - 7); p <= Math.min(o.hi, o.start + 7); p++) if (usable[mod12(p)]) cands.push(p);
  if (!cands.includes(o.start)) cands.push(o.start);
  const isChord = (p: number) => chordPc.has(mod12(p));
  const lead = o.slots.map((s) => o.leadAt(s.tick));
  const candChord = cands.map(isChord);
  const root = o.idiom === 'root';
  const rootPc = mod12(o.chord.bass);
  // cost[k][j]: best cost of slots 0..k ending on cands[j]
  const m = cands.length;
  let cost = cands.map((p) => (p === o.start ? 0 : Infinity));
  const back: Int16Array[] = [];
  for (let k = 1; k < n; k++) {
    const s = o.slots[k];
    const next = new Array<number>(m).fill(Infinity);
    const from = new Int16Array(m).fill(-1);
    // The ear compares the tune's note just before the bass moves with its note on the move (the tune may move
    // between the bass's onsets), as the outer-voice check does.
    const l0 = o.leadAt(s.tick - 1) ?? lead[k - 1], l1 = lead[k];
    const leadMoves = l0 !== undefined && l1 !== undefined && l0 !== l1;
    for (let j = 0; j < m; j++) {
      const p = cands[j];
      const ct = candChord[j];
      let own = 0;
      if (s.strong && !ct) own += 5;
      else if (s.strong && mod12(p) !== mod12(o.chord.bass) && mod12(p) !== mod12(o.chord.root)) own += 0.6;
      // Rock: the bass sits on the chord's bass note; any other pitch only as the approach into the change.
      if (root && mod12(p) !== rootPc) own += k === n - 1 ? 0.4 : 2.5;
      for (let i = 0; i < m; i++) {
        const base = cost[i] + own;
        if (base >= next[j]) continue; // also skips unreachable (Infinity) states
        const q = cands[i];
        let c = base + moveCost(p - q, s.offbeat, root);
        // Passing and neighbour tones: approached and left by step.
        if ((!ct || !candChord[i]) && Math.abs(p - q) > 2) c += 6;
        if (leadMoves && p !== q && Math.sign(p - q) === Math.sign(l1! - l0!)) {
          const i0 = mod12(l0! - q), i1 = mod12(l1! - p);
          if (i0 === i1 && (i0 === 0 || i0 === 7)) c += 12;
        }
        if (c < next[j]) {
          next[j] = c;
          from[j] = i;
        }
      }
    }
    cost = next;
    back.push(from);
  }
  // Into the next chord: the last note a step (or the same note) from the next bass.
  let best = -1;
  let bestC = Infinity;
  for (let j = 0; j < m; j++) {
    if (cost[j] === Infinity) continue;
    let c = cost[j];
    const p = cands[j];
    if (o.nextBass !== undefined && n > 1) {
      const q = nearest(p, o.nextBass);
      const d = Math.abs(p - q);
      c += d === 0 ? 0.8 : d <= 2 ? 0 : d <= 4 ? 0.6 : 1.5;
      if (!isChord(p) && d > 2) c += 6;
      // No parallel 5ths/8ves with the tune into the chord change either (when it falls inside the bar).
      const l0 = (o.nextTick === undefined ? undefined : o.leadAt(o.nextTick - 1)) ?? lead[n - 1], l1 = o.nextTick === undefined ? undefined : o.leadAt(o.nextTick);
      if (l0 !== undefined && l1 !== undefined && q !== p && l1 !== l0 && Math.sign(q - p) === Math.sign(l1 - l0)) {
        const i0 = mod12(l0 - p), i1 = mod12(l1 - q);
        if (i0 === i1 && (i0 === 0 || i0 === 7)) c += 12;
      }
    } else if (!isChord(p)) c += 6;
    if (c < bestC) {
      bestC = c;
      best = j;
    }
  }
  const out = new Array<number>(n);
  let j = best < 0 ? cands.indexOf(o.start) : best;
  for (let k = n - 1; k >= 1; k--) {
    out[k] = cands[j];
    j = back[k - 1][j];
    if (j < 0) j = cands.indexOf(o.start);
  }
  out[0] = o.start;
  return out;
}

function nearest(p: number, pc: number): number {
  const down = p - mod12(p - pc);
  return p - down <= down + 12 - p ? down : down + 12;
}

export const bassLine: TextureWriter = (ctx, { voice, lo, hi, baseVel }) => {
  const { inp, spans, bassPitches, pedalSpan, from, to, toTick, key } = ctx;
  const { params, state, meter, material } = inp;
  const notes: RawNote[] = [];
  const pulse = Math.round(meter.pulseQ * PPQ);
  const strongTicks = new Set(meter.strong.map((s) => Math.round(s * PPQ)));
  const scale = scalePcs(key);
  const vel = baseVel - 4;
  const chip = inp.style === 'chiptune';
  const rock = inp.style === 'rock';
  const calm = params.density <= 0.45 && !chip;
  spans.forEach((s, si) => {
    const p0 = bassPitches[si];
    const t0 = toTick(Math.max(s.start, from)), t1 = toTick(Math.min(s.start + s.dur, to));
    if (calm) {
      const held = (state.sounding.get(voice.id)?.has(p0) ?? false) && t0 === 0;
      notes.push({ tick: t0, duration: Math.max(1, t1 - t0), pitch: p0, velocity: v7(vel), tie: held });
      return;
    }
    // Onsets: kick-locked in rock, eighths in action and chiptune, the pulse otherwise.
    const ticks: number[] = [];
    if (rock && params.density > 0.45) {
      const pat = material.drumPatterns[inp.barInPhrase % material.drumPatterns.length] ?? [];
      const perPulse = Math.round(meter.pulseQ * 4);
      for (let i = 0; i < pat.length; i++) {
        const t = i * 120;
        if (t < t0 || t >= t1) continue;
        const backbeat = i % perPulse === 0 && (i / perPulse) % 2 === 1;
        if (t === t0 || ((pat[i] ?? 0) >= 0.7 && !backbeat) || (params.density > 0.72 && i % 2 === 0)) ticks.push(t);
      }
      if (!ticks.includes(t0)) ticks.unshift(t0);
    } else {
      const step = chip || params.density > 0.72 ? 240 : pulse;
      for (let t = t0; t < t1; t += step) ticks.push(t);
    }
    const slots: BassSlot[] = ticks.map((t) => ({ tick: t, strong: strongTicks.has(t), offbeat: (t - t0) % pulse !== 0 }));
    const nextSpan = material.chords.find((c) => c.start >= s.start + s.dur - EPS);
    // Where the span runs on into the next bar, the next downbeat restates this chord's bass: lead into it too.
    const nextBass = t1 === toTick(s.start + s.dur) ? nextSpan?.chord.bass : s.chord.bass;
    let pitches: number[];
    const nextTick = t1;
    const idiom = rock ? 'root' as const : 'line' as const;
    // A pedal in driving music bounces in octaves on the off-eighths (the dread device, marked by its figure).
    if (pedalSpan[si]) pitches = slots.map((x) => (x.offbeat && p0 + 12 <= hi && !rock ? p0 + 12 : p0));
    else if (chip) {
      // Triangle-style eighths: the octave pop after each chord's downbeat, then a running line into the change.
      pitches = planBassLine({ slots, start: p0, chord: s.chord, scale, nextBass, lo, hi: hi - 12, leadAt: ctx.leadAt, nextTick });
      if (pitches.length > 2 && slots[1].offbeat && p0 + 12 <= hi) pitches[1] = p0 + 12;
    } else pitches = planBassLine({ slots, start: p0, chord: s.chord, scale, nextBass, lo, hi, leadAt: ctx.leadAt, nextTick, idiom });
    const art = Math.min(0.85, Math.max(chip ? 0.5 : 0.6, params.articulation));
    slots.forEach((x, k) => {
      const end = k + 1 < slots.length ? slots[k + 1].tick : t1;
      const accent = x.tick === t0 ? params.accent * 0.5 : x.offbeat ? -6 : 0;
      // Detached (a moving line, not a sustain); only a note that changes pitch into the next chord may run legato.
      const legato = k + 1 === slots.length && t1 < ctx.barTicks;
      // A line that starts on the very pitch the bass was holding over the barline continues it (tied).
      const tie = k === 0 && x.tick === 0 && (state.sounding.get(voice.id)?.has(pitches[0]) ?? false);
      notes.push({ tick: x.tick, duration: Math.max(1, Math.round((end - x.tick) * (legato ? 1 : art))), pitch: pitches[k], velocity: v7(vel + accent), ...(tie ? { tie } : {}) });
    });
  });
  return notes;
};
