/**
 * purpose: how a part is staffed — percussion staff (GM channel 10 or a percussion role), a grand staff for
 * keyboard-like parts that use both registers, else one staff with a treble or bass clef.
 */
import type { Note, Track } from '../../score/index.js';
import { isDrumPart } from '../../theory/index.js';

/**
 * Drums are written as unpitched notes on a percussion staff.
 *
 * @example
 * isPercussion({ channel: 9, role: 'percussion' }) // true
 */
export const isPercussion = (t: Pick<Track, 'channel' | 'role'>): boolean => isDrumPart(t);

/** GM pianos, chromatic percussion and organs (0–23), harp (46), choirs/ensembles (48–55), pads (88–95). */
const KEYBOARD_LIKE = (p: number) => p <= 23 || p === 46 || (p >= 48 && p <= 55) || (p >= 88 && p <= 95);

/**
 * A grand staff for a keyboard-like part that really uses both registers: at least a quarter of its notes
 * below G3 and a quarter from E4 up, over more than an octave and a half. One staff would bury it in ledger
 * lines. (The decision uses the track's own notes, so it is the same for the attributes and the layout.)
 *
 * @example
 * grandStaff({ channel: 0, role: 'harmony', program: 0, notes: [36, 43, 67, 72].map((pitch) => ({ tick: 0, duration: 480, pitch, velocity: 80 })) }) // true
 */
export function grandStaff(t: Pick<Track, 'channel' | 'role' | 'program'> & { notes: readonly Note[] }): boolean {
  const notes = t.notes;
  if (isPercussion(t) || !KEYBOARD_LIKE(t.program) || notes.length < 4) return false;
  const ps = notes.map((n) => n.pitch);
  const low = ps.filter((p) => p < 55).length / ps.length;
  const high = ps.filter((p) => p >= 64).length / ps.length;
  const span = ps.reduce((m, p) => Math.max(m, p), 0) - ps.reduce((m, p) => Math.min(m, p), 127);
  return low >= 0.25 && high >= 0.25 && span > 18;
}

/**
 * Treble clef unless the track's middle pitch sits below A3 (bass lines, cellos, low pads).
 *
 * @example
 * clefFor({ role: 'bass', notes: [] }) // '<clef><sign>F</sign><line>4</line></clef>'
 */
export function clefFor(t: Pick<Track, 'role'> & { notes: readonly Note[] }): string {
  const ps = t.notes.map((n) => n.pitch).sort((a, b) => a - b);
  const median = ps.length ? ps[ps.length >> 1] : t.role === 'bass' ? 40 : 67;
  return median < 57 ? '<clef><sign>F</sign><line>4</line></clef>' : '<clef><sign>G</sign><line>2</line></clef>';
}
