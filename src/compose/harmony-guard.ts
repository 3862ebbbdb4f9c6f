/**
 * purpose: the copy guard for the harmony line — the max-order constraint of copy-guard.ts applied to the
 * harmony as the one copy definition measures it (originality/definition.ts: Roman numeral + inter-onset ratio
 * per chord change, labelled from every pitched track by originality/score-lines.ts `harmonyLineOf`). Where a
 * window of maxCopy+1 chord changes occurs in a training piece, one inner chord is replaced by a diatonic
 * substitute that keeps the tune's notes (common-tone substitution: I→vi or iii, IV→ii…): the accompaniment
 * notes struck in that chord's span move to the nearest tone of the substitute. A change is kept only when the
 * relabelled line has no copied run through it. Pure; mutates only accompaniment `pitch`es.
 */
import { PPQ, type Score, type Track } from '../score/schema.js';
import { harmonyLineOf } from '../originality/score-lines.js';
import type { CopyChord } from '../originality/definition.js';
import { isDrumPart, mod12, pcOfName, scalePcs } from '../theory/index.js';
import type { StyleModel } from '../style/api.js';

export type HarmonyCopyModel = { longestCopiedHarmonyRun(chords: ReadonlyArray<CopyChord>): number };

/** Roles whose notes make the chord without carrying the tune (the guard may move them). */
const ACCOMPANIMENT = new Set<Track['role']>(['harmony', 'pad', 'ostinato', 'bass', 'counter', 'other']);

function keyAt(keys: Score['keys'], tick: number): { tonic: number; mode: Score['keys'][number]['mode'] } {
  let k = keys[0];
  for (const x of keys) if (x.tick <= tick) k = x;
  return { tonic: k ? (pcOfName(k.tonic) ?? 0) : 0, mode: k?.mode ?? 'major' };
}

/** Diatonic triads of the key, best substitutes first: most of the tune's pitch classes kept, then common tones. */
function substitutes(key: ReturnType<typeof keyAt>, current: ReadonlySet<number>, tune: ReadonlySet<number>): number[][] {
  const sc = scalePcs(key);
  const out: Array<{ pcs: number[]; score: number; d: number }> = [];
  for (let d = 0; d < sc.length; d++) {
    const pcs = [sc[d], sc[(d + 2) % sc.length], sc[(d + 4) % sc.length]];
    if ([...current].every((p) => pcs.includes(p))) continue; // the chord already there
    let score = 0;
    for (const p of tune) if (pcs.includes(p)) score += 2;
    for (const p of pcs) if (current.has(p)) score += 1;
    out.push({ pcs, score, d });
  }
  return out.sort((a, b) => b.score - a.score || a.d - b.d).map((x) => x.pcs);
}

function nearestWithPc(p: number, pcs: readonly number[]): number {
  for (let d = 0; d <= 6; d++) {
    if (pcs.includes(mod12(p - d))) return p - d;
    if (pcs.includes(mod12(p + d))) return p + d;
  }
  return p;
}

/** Index of the event sounding at `tick` (the last one starting at or before it). */
function eventAt(ticks: readonly number[], tick: number): number {
  let i = 0;
  while (i + 1 < ticks.length && ticks[i + 1] <= tick) i++;
  return i;
}

/**
 * Repairs the tracks' harmony in place; returns the longest copied harmony run after repair and how many chords
 * were replaced.
 * @example
 * const { longest } = enforceHarmonyCopy(tracks, keys, harmonyCopiedInEither(models), 6);
 */
export function enforceHarmonyCopy(tracks: Track[], keys: Score['keys'], model: HarmonyCopyModel, maxCopy: number, budget = 40): { longest: number; changed: number } {
  const measure = () => harmonyLineOf({ ppq: PPQ, keys, tracks });
  let line = measure();
  let longest = model.longestCopiedHarmonyRun(line.events);
  if (!Number.isFinite(maxCopy) || longest <= maxCopy) return { longest, changed: 0 };
  const w = maxCopy + 1;
  const pitched = tracks.filter((t) => !isDrumPart(t));
  let tries = 0;
  let changed = 0;
  for (let s = 0; s + w <= line.events.length && tries < budget; s++) {
    if (model.longestCopiedHarmonyRun(line.events.slice(s, s + w)) < w) continue;
    // Inner chords first, from the middle out (replacing one breaks the tokens on both sides of it).
    const order = [...Array(w).keys()].slice(1, -1).sort((a, b) => Math.abs(a - w / 2) - Math.abs(b - w / 2) || a - b);
    let fixed = false;
    for (const k of order) {
      if (fixed || tries >= budget) break;
      const i = s + k;
      const t0 = line.ticks[i];
      const t1 = t0 + Math.round(line.events[i].duration * PPQ);
      const struck = pitched.filter((t) => ACCOMPANIMENT.has(t.role)).flatMap((t) => t.notes.filter((n) => n.tick >= t0 && n.tick < t1));
      if (struck.length === 0) continue;
      const tune = new Set(pitched.filter((t) => t.role === 'melody').flatMap((t) => t.notes.filter((n) => n.tick < t1 && n.tick + n.duration > t0).map((n) => mod12(n.pitch))));
      const current = new Set(struck.map((n) => mod12(n.pitch)));
      for (const pcs of substitutes(keyAt(keys, t0), current, tune).slice(0, 3)) {
        tries++;
        const old = struck.map((n) => n.pitch);
        for (const n of struck) n.pitch = nearestWithPc(n.pitch, pcs);
        const next = measure();
        // Every run through the changed chord (j: merged with a neighbour, the chord that now sounds at t0) lies
        // within j ± maxCopy, and any run longer than maxCopy in that slice contains j. Runs beside it are the
        // scan's next windows.
        const j = eventAt(next.ticks, t0);
        const near = next.events.slice(Math.max(0, j - maxCopy), Math.min(next.events.length, j + maxCopy + 1));
        if (model.longestCopiedHarmonyRun(near) <= maxCopy) {
          line = next;
          changed++;
          fixed = true;
          // Relabelling can merge or split chords: rescan from before the change.
          s = Math.max(-1, j - w);
          break;
        }
        struck.forEach((n, x) => (n.pitch = old[x]));
      }
    }
  }
  longest = model.longestCopiedHarmonyRun(line.events);
  return { longest, changed };
}

/**
 * The longest harmony run either model's training corpus holds (models without a harmony index: none).
 * @example enforceHarmonyCopy(tracks, keys, harmonyCopiedInEither(models), 6)
 */
export function harmonyCopiedInEither(models: { melody: StyleModel; harmony: StyleModel }): HarmonyCopyModel {
  const ms = models.melody === models.harmony ? [models.melody] : [models.melody, models.harmony];
  return { longestCopiedHarmonyRun: (chords) => Math.max(chords.length ? 1 : 0, ...ms.map((m) => m.longestCopiedHarmonyRun?.(chords) ?? 0)) };
}
