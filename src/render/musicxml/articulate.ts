/**
 * purpose: read a copyist's marks off the performance before the rhythm is quantized — a note played for at
 * most half of the time to the next onset (up to a quarter apart) is written for the whole of it with a
 * staccato dot (a spiccato 75-tick note every eighth is an eighth with a dot, not a triplet 16th and a rest);
 * a note clearly louder than its neighbours gets an accent; a plucked or struck note that rings under the
 * next one is written to that onset (a harp arpeggio reads as one line, the ringing is the player's job);
 * a run of one drum struck every 32nd or faster (timpani: every 16th) is one note with tremolo strokes (a roll),
 * not literal 32nds.
 */
import { isSustainingProgram } from '../../theory/index.js';
import type { Note, Track } from '../../score/index.js';

export interface NotationNote extends Note {
  tiedFromPrevious?: boolean;
  tiedToNext?: boolean;
  staccato?: boolean;
  accent?: boolean;
  /** Tremolo strokes through the stem (3 = 32nds): a roll. */
  tremolo?: number;
  /** Grand-staff staff (1 or 2) when the part chooses it per note. */
  staff?: number;
  /** A lead line's note held into the next one: phrased under a slur (see slurs.ts). */
  legato?: boolean;
}

/** Staccato when the note sounds ≤ this share of the way to the next onset. */
const STACCATO_SHARE = 0.5;
/** …and the next onset is at most a quarter away (longer gaps are rests, not articulation). */
const STACCATO_MAX_IOI = 480;
/** Accent: this many velocity steps over the median of the neighbouring onsets, and loud in itself. */
const ACCENT_OVER = 18;
const ACCENT_MIN = 88;
/** Ring clipping for plucked notes applies up to a half note ahead. */
const RING_MAX_IOI = 960;
/** Legato: a lead note that sounds at least this share of the way to the next onset (a breath shorter is detached). */
const LEGATO_SHARE = 0.9;
/** Rolls: same drum struck this close (a 32nd) at least ROLL_MIN times in a row. */
const ROLL_IOI = 60;
const ROLL_MIN = 4;
/** Timpani single-stroke rolls are played in 16ths. */
export const TIMPANI_ROLL_IOI = 120;

/**
 * Notation notes with articulations for a pitched track (performed timing, before quantization).
 *
 * @example
 * articulate({ program: 45, notes: [{ tick: 0, duration: 75, pitch: 60, velocity: 80 }, { tick: 240, duration: 75, pitch: 60, velocity: 80 }] })[0]
 * // { tick: 0, duration: 240, pitch: 60, velocity: 80, staccato: true }
 */
export function articulate(track: Pick<Track, 'program' | 'notes'>, opts: { phrase?: boolean } = {}): NotationNote[] {
  const notes = [...track.notes].sort((a, b) => a.tick - b.tick || a.pitch - b.pitch);
  const onsets = [...new Set(notes.map((n) => n.tick))];
  const next = new Map<number, number>();
  onsets.forEach((t, i) => next.set(t, onsets[i + 1] ?? Infinity));
  // Loudest note per onset, for the accent test against neighbouring onsets.
  const loud = new Map<number, number>();
  for (const n of notes) loud.set(n.tick, Math.max(loud.get(n.tick) ?? 0, n.velocity));
  const onsetIndex = new Map(onsets.map((t, i) => [t, i]));
  const plucked = !isSustainingProgram(track.program);
  return notes.map((n) => {
    const out: NotationNote = { ...n };
    const i = onsetIndex.get(n.tick)!;
    // The last note of a line is measured against the step that led to it.
    const nx = next.get(n.tick)!;
    const ioi = Number.isFinite(nx) ? nx - n.tick : i > 0 ? n.tick - onsets[i - 1] : Infinity;
    if (ioi <= STACCATO_MAX_IOI && n.duration <= ioi * STACCATO_SHARE) {
      out.duration = ioi;
      out.staccato = true;
    } else if (plucked && n.tick + n.duration > nx && ioi <= RING_MAX_IOI) out.duration = ioi;
    // A sustained (or piano) lead line phrases its connected notes under slurs; a staccato or a gap breaks the phrase.
    if (opts.phrase && (!plucked || track.program <= 7) && !out.staccato && Number.isFinite(nx) && n.duration >= (nx - n.tick) * LEGATO_SHARE) out.legato = true;
    const around = [-3, -2, -1, 1, 2, 3].map((d) => onsets[i + d]).filter((t) => t !== undefined).map((t) => loud.get(t)!).sort((a, b) => a - b);
    if (around.length >= 2 && n.velocity >= ACCENT_MIN && n.velocity - around[around.length >> 1] >= ACCENT_OVER) out.accent = true;
    return out;
  });
}

/**
 * Drum notes for notation: one note per drum and onset, and rolls folded into one note with tremolo strokes
 * lasting the roll (its strokes: 2 for 16ths, 3 for 32nds, 4 for 64ths). `rollIoi`: the widest stroke spacing
 * that is a roll (a 32nd for drums; timpani rolls are written from 16ths, TIMPANI_ROLL_IOI).
 *
 * @example
 * drumRolls(Array.from({ length: 8 }, (_, i) => ({ tick: i * 60, duration: 60, pitch: 38, velocity: 80 })))
 * // [{ tick: 0, duration: 480, pitch: 38, velocity: 80, tremolo: 3 }]
 */
export function drumRolls(notes: readonly Note[], rollIoi = ROLL_IOI): NotationNote[] {
  const seen = new Set<string>();
  const unique = [...notes].sort((a, b) => a.pitch - b.pitch || a.tick - b.tick).filter((n) => {
    const k = `${n.pitch}:${n.tick}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const out: NotationNote[] = [];
  let i = 0;
  while (i < unique.length) {
    let j = i;
    while (j + 1 < unique.length && unique[j + 1].pitch === unique[i].pitch && unique[j + 1].tick - unique[j].tick <= rollIoi) j++;
    if (j - i + 1 >= ROLL_MIN) {
      const step = (unique[j].tick - unique[i].tick) / (j - i);
      const velocity = Math.max(...unique.slice(i, j + 1).map((n) => n.velocity));
      out.push({ tick: unique[i].tick, duration: unique[j].tick + step - unique[i].tick, pitch: unique[i].pitch, velocity, tremolo: step <= 30 ? 4 : step <= 60 ? 3 : 2 });
      i = j + 1;
    } else out.push({ ...unique[i++] });
  }
  return out.sort((a, b) => a.tick - b.tick || a.pitch - b.pitch);
}
