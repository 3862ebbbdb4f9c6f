/**
 * purpose: Roman numerals (what the harmony style model speaks) → concrete chords in a key: root, pitch
 * classes, bass. Tolerant: an unknown symbol yields null and the caller falls back (tonal's "not found is a
 * value" rule), so a model emitting something exotic never crashes a cue.
 *
 * Conventions: a numeral without accidental is the degree of the key's own mode (so "VI" in minor is A♭ in C
 * minor); an accidental ("bVI", "#iv") is relative to the MAJOR scale, so "bVI" means the same chord in either
 * mode. "vii°" in a minor key uses the raised leading tone, as does a major "V" (MUSIC.md: minor keys use the
 * raised leading tone on V).
 */
import { MAJOR_STEPS, MODE_STEPS, mod12, type Key } from './theory.js';
import { parseRoman as parseStyleRoman } from '../style/roman.js';

export interface Chord {
  symbol: string;
  root: number;
  /** Pitch classes, root first then third, fifth, seventh… */
  pcs: number[];
  /** Pitch class in the bass (inversions). */
  bass: number;
  quality: 'major' | 'minor' | 'diminished' | 'augmented' | 'sus';
  /** True for dominant-function chords (V, V7, vii°, secondary dominants). */
  dominant: boolean;
}

const NUMERALS: Record<string, number> = { i: 0, ii: 1, iii: 2, iv: 3, v: 4, vi: 5, vii: 6 };
const cache = new Map<string, Chord | null>();

export function parseRoman(symbol: string, key: Key): Chord | null {
  const ck = `${symbol}|${key.tonic}|${key.mode}`;
  const hit = cache.get(ck);
  if (hit !== undefined) return hit;
  const c = parseUncached(symbol.trim(), key);
  if (cache.size > 20000) cache.clear();
  cache.set(ck, c);
  return c;
}

function parseUncached(symbol: string, key: Key): Chord | null {
  if (!symbol) return null;
  // The style models speak style/roman.ts's vocabulary: parse with it first so both sides agree on every
  // numeral; this module's own parser adds inversion figures, sus/add chords and other spellings.
  const figM = /^(.*?)(64|65|43|42|6)$/.exec(symbol);
  const styled = parseStyleRoman(figM && !/^N6?$/.test(symbol) ? figM[1] : symbol, key.mode);
  if (styled) {
    const pcs = styled.pcs.map((pc) => mod12(pc + key.tonic));
    const q = styled.quality;
    const quality: Chord['quality'] = q === 'maj' || q === 'dom7' || q === 'maj7' ? 'major' : q === 'aug' ? 'augmented' : q === 'dim' || q === 'dim7' || q === 'hdim7' ? 'diminished' : 'minor';
    let bassIdx = 0;
    if (/^N6?$/.test(symbol)) bassIdx = 1;
    else if (figM) bassIdx = figM[2] === "6" || figM[2] === "65" ? 1 : figM[2] === "64" || figM[2] === "43" ? 2 : pcs.length > 3 ? 3 : 0;
    const dominant = q === 'dom7' || (styled.root === 7 && q === 'maj') || ((q === 'dim' || q === 'dim7') && styled.root === 11) || symbol.includes('/');
    return { symbol, root: pcs[0], pcs, bass: pcs[bassIdx], quality, dominant };
  }
  if (/^N6?$/.test(symbol)) {
    // Neapolitan sixth: major triad on ♭II in first inversion (darkening move, MUSIC.md).
    const root = mod12(key.tonic + 1);
    const pcs = [root, mod12(root + 4), mod12(root + 7)];
    return { symbol, root, pcs, bass: pcs[1], quality: 'major', dominant: false };
  }
  const slash = symbol.indexOf('/');
  if (slash > 0) {
    const target = symbol.slice(slash + 1);
    if (/^[b#♭♯]?[ivIV]+/.test(target)) {
      const t = parseUncached(target.replace(/[^b#♭♯ivIV]/g, '').replace(/[°oø+]/g, ''), key);
      if (!t) return null;
      const mode = /^[b#♭♯]?[IV]+/.test(target) ? 'major' : 'minor';
      const inner = parseUncached(symbol.slice(0, slash), { tonic: t.root, mode });
      return inner ? { ...inner, symbol, dominant: inner.dominant || /^V|^vii/.test(symbol) } : null;
    }
  }
  const m = /^([b#♭♯]?)(vii|iii|iv|vi|ii|v|i|VII|III|IV|VI|II|V|I)(°|o|ø|\+|dim|aug)?(.*)$/.exec(symbol);
  if (!m) return null;
  const [, acc, num, qualSym, rest] = m;
  const deg = NUMERALS[num.toLowerCase()];
  const upper = num === num.toUpperCase();
  const minorFamily = key.mode === 'minor' || key.mode === 'harmonic-minor' || key.mode === 'dorian' || key.mode === 'phrygian' || key.mode === 'locrian';
  let offset: number;
  if (acc) offset = MAJOR_STEPS[deg] + (acc === 'b' || acc === '♭' ? -1 : 1);
  else if (deg === 6 && minorFamily && !upper) offset = 11; // raised leading tone for vii° in minor
  else offset = MODE_STEPS[key.mode][deg];
  const root = mod12(key.tonic + offset);
  let quality: Chord['quality'] = upper ? 'major' : 'minor';
  if (qualSym === '°' || qualSym === 'o' || qualSym === 'ø' || qualSym === 'dim') quality = 'diminished';
  if (qualSym === '+' || qualSym === 'aug') quality = 'augmented';
  let fig = rest.replace(/^maj/, 'M');
  let sus = false;
  if (/sus/.test(fig)) {
    sus = true;
    fig = fig.replace(/sus[24]?/, '');
  }
  const third = quality === 'major' || quality === 'augmented' ? 4 : 3;
  const fifth = quality === 'diminished' ? 6 : quality === 'augmented' ? 8 : 7;
  const pcs = [root, mod12(root + (sus ? 5 : third)), mod12(root + fifth)];
  const hasSeventh = /7|65|43|42|^2$|M7|9/.test(fig);
  if (hasSeventh) {
    let sev: number;
    if (/M7/.test(fig)) sev = 11;
    else if (qualSym === 'o' || qualSym === '°' || qualSym === 'dim') sev = 9;
    else if (qualSym === 'ø') sev = 10;
    else if (quality === 'major' && (deg === 4 || slash > 0)) sev = 10; // dominant seventh
    else {
      // diatonic seventh above the root in the key's mode
      const diat = mod12(key.tonic + MODE_STEPS[key.mode][(deg + 6) % 7]);
      sev = mod12(diat - root);
      if (sev !== 10 && sev !== 11) sev = 10;
    }
    pcs.push(mod12(root + sev));
  }
  if (/9/.test(fig)) pcs.push(mod12(root + 2));
  if (/add6|^6$/.test(fig) && upper) pcs.push(mod12(root + 9));
  let bassIdx = 0;
  if (/^(6|63|65)$/.test(fig)) bassIdx = 1;
  else if (/^(64|43)$/.test(fig)) bassIdx = 2;
  else if (/^(42|2)$/.test(fig) && pcs.length > 3) bassIdx = 3;
  const dominant = (deg === 4 && quality === 'major') || (deg === 6 && quality === 'diminished');
  return { symbol, root, pcs, bass: pcs[bassIdx], quality: sus ? 'sus' : quality, dominant };
}

/** Tonic triad of a key: the fallback when a symbol does not parse. */
export function tonicChord(key: Key): Chord {
  return parseRoman(minorish(key) ? 'i' : 'I', key) as Chord;
}

export function dominantChord(key: Key, seventh = true): Chord {
  return parseRoman(seventh ? 'V7' : 'V', key) as Chord;
}

function minorish(key: Key): boolean {
  return MODE_STEPS[key.mode][2] === 3;
}

/** Roman numeral for the tonic in this key's mode. */
export function tonicSymbol(key: Key): string {
  return minorish(key) ? 'i' : 'I';
}
