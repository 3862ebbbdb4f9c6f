/**
 * purpose: one bar of music for every layer of the palette, from a phrase's material and the bar's emotion
 * parameters. This is THE renderer: composeCue calls it bar after bar for a whole cue, the bar composer calls
 * it once per `next()` for the adaptive runtime. Ticks are relative to the bar start; notes never outlast the
 * bar (a note that continues into the next bar is split and marked `tie`, which composeCue merges back).
 */
import type { BarEmotion } from './api.js';
import type { MusicParams } from './emotion-map.js';
import { ensureMelody, type PhraseMaterial, type ChordSpan } from './phrase.js';
import type { Voice } from './palette.js';
import type { Style } from '../plan/cue-spec.js';
import type { Rng } from '../util/rng.js';
import { voiceLead } from './voicing.js';
import { drumBar } from './drums.js';
import { nearestPitchWithPc } from './theory.js';
import { GM_DRUMS, mod12, type MeterInfo } from '../theory/index.js';
import { clamp } from '../util/math.js';
import { PPQ } from '../score/schema.js';

export interface RawNote {
  tick: number;
  duration: number;
  pitch: number;
  velocity: number;
  /** Continues the same pitch from the previous bar (merged into one note in a whole cue). */
  tie?: boolean;
}

export interface ControllerEvent {
  tick: number;
  controller: number;
  value: number;
}

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

const EPS = 1e-6;
const v7 = (x: number) => Math.max(1, Math.min(127, Math.round(x)));

export function renderBar(inp: BarRenderInput): RenderedPart[] {
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
  const hasAccent = inp.accents.length > 0;

  // ---- bass pitch per span (shared: the bass layer plays it and the chord layers voice-lead against it) ----
  const bassVoice = inp.voices.find((v) => v.texture === 'bass');
  const [blo, bhi] = bassVoice ? bassVoice.range : [36, 60];
  // Pedal point under changing chords (tension device, MUSIC.md fear/suspense rows), released at cadences.
  const pedal = params.devices.pedal && !(lastBarOfPhrase && plan.cadence !== 'none') && plan.kind !== 'outro';
  const prevBassBefore = state.prevBass;
  // Register follows valence/arousal for the whole texture, not only the tune [GL10 "pitch level"].
  const reg = params.register;
  const bassCentre = Math.round(blo + (bhi - blo) * clamp(0.35 + reg / 30, 0.15, 0.6));
  const bassPitches = spans.map((s) => {
    const pc = pedal ? key.tonic : s.chord.bass;
    const prevB = state.prevBass ?? bassCentre;
    const target = Math.round((prevB + bassCentre) / 2);
    const p = nearestPitchWithPc(target, [pc], blo, Math.max(blo + 11, bhi - 5));
    state.prevBass = p;
    return p;
  });

  const parts: RenderedPart[] = [];
  for (const voice of inp.voices) {
    const notes: RawNote[] = [];
    const ctl: ControllerEvent[] = [];
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
    if (!active) {
      parts.push({ voice, program: voice.program, notes, controllers: ctl });
      state.voicings.delete(voice.id);
      continue;
    }
    let [lo, hi] = voice.range;
    if (voice.texture === 'sustain' || voice.texture === 'arpeggio' || voice.texture === 'block' || voice.texture === 'counter' || voice.texture === 'sparkle') {
      // Shift chordal layers with the register cue, staying within ±4 semitones of the instrument's range.
      lo = clamp(lo + reg, voice.range[0], voice.range[1] - 12);
      hi = clamp(hi + reg, voice.range[0] + 12, voice.range[1] + 4);
    }
    const baseVel = params.velocity;
    if (inp.ending === 'button' && !isPerc) {
      // The "button": one short tutti tonic stab on the downbeat, then silence (MUSIC.md ending).
      const ch = spans[spans.length - 1].chord;
      const pitches = voice.texture === 'bass' ? [nearestPitchWithPc(blo + 7, [ch.root], blo, bhi)] : voiceLead({ chord: ch, prev: state.voicings.get(voice.id) ?? null, voices: voice.texture === 'melody' ? 1 : 3, lo, hi });
      for (const p of pitches) notes.push({ tick: 0, duration: Math.round(meter.pulseQ * PPQ * 0.9), pitch: p, velocity: v7(baseVel + params.accent) });
    } else {
      switch (voice.texture) {
        case 'melody':
        case 'melody2': {
          const doubling = voice.texture === 'melody2' && material.lead === 'melody';
          const leadVoice = inp.voices.find((v) => v.texture === material.lead);
          const centre = leadVoice ? (leadVoice.range[0] + leadVoice.range[1]) / 2 : 72;
          for (const n of material.melody) {
            if (n.beat >= to - EPS || n.beat + n.duration <= from + EPS) continue;
            const start = Math.max(n.beat, from);
            const end = Math.min(n.beat + n.duration, to);
            let dur = end - start;
            const continues = n.beat + n.duration > to + EPS;
            // Articulation: short notes are detached in active music, legato in calm music [GL10].
            if (!continues && n.duration <= 1.01) dur = Math.max(0.12, dur * params.articulation);
            let pitch = n.pitch + (doubling ? 12 : 0);
            if (doubling && pitch > hi) pitch -= 12;
            if (pitch < 0 || pitch > 127) continue;
            const strong = meter.strong.some((s) => Math.abs(from + s - n.beat) < EPS);
            const vel = baseVel + (strong ? params.accent * 0.6 : 0) + (n.pitch - centre) * 0.6 - (doubling ? 12 : 0);
            notes.push({ tick: toTick(start), duration: Math.max(1, Math.round(dur * PPQ)), pitch, velocity: v7(vel), tie: n.beat < from - EPS });
          }
          break;
        }
        case 'counter': {
          for (const n of material.counter) {
            if (n.beat >= to - EPS || n.beat + n.duration <= from + EPS) continue;
            const start = Math.max(n.beat, from);
            const end = Math.min(n.beat + n.duration, to);
            notes.push({ tick: toTick(start), duration: Math.max(1, Math.round((end - start) * PPQ)), pitch: n.pitch, velocity: v7(baseVel - 10), tie: n.beat < from - EPS });
          }
          break;
        }
        case 'sustain':
        case 'block':
        case 'arpeggio': {
          const nVoices = voice.role === 'pad' ? 3 : params.weight > 0.4 ? 4 : 3;
          const prevSounding = state.sounding.get(voice.id) ?? new Set<number>();
          const arp = voice.texture === 'arpeggio' && !(inp.style === 'piano' && params.density > 0.78);
          const block = voice.texture === 'block' || (voice.texture === 'arpeggio' && !arp);
          spans.forEach((s, si) => {
            const prevV = state.voicings.get(voice.id) ?? null;
            const v = voiceLead({ chord: s.chord, prev: prevV, voices: nVoices, lo, hi, bass: bassPitches[si], prevBass: si > 0 ? bassPitches[si - 1] : prevBassBefore });
            state.voicings.set(voice.id, v);
            const sStart = Math.max(s.start, from), sEnd = Math.min(s.start + s.dur, to);
            const t0 = toTick(sStart), t1 = toTick(sEnd);
            const vel = baseVel - (voice.role === 'pad' ? 18 : 12);
            if (arp) {
              // Broken chords (harp/piano/atmosphere arpeggios; chiptune's fast arps): step by density.
              const step = inp.style === 'chiptune' || params.density > 0.62 ? 120 : params.density > 0.3 ? 240 : 480;
              const seq = [...v, v[1] + 12 <= hi ? v[1] + 12 : v[v.length - 1]];
              const order = params.density > 0.5 ? [...seq, ...seq.slice(1, -1).reverse()] : seq;
              let k = 0;
              for (let t = t0; t < t1; t += step, k++) {
                const p = order[k % order.length];
                notes.push({ tick: t, duration: Math.min(t1 - t, inp.style === 'chiptune' ? step : step * 2), pitch: p, velocity: v7(vel - 4 + (k === 0 ? params.accent * 0.5 : 0)) });
              }
            } else if (block) {
              const step = Math.round(meter.pulseQ * PPQ);
              for (let t = t0; t < t1; t += step) for (const p of v) notes.push({ tick: t, duration: Math.max(1, Math.min(t1 - t, Math.round(step * params.articulation))), pitch: p, velocity: v7(vel + (t === t0 ? params.accent * 0.5 : 0)) });
            } else {
              const suspend = params.devices.suspensions && voice.role !== 'pad' && s.start >= from - EPS && prevV && prevV.length === v.length;
              v.forEach((p, vi) => {
                const held = prevSounding.has(p) && (s.start < from - EPS || sStart === from);
                // 4–3 / 9–8 suspension: a voice that falls by step holds its old note for one pulse (grief/tender colour).
                const prevP = prevV ? prevV[vi] : p;
                if (suspend && prevP - p >= 1 && prevP - p <= 2 && t1 - t0 > meter.pulseQ * PPQ) {
                  const d = Math.round(meter.pulseQ * PPQ);
                  notes.push({ tick: t0, duration: d, pitch: prevP, velocity: v7(vel), tie: sStart === from && prevSounding.has(prevP) });
                  notes.push({ tick: t0 + d, duration: t1 - t0 - d, pitch: p, velocity: v7(vel - 6) });
                } else notes.push({ tick: t0, duration: Math.max(1, t1 - t0), pitch: p, velocity: v7(vel), tie: held && t0 === 0 });
              });
            }
          });
          break;
        }
        case 'bass': {
          spans.forEach((s, si) => {
            const p = bassPitches[si];
            const t0 = toTick(Math.max(s.start, from)), t1 = toTick(Math.min(s.start + s.dur, to));
            const vel = baseVel - 4;
            if (params.density > 0.72) {
              // Driving eighths (action/rock), octave bounce in chiptune.
              const step = 240;
              let k = 0;
              for (let t = t0; t < t1; t += step, k++) {
                const q = inp.style === 'chiptune' && k % 2 === 1 && p + 12 <= hi ? p + 12 : p;
                notes.push({ tick: t, duration: Math.max(1, Math.min(t1 - t, Math.round(step * Math.max(0.5, params.articulation)))), pitch: q, velocity: v7(vel + (t % Math.round(meter.pulseQ * PPQ) === 0 ? params.accent * 0.5 : -6)) });
              }
            } else if (params.density > 0.45 && !pedal) {
              // Root on strong pulses, fifth between, a step approach into the next chord (walking feel).
              const pulse = Math.round(meter.pulseQ * PPQ);
              let k = 0;
              for (let t = t0; t < t1; t += pulse, k++) {
                let q = p;
                if (k % 2 === 1) q = p + 7 <= hi ? p + 7 : p - 5 >= lo ? p - 5 : p;
                const nextSpan = material.chords.find((c) => c.start >= s.start + s.dur - EPS);
                if (t + pulse >= t1 && k > 0 && nextSpan && t1 === toTick(s.start + s.dur)) {
                  const target = nearestPitchWithPc(p, [nextSpan.chord.bass], lo, hi);
                  q = target > p ? target - (mod12(target - p) >= 2 ? 2 : 1) : target + 2;
                }
                notes.push({ tick: t, duration: Math.max(1, Math.min(t1 - t, Math.round(pulse * Math.max(0.6, params.articulation)))), pitch: clamp(q, 0, 127), velocity: v7(vel + (k === 0 ? params.accent * 0.4 : -4)) });
              }
            } else {
              const held = (state.sounding.get(voice.id)?.has(p) ?? false) && t0 === 0;
              notes.push({ tick: t0, duration: Math.max(1, t1 - t0), pitch: p, velocity: v7(vel), tie: held });
            }
          });
          break;
        }
        case 'ostinato':
        case 'power': {
          const pat = material.ostinatoPattern;
          const sixteenths = pat.length;
          for (let i = 0; i < sixteenths; i++) {
            const a = pat[i];
            if (!(a > 0)) continue;
            const beat = from + i * 0.25;
            const si = Math.max(0, spans.findIndex((s, j) => beat >= s.start - EPS && (j === spans.length - 1 || beat < spans[j + 1].start - EPS)));
            const ch = spans[si].chord;
            const rootPc = params.devices.pedal ? key.tonic : ch.root;
            const base = nearestPitchWithPc(lo + 5, [rootPc], lo, hi - 12);
            const dur = Math.max(40, Math.round(120 * (params.density > 0.6 ? 0.9 : 1.6) * params.articulation));
            if (voice.texture === 'power') {
              // Power chords: root, fifth, octave (MUSIC.md rock: overdrive guitar power chords).
              for (const p of [base, base + 7, base + 12]) if (p <= hi) notes.push({ tick: i * 120, duration: dur, pitch: p, velocity: v7(baseVel * (0.7 + 0.3 * a)) });
            } else {
              // Spiccato cell: root with the upper fifth/octave on accents; a semitone neighbour under dread.
              const cell = params.dissonance > 0.65 ? [0, 0, 1, 0] : [0, 0, 7, 12];
              let p = base + cell[i % 4];
              if (p > hi) p -= 12;
              notes.push({ tick: i * 120, duration: dur, pitch: p, velocity: v7(baseVel * (0.62 + 0.38 * a)) });
            }
          }
          break;
        }
        case 'sparkle': {
          const count = params.density > 0.5 ? 3 : params.density > 0.2 ? 2 : 1;
          const ch = spans[0].chord;
          for (let k = 0; k < count; k++) {
            if (!inp.rng.chance(0.7)) continue;
            const pulse = inp.rng.int(0, meter.pulses.length - 1);
            const p = nearestPitchWithPc(inp.rng.int(lo, hi), ch.pcs, lo, hi);
            const t = Math.round(meter.pulses[pulse] * PPQ);
            notes.push({ tick: t, duration: Math.max(1, Math.min(barTicks - t, 2 * PPQ)), pitch: p, velocity: v7(baseVel - 22) });
          }
          break;
        }
        case 'timpani': {
          const tonicP = nearestPitchWithPc(45, [key.tonic], lo, hi);
          const domP = nearestPitchWithPc(tonicP - 5, [mod12(key.tonic + 7)], lo, hi);
          if (inp.buildToClimax && params.percussion > 0.1) {
            // Roll into the climax: sixteenths with a crescendo.
            for (let t = 0, k = 0; t < barTicks; t += 120, k++) notes.push({ tick: t, duration: 110, pitch: tonicP, velocity: v7(50 + (70 * t) / barTicks) });
          } else if (params.percussion >= 0.3) {
            const pat = material.drumPatterns[inp.barInPhrase % material.drumPatterns.length];
            for (let i = 0; i < pat.length; i++) if (pat[i] >= 0.85 || i === 0) notes.push({ tick: i * 120, duration: 220, pitch: i === 0 ? tonicP : domP, velocity: v7(baseVel * (0.6 + 0.4 * pat[i])) });
          }
          break;
        }
        case 'drums': {
          if (params.percussion >= (voice.minPercussion ?? 0)) {
            const pat = material.drumPatterns[inp.barInPhrase % material.drumPatterns.length];
            notes.push(...drumBar({ style: inp.style, pattern: pat, meter, level: params.percussion, velocity: v7(baseVel * (0.75 + 0.25 * params.percussion)), density: params.density, fill: lastBarOfPhrase && !plan.final && params.percussion > 0.45 && (inp.style !== 'orchestral' || inp.buildToClimax), crash: inp.barInPhrase === 0 && (plan.climax || plan.statement === 0) && params.percussion > 0.5 && plan.kind !== 'intro' }));
            if (inp.buildToClimax && inp.style === 'orchestral') for (let t = barTicks / 2; t < barTicks; t += 60) notes.push({ tick: t, duration: 55, pitch: GM_DRUMS.snare, velocity: v7(45 + (60 * t) / barTicks) });
          }
          break;
        }
      }
    }
    // ---- hit accents: sforzando chord, cymbal + bass drum, timpani stroke, bass octave (MUSIC.md hits) ----
    for (const acc of inp.accents) {
      const t = clamp(acc.tick, 0, barTicks - 1);
      const vel = v7(100 + 27 * acc.salience);
      const len = Math.max(1, Math.min(barTicks - t, Math.round(meter.pulseQ * PPQ)));
      const ch = spans.find((s) => toTick(s.start) <= t)?.chord ?? spans[0].chord;
      if (voice.texture === 'drums') {
        notes.push({ tick: t, duration: Math.min(barTicks - t, 4 * 120), pitch: GM_DRUMS.crash, velocity: vel });
        notes.push({ tick: t, duration: Math.min(barTicks - t, 120), pitch: GM_DRUMS.kick2, velocity: vel });
      } else if (voice.texture === 'timpani') notes.push({ tick: t, duration: Math.min(barTicks - t, 240), pitch: nearestPitchWithPc(45, [ch.root], lo, hi), velocity: vel });
      else if (voice.texture === 'bass') {
        const p = nearestPitchWithPc(blo + 4, [ch.root], blo, bhi);
        notes.push({ tick: t, duration: len, pitch: p, velocity: vel });
        if (p + 12 <= bhi) notes.push({ tick: t, duration: len, pitch: p + 12, velocity: vel });
      } else if (voice.texture === 'sustain' || voice.texture === 'arpeggio' || voice.texture === 'block' || voice.texture === 'power' || voice.texture === 'ostinato') {
        const v = state.voicings.get(voice.id) ?? voiceLead({ chord: ch, prev: null, voices: 3, lo, hi });
        for (const p of v) notes.push({ tick: t, duration: len, pitch: p, velocity: vel });
      }
    }

    const fixed = fixOverlaps(notes, barTicks);
    // ---- expression: CC11 ramps toward this bar's level (crescendo into climaxes, diminuendo at releases) ----
    if (!isPerc && fixed.length) {
      const target = inp.ending === 'tail' ? 40 : Math.round(clamp(48 + (79 * (params.velocity - 30)) / 82, 30, 127));
      const startV = state.expr.get(voice.id) ?? target;
      const pulses = meter.pulses;
      let last = -1;
      for (let i = 0; i < pulses.length; i++) {
        const val = Math.round(startV + ((target - startV) * (i + 1)) / pulses.length);
        if (val !== last) ctl.push({ tick: Math.round(pulses[i] * PPQ), controller: 11, value: clamp(val, 0, 127) });
        last = val;
      }
      state.expr.set(voice.id, target);
      if (voice.pedal) {
        // Legato pedalling: lift at each chord change, press again just after the new attack (CC64).
        for (const s of spans) {
          const t0 = toTick(Math.max(s.start, from));
          ctl.push({ tick: t0, controller: 64, value: 0 });
          if (t0 + 24 < barTicks) ctl.push({ tick: t0 + 24, controller: 64, value: 127 });
        }
      }
    }
    const sounding = new Set<number>();
    for (const n of fixed) if (n.tick + n.duration >= barTicks) sounding.add(n.pitch);
    state.sounding.set(voice.id, sounding);
    const program = voice.tremoloProgram !== undefined && params.devices.tremolo ? voice.tremoloProgram : voice.program;
    parts.push({ voice, program, notes: fixed, controllers: ctl.sort((a, b) => a.tick - b.tick || a.controller - b.controller) });
  }
  return parts;
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
