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
import type { Voice } from './palette.js';
import type { Style } from '../cue/spec.js';
import type { Rng } from '../util/rng.js';
import { nearestPitchWithPc } from './theory.js';
import type { MeterInfo } from '../theory/index.js';
import { clamp } from '../util/math.js';
import { PPQ } from '../score/schema.js';
import type { RawNote, ControllerEvent } from './notes.js';
import { TEXTURES, buttonStab, hitAccents, expressionCurve, type BarContext, type VoiceFrame } from './texture/index.js';
import { EPS } from './texture/context.js';

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
  rng: Rng;
}

export function renderBar(inp: BarRenderInput): RenderedPart[] {
  const ctx = barContext(inp);
  const { params, state } = inp;
  const hasAccent = inp.accents.length > 0;
  const reg = params.register;
  const parts: RenderedPart[] = [];
  for (const voice of inp.voices) {
    const isPerc = voice.texture === 'drums' || voice.texture === 'timpani';
    if (!voiceActive(inp, voice, hasAccent)) {
      parts.push({ voice, program: voice.program, notes: [], controllers: [] });
      state.voicings.delete(voice.id);
      continue;
    }
    let [lo, hi] = voice.range;
    if (voice.texture === 'sustain' || voice.texture === 'arpeggio' || voice.texture === 'block' || voice.texture === 'counter' || voice.texture === 'sparkle') {
      // Shift chordal layers with the register cue, staying within ±4 semitones of the instrument's range.
      lo = clamp(lo + reg, voice.range[0], voice.range[1] - 12);
      hi = clamp(hi + reg, voice.range[0] + 12, voice.range[1] + 4);
    }
    const vf: VoiceFrame = { voice, lo, hi, baseVel: params.velocity };
    const notes = inp.ending === 'button' && !isPerc ? buttonStab(ctx, vf) : TEXTURES[voice.texture](ctx, vf);
    notes.push(...hitAccents(ctx, vf));
    const fixed = fixOverlaps(notes, ctx.barTicks);
    const ctl = !isPerc && fixed.length ? expressionCurve(ctx, vf) : [];
    const sounding = new Set<number>();
    for (const n of fixed) if (n.tick + n.duration >= ctx.barTicks) sounding.add(n.pitch);
    state.sounding.set(voice.id, sounding);
    const program = voice.tremoloProgram !== undefined && params.devices.tremolo ? voice.tremoloProgram : voice.program;
    parts.push({ voice, program, notes: fixed, controllers: ctl.sort((a, b) => a.tick - b.tick || a.controller - b.controller) });
  }
  return parts;
}

/** The bar's shared facts: chord spans, the bass line every layer leads against, the pedal decision. */
function barContext(inp: BarRenderInput): BarContext {
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
  const [blo, bhi] = bassVoice ? bassVoice.range : [36, 60];
  // Pedal point under changing chords (tension device, MUSIC.md fear/suspense rows), released at cadences.
  const pedal = params.devices.pedal && !(lastBarOfPhrase && plan.cadence !== 'none') && plan.kind !== 'outro';
  const prevBassBefore = state.prevBass;
  // Register follows valence/arousal for the whole texture, not only the tune [GL10 "pitch level"].
  const bassCentre = Math.round(blo + (bhi - blo) * clamp(0.35 + params.register / 30, 0.15, 0.6));
  const bassPitches = spans.map((s) => {
    const pc = pedal ? key.tonic : s.chord.bass;
    const prevB = state.prevBass ?? bassCentre;
    const target = Math.round((prevB + bassCentre) / 2);
    const p = nearestPitchWithPc(target, [pc], blo, Math.max(blo + 11, bhi - 5));
    state.prevBass = p;
    return p;
  });
  return { inp, spans, bassPitches, prevBassBefore, pedal, from, to, barTicks, toTick, key, blo, bhi, lastBarOfPhrase };
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
  // Grief is "thin, solo instrument over strings" (MUSIC.md): no harp/colour arpeggios there.
  if (voice.id === 'colour' && inp.emotion.valence < -0.3 && inp.emotion.arousal < 0.2) active = false;
  if (isPerc && hasAccent) active = true;
  if (inp.ending === 'button' && !isPerc) active = voice.texture !== 'melody2' && voice.texture !== 'counter';
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
        continue;
      }
      if (prev.tick + prev.duration > n.tick) prev.duration = n.tick - prev.tick;
    }
    out.push(n);
  }
  return out.sort((a, b) => a.tick - b.tick || a.pitch - b.pitch);
}
