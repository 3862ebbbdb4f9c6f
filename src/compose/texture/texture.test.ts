/**
 * What a composer checks in the parts (exact small cases beside the texture writers): the tune on top, the
 * bass on the chord's bass at every change, pedals only under chords that contain them, orchestral percussion
 * with no backbeat, sparse ambient percussion, every note in range, sustains tied, real endings.
 */
import { describe, it, expect } from 'vitest';
import { composeCue } from '../compose-cue.js';
import { ComposerEngine } from '../engine.js';
import { planForm, barEmotion } from '../form.js';
import { parseCueSpec, resolveCue, STYLES, type Style } from '../../cue/index.js';
import { paramsFor } from '../../cue/emotion-map.js';
import { fixtureModels } from '../test-support/fixture-style.js';
import { Rng } from '../../util/rng.js';
import { mod12, realiseRoman, type Key } from '../../theory/index.js';
import { PPQ, type Score } from '../../score/schema.js';
import { leadAbove, outOfRange, percussionPattern, reStruckSustains } from '../../eval/index.js';
import { planBassLine } from './bass.js';
import { tendencies, voiceLead } from '../voicing.js';
import { keepUnder } from '../render-bar.js';
import { buttonTicks } from './ending.js';
import { phraseArch } from './expression.js';

const models = fixtureModels();
const cue = (style: Style, valence: number, arousal: number, seed = 1, duration = 30): Score => {
  const tension = 0.25 + 0.3 * Math.max(0, arousal) + 0.25 * Math.max(0, -valence);
  return composeCue(resolveCue(parseCueSpec({ duration, emotion: { valence, arousal, tension }, style, seed })), { models }).score;
};
const GRID: Array<[number, number]> = [[-0.7, -0.7], [0, 0], [-0.7, 0.7], [0.7, 0.7]];

describe('layering and ranges on every palette', () => {
  it('the lead is the top sounding voice over every chord, pad, ostinato and bass layer', () => {
    for (const style of STYLES) for (const [v, a] of GRID) {
      const s = cue(style, v, a);
      const share = leadAbove(s);
      if (!Number.isNaN(share)) expect(share, `${style} ${v}/${a}`).toBe(1);
    }
  });
  it('no note outside its instrument range (src/theory/instruments.ts)', () => {
    for (const style of STYLES) for (const [v, a] of GRID) expect(outOfRange(cue(style, v, a)).byTrack, `${style} ${v}/${a}`).toEqual({});
  });
  it('sustained chord layers hold common tones across the barline (tied, not re-struck)', () => {
    for (const style of STYLES) for (const [v, a] of GRID) {
      const s = cue(style, v, a);
      const chordOnly: Score = { ...s, tracks: s.tracks.filter((t) => t.role === 'harmony' || t.role === 'pad' || t.role === 'bass') };
      expect(reStruckSustains(chordOnly).restruck, `${style} ${v}/${a}`).toBe(0);
    }
  });
});

describe('under dialogue', () => {
  it('chord layers leave the heart of the speaking register (above it when bright, a low bed when dark), the bass below it; no ostinato', () => {
    for (const style of STYLES) for (const valence of [-0.5, 0.3]) {
      const s = composeCue(resolveCue(parseCueSpec({ duration: 30, emotion: { valence, arousal: 0.5, tension: 0.5 }, style, underDialogue: true, seed: 2 })), { models }).score;
      for (const t of s.tracks) {
        if (t.role === 'harmony' || t.role === 'pad') for (const n of t.notes) expect(n.pitch <= 55 || n.pitch >= 68, `${style} ${t.name} ${n.pitch}`).toBe(true);
        if (t.role === 'bass') for (const n of t.notes) expect(n.pitch, `${style} ${t.name}`).toBeLessThanOrEqual(47);
        expect(t.role, `${style} ${t.name}`).not.toBe('ostinato');
      }
    }
  });
});

describe('percussion by palette', () => {
  it('orchestral action has no rock backbeat (no snare on 2 and 4)', () => {
    for (const seed of [1, 2, 3]) expect(percussionPattern(cue('orchestral', -0.7, 0.7, seed)).backbeat).toBe(0);
  });
  it('rock keeps its kit groove', () => {
    expect(percussionPattern(cue('rock', 0, 0.7)).backbeat).toBeGreaterThan(0.4);
  });
  it('ambient percussion plays at most every few bars', () => {
    for (const [v, a] of GRID) expect(percussionPattern(cue('ambient', v, a, 1, 45)).barsWithPercussion).toBeLessThanOrEqual(0.34);
  });
  it('orchestral action: no harp arpeggios under the chase', () => {
    const s = cue('orchestral', -0.7, 0.7);
    expect(s.tracks.find((t) => t.name === 'Harp')).toBeUndefined();
  });
});

/** Render a cue bar by bar through the engine, keeping each bar's chord spans beside its bass part. */
function barsWithChords(style: Style, valence: number, arousal: number, seed: number) {
  const emotion = { valence, arousal, tension: 0.25 + 0.3 * Math.max(0, arousal) + 0.25 * Math.max(0, -valence) };
  const home: Key = { tonic: 2, mode: valence < 0 ? 'minor' : 'major' };
  const engine = new ComposerEngine({ style, meter: [4, 4], home, motifs: [], underDialogue: false, models, seed, leadEmotion: emotion });
  const form = planForm({ bars: 16, secondsPerBar: 2, emotion, home, rng: new Rng(seed).fork('form'), keyFixed: false });
  const climaxPos = (form.climaxBar + 0.5) / form.bars;
  const out: Array<{ spans: Array<{ tick: number; bass: number; pcs: number[] }>; bass: Array<{ tick: number; pitch: number }>; pedal: boolean; tonic: number }> = [];
  form.phrases.forEach((plan, pi) => {
    const params = paramsFor(barEmotion(emotion, plan.startBar, form.bars, climaxPos), style);
    const material = engine.planPhrase(plan, params, form.phrases[pi + 1]?.key ?? null);
    for (let b = 0; b < plan.bars; b++) {
      const e = barEmotion(emotion, plan.startBar + b, form.bars, climaxPos);
      const bp = paramsFor(e, style);
      const parts = engine.renderBar({ material, barInPhrase: b, barIndex: plan.startBar + b, params: bp, emotion: e });
      const from = b * 4;
      const spans = material.chords.filter((s) => s.start >= from - 1e-6 && s.start < from + 4 - 1e-6).map((s) => ({ tick: Math.round((s.start - from) * PPQ), bass: s.chord.bass, pcs: s.chord.pcs }));
      const bass = parts.find((p) => p.voice.texture === 'bass')?.notes ?? [];
      out.push({ spans, bass, pedal: bp.devices.pedal, tonic: plan.key.tonic });
    }
  });
  return out;
}

describe('the bass follows the harmony', () => {
  it("every chord change has the chord's bass note (or a pedal the chord contains) in the bass", () => {
    for (const style of STYLES) for (const [v, a] of GRID) {
      let changes = 0;
      for (const bar of barsWithChords(style, v, a, 3)) for (const s of bar.spans) {
        const at = bar.bass.filter((n) => n.tick === s.tick);
        if (at.length === 0) continue; // the bass rests (a hit gap, an ending)
        changes++;
        const low = Math.min(...at.map((n) => n.pitch));
        const ok = mod12(low) === s.bass || (s.pcs.includes(bar.tonic) && mod12(low) === bar.tonic);
        expect(ok, `${style} ${v}/${a}: bass ${low} on a chord with bass ${s.bass}`).toBe(true);
      }
      expect(changes).toBeGreaterThan(5);
    }
  });
  it('a pedal is held only under chords that contain the pedal note', () => {
    for (const bar of barsWithChords('orchestral', -0.7, 0.7, 2)) for (const s of bar.spans) {
      const at = bar.bass.filter((n) => n.tick === s.tick);
      if (at.length && mod12(at[0].pitch) === bar.tonic && s.bass !== bar.tonic) expect(s.pcs).toContain(bar.tonic);
    }
  });
});

describe('planBassLine: a walking line inside one chord', () => {
  const C = realiseRoman('I', { tonic: 0, mode: 'major' })!;
  const slots = [0, 480, 960, 1440].map((tick, i) => ({ tick, strong: i % 2 === 0, offbeat: false }));
  const scale = [0, 2, 4, 5, 7, 9, 11];
  it('starts on the bass, keeps chord tones on strong beats, no semitone against the chord, steps into the next chord', () => {
    const line = planBassLine({ slots, start: 48, chord: C, scale, nextBass: 5, lo: 36, hi: 60, leadAt: () => undefined });
    expect(line[0]).toBe(48);
    expect(C.pcs).toContain(mod12(line[2]));
    for (const p of line) for (const c of C.pcs) expect([1, 11]).not.toContain(mod12(p - c));
    const toF = Math.min(...[41, 53].map((f) => Math.abs(f - line[3])));
    expect(toF).toBeLessThanOrEqual(2);
    expect(new Set(line).size).toBeGreaterThan(2); // it moves
  });
  it('avoids parallel fifths and octaves with the tune on its moving notes', () => {
    // Tune a fifth/octave above every candidate motion: G4 A4 B4 C5 over C3 …
    const lead = [67, 69, 71, 72];
    const line = planBassLine({ slots, start: 48, chord: C, scale, lo: 36, hi: 60, leadAt: (t) => lead[t / 480] });
    for (let k = 1; k < 4; k++) {
      const i0 = mod12(lead[k - 1] - line[k - 1]), i1 = mod12(lead[k] - line[k]);
      const similar = Math.sign(lead[k] - lead[k - 1]) === Math.sign(line[k] - line[k - 1]) && line[k] !== line[k - 1];
      expect(similar && i0 === i1 && (i0 === 0 || i0 === 7)).toBe(false);
    }
  });
  it('rock: locked on the root, moving only to approach the change', () => {
    const line = planBassLine({ slots, start: 48, chord: C, scale, nextBass: 7, lo: 36, hi: 60, leadAt: () => undefined, idiom: 'root' });
    expect(line.slice(0, 3)).toEqual([48, 48, 48]);
  });
});

describe('voice leading and layering helpers', () => {
  it('tendency tones of V7 → I: leading tone up, seventh down', () => {
    const G7 = realiseRoman('V7', { tonic: 0, mode: 'major' })!;
    const C = realiseRoman('I', { tonic: 0, mode: 'major' })!;
    expect(tendencies(G7, C, [55, 59, 65])).toEqual([0, 1, -1]);
    expect(tendencies(C, G7, [55, 59, 64])).toEqual([0, 0, 0]);
  });
  it('voiceLead: G7 → C resolves the leading tone up and the seventh down, keeps the common tone, no crossing', () => {
    const G7 = realiseRoman('V7', { tonic: 0, mode: 'major' })!;
    const C = realiseRoman('I', { tonic: 0, mode: 'major' })!;
    const v = voiceLead({ chord: C, prev: [55, 59, 65], prevChord: G7, voices: 3, lo: 48, hi: 72, bass: 36, prevBass: 43 });
    expect(v).toEqual([55, 60, 64]);
    const low = voiceLead({ chord: C, prev: null, voices: 3, lo: 36, hi: 60, bass: 24 });
    for (let i = 1; i < low.length; i++) {
      expect(low[i]).toBeGreaterThan(low[i - 1]);
      if (low[i - 1] < 48) expect(low[i] - low[i - 1]).toBeGreaterThanOrEqual(7); // open below C3
    }
  });
  it('keepUnder drops a chord note that would sound above the tune by an octave, or leaves it out', () => {
    const floor = (t0: number, t1: number) => (t0 < 480 && t1 > 0 ? 67 : Infinity);
    const out = keepUnder([{ tick: 0, duration: 480, pitch: 72, velocity: 60 }, { tick: 0, duration: 480, pitch: 64, velocity: 60 }, { tick: 960, duration: 480, pitch: 79, velocity: 60 }, { tick: 0, duration: 480, pitch: 70, velocity: 60 }], floor, 60);
    expect(out.map((n) => n.pitch)).toEqual([60, 64, 79]);
  });
  it('a button lasts at least a full beat; the phrase arch peaks at the high point and eases into the cadence', () => {
    expect(buttonTicks(1)).toBeGreaterThanOrEqual(PPQ);
    expect(buttonTicks(1.5)).toBeGreaterThanOrEqual(1.5 * PPQ);
    expect(phraseArch(4, 4, 8)).toBe(8);
    expect(phraseArch(0, 4, 8)).toBeLessThan(0);
    expect(phraseArch(8, 4, 8)).toBeLessThan(phraseArch(6, 4, 8));
  });
});

describe('endings', () => {
  it('a slow cue ends on the final chord held through the last bar (a tail), a fast one on a button ≥ a beat', () => {
    const slow = cue('orchestral', -0.7, -0.7, 1, 30);
    const bar = 4 * PPQ;
    const lastBar = Math.floor((slow.endTick - 1) / bar) * bar;
    const held = slow.tracks.filter((t) => t.role === 'harmony' || t.role === 'bass').flatMap((t) => t.notes).filter((n) => n.tick <= lastBar && n.tick + n.duration >= slow.endTick);
    expect(held.length).toBeGreaterThanOrEqual(2);
    const fast = cue('rock', 0.7, 0.7, 1, 30);
    const end = fast.tracks.filter((t) => t.role !== 'percussion').flatMap((t) => t.notes);
    const last = Math.max(...end.map((n) => n.tick));
    for (const n of end.filter((x) => x.tick === last)) expect(n.duration).toBeGreaterThanOrEqual(Math.min(PPQ, fast.endTick - last));
  });
});
