/**
 * purpose: emotion (valence, arousal, tension) → musical parameters. Every rule names the cue it follows in
 * the music-psychology literature; cues act together, none carries an emotion alone.
 *   [JL04]  Juslin & Laukka 2004, "Expression, perception, and induction of musical emotions", J. New Music Res. 33.
 *   [GL10]  Gabrielsson & Lindström 2010, "The role of structure in the musical expression of emotions",
 *           Handbook of Music and Emotion, ch. 14.
 *   [EV11]  Eerola & Vuoskoski 2011, "A comparison of the discrete and dimensional models of emotion in music",
 *           Psychology of Music 39 — and Eerola, Friberg & Bresin 2013 (Frontiers), whose factorial study ranks
 *           mode and tempo as the strongest cues for valence and arousal respectively.
 * This is the ONE emotion → music map: the planner (plan/), the compose command, the adaptive runtime and the
 * studio all read tempo, mode, metre, register and dynamics from here, so one emotion means one music everywhere.
 * Pure; no randomness except the key choice, which takes an Rng.
 */
import type { Mode } from '../score/schema.js';
import type { Style } from './spec.js';
import { cleanEmotion, type EmotionValues as BarEmotion } from './emotion.js';
import type { Rng } from '../util/rng.js';
import { clamp } from '../util/math.js';
import { isMinorMode } from '../theory/index.js';
import { applyTaste, type Taste } from './taste.js';

export interface MusicParams {
  /** Target tempo (bpm). */
  tempo: number;
  /** Semitones to move every register up (+) or down (−). */
  register: number;
  /** Base MIDI velocity (pp≈30 … ff≈112). */
  velocity: number;
  /** Extra velocity on metric accents. */
  accent: number;
  /** Fraction of the written length a note sounds (0.35 staccato … 1 legato). */
  articulation: number;
  /** Chords per bar (0.5 = one chord over two bars). */
  harmonicRhythm: number;
  /** 0 = sparse, long notes … 1 = dense, short notes. */
  density: number;
  /** 0..1: how chromatic/dark the harmony may be (passed to the harmony model as `colour`). */
  dissonance: number;
  /** 0..1: how many orchestral layers play (vertical layering). */
  weight: number;
  /** 0..1: percussion level; 0 = none. */
  percussion: number;
  /** 0..1: chance the basic idea returns exactly rather than a step away (absent: the composer's 0.7). A taste sets it. */
  repetition?: number;
  devices: {
    /** Tonic/dominant pedal under changing chords. */
    pedal: boolean;
    /** Repeated rhythmic figure (driving ostinato). */
    ostinato: boolean;
    /** Bowed tremolo in the string pad. */
    tremolo: boolean;
    /** 4–3 / 9–8 suspensions in the inner voices at chord changes. */
    suspensions: boolean;
    /** Chromatic-mediant shifts at turns (film-music colour for awe/unease). */
    chromaticMediant: boolean;
    /** Broken-chord accompaniment instead of block chords. */
    arpeggio: boolean;
  };
}

/**
 * Tempo: the strongest arousal cue — fast tempo ⇒ high activity (joy, anger, fear), slow ⇒ sadness, tenderness
 * [GL10 §14.4; JL04 table 3; Eerola et al. 2013]. Negative high-arousal states (fear/action) sit fastest
 * (MUSIC.md: 132–172); tension adds a little urgency. Ambient keeps a slower pulse (texture over rhythm).
 *
 * @example
 * tempoFor({ valence: -0.6, arousal: 0.8, tension: 0.7 }, 'orchestral') // 132
 * tempoFor({ valence: -0.7, arousal: -0.6, tension: 0.3 }, 'orchestral') // 68
 */
export function tempoFor(e: BarEmotion, style: Style): number {
  let bpm = 88 + 38 * e.arousal + 10 * e.tension + 14 * Math.max(0, -e.valence) * Math.max(0, e.arousal);
  if (style === 'ambient') bpm *= 0.85;
  if (style === 'chiptune') bpm += 8;
  return Math.round(clamp(bpm, 48, 180));
}

/**
 * Mode: major ⇒ happiness/serenity, minor ⇒ sadness/threat — the strongest valence cue [GL10; Eerola et al. 2013].
 * Near-neutral valence takes the modal colours film music uses: dorian (minor with a bright 6th, "heroic
 * melancholy") or mixolydian (major with a soft ♭7). High tension in minor uses the harmonic minor (augmented
 * second, leading-tone pull) and dread uses phrygian (♭2, MUSIC.md "minor-second clusters").
 *
 * @example
 * modeFor({ valence: 0.7, arousal: 0.6, tension: 0.2 }) // 'major'
 * modeFor({ valence: -0.6, arousal: 0.8, tension: 0.7 }) // 'harmonic-minor'
 */
export function modeFor(e: BarEmotion): Mode {
  if (e.valence >= 0.25) return e.tension < 0.2 && e.arousal < -0.2 && e.valence > 0.6 ? 'lydian' : 'major';
  if (e.valence >= 0.05) return 'mixolydian';
  if (e.valence > -0.25) return 'dorian';
  if (e.tension >= 0.75 && e.arousal < 0.2) return 'phrygian';
  if (e.tension >= 0.6) return 'harmonic-minor';
  return 'minor';
}

/**
 * Metre: tenderness and serenity (clearly positive valence, low arousal, little tension) take a lilting 3/4 —
 * the waltz/lullaby lilt [GL10 §14.4 "rhythm: flowing, lilting ⇒ tenderness/happiness"]; everything else 4/4,
 * the film-score default that lets hits fall on clear downbeats. Deterministic: the same emotion always gets
 * the same metre (the planner and a hand-written spec agree).
 *
 * @example
 * meterFor({ valence: 0.6, arousal: -0.5, tension: 0.1 }) // [3, 4]
 * meterFor({ valence: -0.6, arousal: 0.8, tension: 0.7 }) // [4, 4]
 */
export function meterFor(e: BarEmotion): [number, number] {
  return e.valence > 0.3 && e.arousal < -0.2 && e.tension < 0.4 ? [3, 4] : [4, 4];
}

/**
 * Tonic choice: the literature gives no reliable key→emotion effect beyond mode, so this only keeps common,
 * idiomatic keys per family (brighter sharp keys for major-happy in strings, flat keys for dark minor) and lets
 * the seed choose.
 *
 * @example
 * tonicFor({ valence: -0.5, arousal: 0, tension: 0.3 }, 'minor', new Rng(1)) // one of 2, 0, 7, 5, 4, 9 (D, C, G, F, E, A)
 */
export function tonicFor(e: BarEmotion, mode: Mode, rng: Rng): number {
  const minor = isMinorMode(mode);
  const bright = [2, 7, 9, 0, 4]; // D, G, A, C, E
  const warm = [5, 10, 3, 0, 7]; // F, Bb, Eb, C, G
  const dark = [2, 0, 7, 5, 4, 9]; // D, C, G, F, E, A minor
  const list = minor ? dark : e.arousal > 0 ? bright : warm;
  return rng.pick(list);
}

/**
 * Map one bar's emotion to the parameters every role reads; a listener's taste (cue/taste.ts) goes on top,
 * bounded so the emotion still wins.
 *
 * @example
 * paramsFor({ valence: -0.6, arousal: 0.8, tension: 0.7 }, 'orchestral').devices.ostinato // true
 */
export function paramsFor(raw: BarEmotion, style: Style, underDialogue = false, taste?: Taste): MusicParams {
  return applyTaste(emotionParams(raw, style, underDialogue), taste);
}

function emotionParams(raw: BarEmotion, style: Style, underDialogue: boolean): MusicParams {
  const e = cleanEmotion(raw);
  const a01 = (e.arousal + 1) / 2;
  const neg = Math.max(0, -e.valence);
  // Loudness follows arousal (loud ⇒ anger/joy/fear; soft ⇒ tenderness/sadness) and rises with tension
  // [JL04; GL10 §14.4 "loudness"]. MUSIC.md velocity scale: pp 30 … ff 112.
  let loud = clamp(0.42 + 0.34 * e.arousal + 0.22 * e.tension, 0, 1);
  if (underDialogue) loud = Math.min(loud, 0.35);
  const velocity = Math.round(30 + 82 * loud);
  // Sharp, strong accents mark anger/fear/activity [JL04 "sharp attacks"]; soft attacks for tenderness.
  const accent = Math.round(4 + 16 * a01 + 6 * e.tension);
  // Articulation: staccato ⇒ activity/joy/fear, legato ⇒ sadness/tenderness [GL10 "articulation"; JL04].
  const articulation = clamp(0.98 - 0.4 * Math.max(0, e.arousal) - 0.12 * e.tension * Math.max(0, e.arousal), 0.4, 1);
  // Harmonic rhythm: faster chord change with activity (MUSIC.md joy row: "fast harmonic rhythm"); slow for
  // serenity/grief. Tension holds chords longer over pedals (suspense: "unresolved dominant").
  let harmonicRhythm = e.arousal > 0.45 ? 2 : e.arousal > -0.35 ? 1 : 0.5;
  if (e.tension > 0.75 && e.arousal < 0.3) harmonicRhythm = 0.5;
  // Rhythmic density: many short notes ⇒ high arousal [GL10 "rhythm"; JL04 "fast note rate"].
  const density = clamp(0.45 + 0.42 * e.arousal + 0.12 * e.tension - (underDialogue ? 0.3 : 0), 0.02, 1);
  // Dissonance/chromaticism: tension and negative valence [GL10 "harmony: dissonant ⇒ fear/anger/tension"].
  const dissonance = clamp(0.7 * e.tension + 0.3 * neg, 0, 1);
  // Orchestration weight: more instruments ⇒ more power/arousal [GL10 "timbre/texture"]; MUSIC.md: joy "dense",
  // grief "thin, solo instrument".
  let weight = clamp(0.15 + 0.55 * a01 + 0.3 * e.tension, 0, 1);
  if (underDialogue) weight = Math.min(weight, 0.3);
  // Percussion only for high-arousal cues (MUSIC.md: brass + percussion for triumph; taiko/timpani for action).
  let percussion = clamp((e.arousal - 0.15) / 0.7, 0, 1);
  if (style === 'rock' || style === 'chiptune') percussion = clamp((e.arousal + 0.45) / 0.9, 0, 1);
  if (underDialogue) percussion = Math.min(percussion, 0.2);
  // Register: high pitch ⇒ happiness/activity, low pitch ⇒ sadness/threat [GL10 "pitch level"; JL04].
  const register = Math.round(clamp(5 * e.valence + 3 * e.arousal, -7, 7));
  return {
    tempo: tempoFor(e, style),
    register,
    velocity,
    accent,
    articulation,
    harmonicRhythm,
    density,
    dissonance,
    weight,
    percussion,
    devices: {
      pedal: e.tension >= 0.55 || (neg > 0.3 && e.arousal > 0.4),
      ostinato: e.arousal > 0.35 && (e.tension > 0.35 || e.valence < 0) ? true : e.arousal > 0.6,
      tremolo: e.tension >= 0.6 && style === 'orchestral',
      suspensions: e.valence < 0.1 && e.arousal < 0.3,
      chromaticMediant: e.tension >= 0.5 && Math.abs(e.valence) < 0.6,
      arpeggio: (e.valence > 0 && e.arousal < 0.2) || style === 'chiptune' || style === 'piano' || (style === 'ambient' && e.arousal > -0.5),
    },
  };
}
