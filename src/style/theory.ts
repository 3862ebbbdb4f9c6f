/**
 * purpose: the one music-theory policy the style models add on top of src/theory: which pitch classes a melody
 * in a key may use when nothing else constrains it.
 */
import { MODE_SCALES, mod12 } from '../theory/index.js';
import type { KeyContext } from './api.js';

/**
 * Pitch classes (absolute, 0–11) a melody in `key` may use when no explicit constraint says otherwise.
 * The scale of the mode; in 'minor' also the raised 6th and 7th (melodic/harmonic minor practice: the leading
 * tone is part of the key, Piston "Harmony" ch. 4).
 */
export function allowedPitchClasses(key: KeyContext): number[] {
  const rel = new Set<number>(MODE_SCALES[key.mode]);
  if (key.mode === 'minor') {
    rel.add(9);
    rel.add(11);
  }
  return [...rel].map((d) => mod12(d + key.tonic)).sort((a, b) => a - b);
}
