/**
 * purpose: the sampling record behind attribution (originality/attribution.ts `attributeSampled`) — for every
 * symbol a sampler drew from a PPM (a melody interval, a chord numeral), the PPM counts behind that symbol by
 * context order (Ppm.massByOrder) together with the context it was drawn in. Recording is opt-in (a request's
 * `evidence`), costs one extra PPM lookup per drawn symbol and never touches the Rng, so a cue sampled with or
 * without a record is the same cue. Records are position-free: the attribution matches them against the
 * finished score's lines by content.
 */
import type { Ppm } from './ppm.js';

/** One drawn symbol: `gram` = its context (oldest first) then the symbol; mass[k] = share of p(symbol) carried by the order-k count. */
export interface EvidenceRecord<S> {
  gram: S[];
  mass: number[];
  /** Share of p(symbol) from the uniform order −1 (evidence from no piece). */
  floor: number;
}

/**
 * A sink for one output's sampling records: melody intervals (intervalSymbol) and chord numerals (names).
 * @example
 * const evidence = new SamplingEvidence();
 * model.sampleMelody({ ...req, evidence });
 * evidence.melody.length // one record per drawn note that had a previous pitch
 */
export class SamplingEvidence {
  readonly melody: Array<EvidenceRecord<number>> = [];
  readonly harmony: Array<EvidenceRecord<string>> = [];

  /** Adds another output's records (a film: every cue's). */
  merge(other: SamplingEvidence): this {
    for (const r of other.melody) this.melody.push(r);
    for (const r of other.harmony) this.harmony.push(r);
    return this;
  }
}

const scratch = new Float64Array(16);

/**
 * The evidence for `sym` drawn after hist[0..end): the PPM's order masses, and the context symbols (mapped by
 * `name`) of the longest order found. Null when no context was found (nothing to credit).
 */
export function evidenceOf<S>(ppm: Pick<Ppm, 'massByOrder'>, hist: ArrayLike<number>, end: number, sym: number, name: (s: number) => S): EvidenceRecord<S> | null {
  const { orders, floor } = ppm.massByOrder(hist, end, sym, scratch);
  if (orders <= 0) return null;
  const gram: S[] = [];
  for (let i = end - orders + 1; i < end; i++) gram.push(name(hist[i]));
  gram.push(name(sym));
  return { gram, mass: Array.from(scratch.subarray(0, orders)), floor };
}
