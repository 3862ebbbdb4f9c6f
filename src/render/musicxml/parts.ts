/**
 * purpose: which notation parts a Score's tracks become and in what order — standard orchestral score order
 * (woodwinds, brass, timpani and percussion, harp and keyboards, guitars, voices, strings; Adler, "The Study of
 * Orchestration", ch. 1), a bracket per section, a short name for later systems, the written transposition of
 * transposing instruments (clarinet and trumpet in B♭, horn and English horn in F, guitar and bass an octave
 * down, piccolo and celesta an octave up), and one grand-staff part for all the tracks of one piano.
 */
import type { Track } from '../../score/index.js';
import { isDrumPart } from '../../theory/index.js';

/** Written = sounding − chromatic; `diatonic` names the written letter shift; `fifths` shifts the key signature. */
export interface Transposition {
  diatonic: number;
  chromatic: number;
  octaveChange: number;
  fifths: number;
}

export type Section = 'woodwinds' | 'brass' | 'percussion' | 'keyboards' | 'guitars' | 'synths' | 'voices' | 'strings' | 'basses';

export interface PartPlan {
  id: string;
  name: string;
  abbreviation: string;
  /** The tracks written into this part (more than one only for a piano's hands). */
  tracks: Track[];
  /** Indices of those tracks in the Score. */
  trackIndices: number[];
  section: Section;
  transpose?: Transposition;
  /** A piano: two staves, hands by track role, sustain pedal marked. */
  piano: boolean;
  percussion: boolean;
  /** Clef sign, line and octave change for a one-staff part (undefined: chosen by range). */
  clef?: { sign: 'G' | 'F'; line: number; octaveChange: number };
}

const NONE = undefined;
const BB: Transposition = { diatonic: -1, chromatic: -2, octaveChange: 0, fifths: 2 };
const F: Transposition = { diatonic: -4, chromatic: -7, octaveChange: 0, fifths: 1 };
const OCT_DOWN: Transposition = { diatonic: 0, chromatic: 0, octaveChange: -1, fifths: 0 };
const OCT_UP: Transposition = { diatonic: 0, chromatic: 0, octaveChange: 1, fifths: 0 };

/** Score position (lower first), section, transposition and abbreviation by GM program (0-based). */
function programInfo(p: number): { rank: number; section: Section; transpose?: Transposition; abbr: string; clef?: PartPlan['clef'] } {
  if (p === 72) return { rank: 100, section: 'woodwinds', transpose: OCT_UP, abbr: 'Picc.' };
  if (p === 73 || (p >= 74 && p <= 79)) return { rank: 110 + (p - 73), section: 'woodwinds', abbr: 'Fl.' };
  if (p === 68) return { rank: 120, section: 'woodwinds', abbr: 'Ob.' };
  if (p === 69) return { rank: 125, section: 'woodwinds', transpose: F, abbr: 'E.H.' };
  if (p === 71) return { rank: 130, section: 'woodwinds', transpose: BB, abbr: 'Cl.' };
  if (p === 70) return { rank: 140, section: 'woodwinds', abbr: 'Bsn.' };
  if (p >= 64 && p <= 67) return { rank: 150 + (p - 64), section: 'woodwinds', abbr: 'Sax.' };
  if (p === 60) return { rank: 200, section: 'brass', transpose: F, abbr: 'Hn.' };
  if (p === 56 || p === 59) return { rank: 210, section: 'brass', transpose: BB, abbr: 'Tpt.' };
  if (p === 57) return { rank: 220, section: 'brass', abbr: 'Tbn.' };
  if (p === 58) return { rank: 230, section: 'brass', abbr: 'Tba.' };
  if (p >= 61 && p <= 63) return { rank: 240, section: 'brass', abbr: 'Br.' };
  if (p === 47) return { rank: 300, section: 'percussion', abbr: 'Timp.' };
  if (p >= 8 && p <= 15) return { rank: 320, section: 'percussion', transpose: p === 8 || p === 13 ? OCT_UP : NONE, abbr: 'Perc.' };
  if (p === 46) return { rank: 400, section: 'keyboards', abbr: 'Hp.' };
  if (p <= 7) return { rank: 410, section: 'keyboards', abbr: 'Pno.' };
  if (p >= 16 && p <= 23) return { rank: 420, section: 'keyboards', abbr: 'Org.' };
  if (p >= 24 && p <= 31) return { rank: 500, section: 'guitars', transpose: OCT_DOWN, abbr: 'Gtr.', clef: { sign: 'G', line: 2, octaveChange: -1 } };
  if (p >= 32 && p <= 37) return { rank: 520, section: 'guitars', transpose: OCT_DOWN, abbr: 'B.', clef: { sign: 'F', line: 4, octaveChange: -1 } };
  if (p >= 80 && p <= 127) return { rank: 600 + p, section: 'synths', abbr: 'Syn.' };
  if (p === 38 || p === 39) return { rank: 800, section: 'synths', abbr: 'Syn.B.' };
  if (p >= 52 && p <= 54) return { rank: 900, section: 'voices', abbr: 'Ch.' };
  if (p === 40) return { rank: 1000, section: 'strings', abbr: 'Vln.' };
  if (p === 41) return { rank: 1010, section: 'strings', abbr: 'Vla.' };
  if (p === 42) return { rank: 1020, section: 'strings', abbr: 'Vc.' };
  if (p === 43) return { rank: 1030, section: 'strings', transpose: OCT_DOWN, abbr: 'Cb.', clef: { sign: 'F', line: 4, octaveChange: -1 } };
  return { rank: 1005, section: 'strings', abbr: 'Str.' }; // ensembles, tremolo, pizzicato, synth strings
}

/**
 * Short names a copyist writes (Gould, "Behind Bars", p. 509), word by word; unknown words keep 3 letters. A Map, so
 * a part named "Constructor" or "__proto__" finds no entry instead of an Object property.
 */
const WORDS: ReadonlyMap<string, string> = new Map(Object.entries({
  violins: 'Vlns.', violin: 'Vln.', violas: 'Vlas.', viola: 'Vla.', cellos: 'Vcs.', cello: 'Vc.', basses: 'Cbs.', bass: 'B.',
  strings: 'Str.', spiccato: 'spicc.', pizzicato: 'pizz.', flute: 'Fl.', flutes: 'Fls.', oboe: 'Ob.', oboes: 'Obs.', clarinet: 'Cl.',
  bassoon: 'Bsn.', horns: 'Hns.', horn: 'Hn.', trumpet: 'Tpt.', trumpets: 'Tpts.', trombone: 'Tbn.', tuba: 'Tba.', choir: 'Ch.',
  harp: 'Hp.', timpani: 'Timp.', percussion: 'Perc.', piano: 'Pno.', organ: 'Org.', guitar: 'Gtr.', electric: 'El.', drum: 'Dr.',
  drums: 'Dr.', kit: 'Kit', lead: 'Ld.', synth: 'Syn.', rhythm: 'Rhy.', pad: 'Pad', vibraphone: 'Vib.', glockenspiel: 'Glk.', celesta: 'Cel.', '&': '&',
}));

/**
 * The abbreviation of a part name.
 *
 * @example
 * abbreviate('Cellos & Basses') // 'Vcs. & Cbs.'
 */
export function abbreviate(name: string): string {
  const words = name.split(/\s+/).filter(Boolean).slice(0, 3);
  const out = words.map((w) => {
    const k = w.toLowerCase();
    const short = WORDS.get(k);
    if (short) return short;
    if (/^[IVX]+$|^\d+$/.test(w) || w.length <= 3) return w;
    return `${w.slice(0, 3)}.`;
  });
  return out.join(' ') || name;
}

const isPianoTrack = (t: Track) => !isDrumPart(t) && t.program <= 5;

/**
 * The parts of a Score in score order. Piano tracks sharing a program become one grand-staff part; every
 * other track is a part of its own.
 *
 * @example
 * planParts(score).map((p) => p.name) // ['Flute & Oboe', 'Horns', 'Timpani', 'Percussion', 'Harp', 'Choir', 'Violins I', 'Strings', …]
 */
export function planParts(tracks: readonly Track[]): PartPlan[] {
  const plans: Array<PartPlan & { rank: number; pitch: number; first: number }> = [];
  const pianos = new Map<number, (typeof plans)[number]>();
  // A band (guitars, electric bass, synths) keeps its drum kit at the bottom, as a rhythm section reads it.
  const band = tracks.some((t) => !isDrumPart(t) && ((t.program >= 24 && t.program <= 39) || (t.program >= 80 && t.program <= 103)));
  tracks.forEach((t, i) => {
    const median = medianPitch(t);
    if (isPianoTrack(t)) {
      const existing = pianos.get(t.program);
      if (existing) {
        existing.tracks.push(t);
        existing.trackIndices.push(i);
        return;
      }
    }
    const perc = isDrumPart(t);
    const info = perc ? { rank: band ? 5000 : 310, section: 'percussion' as const, abbr: 'Perc.', transpose: NONE, clef: NONE } : programInfo(t.program);
    const plan = {
      id: '',
      name: t.name,
      abbreviation: perc ? abbreviate(t.name) : WORDS.get(t.name.toLowerCase()) ?? abbreviate(t.name),
      tracks: [t],
      trackIndices: [i],
      section: info.section,
      transpose: info.transpose,
      piano: isPianoTrack(t),
      percussion: perc,
      clef: info.clef,
      rank: info.rank,
      pitch: median,
      first: i,
    };
    if (plan.piano) pianos.set(t.program, plan);
    plans.push(plan);
  });
  for (const p of pianos.values()) if (p.tracks.length > 1) {
    p.name = 'Piano';
    p.abbreviation = 'Pno.';
  }
  // Score order; within one instrument family the higher part above (Violins I over the ensemble over cellos).
  plans.sort((a, b) => a.rank - b.rank || b.pitch - a.pitch || a.first - b.first);
  return plans.map(({ rank: _r, pitch: _p, first: _f, ...p }, i) => ({ ...p, id: `P${i + 1}` }));
}

function medianPitch(t: Track): number {
  const ps = t.notes.map((n) => n.pitch).sort((a, b) => a - b);
  return ps.length ? ps[ps.length >> 1] : 60;
}

/** Consecutive parts of one section (two or more) share a bracket; single parts stand alone. */
export function sectionGroups(parts: readonly PartPlan[]): Array<{ from: number; to: number; section: Section }> {
  const out: Array<{ from: number; to: number; section: Section }> = [];
  let i = 0;
  while (i < parts.length) {
    let j = i;
    while (j + 1 < parts.length && parts[j + 1].section === parts[i].section) j++;
    if (j > i) out.push({ from: i, to: j, section: parts[i].section });
    i = j + 1;
  }
  return out;
}

/**
 * A key signature moved by `shift` fifths (a B♭ instrument reads two sharps more), kept within six sharps or
 * flats by the enharmonic key (concert B major for a B♭ clarinet is D♭, not C♯).
 *
 * @example
 * writtenFifths(5, 2) // -5
 */
export function writtenFifths(fifths: number, shift: number): number {
  const f = fifths + shift;
  return f > 6 ? f - 12 : f < -6 ? f + 12 : f;
}
