/**
 * purpose: split a length in ticks (480 per quarter) into notatable values — note types with dots, and
 * triplets — largest first, as a copyist would tie them. A remainder no notation can express (say 7 ticks)
 * becomes a piece without a <type>, which MusicXML allows; the durations always add up exactly.
 */
export interface NotatedValue {
  ticks: number;
  /** MusicXML note type, or undefined for an unnotatable remainder. */
  type?: string;
  dots: number;
  /** 3:2 triplet. */
  triplet: boolean;
}

const TYPES: Array<[string, number]> = [
  ['breve', 3840],
  ['whole', 1920],
  ['half', 960],
  ['quarter', 480],
  ['eighth', 240],
  ['16th', 120],
  ['32nd', 60],
  ['64th', 30],
];

const PLAIN: NotatedValue[] = [];
const TRIPLETS: NotatedValue[] = [];
for (const [type, ticks] of TYPES) {
  PLAIN.push({ ticks, type, dots: 0, triplet: false });
  if (ticks % 2 === 0) PLAIN.push({ ticks: ticks * 1.5, type, dots: 1, triplet: false });
  if (ticks % 4 === 0) PLAIN.push({ ticks: ticks * 1.75, type, dots: 2, triplet: false });
  if (ticks % 3 === 0 && ticks <= 1920) TRIPLETS.push({ ticks: (ticks * 2) / 3, type, dots: 0, triplet: true });
}
PLAIN.sort((a, b) => b.ticks - a.ticks);
TRIPLETS.sort((a, b) => b.ticks - a.ticks);

/** The one value that is exactly `ticks` long, if any (plain first, then triplet). */
export function exactValue(ticks: number): NotatedValue | undefined {
  return PLAIN.find((v) => v.ticks === ticks) ?? TRIPLETS.find((v) => v.ticks === ticks);
}

/**
 * Split `ticks` into notatable pieces, largest first. Lengths on the 64th-note grid (30 ticks) use plain and
 * dotted values; lengths on the triplet grid (40 ticks) use a plain part then triplets (560 = quarter + triplet
 * 16th); anything else uses plain values and leaves an untyped remainder below a 64th.
 */
export function splitDuration(ticks: number): NotatedValue[] {
  if (!(ticks > 0)) return [];
  const exact = exactValue(ticks);
  if (exact) return [exact];
  const out: NotatedValue[] = [];
  let rest = ticks;
  const greedy = (pool: NotatedValue[]) => {
    for (const v of pool) while (rest >= v.ticks) {
      out.push(v);
      rest -= v.ticks;
    }
  };
  if (rest % 30 === 0) greedy(PLAIN);
  else if (rest % 40 === 0 || PLAIN.some((v) => v.ticks <= rest && (rest - v.ticks) % 40 === 0)) {
    const lead = PLAIN.find((v) => v.ticks <= rest && (rest - v.ticks) % 40 === 0);
    if (lead) {
      out.push(lead);
      rest -= lead.ticks;
    }
    greedy(TRIPLETS);
  } else greedy(PLAIN);
  if (rest > 0) out.push({ ticks: rest, dots: 0, triplet: false });
  return out;
}
