/**
 * purpose: naming chords as Roman numerals — the inverse of roman.ts: label a pitch-class set (template
 * matching, after Pardo & Birmingham 2002), name a root + type in a key, and tell diatonic from colour chords.
 *
 * Naming: upper case = major/augmented/dominant type, lower case = minor/diminished. Suffixes: "o" dim,
 * "+" aug, "7" (dominant or minor seventh by case), "maj7", "ø7" half-diminished, "o7" diminished seventh.
 * Degrees in major are named against the major scale (bVI, bVII borrowed); in minor against the natural minor
 * scale (III, VI, VII on the lowered degrees; the leading-tone chord is "viio"/"viio7", the dominant "V"/"V7").
 * Applied chords: "V/V", "V7/ii", "viio7/V"; the Neapolitan is "N6". Every name parses back with parseRoman.
 */
import { CHORD_INTERVALS, CHORD_TYPES, type ChordType } from './chord.js';
import { MODE_SCALES, modeQuality, type Mode, type ModeQuality } from './modes.js';
import { mod12 } from './pitch.js';
import { parseRoman } from './roman.js';

const UPPER = new Set<ChordType>(['maj', 'aug', 'dom7', 'maj7']);
const SUFFIX: Record<ChordType, string> = { maj: '', min: '', dim: 'o', aug: '+', dom7: '7', maj7: 'maj7', min7: '7', hdim7: 'ø7', dim7: 'o7' };

const MAJOR_NAMES = ['I', 'bII', 'II', 'bIII', 'III', 'IV', '#IV', 'V', 'bVI', 'VI', 'bVII', 'VII'];
const MINOR_NAMES = ['I', 'bII', 'II', 'III', '#III', 'IV', '#IV', 'V', 'VI', '#VI', 'VII', '#VII'];

const QUALITIES = CHORD_TYPES;

function triadQuality(scale: readonly number[], degree: number): ChordType {
  const r = scale[degree];
  const third = mod12(scale[(degree + 2) % 7] - r);
  const fifth = mod12(scale[(degree + 4) % 7] - r);
  if (third === 4) return fifth === 8 ? 'aug' : 'maj';
  return fifth === 6 ? 'dim' : 'min';
}

/** Diatonic chords of a family (harmonic-minor dominant and leading-tone chords count as diatonic in minor). */
function diatonicSet(family: ModeQuality): Set<string> {
  const set = new Set<string>();
  const scale = family === 'major' ? MODE_SCALES.major : MODE_SCALES.minor;
  for (let d = 0; d < 7; d++) set.add(`${scale[d]}:${triadQuality(scale, d)}`);
  if (family === 'major') {
    set.add('7:dom7');
    set.add('2:min7');
    set.add('11:hdim7');
    set.add('9:min7');
    set.add('4:min7');
    set.add('0:maj7');
    set.add('5:maj7');
  } else {
    set.add('7:maj');
    set.add('7:dom7');
    set.add('11:dim');
    set.add('11:dim7');
    set.add('2:hdim7');
    set.add('5:min7');
    set.add('0:min7');
  }
  return set;
}
const DIATONIC: Record<ModeQuality, Set<string>> = { major: diatonicSet('major'), minor: diatonicSet('minor') };
/** Same as DIATONIC as flat lookup tables (index root * 9 + quality index), for the labelling inner loop. */
const DIATONIC_TABLE: Record<ModeQuality, Uint8Array> = { major: diatonicTable('major'), minor: diatonicTable('minor') };
function diatonicTable(family: ModeQuality): Uint8Array {
  const t = new Uint8Array(12 * 9);
  const qs = CHORD_TYPES;
  for (let r = 0; r < 12; r++) for (let q = 0; q < qs.length; q++) t[r * 9 + q] = DIATONIC[family].has(`${r}:${qs[q]}`) ? 1 : 0;
  return t;
}

/**
 * Whether a root (semitones above the tonic) and type are diatonic in a family.
 * @example isDiatonic(7, 'dom7', 'minor') // → true
 */
export function isDiatonic(root: number, quality: ChordType, family: ModeQuality): boolean {
  return DIATONIC[family].has(`${mod12(root)}:${quality}`);
}

function baseName(root: number, quality: ChordType, family: ModeQuality): string {
  let name = (family === 'major' ? MAJOR_NAMES : MINOR_NAMES)[mod12(root)];
  const dimmish = quality === 'dim' || quality === 'dim7' || quality === 'hdim7';
  // In minor, "viio" is the leading-tone chord (root 11); a diminished chord on the subtonic is "bviio".
  if (family === 'minor' && mod12(root) === 11 && dimmish) name = 'VII';
  else if (family === 'minor' && mod12(root) === 10 && dimmish) name = 'bVII';
  const letters = name.replace(/^[b#]/, '');
  const acc = name.slice(0, name.length - letters.length);
  return acc + (UPPER.has(quality) ? letters : letters.toLowerCase()) + SUFFIX[quality];
}

/**
 * Roman numeral for a chord root (semitones above tonic) and type in a mode family.
 * @example romanName(8, 'maj', 'minor') // → 'VI'
 */
export function romanName(root: number, quality: ChordType, family: ModeQuality): string {
  const r = mod12(root);
  if (isDiatonic(r, quality, family)) return baseName(r, quality, family);
  if (r === 1 && quality === 'maj') return 'N6';
  if (family === 'minor' && r === 0 && quality === 'maj') return 'I'; // Picardy third
  const scale = family === 'major' ? MODE_SCALES.major : MODE_SCALES.minor;
  // Applied dominants and leading-tone chords to a diatonic major/minor triad other than the tonic.
  for (let d = 1; d < 7; d++) {
    const tq = triadQuality(scale, d);
    if (tq !== 'maj' && tq !== 'min') continue;
    const target = scale[d];
    const targetName = baseName(target, tq, family);
    if ((quality === 'maj' || quality === 'dom7') && mod12(target + 7) === r) return `V${quality === 'dom7' ? '7' : ''}/${targetName}`;
    if ((quality === 'dim7' || quality === 'dim') && mod12(target - 1) === r) return `viio${quality === 'dim7' ? '7' : ''}/${targetName}`;
  }
  if (r === 0 && quality === 'dom7') return 'V7/IV';
  return baseName(r, quality, family);
}

/**
 * True for chords outside the key's diatonic set (borrowed, applied, Neapolitan): the "colour" chords.
 * Unknown numerals are not chromatic.
 * @example isChromaticRoman('bVI', 'major') // → true
 */
export function isChromaticRoman(roman: string, mode: Mode): boolean {
  const p = parseRoman(roman, mode);
  if (!p) return false;
  return !isDiatonic(p.root, p.type, modeQuality(mode));
}

/**
 * Best chord for duration-weighted pitch-class weights (absolute pcs) in a key, as root + quality relative to
 * the tonic (`type`: one of the nine chord types). Score = weight on chord tones − 0.7 × weight elsewhere, small bonuses for a root in the bass and for
 * diatonic chords, small penalties for a missing third and for sevenths (prefer the simpler reading).
 * `null` when there is nothing to label.
 * @example labelChord([1,0,0,0,1,0,0,1,0,0,0,0], 0, 'major') // → { root: 0, type: 'maj' }
 */
export function labelChord(weights: ArrayLike<number>, tonic: number, family: ModeQuality, bassPc?: number, triadsOnly = false): { root: number; type: ChordType } | null {
  const nq = triadsOnly ? 4 : QUALITIES.length;
  let total = 0;
  for (let i = 0; i < 12; i++) total += weights[i];
  if (!(total > 0)) return null;
  let best: { root: number; type: ChordType } | null = null;
  let bestScore = -Infinity;
  const diatonic = DIATONIC_TABLE[family];
  for (let r = 0; r < 12; r++) {
    // A chord whose root is not sounding loses to one whose root is (missing-root penalty), so skip it early.
    if (!(weights[r] > 0)) continue;
    for (let qi = 0; qi < nq; qi++) {
      const q = QUALITIES[qi];
      const iv = CHORD_INTERVALS[q];
      let inside = 0;
      let missing = 0;
      for (let k = 0; k < iv.length; k++) {
        const pc = (r + iv[k]) % 12;
        inside += weights[pc];
        if (weights[pc] <= 0) missing += k === 2 ? 0.05 : k === 0 ? 0.3 : 0.25;
      }
      const outside = total - inside;
      const rel = (r - tonic + 12) % 12;
      let s = inside - 0.7 * outside - missing * total;
      if (bassPc !== undefined && bassPc === r) s += 0.12 * total;
      if (diatonic[rel * 9 + qi]) s += 0.1 * total;
      if (iv.length === 4) s -= 0.12 * total;
      if (q === 'aug') s -= 0.1 * total;
      if (s > bestScore + 1e-9) {
        bestScore = s;
        best = { root: rel, type: q };
      }
    }
  }
  return best;
}
