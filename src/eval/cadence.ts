/**
 * purpose: cadence types at phrase ends — find the phrase ends of a Score, name the last two chords before
 * each against the key in force, and classify the cadence as authentic / half / plagal / deceptive / other.
 */
import { MeterMap, type Score } from '../score/index.js';
import { CHORD_ROLES, SoundingIndex, keyAt, share, tracksWithRoles } from './lines.js';
import { mod12 } from '../theory/index.js';

export type CadenceType = 'authentic' | 'half' | 'plagal' | 'deceptive' | 'other';
/** @example CADENCE_TYPES.includes('half') // true */
export const CADENCE_TYPES: readonly CadenceType[] = ['authentic', 'half', 'plagal', 'deceptive', 'other'];

/** Triad and seventh templates (semitones above the root). */
const TEMPLATES: ReadonlyArray<readonly number[]> = [
  [0, 4, 7], [0, 3, 7], [0, 3, 6], [0, 4, 7, 10], [0, 3, 7, 10], [0, 3, 6, 10], [0, 3, 6, 9], [0, 4, 7, 11],
];

/**
 * Root pitch class of a set of sounding pitches: the (root, template) pair with most template tones present,
 * minus half a point per template tone missing and one point per sounding pitch class outside it, plus a
 * quarter point when the root is the lowest pitch. Undefined for silence.
 * @example chordRoot([48, 64, 67]) // 0 (C major); chordRoot([55, 59, 62, 65]) // 7 (G7)
 */
export function chordRoot(pitches: readonly number[]): number | undefined {
  if (pitches.length === 0) return undefined;
  const pcs = new Set(pitches.map(mod12));
  const bass = mod12(Math.min(...pitches));
  let best: { root: number; score: number } | undefined;
  for (let root = 0; root < 12; root++)
    for (const tpl of TEMPLATES) {
      const tones = new Set(tpl.map((i) => mod12(root + i)));
      let present = 0;
      for (const t of tones) if (pcs.has(t)) present++;
      if (!pcs.has(root)) continue;
      let extra = 0;
      for (const p of pcs) if (!tones.has(p)) extra++;
      const score = present - 0.5 * (tones.size - present) - extra + (root === bass ? 0.25 : 0);
      if (!best || score > best.score) best = { root, score };
    }
  return best?.root ?? bass;
}

/**
 * Phrase ends: the end tick of every section except the whole-cue wrapper (kind 'cue') and the non-phrases
 * 'intro' and 'transition' (an intro usually holds the tonic or leads in; it closes nothing); with no such
 * sections (corpora), every 4th barline and the end of the score. Sorted, deduplicated.
 * @example phraseEnds(score) // [21120, 36480, 44160, 46080] for Intro, A, B, A', Button
 */
export function phraseEnds(score: Score): number[] {
  const NOT_PHRASES = new Set(['cue', 'intro', 'transition']);
  const ends = score.sections.filter((s) => !NOT_PHRASES.has(s.kind) && s.endTick > s.tick).map((s) => s.endTick);
  if (score.sections.every((s) => s.kind === 'cue')) {
    const map = new MeterMap(score.meters);
    for (let b = 4; map.tickAtBar(b) < score.endTick; b += 4) ends.push(map.tickAtBar(b));
    ends.push(score.endTick);
  }
  return [...new Set(ends)].sort((a, b) => a - b);
}

/**
 * Classify the cadence ending at tick `end`. The harmony is read at onsets of the bass and chord layers
 * (lines.ts), with everything pitched sounding there (lead, chord layers, bass; not counter/fx/percussion):
 * the final chord is the one at the last such onset before `end`; the previous chord is the nearest earlier
 * onset, within two bars, whose root differs. Roots are taken relative to the key at the final chord:
 *   - final on V (7)                                   → half
 *   - final on I (0) after V (7) or vii° (11)          → authentic
 *   - final on I after IV/iv (5)                        → plagal
 *   - final on vi/VI (9 or 8) after V                   → deceptive
 *   - anything else (incl. no chord change found)      → other
 * Undefined when no chord sounds in the last bar before `end`.
 * @example cadenceAt(score, 3840) // 'authentic' for G7 → C in C major ending at bar 2
 */
export function cadenceAt(score: Score, end: number): CadenceType | undefined {
  const map = new MeterMap(score.meters);
  const barTicks = (t: number) => { const m = map.meterAt(t); return (m.numerator * 1920) / m.denominator; };
  const harmonyTracks = tracksWithRoles(score, new Set([...CHORD_ROLES, 'bass']));
  const all = new SoundingIndex(tracksWithRoles(score, new Set([...CHORD_ROLES, 'bass', 'melody'])));
  const onsets = [...new Set(harmonyTracks.flatMap((t) => t.notes.map((n) => n.tick)))].filter((t) => t < end).sort((a, b) => b - a);
  const t1 = onsets[0];
  if (t1 === undefined || t1 < end - barTicks(end - 1)) return undefined;
  const r1 = chordRoot(all.at(t1));
  const key = keyAt(score, t1);
  if (r1 === undefined || !key) return undefined;
  let r0: number | undefined;
  for (const t of onsets.slice(1)) {
    if (t < t1 - 2 * barTicks(t1)) break;
    const r = chordRoot(all.at(t));
    if (r !== undefined && r !== r1) { r0 = r; break; }
  }
  const f = mod12(r1 - key.tonic);
  const p = r0 === undefined ? undefined : mod12(r0 - key.tonic);
  if (f === 7) return 'half';
  if (f === 0 && (p === 7 || p === 11)) return 'authentic';
  if (f === 0 && p === 5) return 'plagal';
  if ((f === 9 || f === 8) && p === 7) return 'deceptive';
  return 'other';
}

export interface CadenceReport {
  /** Share of classified phrase ends per type (sums to 1 when any were classified). */
  shares: Record<CadenceType, number>;
  counts: Record<CadenceType, number>;
  /** Phrase ends with a chord to classify. */
  phraseEnds: number;
}

/**
 * Cadence types at every phrase end of a score (phraseEnds + cadenceAt).
 * @example cadences(score).shares.authentic // 1 for a chorale whose every phrase ends V–I
 */
export function cadences(score: Score): CadenceReport {
  const counts = Object.fromEntries(CADENCE_TYPES.map((c) => [c, 0])) as Record<CadenceType, number>;
  let n = 0;
  for (const e of phraseEnds(score)) {
    const c = cadenceAt(score, e);
    if (!c) continue;
    counts[c]++;
    n++;
  }
  const shares = Object.fromEntries(CADENCE_TYPES.map((c) => [c, share(counts[c], n)])) as Record<CadenceType, number>;
  return { shares, counts, phraseEnds: n };
}
