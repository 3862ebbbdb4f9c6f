/**
 * purpose: THE Roman-numeral parser and realiser: a numeral in a mode → chord root, pitch classes and bass.
 * The composer, the style models and the adaptive stingers all read numerals here, so they agree on every chord.
 *
 * Conventions (what the style models were trained on and what the composer emits):
 * - Case is quality: upper = major, lower = minor. "°"/"o"/"dim" diminished, "ø" half-diminished (always a
 *   seventh chord), "+"/"aug" augmented. "7" is a dominant seventh on an upper numeral and a minor seventh on a
 *   lower one; "maj7"/"M7"/"Δ7" a major seventh; "9" adds a ninth over the seventh; "sus"/"sus4"/"sus2" replace
 *   the third; "add6"/"add9" add a tone.
 * - Degrees count from the major scale in major-quality modes and from the NATURAL-minor scale in minor-quality
 *   modes (see modes.ts for "minor"): in C minor "III" = E♭, "VI" = A♭, "VII" = B♭; "V" = G major (its upper
 *   case gives the raised leading tone B♮) and "vii°"/"viio7" sit on the raised leading tone B♮.
 * - "b"/"♭" and "#"/"♯" alter that degree by a semitone ("bVI" in C major = A♭; "#III" in C minor = E).
 * - Figures: "6" first inversion, "64" second; "65", "43", "42"/"2" are seventh chords in first, second, third
 *   inversion. "N"/"N6" is the Neapolitan (major ♭II, third in the bass), as is "bII6".
 * - Applied chords "X/Y" ("V/V", "V7/iv", "viio7/V"): X is read as in a major key on Y's root.
 * Not found is `null` (empty or unknown symbols); callers pick their fallback (usually the tonic triad).
 */
import { CHORD_INTERVALS, triadQualityOf, type ChordType, type TriadQuality } from './chord.js';
import { MODE_TABLE, getMode, type Mode, type ModeQuality } from './modes.js';
import { mod12 } from './pitch.js';

export interface RomanChord {
  /** The numeral as given (trimmed). */
  symbol: string;
  /** Root pitch class: semitones above the tonic from parseRoman, absolute (0 = C) from realiseRoman. */
  root: number;
  /** Pitch classes, root first then third (or suspension), fifth, seventh, added tones. */
  pcs: number[];
  /** Pitch class in the bass (inversions). */
  bass: number;
  /** Coarse quality the composer voices by. */
  quality: TriadQuality;
  /** The nearest of the nine chord types (added tones and suspensions ignored): what the labeller names. */
  type: ChordType;
  /** Dominant function: V, V7, the leading-tone triad/°7 and every applied chord. */
  dominant: boolean;
}

const NUMERAL_RE = /^([b#♭♯]?)(VII|VI|IV|V|III|II|I|vii|vi|iv|v|iii|ii|i)(°|o|ø|\+|dim|aug)?(maj7|M7|Δ7?|7|9)?(sus[24]?)?(add6|add9|add2)?(65|64|6|43|42|2)?$/;
const DEGREES = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII'];
const FAMILY_SCALE: Record<ModeQuality, readonly number[]> = { major: MODE_TABLE.major.steps, minor: MODE_TABLE.minor.steps };

interface Simple {
  root: number;
  type: ChordType;
  pcs: number[];
  bassIdx: number;
  sus: boolean;
}

function parseSimple(s: string, family: ModeQuality): Simple | null {
  const m = NUMERAL_RE.exec(s);
  if (!m) return null;
  const [, acc, numeral, qual = '', ext = '', sus = '', add = '', fig = ''] = m;
  const upper = numeral === numeral.toUpperCase();
  const degree = DEGREES.indexOf(numeral.toUpperCase());
  const seventh = ext !== '' || fig === '65' || fig === '43' || fig === '42' || fig === '2';
  const majSeventh = ext.startsWith('maj') || ext.startsWith('M') || ext.startsWith('Δ');
  let type: ChordType;
  let minMaj7 = false;
  if (qual === '°' || qual === 'o' || qual === 'dim') type = seventh ? 'dim7' : 'dim';
  else if (qual === 'ø') type = 'hdim7';
  else if (qual === '+' || qual === 'aug') type = 'aug';
  else if (majSeventh) {
    type = upper ? 'maj7' : 'min';
    minMaj7 = !upper;
  } else if (seventh) type = upper ? 'dom7' : 'min7';
  else type = upper ? 'maj' : 'min';
  const scale = FAMILY_SCALE[family];
  const flat = acc === 'b' || acc === '♭';
  const sharp = acc === '#' || acc === '♯';
  let root = scale[degree];
  const dimmish = type === 'dim' || type === 'dim7' || type === 'hdim7';
  // In minor the leading-tone chord sits on the raised 7th (B♮ in C minor), not on the subtonic.
  if (family === 'minor' && degree === 6 && dimmish) root = flat ? 10 : sharp ? 12 : 11;
  else if (flat) root -= 1;
  else if (sharp) root += 1;
  root = mod12(root);
  const iv = [...CHORD_INTERVALS[type]];
  if (minMaj7) iv.push(11);
  if (type === 'aug' && seventh) iv.push(10);
  if (sus) iv[1] = sus === 'sus2' ? 2 : 5;
  if (ext === '9') iv.push(2);
  if (add === 'add6') iv.push(9);
  else if (add) iv.push(2);
  const bassIdx = fig === '6' || fig === '65' ? 1 : fig === '64' || fig === '43' ? 2 : fig === '42' || fig === '2' ? 3 : 0;
  return { root, type, pcs: iv.map((i) => mod12(root + i)), bassIdx, sus: sus !== '' };
}

function familyOf(mode: Mode | ModeQuality): ModeQuality {
  return getMode(mode)?.quality ?? 'major';
}

function build(symbol: string, s: Simple, applied: boolean): RomanChord {
  const { root, type } = s;
  const dominant = applied || type === 'dom7' || (root === 7 && type === 'maj') || ((type === 'dim' || type === 'dim7') && root === 11);
  return { symbol, root, pcs: s.pcs, bass: s.pcs[s.bassIdx], quality: s.sus ? 'sus' : triadQualityOf(type), type, dominant };
}

function parseUncached(symbol: string, family: ModeQuality): RomanChord | null {
  if (!symbol) return null;
  if (symbol === 'N' || symbol === 'N6') return build(symbol, { root: 1, type: 'maj', pcs: [1, 5, 8], bassIdx: 1, sus: false }, false);
  const slash = symbol.indexOf('/');
  if (slash > 0) {
    const target = parseUncached(symbol.slice(slash + 1), family);
    const inner = parseSimple(symbol.slice(0, slash), 'major');
    if (!target || !inner) return null;
    const shift = target.root;
    return build(symbol, { ...inner, root: mod12(inner.root + shift), pcs: inner.pcs.map((p) => mod12(p + shift)) }, true);
  }
  const s = parseSimple(symbol, family);
  return s && build(symbol, s, false);
}

const relCache = new Map<string, RomanChord | null>();
const absCache = new Map<string, RomanChord | null>();

/**
 * A numeral relative to the tonic (root, pcs and bass are semitones above it); `null` if unknown.
 * Only the mode's quality matters (dorian reads numerals like minor). Results are shared: do not mutate.
 * @example parseRoman('V7/iv', 'minor')?.pcs // → [0, 4, 7, 10]
 */
export function parseRoman(symbol: string, mode: Mode | ModeQuality): RomanChord | null {
  const family = familyOf(mode);
  const ck = `${family}|${symbol}`;
  let hit = relCache.get(ck);
  if (hit === undefined) {
    hit = parseUncached(symbol.trim(), family);
    if (relCache.size > 20000) relCache.clear();
    relCache.set(ck, hit);
  }
  return hit;
}

/**
 * A numeral in a key, realised to absolute pitch classes (0 = C); `null` if unknown. Shared result: do not mutate.
 * @example realiseRoman('VI', { tonic: 0, mode: 'minor' })?.pcs // → [8, 0, 3]
 */
export function realiseRoman(symbol: string, key: { tonic: number; mode: Mode }): RomanChord | null {
  const ck = `${symbol}|${key.tonic}|${key.mode}`;
  let hit = absCache.get(ck);
  if (hit === undefined) {
    const rel = parseRoman(symbol, key.mode);
    const t = key.tonic;
    hit = rel && { ...rel, root: mod12(rel.root + t), pcs: rel.pcs.map((p) => mod12(p + t)), bass: mod12(rel.bass + t) };
    if (absCache.size > 20000) absCache.clear();
    absCache.set(ck, hit);
  }
  return hit;
}

/**
 * The tonic numeral of a mode: "i" in minor-quality modes, else "I".
 * @example tonicNumeral('dorian') // → 'i'
 */
export function tonicNumeral(mode: Mode): string {
  return MODE_TABLE[mode].quality === 'minor' ? 'i' : 'I';
}
