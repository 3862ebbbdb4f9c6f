/**
 * purpose: notation quantization — turn performed timing into the rhythm a copyist would write, for display
 * only (the SMF keeps the exact performance).
 *
 * Onsets snap to the nearer of the 32nd-note grid (60 ticks) and the 16th-triplet grid (80 ticks), so
 * composed material (already on either grid) is untouched. A note whose end falls just short of the next
 * onset in its track — the articulation gap of a legato or détaché line, up to half the inter-onset interval
 * or a 32nd — is written to that onset (a 708-tick note before an onset 720 ticks on is a dotted quarter, not
 * a quarter tied to a double-dotted 32nd and a 64th rest); other ends snap to the same grids. This follows
 * the usual transcription practice (e.g. Cemgil, Desain & Kappen, "Rhythm quantization for transcription",
 * CMJ 24(2), 2000: quantize to the simplest grid that explains the onsets; durations follow inter-onset
 * intervals).
 */
import { resolveSamePitchOverlaps, type Note } from '../../score/index.js';

const STRAIGHT = 60;
const TRIPLET = 80;

/** Nearest grid point among the straight and triplet lattices; ties go to the straight one. */
export function snapTick(t: number): number {
  const s = Math.round(t / STRAIGHT) * STRAIGHT;
  const tr = Math.round(t / TRIPLET) * TRIPLET;
  return Math.abs(tr - t) < Math.abs(s - t) ? tr : s;
}

/** Notated notes for a track. `maxTick`: no note is written past the last barline. */
export function quantizeForNotation<N extends Note>(notes: readonly N[], maxTick: number): N[] {
  if (notes.length === 0) return [];
  const snapped = notes.map((n) => ({ n, t: Math.min(snapTick(n.tick), maxTick - STRAIGHT) }));
  const onsets = [...new Set(snapped.map((x) => x.t))].sort((a, b) => a - b);
  const nextOnset = (t: number): number | undefined => {
    let lo = 0, hi = onsets.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (onsets[mid] <= t) lo = mid + 1;
      else hi = mid;
    }
    return onsets[lo];
  };
  const out: N[] = snapped.map(({ n, t }) => {
    const end = n.tick + n.duration;
    const next = nextOnset(t);
    let e: number;
    if (next !== undefined && end <= next && next - end <= Math.max(STRAIGHT / 2, (next - t) / 2)) e = next;
    else e = snapTick(end);
    e = Math.min(Math.max(e, t + (t % STRAIGHT === 0 ? STRAIGHT : TRIPLET)), maxTick);
    return { ...n, tick: t, duration: Math.max(1, e - t) };
  });
  // Snapping can make two notes of one pitch collide; keep each pitch a single line.
  return resolveSamePitchOverlaps(out) as N[]; // it copies each note whole, extra fields included
}
