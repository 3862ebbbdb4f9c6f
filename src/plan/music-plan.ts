/**
 * purpose: the musical frame of each cue — tempo, meter, mode and key — chosen from the cue's affect and from the
 * cue before it, so adjacent cues join well (closely related keys, pivot chords) unless an emotional turn calls
 * for a chromatic-mediant shift.
 *
 * Plan owns these choices (and writes them into the cue spec) because the hit-point solver needs the base tempo
 * before composing and the key chain needs all cues at once. The emotion → tempo/mode rules follow the same
 * cues as compose/emotion-map.ts (Gabrielsson & Lindström 2010; Juslin & Laukka 2004; Eerola et al. 2013):
 * tempo is the strongest arousal cue, mode the strongest valence cue.
 */
import type { Affect } from '../affect/types.js';
import type { Mode } from '../score/schema.js';
import type { Style } from './cue-spec.js';
import type { Rng } from '../util/rng.js';
import { clamp } from '../util/math.js';
import { fifthsDistance, isMinorMode as isMinorFamily, mod12, spellTonic } from '../theory/index.js';

export type KeyRelation = 'home' | 'same' | 'relative' | 'parallel' | 'dominant' | 'subdominant' | 'chromatic-mediant' | 'fresh';

export interface PlannedKey {
  tonic: number;
  mode: Mode;
  /** Spelled tonic for the spec (drives MusicXML spelling). */
  name: string;
  relation: KeyRelation;
}

/**
 * Base tempo. Arousal is the main driver (MUSIC.md: grief 50–72, serenity 56–80, joy 112–144, fear/action
 * 132–172); negative high-arousal (fear) sits fastest; tension adds urgency; ambient keeps a slower pulse.
 */
export function baseTempo(a: Affect, style: Style): number {
  let bpm = 92 + 38 * a.arousal + 10 * a.tension + 14 * Math.max(0, -a.valence) * Math.max(0, a.arousal);
  if (style === 'ambient') bpm *= 0.85;
  if (style === 'chiptune') bpm += 8;
  return Math.round(clamp(bpm, 48, 180));
}

/** Mode from valence (major ⇒ positive, minor ⇒ negative) with modal colours near neutral and for dread. */
export function modeForAffect(a: Affect): Mode {
  if (a.valence >= 0.25) return a.tension < 0.2 && a.arousal < -0.2 && a.valence > 0.6 ? 'lydian' : 'major';
  if (a.valence >= 0.05) return 'mixolydian';
  if (a.valence > -0.25) return 'dorian';
  if (a.tension >= 0.75 && a.arousal < 0.2) return 'phrygian';
  if (a.tension >= 0.6) return 'harmonic-minor';
  return 'minor';
}

/**
 * Meter: tenderness and serenity (positive valence, low arousal) take a lilting 3/4; everything else 4/4, the
 * film-score default that lets hits fall on clear downbeats.
 */
export function meterForAffect(a: Affect): [number, number] {
  return a.valence > 0.3 && a.arousal < -0.2 && a.tension < 0.4 ? [3, 4] : [4, 4];
}

/** Idiomatic opening keys per family (same lists as compose/emotion-map tonicFor); the seed picks. */
function homeTonic(mode: Mode, a: Affect, rng: Rng): number {
  if (isMinorFamily(mode)) return rng.pick([2, 0, 7, 5, 4, 9]);
  return rng.pick(a.arousal > 0 ? [2, 7, 9, 0, 4] : [5, 10, 3, 0, 7]);
}

/**
 * The next cue's key, related to the previous one. Candidates in the wanted mode: the same tonic, the relative,
 * the parallel, the dominant and subdominant (one step on the circle of fifths — a pivot chord exists: they
 * share at least four of seven triads' tones); at an emotional turn the chromatic mediants (tonic ±3/±4
 * semitones, same mode, one common tone: the film-score "shift" — e.g. Williams, Shore) are preferred.
 */
export function nextKey(prev: { tonic: number; mode: Mode } | null, a: Affect, opts: { turn: boolean; segue: boolean; rng: Rng }): PlannedKey {
  const mode = modeForAffect(a);
  if (!prev) {
    const tonic = homeTonic(mode, a, opts.rng);
    return { tonic, mode, name: spellTonic(tonic, mode), relation: 'home' };
  }
  const cands: Array<{ tonic: number; relation: KeyRelation; cost: number }> = [];
  const add = (tonic: number, relation: KeyRelation, cost: number) => cands.push({ tonic: mod12(tonic), relation, cost });
  const prevMinor = isMinorFamily(prev.mode);
  const nowMinor = isMinorFamily(mode);
  if (opts.turn) {
    for (const s of [4, -4, 3, -3]) add(prev.tonic + s, 'chromatic-mediant', 0.2 * Math.abs(s) / 4);
  } else {
    add(prev.tonic, 'same', prev.mode === mode ? 0 : 0.4);
    if (prevMinor !== nowMinor) {
      add(prevMinor ? prev.tonic + 3 : prev.tonic - 3, 'relative', 0.1);
      add(prev.tonic, 'parallel', 0.35);
    }
    add(prev.tonic + 7, 'dominant', 0.5);
    add(prev.tonic + 5, 'subdominant', 0.55);
  }
  // Same key and same mode is a continuation; after a segue into a cue with the same emotion that is right,
  // otherwise a small move keeps the score from sitting in one key for the whole film.
  for (const c of cands) {
    const d = fifthsDistance(prev, { tonic: c.tonic, mode });
    c.cost += opts.turn ? 0 : 0.25 * d;
    if (!opts.segue && c.relation === 'same' && prev.mode === mode) c.cost += 0.45;
    c.cost += opts.rng.next() * 0.05; // seeded tie-break
  }
  cands.sort((x, y) => x.cost - y.cost || x.tonic - y.tonic);
  const best = cands[0];
  const relation: KeyRelation = best.relation === 'same' && prev.mode !== mode ? 'parallel' : best.relation;
  return { tonic: best.tonic, mode, name: spellTonic(best.tonic, mode), relation };
}

/** The chord a cue most likely ends on (for `previous.lastChord`): tonic after a cadence, dominant when open. */
export function closingChord(mode: Mode, openEnding: boolean): string {
  if (openEnding) return 'V';
  return isMinorFamily(mode) ? 'i' : 'I';
}
