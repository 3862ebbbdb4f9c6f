/**
 * purpose: the checks between layers — lead above the accompaniment, parallel perfect intervals between the
 * outer voices (lead vs bass), bass motion and bass/chord semitone clashes, consonance of the lead with the
 * bass on strong beats. Layers as defined in lines.ts. Shares 0–1, NaN when nothing can be measured.
 */
import { MeterMap, type Score } from '../score/index.js';
import { mod12 } from '../theory/index.js';
import { ACCOMPANIMENT_ROLES, CHORD_ROLES, SoundingIndex, bassLine, leadLine, lineNoteAt, share, shareOverSounding, tracksWithRoles } from './lines.js';

/**
 * Lead above accompaniment: among lead onsets at which some accompaniment note sounds (harmony, pad,
 * ostinato, bass — not counter, fx, other or percussion), the share whose pitch is ≥ the highest accompaniment
 * pitch sounding at that tick. A counter-melody is excluded on purpose: a descant may cross the tune.
 * @example leadAbove(score) // 1 when the tune always sits on top of the chords
 */
export function leadAbove(score: Score): number {
  return shareOverSounding(leadLine(score), new SoundingIndex(tracksWithRoles(score, ACCOMPANIMENT_ROLES)), (p, s) => p >= Math.max(...s));
}

export interface ParallelsReport {
  /** Parallels per pair in which both voices move — the headline figure. */
  share: number;
  /** Parallels per successive grid pair with both voices sounding (moving or not). */
  shareOfPairs: number;
  parallels: number;
  bothMove: number;
  pairs: number;
}

/**
 * Parallel perfect 5ths / octaves between the outer voices. The common onset grid is every tick where the lead
 * or the bass starts a note; at each grid point take the lead and bass pitches sounding (lines.ts). A successive
 * pair of grid points with both voices sounding at both is a pair; "both move" when neither pitch repeats.
 * A parallel is a both-move pair in the same direction whose interval (lead − bass) mod 12 is 7 at both points
 * or 0 at both points (compound intervals reduced; octaves and unisons are one class). Contrary-motion
 * "consecutives" are not counted. `share` = parallels / both-move pairs; `shareOfPairs` = parallels / pairs.
 * @example outerParallels(score).share // 1 for C–G → D–A → E–B
 */
export function outerParallels(score: Score): ParallelsReport {
  const lead = leadLine(score);
  const bass = bassLine(score);
  const grid = [...new Set([...lead.map((n) => n.tick), ...bass.map((n) => n.tick)])].sort((a, b) => a - b);
  let pairs = 0;
  let bothMove = 0;
  let par = 0;
  let prev: { l: number; b: number } | undefined;
  for (const t of grid) {
    const l = lineNoteAt(lead, t);
    const b = lineNoteAt(bass, t);
    const cur = l && b ? { l: l.pitch, b: b.pitch } : undefined;
    if (prev && cur) {
      pairs++;
      const dl = cur.l - prev.l;
      const db = cur.b - prev.b;
      if (dl !== 0 && db !== 0) {
        bothMove++;
        const i0 = mod12(prev.l - prev.b);
        const i1 = mod12(cur.l - cur.b);
        if (Math.sign(dl) === Math.sign(db) && i0 === i1 && (i0 === 0 || i0 === 7)) par++;
      }
    }
    prev = cur;
  }
  return { share: share(par, bothMove), shareOfPairs: share(par, pairs), parallels: par, bothMove, pairs };
}

/**
 * Parallel 5ths/8ves per outer-voice pair in which both voices move (outerParallels().share).
 * @example parallelPerfects(score) // 1 for parallel fifths throughout, 0 for contrary motion
 */
export function parallelPerfects(score: Score): number {
  return outerParallels(score).share;
}

export interface BassMotion {
  /** Share of successive bass onsets moving by 1–2 semitones. */
  step: number;
  /** Share moving by 3 semitones or more. */
  leap: number;
  /** Share repeating the pitch. */
  repeat: number;
  /** Number of successive bass-note pairs measured. */
  moves: number;
}

/**
 * Bass motion: over successive notes of the bass line (lowest bass pitch per onset; a rest between them does
 * not break the pair), the shares of repeats (0 semitones), steps (1–2) and leaps (≥ 3).
 * @example bassMotion(score) // { step: 1, leap: 0, repeat: 0, moves: 3 } for C D E F
 */
export function bassMotion(score: Score): BassMotion {
  const bass = bassLine(score);
  let step = 0;
  let leap = 0;
  let repeat = 0;
  for (let i = 1; i < bass.length; i++) {
    const d = Math.abs(bass[i].pitch - bass[i - 1].pitch);
    if (d === 0) repeat++;
    else if (d <= 2) step++;
    else leap++;
  }
  const m = bass.length - 1;
  return { step: share(step, m), leap: share(leap, m), repeat: share(repeat, m), moves: Math.max(0, m) };
}

/**
 * Bass clashes: among bass-line onsets at which a chord layer (harmony, pad, ostinato) sounds, the share where
 * some sounding chord pitch class lies a semitone above the bass pitch class (minor 2nd / minor 9th) or a
 * semitone below it (major 7th above the bass). Note this also flags a major-seventh chord over its root.
 * @example bassClash(score) // 1 for C2 under a chord holding C#4
 */
export function bassClash(score: Score): number {
  const clashes = (bass: number, s: number[]) => s.some((p) => { const d = mod12(p - bass); return d === 1 || d === 11; });
  return shareOverSounding(bassLine(score), new SoundingIndex(tracksWithRoles(score, CHORD_ROLES)), clashes);
}

/**
 * Strong beats of a bar in beats of the meter's denominator: the downbeat, plus the middle of the bar in
 * even simple meters of 4+ beats (beat 3 of 4/4) and the second dotted beat in compound duple (6/8: beat 4).
 * @example strongBeats(4) // [0, 2]; strongBeats(3) // [0]; strongBeats(6) // [0, 3]
 */
export function strongBeats(numerator: number): number[] {
  if (numerator >= 4 && numerator % 2 === 0) return [0, numerator / 2];
  return [0];
}

/**
 * Strong-beat consonance: among lead onsets exactly on a strong beat (strongBeats) with a bass note sounding,
 * the share whose interval above the bass, mod 12, is consonant: unison/octave, 3rds, perfect 5th, 6ths
 * (0, 3, 4, 7, 8, 9). The perfect 4th above the bass counts as dissonant (common-practice rule).
 * @example strongBeatConsonance(score) // 1 for E5 over C3 on the downbeat
 */
export function strongBeatConsonance(score: Score): number {
  const map = new MeterMap(score.meters);
  const bass = bassLine(score);
  const consonant = new Set([0, 3, 4, 7, 8, 9]);
  let n = 0;
  let ok = 0;
  for (const l of leadLine(score)) {
    const bb = map.barBeatAt(l.tick);
    if (!strongBeats(bb.meter.numerator).some((s) => Math.abs(bb.beat - s) < 1e-9)) continue;
    const b = lineNoteAt(bass, l.tick);
    if (!b) continue;
    n++;
    if (consonant.has(mod12(l.pitch - b.pitch))) ok++;
  }
  return share(ok, n);
}
