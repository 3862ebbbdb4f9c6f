/**
 * purpose: one bar of music for every layer of the palette, from a phrase's material and the bar's emotion
 * parameters. This is THE renderer: composeCue calls it bar after bar for a whole cue, the bar composer calls
 * it once per `next()` for the adaptive runtime. Ticks are relative to the bar start; notes never outlast the
 * bar (a note that continues into the next bar is split and marked `tie`, which composeCue merges back).
 * Per voice it decides whether the layer plays (vertical layering) and hands the writing to the texture table
 * (texture/index.ts), then lays hit accents on top and shapes expression.
 */
import type { BarEmotion } from './api.js';
import type { MusicParams } from '../cue/emotion-map.js';
import { ensureMelody, type PhraseMaterial, type ChordSpan } from './phrase.js';
import type { Voice, Texture } from './palette.js';
import type { Chord } from './chords.js';
import type { TrackRole } from '../score/schema.js';
import type { Style } from '../cue/spec.js';
import type { Rng } from '../util/rng.js';
import { foldIntoRange, nearestPitchWithPc } from './theory.js';
import type { MeterInfo } from '../theory/index.js';
import { clamp } from '../util/math.js';
import { isMinorMode, programRange } from '../theory/index.js';
import { PPQ } from '../score/schema.js';
import type { RawNote, ControllerEvent } from './notes.js';
import { TEXTURES, buttonStab, buttonHit, tailChord, hitAccents, expressionCurve, type BarContext, type VoiceFrame } from './texture/index.js';
import { EPS, leadQueries, type LeadNote } from './texture/context.js';

export type { RawNote, ControllerEvent } from './notes.js';

export interface RenderedPart {
  voice: Voice;
  program: number;
  notes: RawNote[];
  controllers: ControllerEvent[];
}

/** Voice-leading and dynamics state carried from bar to bar (continuity for both composers). */
export interface BarState {
  voicings: Map<string, number[]>;
  prevBass?: number;
  expr: Map<string, number>;
  /** Last pitch each monophonic layer sounded at the end of the previous bar (for ties). */
  sounding: Map<string, Set<number>>;
  /** The chord sounding at the end of the previous bar (V→I resolutions across the barline). */
  lastChord?: Chord;
}

export function newBarState(): BarState {
  return { voicings: new Map(), expr: new Map(), sounding: new Map() };
}

export interface BarRenderInput {
  style: Style;
  meter: MeterInfo;
  voices: readonly Voice[];
  material: PhraseMaterial;
  barInPhrase: number;
  params: MusicParams;
  emotion: BarEmotion;
  state: BarState;
  /** Hit accents inside this bar (ticks from the bar start, salience 0..1). */
  accents: ReadonlyArray<{ tick: number; salience: number }>;
  /** The cue ends after this bar: a short "button" (fast cues) or a held, fading tail. */
  ending: 'button' | 'tail' | null;
  /** The next bar starts the climax (timpani/snare build). */
  buildToClimax: boolean;
  /**
   * Under dialogue: the accompaniment leaves the core of the speaking register (MUSIC.md: roughly 100–400 Hz,
   * MIDI ~43–67; its 200–400 Hz heart is MIDI 56–67) — bright cues hold the chord layers above it (G#4 up, under
   * the tune, which phrase.ts lifts above the voice band), dark cues sink them into a low open-voiced bed
   * (up to G3), the bass stays at or below B2; no driving ostinato.
   */
  underDialogue?: boolean;
  rng: Rng;
}

export function renderBar(inp: BarRenderInput): RenderedPart[] {
  const hasAccent = inp.accents.length > 0;
  const active = inp.voices.map((v) => voiceActive(inp, v, hasAccent));
  const ctx = barContext(inp, active);
  const { params, state } = inp;
  const reg = params.register;
  const raw: Array<{ voice: Voice; notes: RawNote[] } | null> = [];
  inp.voices.forEach((voice, vi) => {
    const isPerc = isPercussionTexture(voice.texture);
    if (!active[vi]) {
      raw.push(null);
      state.voicings.delete(voice.id);
      return;
    }
    let [lo, hi] = voice.range;
    if (CHORDAL.has(voice.texture)) {
      // Shift chordal layers with the register cue, inside the instrument's comfortable range (palette.ts clamps
      // every voice to src/theory/instruments.ts), keeping at least an octave of room.
      lo = clamp(lo + reg, voice.range[0], voice.range[1] - 12);
      hi = clamp(hi + reg, voice.range[0] + 12, voice.range[1]);
    }
    const dlg = dialogueWindow(inp, voice);
    if (dlg) [lo, hi] = dlg;
    const vf: VoiceFrame = { voice, lo, hi, baseVel: params.velocity };
    const notes = inp.ending === 'button' ? (isPerc ? buttonHit(ctx, vf) : buttonStab(ctx, vf)) : inp.ending === 'tail' && !isPerc && voice.role !== 'melody' && voice.texture !== 'counter' && voice.texture !== 'sparkle' ? tailChord(ctx, vf) : TEXTURES[voice.texture](ctx, vf);
    if (inp.ending !== 'button') notes.push(...hitAccents(ctx, vf));
    raw.push({ voice, notes });
  });
  // Layering: the tune is the top sounding voice. Every accompaniment note (chord, pad, ostinato, bass layers)
  // that would sound above the lead drops by octaves under it, or is left out when that leaves its range.
  const leadNotes: LeadNote[] = [];
  for (const r of raw) if (r && r.voice.role === 'melody') for (const n of r.notes) leadNotes.push({ tick: n.tick, end: n.tick + n.duration, pitch: n.pitch });
  const { leadFloor } = leadQueries(leadNotes);
  let leadMin = Infinity;
  for (const n of leadNotes) if (n.pitch < leadMin) leadMin = n.pitch;
  const parts: RenderedPart[] = [];
  inp.voices.forEach((voice, vi) => {
    const r = raw[vi];
    if (!r) {
      parts.push({ voice, program: voice.program, notes: [], controllers: [] });
      return;
    }
    const isPerc = isPercussionTexture(voice.texture);
    let notes = r.notes;
    const [rlo, rhi] = dialogueWindow(inp, voice) ?? voice.range;
    if (!isPerc) for (let i = 0; i < notes.length; i++) if (notes[i].pitch < rlo || notes[i].pitch > rhi) notes[i] = { ...notes[i], pitch: foldIntoRange(notes[i].pitch, rlo, rhi) };
    if (UNDER_LEAD.has(voice.role) && leadNotes.length) {
      let top = -1;
      for (const n of notes) if (n.pitch > top) top = n.pitch;
      if (top > leadMin) notes = keepUnder(notes, leadFloor, rlo);
    }
    const fixed = fixOverlaps(notes, ctx.barTicks);
    const ctl = !isPerc && fixed.length ? expressionCurve(ctx, { voice, lo: voice.range[0], hi: voice.range[1], baseVel: params.velocity }) : [];
    const sounding = new Set<number>();
    for (const n of fixed) if (n.tick + n.duration >= ctx.barTicks) sounding.add(n.pitch);
    state.sounding.set(voice.id, sounding);
    const program = voice.tremoloProgram !== undefined && params.devices.tremolo ? voice.tremoloProgram : voice.program;
    parts.push({ voice, program, notes: fixed, controllers: ctl.sort((a, b) => a.tick - b.tick || a.controller - b.controller) });
  });
  state.lastChord = ctx.spans[ctx.spans.length - 1].chord;
  return parts;
}

const CHORDAL: ReadonlySet<Texture> = new Set(['sustain', 'arpeggio', 'block', 'counter', 'sparkle']);
/** Roles heard as accompaniment under the tune (eval/lines.ts ACCOMPANIMENT_ROLES). */
const UNDER_LEAD: ReadonlySet<TrackRole> = new Set(['harmony', 'pad', 'ostinato', 'bass']);

function isPercussionTexture(t: Texture): boolean {
  return t === 'drums' || t === 'timpani';
}

/** Under dialogue: lowest chord-layer pitch of a bright cue (G#4 ≈ 415 Hz), highest of a dark cue's low bed
 * (G3 ≈ 196 Hz), highest bass pitch (B2 ≈ 123 Hz). Valence keeps choosing the register (dark ⇒ low). */
export const DIALOGUE_CHORD_FLOOR = 68;
export const DIALOGUE_LOW_BED_CEILING = 55;
export const DIALOGUE_BASS_CEILING = 47;

/** A voice's window under dialogue (chord layers above the speaking register, the bass below it), or null. */
function dialogueWindow(inp: BarRenderInput, voice: Voice): [number, number] | null {
  if (!inp.underDialogue || voice.role === 'melody' || voice.role === 'percussion' || voice.texture === 'timpani') return null;
  const [plo, phi] = programRange(voice.program);
  if (voice.texture === 'bass') return [voice.range[0], Math.max(voice.range[0] + 7, DIALOGUE_BASS_CEILING)];
  // Dark = a minor-third mode for the phrase (stable across its bars, unlike the per-bar valence).
  if (isMinorMode(inp.material.plan.key.mode) && plo <= DIALOGUE_LOW_BED_CEILING - 12) return [Math.max(plo, 36), DIALOGUE_LOW_BED_CEILING];
  return [Math.max(plo, DIALOGUE_CHORD_FLOOR), Math.max(Math.max(plo, DIALOGUE_CHORD_FLOOR) + 7, Math.min(phi, Math.max(voice.range[1], 84)))];
}

/** Drop accompaniment notes by octaves until none sounds above the lead; notes that cannot are left out. */
export function keepUnder(notes: readonly RawNote[], leadFloor: (t0: number, t1: number) => number, lo: number): RawNote[] {
  const out: RawNote[] = [];
  for (const n of notes) {
    const floor = leadFloor(n.tick, n.tick + n.duration);
    if (n.pitch <= floor) {
      out.push(n);
      continue;
    }
    const q = n.pitch - 12 * Math.ceil((n.pitch - floor) / 12);
    if (q >= lo) out.push({ ...n, pitch: q });
  }
  return out;
}

/** The bar's shared facts: chord spans, the bass line every layer leads against, the pedal decision, the lead. */
function barContext(inp: BarRenderInput, active: readonly boolean[]): BarContext {
  const { meter, params, material, state } = inp;
  const plan = material.plan;
  const barQ = meter.barQ;
  const barTicks = Math.round(barQ * PPQ);
  const from = inp.barInPhrase * barQ;
  const to = from + barQ;
  const lastBarOfPhrase = inp.barInPhrase === plan.bars - 1;
  const toTick = (beat: number) => Math.round((beat - from) * PPQ);
  // Realise the melody through this bar (and any step starting right at the next barline, so a held note
  // is trimmed exactly as in a one-shot build).
  ensureMelody(material, to);
  const spans: ChordSpan[] = material.chords.filter((s) => s.start < to - EPS && s.start + s.dur > from + EPS);
  if (spans.length === 0) spans.push(material.chords[material.chords.length - 1]);
  const key = plan.key;
  const bassVoice = inp.voices.find((v) => v.texture === 'bass');
  const [blo, bhi] = bassVoice ? dialogueWindow(inp, bassVoice) ?? bassVoice.range : [36, 60];
  // Pedal point (tension device, MUSIC.md fear/suspense rows), released at cadences — and held only under the
  // chords that contain the pedal note: elsewhere the bass follows the harmony (chord.bass).
  // A deliberate device of at most four bars (the phrase's first four), never into the cadence bar.
  const pedal = params.devices.pedal && material.pedal !== false && inp.barInPhrase < 4 && !(lastBarOfPhrase && plan.cadence !== 'none') && plan.kind !== 'outro';
  const pedalSpan = spans.map((s) => pedal && s.chord.pcs.includes(key.tonic));
  const prevBassBefore = state.prevBass;
  // Register follows valence/arousal for the whole texture, not only the tune [GL10 "pitch level"].
  const bassCentre = Math.round(blo + (bhi - blo) * clamp(0.35 + params.register / 30, 0.15, 0.6));
  const bassPitches = spans.map((s, si) => {
    const pc = pedalSpan[si] ? key.tonic : s.chord.bass;
    const prevB = state.prevBass ?? bassCentre;
    const target = Math.round((prevB + bassCentre) / 2);
    const p = nearestPitchWithPc(target, [pc], blo, inp.underDialogue ? bhi : Math.max(blo + 11, bhi - 5));
    state.prevBass = p;
    return p;
  });
  // The lead as it will sound (the tune at pitch; an octave doubling sits above it and needs no floor).
  const leadPlays = inp.voices.some((v, i) => active[i] && v.role === 'melody');
  const lead: LeadNote[] = [];
  if (leadPlays)
    for (const n of material.melody) {
      // The note starting on the next downbeat too (ticks ≥ barTicks): the bass leads into it without parallels.
      if (Math.abs(n.beat - to) < EPS) lead.push({ tick: toTick(n.beat), end: toTick(n.beat + n.duration), pitch: n.pitch });
      if (n.beat >= to - EPS || n.beat + n.duration <= from + EPS) continue;
      lead.push({ tick: toTick(Math.max(n.beat, from)), end: toTick(Math.min(n.beat + n.duration, to)), pitch: n.pitch });
    }
  return { inp, spans, bassPitches, prevBassBefore, pedal, pedalSpan, from, to, barTicks, toTick, key, blo, bhi, lastBarOfPhrase, lead, ...leadQueries(lead) };
}

/** Vertical layering: which voices play this bar (orchestration weight, percussion level, role rules). */
function voiceActive(inp: BarRenderInput, voice: Voice, hasAccent: boolean): boolean {
  const { params, material } = inp;
  const plan = material.plan;
  const isPerc = voice.texture === 'drums' || voice.texture === 'timpani';
  let active = params.weight + EPS >= voice.minWeight && (voice.minPercussion === undefined || params.percussion >= voice.minPercussion);
  if (voice.texture === 'melody') active = material.lead === 'melody' || (params.weight > 0.85 && !!material.melody.length);
  if (voice.texture === 'melody2') active = material.lead === 'melody2' || (material.lead === 'melody' && params.weight > 0.85 && plan.climax);
  // A driving ostinato belongs to active or tense music, not to grief or tenderness (MUSIC.md rows).
  if (voice.texture === 'ostinato') active &&= params.devices.ostinato || params.density > 0.7;
  // Under dialogue: thin — no driving ostinato or power chords.
  if (inp.underDialogue && (voice.texture === 'ostinato' || voice.texture === 'power')) active = false;
  // Grief is "thin, solo instrument over strings" (MUSIC.md): no harp/colour arpeggios there.
  if (voice.id === 'colour' && inp.emotion.valence < -0.3 && inp.emotion.arousal < 0.2) active = false;
  // Harp arpeggios are not the accompaniment of a chase: the orchestral colour layer rests in action music.
  if (voice.id === 'colour' && inp.style === 'orchestral' && (inp.emotion.arousal > 0.35 || params.devices.ostinato)) active = false;
  if (isPerc && hasAccent) active = true;
  if (inp.ending === 'button' && !isPerc) active = voice.texture !== 'melody2' && voice.texture !== 'counter' && (voice.id !== 'colour' || active) && !(inp.underDialogue && (voice.texture === 'ostinato' || voice.texture === 'power'));
  return active;
}

/** Clip to the bar and trim same-pitch overlaps inside the bar (a synth would cut them anyway). */
function fixOverlaps(notes: RawNote[], barTicks: number): RawNote[] {
  const s = notes
    .filter((n) => n.tick >= 0 && n.tick < barTicks && n.pitch >= 0 && n.pitch <= 127)
    .map((n) => ({ ...n, duration: Math.max(1, Math.min(n.duration, barTicks - n.tick)) }))
    .sort((a, b) => a.pitch - b.pitch || a.tick - b.tick || b.velocity - a.velocity);
  const out: RawNote[] = [];
  for (let i = 0; i < s.length; i++) {
    const n = s[i];
    const prev = out[out.length - 1];
    if (prev && prev.pitch === n.pitch) {
      if (prev.tick === n.tick) {
        prev.duration = Math.max(prev.duration, n.duration);
        if (n.tie) prev.tie = true;
        continue;
      }
      if (prev.tick + prev.duration > n.tick) prev.duration = n.tick - prev.tick;
    }
    out.push(n);
  }
  return out.sort((a, b) => a.tick - b.tick || a.pitch - b.pitch);
}
