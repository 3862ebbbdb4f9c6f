/**
 * purpose: recognise and split scene headings ("INT. HOUSE - DAY #1A#") into setting, location, time of day and
 * scene number. Fountain 1.1: a heading begins with INT, EXT, EST, INT./EXT, INT/EXT or I/E (any case) followed by
 * a dot or a space; a leading `.` forces one; `#…#` at the end is the scene number.
 */

/** Prefixes in the order they must be tried (longest first). */
const SETTING_RE = /^(int\.?\/ext|ext\.?\/int|int\.?\/\s?ext|i\.?\/e|e\.?\/i|int|ext|est)(\.|\s|$)/i;
const NUMBER_RE = /\s*#([\p{L}\p{N}.-]+)#\s*$/u;
const TIMES = [
  'DAY', 'NIGHT', 'MORNING', 'EVENING', 'AFTERNOON', 'DUSK', 'DAWN', 'SUNSET', 'SUNRISE', 'NOON', 'MIDNIGHT',
  'LATER', 'MOMENTS LATER', 'CONTINUOUS', 'SAME', 'SAME TIME', 'MAGIC HOUR', 'TWILIGHT', 'PRE-DAWN', 'LATE NIGHT',
  'EARLY MORNING', 'FLASHBACK',
];
const TRAILING_TIME_RE = new RegExp(`\\s+(${TIMES.map((t) => t.replace(/[-\s]/g, '[-\\s]')).join('|')})$`, 'i');

export interface ParsedHeading {
  heading: string;
  number?: string;
  setting?: string;
  location?: string;
  timeOfDay?: string;
}

/** True when a trimmed line starts like a scene heading (not forced). */
export function looksLikeHeading(trimmed: string): boolean {
  const m = SETTING_RE.exec(trimmed);
  if (!m) return false;
  // "INT." alone or "EXT" alone is not a heading: it needs a location after it.
  return trimmed.length > m[0].length && /[\p{L}\p{N}]/u.test(trimmed.slice(m[0].length));
}

/** True for a forced heading: a leading `.` followed by a letter or digit (not `..`, not "...") */
export function isForcedHeading(trimmed: string): boolean {
  return trimmed.length > 1 && trimmed[0] === '.' && /[\p{L}\p{N}]/u.test(trimmed[1]);
}

function normaliseSetting(raw: string): string {
  const s = raw.toUpperCase().replace(/[.\s]/g, '');
  if (s === 'INT') return 'INT';
  if (s === 'EXT') return 'EXT';
  if (s === 'EST') return 'EST';
  if (s === 'EXT/INT' || s === 'E/I') return 'EXT/INT';
  return 'INT/EXT';
}

/** Splits a heading line (already known to be one; forced `.` removed by the caller). */
export function parseHeading(text: string): ParsedHeading {
  let heading = text.trim();
  let number: string | undefined;
  const nm = NUMBER_RE.exec(heading);
  if (nm) {
    number = nm[1];
    heading = heading.slice(0, nm.index).trim();
  }
  const out: ParsedHeading = { heading };
  if (number !== undefined) out.number = number;
  let rest = heading;
  const sm = SETTING_RE.exec(heading);
  if (sm) {
    out.setting = normaliseSetting(sm[1]);
    rest = heading.slice(sm[0].length).replace(/^[\s.\-–—]+/, '');
  }
  // "LOCATION - TIME": the last dash-separated part is the time of day when there is one.
  const dash = Math.max(rest.lastIndexOf(' - '), rest.lastIndexOf(' – '), rest.lastIndexOf(' — '));
  if (dash >= 0) {
    out.location = rest.slice(0, dash).trim();
    out.timeOfDay = rest.slice(dash + 3).trim();
  } else {
    const tm = rest.length < 400 ? TRAILING_TIME_RE.exec(rest) : null;
    if (tm && tm.index > 0) {
      out.location = rest.slice(0, tm.index).trim();
      out.timeOfDay = tm[1].toUpperCase();
    } else if (rest) {
      out.location = rest.trim();
    }
  }
  if (out.location === '') delete out.location;
  if (out.timeOfDay === '') delete out.timeOfDay;
  return out;
}
