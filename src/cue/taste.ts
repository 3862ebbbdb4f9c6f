/**
 * purpose: a listener's or director's taste as bounded, interpretable offsets applied ON TOP of the emotion →
 * music map (emotion-map.ts). Every continuous offset is a number in [-1, 1] (0 = no change) with a fixed,
 * small musical reach, so the scene's emotion always wins: a grief cue for a listener who likes bright music
 * gets brighter grief (dorian instead of minor, a little faster and higher), never joy. Pure.
 */
import { z } from 'zod';
import type { Mode } from '../score/schema.js';
import { STYLES, type Style } from './spec.js';
import type { MusicParams } from './emotion-map.js';
import type { EmotionValues } from './emotion.js';
import { clamp } from '../util/math.js';
import { OrchestrationTasteSchema } from './orchestration.js';

// The orchestration choices are defined once, in orchestration.ts; re-exported for the taste's users.
export { LEAD_CHOICES, AVOIDABLE_LAYERS, OrchestrationTasteSchema, type OrchestrationTaste } from './orchestration.js';

/** The continuous offsets, in the order of the learning model's vector (personalize/). */
export const OFFSET_KEYS = ['tempo', 'brightness', 'register', 'density', 'dynamics', 'adventure', 'percussion', 'repetition'] as const;
export type OffsetKey = (typeof OFFSET_KEYS)[number];

/** What +1 on each offset does (−1 does the opposite); shown by `profile show`. */
export const OFFSET_REACH: Record<OffsetKey, string> = {
  tempo: 'tempo ×1.12 (−1: ×0.88)',
  brightness: 'mode one step brighter inside its family (minor → dorian, major → lydian), less dark harmony',
  register: 'every register up 3 semitones',
  density: 'note density +0.15',
  dynamics: 'dynamic range (velocity spread around mf, accents) ×1.35',
  adventure: 'harmonic colour +0.3 (more chromatic chords), chords change twice as often (at +0.5 and above), chromatic-mediant shifts at turns',
  percussion: 'percussion level ×1.6 where the emotion already has percussion (never adds it to a still cue)',
  repetition: 'the basic idea returns exactly 95 % of the time (−1: 45 %; default 70 %)',
};

/** Emotion regions a profile can learn separately (and prefer a palette for). */
export const EMOTION_REGIONS = ['bright-active', 'bright-calm', 'dark-active', 'dark-calm'] as const;
export type EmotionRegion = (typeof EMOTION_REGIONS)[number];

const unitOffset = z.number().min(-1).max(1);

export const TasteSchema = z.object({
  tempo: unitOffset.default(0),
  brightness: unitOffset.default(0),
  register: unitOffset.default(0),
  density: unitOffset.default(0),
  dynamics: unitOffset.default(0),
  adventure: unitOffset.default(0),
  percussion: unitOffset.default(0),
  repetition: unitOffset.default(0),
  /** Per palette: which lead colour, which optional layers to leave out. */
  orchestration: z.partialRecord(z.enum(STYLES), OrchestrationTasteSchema).default({}),
  /** Per emotion region: the palette to use when the cue spec does not name one. */
  palette: z.partialRecord(z.enum(EMOTION_REGIONS), z.enum(STYLES)).default({}),
});
export type Taste = z.infer<typeof TasteSchema>;

/** No personalisation. */
export const NEUTRAL_TASTE: Taste = TasteSchema.parse({});

/**
 * The taste as the learning model's vector (OFFSET_KEYS order), and back.
 * @example tasteVector({ ...NEUTRAL_TASTE, tempo: 0.5 })[0] // 0.5
 */
export function tasteVector(t: Taste): number[] {
  return OFFSET_KEYS.map((k) => t[k]);
}

/** @example vectorTaste([0.5, 0, 0, 0, 0, 0, 0, 0]).tempo // 0.5 */
export function vectorTaste(v: readonly number[], rest: Pick<Taste, 'orchestration' | 'palette'> = { orchestration: {}, palette: {} }): Taste {
  const t: Taste = { ...NEUTRAL_TASTE, orchestration: rest.orchestration, palette: rest.palette };
  OFFSET_KEYS.forEach((k, i) => (t[k] = round3(clamp(Number.isFinite(v[i]) ? v[i] : 0, -1, 1))));
  return t;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Which region of the valence × arousal plane an emotion sits in.
 * @example emotionRegion({ valence: -0.7, arousal: -0.6, tension: 0.3 }) // 'dark-calm'
 */
export function emotionRegion(e: EmotionValues): EmotionRegion {
  return `${e.valence >= 0 ? 'bright' : 'dark'}-${e.arousal >= 0 ? 'active' : 'calm'}` as EmotionRegion;
}

/**
 * Tempo under a taste: at most ±12 %, so a slow emotion stays slower than a fast one (the emotion map's tempo
 * spread between grief and joy is ~40 %).
 * @example tasteTempo(100, { ...NEUTRAL_TASTE, tempo: 1 }) // 112
 */
export function tasteTempo(bpm: number, t: Taste | undefined): number {
  if (!t || t.tempo === 0) return bpm;
  return Math.round(clamp(bpm * (1 + 0.12 * t.tempo), 30, 300));
}

// Modes from dark to bright inside each family: brightness moves one step, never across the family line, so
// the valence cue (minor ⇔ negative) that the emotion chose still holds.
const MINOR_FAMILY: Mode[] = ['phrygian', 'harmonic-minor', 'minor', 'dorian'];
const MAJOR_FAMILY: Mode[] = ['mixolydian', 'major', 'lydian'];

/**
 * The emotion's mode moved at most one step brighter (brightness ≥ 0.5) or darker (≤ −0.5) inside its family.
 * @example brightenMode('minor', 0.8) // 'dorian'
 * @example brightenMode('major', -0.8) // 'mixolydian'
 */
export function brightenMode(mode: Mode, brightness: number | undefined): Mode {
  const b = brightness ?? 0;
  if (Math.abs(b) < 0.5) return mode;
  for (const family of [MINOR_FAMILY, MAJOR_FAMILY]) {
    const i = family.indexOf(mode);
    if (i >= 0) return family[clamp(i + (b > 0 ? 1 : -1), 0, family.length - 1)];
  }
  return mode; // locrian etc.: left as the spec asked
}

/**
 * The emotion's music parameters with the taste on top. Bounded so every emotion direction survives: tempo
 * ±12 %, register ±3 semitones, density ±0.15, velocity spread ×0.65…1.35 around mf, harmony colour ±0.3 (and
 * −0.15 × brightness) and harmonic rhythm ×2 / ÷2 at |adventure| ≥ 0.5 inside the map's 0.5…2 chords a bar, percussion scaled (never created where the emotion has none), exact repetition 45…95 %.
 * @example applyTaste(paramsFor({ valence: 0.5, arousal: 0.5, tension: 0.2 }, 'orchestral'), { ...NEUTRAL_TASTE, register: 1 }).register // 7
 */
export function applyTaste(p: MusicParams, t: Taste | undefined): MusicParams {
  if (!t) return p;
  const mid = 71; // mf: the spread grows or shrinks around it
  const spread = 1 + 0.35 * t.dynamics;
  const dissonance = clamp(p.dissonance + 0.3 * t.adventure - 0.15 * t.brightness, 0, 1);
  const mediant = t.adventure >= 0.5 ? p.devices.chromaticMediant || dissonance >= 0.3 : t.adventure <= -0.5 ? false : p.devices.chromaticMediant;
  return {
    ...p,
    tempo: tasteTempo(p.tempo, t),
    register: Math.round(clamp(p.register + 3 * t.register, -10, 10)),
    velocity: Math.round(clamp(mid + (p.velocity - mid) * spread, 20, 120)),
    accent: Math.round(clamp(p.accent * spread, 0, 30)),
    density: clamp(p.density + 0.15 * t.density, 0.02, 1),
    dissonance,
    // Adventurous harmony also moves more often (within the map's 0.5…2 chords a bar); conservative, less.
    harmonicRhythm: t.adventure >= 0.5 ? Math.min(2, p.harmonicRhythm * 2) : t.adventure <= -0.5 ? Math.max(0.5, p.harmonicRhythm / 2) : p.harmonicRhythm,
    percussion: clamp(p.percussion * (1 + 0.6 * t.percussion), 0, 1),
    repetition: clamp(0.7 + 0.25 * t.repetition, 0.3, 0.95),
    devices: { ...p.devices, chromaticMediant: mediant },
  };
}

/**
 * Offsets that cannot change this cue, so an A/B pair must not differ (only) in them: percussion where the
 * emotion has none, repetition where the cue is too short for an idea to return (under 8 bars).
 * @example inertOffsets(paramsFor({ valence: -0.7, arousal: -0.6, tension: 0.3 }, 'piano'), 4) // ['percussion', 'repetition']
 */
export function inertOffsets(p: MusicParams, bars: number): OffsetKey[] {
  const out: OffsetKey[] = [];
  if (p.percussion <= 0) out.push('percussion');
  if (bars < 8) out.push('repetition');
  return out;
}

/**
 * The palette a taste prefers for this emotion, when the cue spec leaves the palette open.
 * @example paletteFor({ ...NEUTRAL_TASTE, palette: { 'dark-calm': 'piano' } }, { valence: -0.6, arousal: -0.5, tension: 0.2 }) // 'piano'
 */
export function paletteFor(t: Taste | undefined, e: EmotionValues): Style | undefined {
  return t?.palette[emotionRegion(e)];
}
