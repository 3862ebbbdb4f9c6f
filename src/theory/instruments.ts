/**
 * purpose: comfortable playing ranges per General MIDI program (0-based) and which programs sustain — the one
 * source for the palettes (compose/palette.ts clamps every voice to it), the renderer and the
 * musician's checks (eval/) and for any stage that wants to keep parts playable.
 * Ranges are MIDI numbers [low, high], the comfortable written-to-sounding range a session player or a good
 * sample library covers without strain — not the extreme range. MUSIC.md gives flute 60–96, violin 55–100,
 * cello 36–76, contrabass 28–55, horn 41–77, trumpet 55–82, tuba 28–58, piano 21–108; the rest follow
 * standard orchestration references (Adler, Rimsky-Korsakov) and, for synths, the keyboard span that still
 * sounds like the patch.
 */

export type MidiRange = readonly [low: number, high: number];

/** Explicit entries; programs not listed fall back to their GM family (FAMILY_RANGES). */
const PROGRAM_RANGES: Readonly<Record<number, MidiRange>> = {
  0: [21, 108], 1: [21, 108], 2: [21, 108], 3: [21, 108], // pianos
  4: [28, 103], 5: [28, 103], // electric pianos
  6: [29, 89], // harpsichord
  7: [36, 96], // clavinet
  8: [60, 108], // celesta
  9: [79, 108], // glockenspiel (sounds 2 octaves above written G3–C6)
  10: [60, 96], // music box
  11: [53, 89], // vibraphone F3–F6
  12: [45, 96], // marimba (4.3-octave instrument)
  13: [65, 96], // xylophone
  14: [60, 77], // tubular bells C4–F5
  15: [50, 84], // dulcimer
  16: [36, 96], 17: [36, 96], 18: [36, 96], 19: [24, 96], 20: [41, 89], // organs, reed organ
  21: [53, 89], 22: [60, 84], 23: [53, 89], // accordion, harmonica, bandoneon
  24: [40, 84], 25: [40, 84], 26: [40, 86], 27: [40, 86], 28: [40, 86], 29: [40, 86], 30: [40, 88], 31: [40, 84], // guitars
  32: [28, 60], 33: [28, 67], 34: [28, 67], 35: [28, 60], 36: [28, 67], 37: [28, 67], // basses (sounding)
  38: [24, 67], 39: [24, 67], // synth basses
  40: [55, 100], // violin
  41: [48, 88], // viola C3–E6
  42: [36, 76], // cello
  43: [28, 55], // contrabass
  44: [28, 100], 45: [28, 96], // tremolo / pizzicato strings (section spans basses to violins)
  46: [24, 103], // harp
  47: [38, 57], // timpani (set of four, D2–A3)
  48: [28, 100], 49: [28, 100], 50: [36, 96], 51: [36, 96], // string ensembles, synth strings
  52: [40, 81], 53: [40, 81], 54: [40, 84], 55: [36, 96], // choir aahs/oohs (SATB E2–A5), synth voice, hit
  56: [55, 82], // trumpet
  57: [40, 72], // trombone
  58: [28, 58], // tuba
  59: [55, 79], // muted trumpet
  60: [41, 77], // horn
  61: [36, 82], // brass section
  62: [36, 84], 63: [36, 84], // synth brass
  64: [56, 87], 65: [49, 80], 66: [44, 75], 67: [36, 68], // saxes S/A/T/B
  68: [58, 91], // oboe
  69: [52, 81], // English horn
  70: [34, 72], // bassoon
  71: [50, 89], // clarinet
  72: [74, 103], // piccolo
  73: [60, 96], // flute
  74: [60, 91], // recorder
  75: [60, 91], 76: [60, 88], 77: [60, 91], 78: [64, 91], 79: [60, 91], // pan flute, bottle, shakuhachi, whistle, ocarina
};

/** Fallback by GM family (program >> 3): 8 programs per family. */
const FAMILY_RANGES: readonly MidiRange[] = [
  [21, 108], [48, 96], [36, 96], [40, 86], [28, 67], [36, 96], [28, 96], [36, 84],
  [48, 91], [60, 96], [48, 96], [36, 96], [36, 96], [40, 88], [36, 84], [24, 96],
];

/**
 * Comfortable range of a GM program (0–127).
 * @example programRange(73) // → [60, 96]
 */
export function programRange(program: number): MidiRange {
  return PROGRAM_RANGES[program] ?? FAMILY_RANGES[Math.max(0, Math.min(15, program >> 3))];
}

/**
 * True for programs whose notes sustain until released (bowed strings, organs, choirs, pads, winds, brass):
 * a repeated pitch across a barline in these should usually be a tie. Plucked, struck and pizzicato
 * programs (pianos, guitars, harp, mallets, pizzicato 45, timpani) are not sustaining.
 * @example isSustainingProgram(46) // → false
 */
export function isSustainingProgram(program: number): boolean {
  if (program >= 16 && program <= 23) return true; // organs, accordions, harmonica
  if (program >= 40 && program <= 44) return true; // bowed strings incl. tremolo
  if (program >= 48 && program <= 54) return true; // string ensembles, synth strings, choirs
  if (program >= 56 && program <= 79) return true; // brass, reeds, pipes
  if (program >= 88 && program <= 95) return true; // synth pads
  return false;
}
