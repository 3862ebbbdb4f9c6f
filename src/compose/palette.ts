/**
 * purpose: orchestration — which General MIDI instruments play which role in each palette (MUSIC.md table),
 * their comfortable ranges, and the orchestration weight at which each layer enters (vertical layering:
 * more layers ⇒ more power, [GL10] timbre/texture). Channels are fixed per palette; drums on channel 10 (9).
 */
import type { TrackRole } from '../score/schema.js';
import type { Style } from '../cue/spec.js';
import { programRange } from '../theory/index.js';
import { directedLead, type OrchestrationTaste } from '../cue/orchestration.js';

export type Texture = 'melody' | 'melody2' | 'counter' | 'sustain' | 'block' | 'arpeggio' | 'power' | 'ostinato' | 'bass' | 'drums' | 'timpani' | 'sparkle';

export interface Voice {
  /** Stable id (used for stem names and the bar composer's part names). */
  id: string;
  name: string;
  role: TrackRole;
  program: number;
  channel: number;
  /** Comfortable range, inclusive MIDI (MUSIC.md ranges). */
  range: [number, number];
  /** CC7 balance. */
  volume: number;
  pan: number;
  /** Orchestration weight (0..1) from which this layer plays; 0 = always. */
  minWeight: number;
  /** Percussion level needed (drums/timpani); ignored for pitched layers. */
  minPercussion?: number;
  texture: Texture;
  /** Piano-like: sustain pedal (CC64) instead of long notes. */
  pedal?: boolean;
  /** Program to switch to when the tremolo device is on (GM 44 Tremolo Strings). */
  tremoloProgram?: number;
}

const ORCHESTRAL: Voice[] = [
  { id: 'melody', name: 'Violins I', role: 'melody', program: 40, channel: 0, range: [55, 100], volume: 100, pan: -0.3, minWeight: 0, texture: 'melody' },
  { id: 'melody2', name: 'Flute & Oboe', role: 'melody', program: 73, channel: 1, range: [60, 93], volume: 92, pan: 0.15, minWeight: 0, texture: 'melody2' },
  { id: 'counter', name: 'Horns', role: 'counter', program: 60, channel: 2, range: [41, 77], volume: 90, pan: 0.25, minWeight: 0.45, texture: 'counter' },
  { id: 'harmony', name: 'Strings', role: 'harmony', program: 48, channel: 3, range: [48, 79], volume: 96, pan: 0, minWeight: 0, texture: 'sustain', tremoloProgram: 44 },
  { id: 'pad', name: 'Choir', role: 'pad', program: 52, channel: 4, range: [55, 79], volume: 78, pan: 0, minWeight: 0.72, texture: 'sustain' },
  { id: 'ostinato', name: 'Strings Spiccato', role: 'ostinato', program: 45, channel: 5, range: [45, 76], volume: 88, pan: 0.35, minWeight: 0.35, texture: 'ostinato' },
  { id: 'bass', name: 'Cellos & Basses', role: 'bass', program: 42, channel: 6, range: [36, 62], volume: 100, pan: 0.1, minWeight: 0, texture: 'bass' },
  { id: 'colour', name: 'Harp', role: 'harmony', program: 46, channel: 7, range: [43, 91], volume: 80, pan: -0.4, minWeight: 0.2, texture: 'arpeggio' },
  { id: 'timpani', name: 'Timpani', role: 'other', program: 47, channel: 8, range: [38, 55], volume: 92, pan: 0, minWeight: 0, minPercussion: 0.01, texture: 'timpani' },
  { id: 'drums', name: 'Percussion', role: 'percussion', program: 0, channel: 9, range: [35, 81], volume: 90, pan: 0, minWeight: 0, minPercussion: 0.3, texture: 'drums' },
];

const PIANO: Voice[] = [
  { id: 'melody', name: 'Piano RH', role: 'melody', program: 0, channel: 0, range: [60, 96], volume: 100, pan: 0.1, minWeight: 0, texture: 'melody', pedal: true },
  { id: 'harmony', name: 'Piano LH', role: 'harmony', program: 0, channel: 1, range: [36, 72], volume: 92, pan: -0.05, minWeight: 0, texture: 'arpeggio', pedal: true },
  { id: 'bass', name: 'Piano Bass', role: 'bass', program: 0, channel: 2, range: [28, 52], volume: 92, pan: -0.15, minWeight: 0, texture: 'bass', pedal: true },
  { id: 'pad', name: 'Strings ppp', role: 'pad', program: 48, channel: 3, range: [48, 79], volume: 60, pan: 0, minWeight: 0.55, texture: 'sustain' },
];

const AMBIENT: Voice[] = [
  { id: 'melody', name: 'Electric Piano', role: 'melody', program: 4, channel: 0, range: [55, 88], volume: 92, pan: -0.2, minWeight: 0, texture: 'melody' },
  { id: 'melody2', name: 'Halo Pad Lead', role: 'melody', program: 94, channel: 1, range: [60, 91], volume: 85, pan: 0.2, minWeight: 0, texture: 'melody2' },
  { id: 'pad', name: 'Warm Pad', role: 'pad', program: 89, channel: 2, range: [48, 79], volume: 90, pan: 0, minWeight: 0, texture: 'sustain' },
  { id: 'harmony', name: 'Atmosphere', role: 'harmony', program: 99, channel: 3, range: [55, 88], volume: 75, pan: 0.3, minWeight: 0.3, texture: 'arpeggio' },
  { id: 'counter', name: 'Vibraphone', role: 'counter', program: 11, channel: 4, range: [53, 89], volume: 75, pan: -0.3, minWeight: 0.5, texture: 'counter' },
  { id: 'colour', name: 'Crystal', role: 'fx', program: 98, channel: 5, range: [72, 100], volume: 65, pan: 0.4, minWeight: 0.15, texture: 'sparkle' },
  { id: 'bass', name: 'Synth Bass', role: 'bass', program: 38, channel: 6, range: [28, 55], volume: 90, pan: 0, minWeight: 0, texture: 'bass' },
  { id: 'drums', name: 'Sparse Percussion', role: 'percussion', program: 0, channel: 9, range: [35, 81], volume: 70, pan: 0, minWeight: 0, minPercussion: 0.15, texture: 'drums' },
];

const CHIPTUNE: Voice[] = [
  { id: 'melody', name: 'Square Lead', role: 'melody', program: 80, channel: 0, range: [60, 96], volume: 92, pan: 0, minWeight: 0, texture: 'melody' },
  { id: 'melody2', name: 'Saw Lead', role: 'melody', program: 81, channel: 1, range: [60, 93], volume: 85, pan: 0.1, minWeight: 0, texture: 'melody2' },
  { id: 'harmony', name: 'Saw Arpeggio', role: 'harmony', program: 81, channel: 2, range: [52, 84], volume: 72, pan: -0.25, minWeight: 0, texture: 'arpeggio' },
  { id: 'counter', name: 'Square Harmony', role: 'counter', program: 80, channel: 3, range: [55, 84], volume: 70, pan: 0.25, minWeight: 0.45, texture: 'counter' },
  { id: 'bass', name: 'Synth Bass', role: 'bass', program: 38, channel: 4, range: [28, 60], volume: 95, pan: 0, minWeight: 0, texture: 'bass' },
  { id: 'drums', name: 'Drums', role: 'percussion', program: 0, channel: 9, range: [35, 81], volume: 85, pan: 0, minWeight: 0, minPercussion: 0.15, texture: 'drums' },
];

const ROCK: Voice[] = [
  { id: 'melody', name: 'Lead Guitar', role: 'melody', program: 30, channel: 0, range: [52, 88], volume: 92, pan: 0.2, minWeight: 0, texture: 'melody' },
  { id: 'melody2', name: 'Synth Lead', role: 'melody', program: 81, channel: 1, range: [57, 91], volume: 85, pan: -0.2, minWeight: 0, texture: 'melody2' },
  { id: 'ostinato', name: 'Rhythm Guitar', role: 'ostinato', program: 29, channel: 2, range: [40, 71], volume: 88, pan: -0.4, minWeight: 0, texture: 'power' },
  { id: 'pad', name: 'Organ', role: 'pad', program: 16, channel: 3, range: [48, 79], volume: 72, pan: 0.3, minWeight: 0.3, texture: 'sustain' },
  { id: 'harmony', name: 'Strings', role: 'harmony', program: 48, channel: 4, range: [55, 84], volume: 75, pan: 0, minWeight: 0.7, texture: 'sustain' },
  { id: 'bass', name: 'Electric Bass', role: 'bass', program: 33, channel: 5, range: [28, 55], volume: 100, pan: 0, minWeight: 0, texture: 'bass' },
  { id: 'drums', name: 'Drum Kit', role: 'percussion', program: 0, channel: 9, range: [35, 81], volume: 95, pan: 0, minWeight: 0, minPercussion: 0.05, texture: 'drums' },
];

export const PALETTES: Record<Style, readonly Voice[]> = { orchestral: ORCHESTRAL, piano: PIANO, ambient: AMBIENT, chiptune: CHIPTUNE, rock: ROCK };

/**
 * Solo colour for the main melody when the cue is soft: MUSIC.md grief row "solo instrument over strings",
 * triumph row "brass"; tender: flute/oboe. Only the orchestral palette swaps its lead.
 */
export function melodyVoiceFor(style: Style, valence: number, arousal: number): Partial<Voice> {
  if (style !== 'orchestral') return {};
  if (valence > 0.3 && arousal > 0.3) return { name: 'Horns & Trumpet', program: 60, range: [50, 79] };
  if (valence < -0.3 && arousal < -0.1) return { name: 'Oboe', program: 68, range: [58, 91] };
  if (valence > 0.2 && arousal < -0.1) return { name: 'Flute', program: 73, range: [60, 93] };
  return {};
}

/**
 * A voice's range inside its instruments' comfortable ranges (src/theory/instruments.ts, the one table the
 * musician's checks judge by): the palette's range ∩ the program's (and the tremolo program's) range.
 * @example playableRange({ program: 98, range: [72, 100] } as Voice) // [72, 96]
 */
export function playableRange(v: Pick<Voice, 'program' | 'range' | 'tremoloProgram'>): [number, number] {
  const [plo, phi] = programRange(v.program);
  const [tlo, thi] = v.tremoloProgram === undefined ? [0, 127] : programRange(v.tremoloProgram);
  const lo = Math.max(v.range[0], plo, tlo);
  const hi = Math.min(v.range[1], phi, thi);
  return hi - lo >= 12 ? [lo, hi] : [v.range[0], v.range[1]];
}

/**
 * The palette's voices for a cue (with the lead swapped per emotion), every range playable. A listener's
 * orchestration taste picks the lead where the emotion leaves it at the palette's default (the emotion's own
 * colour wins) and leaves out the optional layers it avoids. A director's request (the cue spec's
 * `orchestration`) wins over both: asked for low strings, the tune goes to the cellos whatever the emotion.
 * @example voicesFor('orchestral', -0.6, -0.4, undefined, { lead: 'cellos', avoid: [] })[0].name // 'Cellos'
 */
export function voicesFor(style: Style, valence: number, arousal: number, taste?: OrchestrationTaste, directed?: OrchestrationTaste): Voice[] {
  const emotionLead = melodyVoiceFor(style, valence, arousal);
  const tasteLead = directedLead(style, taste?.lead);
  const askedLead = directedLead(style, directed?.lead);
  const over = askedLead ? { ...askedLead } : Object.keys(emotionLead).length === 0 && tasteLead ? { ...tasteLead } : emotionLead;
  // Dark cues answer in a darker, lower colour (clarinet) rather than the flute (low pitch ⇒ sadness [GL10]);
  // not when the director gave the tune to the clarinet itself.
  const over2: Partial<Voice> = style === 'orchestral' && valence < -0.3 && askedLead?.program !== 71 ? { name: 'Clarinet', program: 71, range: [50, 89] } : {};
  const avoid = new Set<string>([...(taste?.avoid ?? []), ...(directed?.avoid ?? [])]);
  // The asked lead is an instrument another melodic layer already plays (a synth lead over the rock palette's
  // synth, the flute over "Flute & Oboe"): that layer takes the palette's own lead colour instead of doubling.
  const base = PALETTES[style].find((v) => v.id === 'melody')!;
  const dodge = (v: Voice): Partial<Voice> => (askedLead && (v.texture === 'melody2' || v.texture === 'counter') && v.program === askedLead.program && base.program !== askedLead.program ? { name: base.name, program: base.program, range: base.range } : {});
  const vs = PALETTES[style].filter((v) => !avoid.has(v.id)).map((v) => (v.id === 'melody' ? { ...v, ...over } : v.id === 'melody2' ? { ...v, ...over2, ...dodge(v) } : { ...v, ...dodge(v) }));
  for (const v of vs) if (v.role !== 'percussion') v.range = playableRange(v);
  return vs;
}
