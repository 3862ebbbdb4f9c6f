/**
 * purpose: the sampling record behind attribution (originality/attribution.ts `attributeSampled`) — for every
 * symbol a sampler drew from a PPM (a melody interval, a chord numeral), the model and the context it was drawn
 * in. The PPM counts behind the drawn symbol by context order (Ppm.massByOrder) are a pure function of those, so
 * they are read when provenance is written (`evidenceOf`), not while composing: recording costs a few integer
 * copies per draw and never touches the Rng, so a cue sampled with or without a record is the same cue. Records
 * are position-free: the attribution matches them against the finished score's lines by content.
 */
import type { Ppm } from './ppm.js';

/** One draw: `syms` = the context (oldest first, at most the model's order, never across a boundary) then the drawn symbol. */
export interface DrawRecord<S> {
  ppm: Pick<Ppm, 'massByOrder' | 'order'>;
  syms: Int32Array;
  /** Name of a symbol in the line's alphabet (melody: the interval symbol itself; harmony: the numeral). */
  name: (sym: number) => S;
}

/** A draw's evidence: `gram` = the context of the longest order found, then the symbol; mass[k] = share of p(symbol) carried by the order-k count. */
export interface EvidenceRecord<S> {
  gram: S[];
  /** The whole context the symbol was drawn in (at most the model's order, never across a boundary), then the symbol. */
  drawn: S[];
  mass: number[];
  /** Share of p(symbol) from the uniform order −1 (evidence from no piece). */
  floor: number;
}

/**
 * A sink for one output's draws: melody intervals (intervalSymbol) and chord numerals.
 * @example
 * const evidence = new SamplingEvidence();
 * model.sampleMelody({ ...req, evidence });
 * evidence.melody.length // one record per drawn note that had a previous pitch
 */
export class SamplingEvidence {
  readonly melody: Array<DrawRecord<number>> = [];
  readonly harmony: Array<DrawRecord<string>> = [];

  /** Adds another output's records (a film: the leitmotifs' and every cue's). */
  merge(other: SamplingEvidence): this {
    for (const r of other.melody) this.melody.push(r);
    for (const r of other.harmony) this.harmony.push(r);
    return this;
  }
}

/**
 * The record of `sym` drawn after hist[0..end) (a negative symbol is a boundary no context crosses).
 * @example drawRecord(ppm, [-1, 26, 22], 3, 24, (s) => s).syms // Int32Array [26, 22, 24]
 */
export function drawRecord<S>(ppm: DrawRecord<S>['ppm'], hist: ArrayLike<number>, end: number, sym: number, name: (s: number) => S): DrawRecord<S> {
  let a = end;
  while (a > 0 && end - a < ppm.order && hist[a - 1] >= 0) a--;
  const syms = new Int32Array(end - a + 1);
  for (let i = a; i < end; i++) syms[i - a] = hist[i];
  syms[end - a] = sym;
  return { ppm, syms, name };
}

const scratch = new Float64Array(16);

/**
 * The PPM counts behind a draw; null when the model found no context at all (nothing to credit).
 * @example evidenceOf(evidence.melody[0])?.mass // [0.02, 0.1, 0.5] (orders 0, 1, 2)
 */
export function evidenceOf<S>(r: DrawRecord<S>): EvidenceRecord<S> | null {
  const end = r.syms.length - 1;
  const { orders, floor } = r.ppm.massByOrder(r.syms, end, r.syms[end], scratch);
  if (orders <= 0) return null;
  const gram: S[] = [];
  for (let i = end - orders + 1; i <= end; i++) gram.push(r.name(r.syms[i]));
  const drawn: S[] = [];
  for (let i = 0; i <= end; i++) drawn.push(r.name(r.syms[i]));
  return { gram, drawn, mass: Array.from(scratch.subarray(0, orders)), floor };
}
