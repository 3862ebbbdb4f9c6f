/**
 * purpose: the orchestration choices a cue can carry — which instrument colour leads and which optional layers
 * are left out — shared by a listener's taste (cue/taste.ts, learned), a cue spec's `orchestration` field (a
 * director's explicit request, e.g. from `--direction "low strings"`) and the palette (compose/palette.ts).
 * One table per palette; the instruments' own ranges are clipped to playable ones by the palette. Pure.
 */
import { z } from 'zod';
import type { Style } from './spec.js';

export interface LeadColour {
  name: string;
  program: number;
  range: [number, number];
}

/**
 * Lead colours a listener's taste may learn per palette (personalize/ explores exactly these arms; the
 * emotion's own lead swap — grief's oboe, triumph's brass — still wins over a taste).
 */
export const LEAD_CHOICES: Partial<Record<Style, Record<string, LeadColour>>> = {
  orchestral: {
    strings: { name: 'Violins I', program: 40, range: [55, 100] },
    woodwinds: { name: 'Flute', program: 73, range: [60, 93] },
    brass: { name: 'Horns', program: 60, range: [50, 79] },
  },
  ambient: {
    keys: { name: 'Electric Piano', program: 4, range: [55, 88] },
    pad: { name: 'Halo Pad Lead', program: 94, range: [60, 91] },
    mallets: { name: 'Vibraphone', program: 11, range: [53, 89] },
  },
  chiptune: {
    square: { name: 'Square Lead', program: 80, range: [60, 96] },
    saw: { name: 'Saw Lead', program: 81, range: [60, 93] },
  },
  rock: {
    guitar: { name: 'Lead Guitar', program: 30, range: [52, 88] },
    synth: { name: 'Synth Lead', program: 81, range: [57, 91] },
  },
};

/**
 * Every lead a cue spec may ask for: the taste's choices plus the single colours a director names ("low
 * strings", "a solo oboe"). A requested lead wins over the emotion's own swap — the director asked for it.
 * Ranges: the instrument's singing register (MUSIC.md ranges), so a cello tune sits in the tenor.
 */
export const DIRECTED_LEADS: Partial<Record<Style, Record<string, LeadColour>>> = {
  ...LEAD_CHOICES,
  orchestral: {
    ...LEAD_CHOICES.orchestral,
    cellos: { name: 'Cellos', program: 42, range: [45, 76] },
    violas: { name: 'Violas', program: 41, range: [50, 84] },
    oboe: { name: 'Oboe', program: 68, range: [58, 91] },
    clarinet: { name: 'Clarinet', program: 71, range: [50, 89] },
    trumpet: { name: 'Trumpet', program: 56, range: [55, 82] },
    // Tuned percussion and plucked strings a director names for a lullaby, a toy shop or a caper.
    pizzicato: { name: 'Pizzicato Strings', program: 45, range: [55, 93] },
    celesta: { name: 'Celesta', program: 8, range: [60, 96] },
    glockenspiel: { name: 'Glockenspiel', program: 9, range: [72, 100] },
    musicBox: { name: 'Music Box', program: 10, range: [60, 96] },
  },
};

/** Layers an orchestration may leave out (never the lead, the harmony or the bass: the music must still stand). */
export const AVOIDABLE_LAYERS = ['melody2', 'counter', 'pad', 'ostinato', 'colour', 'timpani', 'drums'] as const;
export type AvoidableLayer = (typeof AVOIDABLE_LAYERS)[number];

export const OrchestrationTasteSchema = z.object({
  lead: z.string().max(40).optional(),
  avoid: z.array(z.enum(AVOIDABLE_LAYERS)).max(AVOIDABLE_LAYERS.length).default([]),
});
export type OrchestrationTaste = z.infer<typeof OrchestrationTasteSchema>;

/**
 * The lead a cue spec may name for a palette, or undefined.
 * @example directedLead('orchestral', 'cellos')?.program // 42
 */
export function directedLead(style: Style, lead: string | undefined): LeadColour | undefined {
  // Own keys only: "constructor" or "__proto__" is no instrument.
  const choices = DIRECTED_LEADS[style];
  return lead === undefined || !choices || !Object.hasOwn(choices, lead) ? undefined : choices[lead];
}
