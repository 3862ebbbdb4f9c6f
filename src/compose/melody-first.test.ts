/**
 * Melody first (issue 11): the tune is planned before the harmony, so a spec motif is stated as written, the
 * harmony fits the tune, phrases end on cadences that alternate, and leading tones rise.
 */
import { describe, it, expect } from 'vitest';
import { composeCue } from './compose-cue.js';
import { parseCueSpec, resolveCue, type CueSpecInput } from '../cue/index.js';
import { loadDefaultStyleModels } from '../style/node.js';
import { musicChecks } from '../eval/index.js';
import { realiseRoman } from '../theory/index.js';
import { harmonize } from './harmonize.js';
import { polish } from './tune.js';
import { giveRhythm } from './phrase.js';
import { Rng } from '../util/rng.js';

const models = loadDefaultStyleModels();
const compose = (s: CueSpecInput) => composeCue(resolveCue(parseCueSpec(s)), { models });

const HERO = { id: 'hero', notes: [{ degree: 0, beats: 1 }, { degree: 4, beats: 1.5 }, { degree: 3, beats: 0.5 }, { degree: 2, beats: 0.5 }, { degree: 3, beats: 0.5 }, { degree: 4, beats: 2 }] };

describe('a spec motif is stated as written', () => {
  it.each(['orchestral', 'piano', 'rock'] as const)('%s: the first statement keeps every interval and duration', (style) => {
    const r = compose({ duration: 40, emotion: { valence: 0.4, arousal: 0.2, tension: 0.3 }, key: 'D', mode: 'minor', style, motifs: [HERO], seed: 4 });
    const use = r.summary.motifs.find((m) => m.id === 'hero' && m.form === 'original');
    expect(use).toBeDefined();
    const barTicks = 1920;
    const lead = r.score.tracks.filter((t) => t.role === 'melody').flatMap((t) => t.notes).filter((n) => n.tick >= (use!.bar - 1) * barTicks).sort((a, b) => a.tick - b.tick || b.pitch - a.pitch);
    const line = lead.filter((n, i) => i === 0 || n.tick !== lead[i - 1].tick).slice(0, HERO.notes.length);
    // D minor degrees 0 4 3 2 3 4 → D A G F G A: +7 −2 −2 +2 +2
    expect(line.slice(1).map((n, i) => n.pitch - line[i].pitch)).toEqual([7, -2, -2, 2, 2]);
    expect(line.slice(1).map((n, i) => (n.tick - line[i].tick) / 480)).toEqual([1, 1.5, 0.5, 0.5, 0.5]);
  });
});

describe('harmony fitted to the tune', () => {
  it('puts chord tones under the strong-beat notes and cadences where asked', () => {
    const key = { tonic: 0, mode: 'major' as const };
    // E D C | D  E  G | A G F | E  D  C (a simple tune, one chord per bar)
    const pitches = [[64, 62, 60, 62], [64, 67, 69, 67], [65, 64, 62, 67], [64, 62, 60, 60]];
    const melody = pitches.flatMap((bar, b) => bar.map((p, i) => ({ beat: b * 4 + i, duration: 1, pitch: p })));
    const slots = [0, 1, 2, 3].map((b) => ({ start: b * 4, dur: 4 }));
    const h = harmonize({ key, slots, melody, isStrong: (b) => b % 2 === 0, cadence: 'authentic', startOnTonic: true, colour: 0, rng: new Rng(1) });
    expect(h.symbols[0]).toBe('I');
    expect(h.symbols[3]).toBe('I');
    expect(['V', 'V7']).toContain(h.symbols[2]);
    for (const [i, c] of h.chords.entries()) for (const n of melody.filter((m) => m.beat === i * 4)) expect(c.pcs, h.symbols[i]).toContain(n.pitch % 12);
  });

  it('never writes parallel octaves or fifths between the tune and the bass at a chord change', () => {
    const key = { tonic: 7, mode: 'major' as const };
    // A scale tune that invites parallel octaves over root-position chords (1̂ 2̂ 3̂ 4̂ 5̂ 4̂ 2̂ 1̂), a chord per note.
    const melody = [67, 69, 71, 72, 74, 72, 69, 67].map((p, i) => ({ beat: i * 4, duration: 4, pitch: p }));
    const slots = melody.map((m) => ({ start: m.beat, dur: 4 }));
    const h = harmonize({ key, slots, melody, isStrong: () => true, cadence: 'authentic', startOnTonic: true, colour: 0, rng: new Rng(3) });
    for (let i = 1; i < h.chords.length; i++) {
      const a0 = (melody[i - 1].pitch - h.chords[i - 1].bass + 120) % 12, a1 = (melody[i].pitch - h.chords[i].bass + 120) % 12;
      const moved = melody[i].pitch !== melody[i - 1].pitch && h.chords[i].bass !== h.chords[i - 1].bass;
      expect(moved && a0 === a1 && (a0 === 0 || a0 === 7), `${h.symbols[i - 1]} → ${h.symbols[i]}`).toBe(false);
    }
  });

  it('uses only chords the key explains (a D♯ major triad never appears in A major)', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const r = compose({ duration: 30, emotion: { valence: 0.6, arousal: 0.3, tension: 0.2 }, key: 'A', mode: 'major', style: 'orchestral', seed });
      const symbols = (r.score.meta.chords as string[]).join(' ').split(/\s+/);
      for (const s of symbols) {
        const c = realiseRoman(s, { tonic: 9, mode: 'major' });
        expect(c, s).not.toBeNull();
        expect(c!.root, s).not.toBe(3); // D♯
      }
    }
  });
});

describe('the phrase tune', () => {
  it('a leading tone rises to the tonic', () => {
    const key = { tonic: 0, mode: 'major' as const };
    expect(polish([{ beat: 0, duration: 1, pitch: 71 }, { beat: 1, duration: 1, pitch: 74 }], key, [60, 84]).map((n) => n.pitch)).toEqual([71, 72]);
    // Far from the tonic it cannot resolve: it becomes 6̂ instead.
    expect(polish([{ beat: 0, duration: 1, pitch: 71 }, { beat: 1, duration: 1, pitch: 64 }], key, [60, 84]).map((n) => n.pitch)).toEqual([69, 64]);
  });
  it('never sings one pitch more than twice in a row', () => {
    const line = polish(Array.from({ length: 6 }, (_, i) => ({ beat: i, duration: 1, pitch: 67 })), { tonic: 0, mode: 'major' }, [60, 84]);
    for (let i = 2; i < line.length; i++) expect(line[i].pitch === line[i - 1].pitch && line[i].pitch === line[i - 2].pitch).toBe(false);
  });
});

describe('musician\'s checks on composed cues', () => {
  const grid = ['orchestral', 'piano', 'ambient', 'chiptune', 'rock'].flatMap((style) => [-0.6, 0.6].map((valence) => compose({ duration: 60, emotion: { valence, arousal: 0.3, tension: 0.4 }, style: style as 'piano', seed: 3 })));
  const checks = grid.map((r) => musicChecks(r.score));
  const mean = (f: (c: (typeof checks)[number]) => number | null) => {
    const xs = checks.map(f).filter((x): x is number => x !== null && Number.isFinite(x));
    return xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  };
  it('leading tones resolve up (Bach .61)', () => expect(mean((c) => c.leadingToneResolution)).toBeGreaterThanOrEqual(0.6));
  it('bars repeat earlier bars\' intervals and the motif recurs (human band)', () => {
    expect(mean((c) => c.intervalRepetition)).toBeGreaterThanOrEqual(0.15);
    const s = mean((c) => c.selfSimilarity);
    expect(s).toBeGreaterThanOrEqual(0.15);
    expect(s).toBeLessThanOrEqual(0.6);
  });
  it('phrase ends include half cadences, not only tonic endings', () => {
    const half = checks.reduce((a, c) => a + (c.cadences.counts.half), 0);
    expect(half).toBeGreaterThan(0);
  });
});

describe('a basic idea has a rhythm', () => {
  it('long notes only become a held note and a step (a leaning figure), on the scale, the bar kept', () => {
    const key = { tonic: 3, mode: 'major' as const };
    const idea = [{ beat: 0, duration: 3, pitch: 70 }, { beat: 3, duration: 3, pitch: 65 }];
    const out = giveRhythm(idea, key, 3, 60, 84);
    expect(out.length).toBeGreaterThanOrEqual(4);
    expect(out.map((n) => n.beat + n.duration).at(-1)).toBe(6);
    for (const n of out) expect([3, 5, 7, 8, 10, 0, 2]).toContain(n.pitch % 12);
    // The added note moves by step toward what follows (Bb → Ab before F).
    expect(Math.abs(out[1].pitch - out[0].pitch)).toBeLessThanOrEqual(2);
    expect(out[1].pitch).toBeLessThan(out[0].pitch);
  });
});

