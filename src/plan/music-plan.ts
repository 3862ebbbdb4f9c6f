/**
 * purpose: the key chain of a film — each cue's key chosen from its affect and from the cue before it, so
 * adjacent cues join well (closely related keys, pivot chords) unless an emotional turn calls for a
 * chromatic-mediant shift. Plan owns it (it needs all cues at once) and writes each cue's key into its spec;
 * tempo, metre and mode come from the one emotion → music map in cue/emotion-map.ts.
 */
import type { Affect } from '../affect/types.js';
import type { Mode } from '../score/schema.js';
import type { Rng } from '../util/rng.js';
import { modeFor } from '../cue/emotion-map.js';
import { fifthsDistance, isMinorMode as isMinorFamily, mod12, spellTonic } from '../theory/index.js';

export type KeyRelation = 'home' | 'same' | 'relative' | 'parallel' | 'dominant' | 'subdominant' | 'chromatic-mediant' | 'fresh';

export interface PlannedKey {
  tonic: number;
  mode: Mode;
  /** Spelled tonic for the spec (drives MusicXML spelling). */
  name: string;
  relation: KeyRelation;
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
  const mode = modeFor(a);
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
