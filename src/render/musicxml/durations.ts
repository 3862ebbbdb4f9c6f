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

/**
 * Rests from `from` to `to` inside a bar, as a copyist groups them: each rest starts where its own value
 * could start in the metre (a quarter rest on a beat, a half rest on the first or middle beat of 4/4, a
 * dotted-quarter rest on a 6/8 beat), filling up to the next beat first, so the beat stays visible — never a
 * double-dotted half rest after an eighth. Lengths off the 64th grid fall back to splitDuration.
 *
 * @example
 * metricRests(240, 1920, { start: 0, numerator: 4, denominator: 4 }).map((v) => v.ticks) // [240, 480, 960]
 */
export function metricRests(from: number, to: number, bar: { start: number; numerator: number; denominator: number }): NotatedValue[] {
  const a = from - bar.start, b = to - bar.start;
  if (a % 30 !== 0 || b % 30 !== 0) return splitDuration(to - from);
  const beat = (1920 / bar.denominator) * (bar.denominator >= 8 && bar.numerator % 3 === 0 && bar.numerator > 3 ? 3 : 1);
  const barLen = (1920 / bar.denominator) * bar.numerator;
  const compound = beat % 3 === 0 && beat !== 1920 / bar.denominator;
  const out: NotatedValue[] = [];
  let p = a;
  while (p < b) {
    const pick = PLAIN.find((v) => {
      if (v.ticks > b - p || !v.type) return false;
      if (v.dots === 2) return false;
      // Dotted rests only as a compound beat (or its multiple); plain values longer than a beat start on the
      // bar's half (or a whole beat group); shorter ones on their own grid.
      if (v.dots === 1) return compound && v.ticks % beat === 0 && p % beat === 0;
      if (v.ticks > beat) return (compound ? v.ticks % beat === 0 : true) && p % v.ticks === 0 && (v.ticks * 2 <= barLen || p === 0) && (p + v.ticks <= barLen);
      return p % v.ticks === 0 && Math.floor(p / beat) === Math.floor((p + v.ticks - 1) / beat);
    });
    const v = pick ?? PLAIN[PLAIN.length - 1];
    out.push(v);
    p += v.ticks;
  }
  return out;
}
