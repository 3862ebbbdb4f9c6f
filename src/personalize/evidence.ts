/**
 * purpose: what a listener told us, as the preference model reads it. Every signal becomes weighted pairwise
 * comparisons "take A's offsets ≻ take B's" (Bradley–Terry): a pairwise pick is one comparison; a rating is
 * compared with the listener's other recent ratings (a 5 beats a 2) and with the un-personalised default (a
 * like means "better than no taste", a dislike "worse"); game signals are soft ratings. Old evidence decays
 * geometrically by interactions since, so a listener whose taste changes is followed. Pure.
 */
import { z } from 'zod';
import { EMOTION_REGIONS, tasteVector, type Taste } from '../cue/taste.js';

export const CONTEXT_KINDS = ['film', 'game'] as const;
export type ContextKind = (typeof CONTEXT_KINDS)[number];

/** Where a take plays: film cue or game state, and the emotion region of its music. */
export const TasteContextSchema = z.object({ kind: z.enum(CONTEXT_KINDS), region: z.enum(EMOTION_REGIONS) });
export type TasteContext = z.infer<typeof TasteContextSchema>;

/** @example contextKey({ kind: 'film', region: 'dark-calm' }) // 'film:dark-calm' */
export function contextKey(c: TasteContext): string {
  return `${c.kind}:${c.region}`;
}

/** Implicit game signals and the rating (1..5) and weight each stands for. */
export const SIGNALS = {
  skipped: { rating: 1, weight: 0.5 },
  muted: { rating: 1, weight: 0.5 },
  'turned-down': { rating: 2, weight: 0.4 },
  'kept-playing': { rating: 4, weight: 0.3 },
} as const;
export type SignalKind = keyof typeof SIGNALS;
export const SIGNAL_KINDS = Object.keys(SIGNALS) as SignalKind[];

export interface TakeRecord {
  takeId: string;
  offsets: Taste;
  context: TasteContext;
}

/** One stored feedback event; `seq` counts the profile's interactions (1, 2, …). */
export type FeedbackEvent =
  | { kind: 'rating'; seq: number; takeId: string; rating: number }
  | { kind: 'prefer'; seq: number; winner: string; loser: string }
  | { kind: 'signal'; seq: number; takeId: string; signal: SignalKind };

/** A weighted comparison: offsets `a` were preferred to offsets `b`. `context` is where it was heard. */
export interface Comparison {
  a: number[];
  b: number[];
  weight: number;
  context: string;
  winner?: Taste;
  loser?: Taste;
}

export interface EvidenceSettings {
  /** Weight kept per later interaction (0.97: half-life ≈ 11 interactions). */
  decay: number;
  /** How many earlier ratings a new rating is compared with. */
  ratingPeers: number;
}
export const DEFAULT_EVIDENCE: EvidenceSettings = { decay: 0.94, ratingPeers: 10 };

/** 'like' | 'dislike' | 1..5 → 1..5 (like 4, dislike 2). @example ratingValue('like') // 4 */
export function ratingValue(r: 'like' | 'dislike' | number): number {
  return r === 'like' ? 4 : r === 'dislike' ? 2 : r;
}

const NEUTRAL_VECTOR = tasteVector({ tempo: 0, brightness: 0, register: 0, density: 0, dynamics: 0, adventure: 0, percussion: 0, repetition: 0, orchestration: {}, palette: {} });

/**
 * Comparisons from a profile's takes and feedback, decayed to the latest interaction.
 * @example comparisonsFrom(takes, [{ kind: 'prefer', seq: 1, winner: 't1', loser: 't2' }]).length // 1
 */
export function comparisonsFrom(takes: ReadonlyMap<string, TakeRecord>, events: readonly FeedbackEvent[], settings: EvidenceSettings = DEFAULT_EVIDENCE): Comparison[] {
  const latest = events.reduce((m, e) => Math.max(m, e.seq), 0);
  const decay = (seq: number) => Math.pow(settings.decay, latest - seq);
  const out: Comparison[] = [];
  const rated: Array<{ take: TakeRecord; rating: number; weight: number }> = [];
  for (const e of [...events].sort((x, y) => x.seq - y.seq)) {
    if (e.kind === 'prefer') {
      const w = takes.get(e.winner), l = takes.get(e.loser);
      if (!w || !l) continue;
      out.push({ a: tasteVector(w.offsets), b: tasteVector(l.offsets), weight: decay(e.seq), context: contextKey(w.context), winner: w.offsets, loser: l.offsets });
      continue;
    }
    const take = takes.get(e.takeId);
    if (!take) continue;
    const { rating, weight } = e.kind === 'rating' ? { rating: e.rating, weight: 1 } : SIGNALS[e.signal];
    const x = tasteVector(take.offsets);
    const ctx = contextKey(take.context);
    const d = decay(e.seq);
    // Against the un-personalised default: a like says "better than no taste".
    if (rating !== 3) {
      const w = weight * d * (Math.abs(rating - 3) / 2);
      out.push(rating > 3 ? { a: x, b: NEUTRAL_VECTOR, weight: w, context: ctx, winner: take.offsets } : { a: NEUTRAL_VECTOR, b: x, weight: w, context: ctx, loser: take.offsets });
    }
    // Against the listener's own recent ratings: a ranking is a set of pairwise preferences.
    for (const peer of rated.slice(-settings.ratingPeers)) {
      if (peer.rating === rating || peer.take.takeId === take.takeId) continue;
      const w = Math.min(weight, peer.weight) * d * (Math.abs(rating - peer.rating) / 2);
      const [hi, lo] = rating > peer.rating ? [take, peer.take] : [peer.take, take];
      out.push({ a: tasteVector(hi.offsets), b: tasteVector(lo.offsets), weight: w, context: contextKey(hi.context), winner: hi.offsets, loser: lo.offsets });
    }
    rated.push({ take, rating, weight });
  }
  return out;
}
