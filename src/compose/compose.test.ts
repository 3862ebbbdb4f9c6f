import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { composeCue } from './compose-cue.js';
import { parseCueSpec, resolveCue, STYLES, type CueSpecInput } from '../cue/index.js';
import { fixtureModels } from './test-support/fixture-style.js';
import { scoreFeatures, barProfile, outerVoiceParallels, melodyLine, motifRepetition } from './features.js';
import { Rng } from '../util/rng.js';
import { findScoreProblems, parseScore } from '../score/validate.js';
import { TempoMap } from '../score/tempo-map.js';
import { scoreToMidi } from '../render/midi/index.js';
import { isMinorMode } from '../theory/index.js';

const models = fixtureModels();
const compose = (s: CueSpecInput) => composeCue(resolveCue(parseCueSpec(s)), { models });
const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('composeCue: emotion → music', () => {
  it('higher arousal ⇒ faster, denser and louder (same valence, several seeds)', () => {
    for (const seed of [1, 2, 3]) {
      const calm = scoreFeatures(compose({ duration: 30, emotion: { valence: 0.3, arousal: -0.7, tension: 0.2 }, style: 'orchestral', seed }).score);
      const wild = scoreFeatures(compose({ duration: 30, emotion: { valence: 0.3, arousal: 0.8, tension: 0.2 }, style: 'orchestral', seed }).score);
      expect(wild.tempo).toBeGreaterThan(calm.tempo + 20);
      expect(wild.noteDensity).toBeGreaterThan(calm.noteDensity * 1.5);
      expect(wild.velocity).toBeGreaterThan(calm.velocity + 15);
    }
  });

  it('lower valence ⇒ minor-family mode and lower register', () => {
    for (const style of ['orchestral', 'piano'] as const) {
      const sad = compose({ duration: 30, emotion: { valence: -0.7, arousal: -0.2, tension: 0.3 }, style, seed: 5 });
      const happy = compose({ duration: 30, emotion: { valence: 0.7, arousal: -0.2, tension: 0.3 }, style, seed: 5 });
      expect(isMinorMode(sad.summary.mode)).toBe(true);
      expect(isMinorMode(happy.summary.mode)).toBe(false);
      const fs = scoreFeatures(sad.score), fh = scoreFeatures(happy.score);
      expect(fs.melodyPitch).toBeLessThan(fh.melodyPitch);
      expect(fs.meanPitch).toBeLessThan(fh.meanPitch);
    }
  });

  it('a tension curve puts the loudness/density peak near its climax', () => {
    const r = compose({
      duration: 60,
      emotion: { valence: -0.2, arousal: 0, tension: 0.4, curve: [{ at: 0, valence: -0.2, arousal: -0.5, tension: 0.1 }, { at: 0.35, valence: -0.3, arousal: 0.8, tension: 1 }, { at: 1, valence: -0.2, arousal: -0.6, tension: 0.1 }] },
      style: 'orchestral',
      seed: 3,
    });
    const prof = barProfile(r.score);
    const n = prof.length;
    const peakZone = prof.filter((b) => Math.abs((b.bar + 0.5) / n - 0.35) < 0.12).map((b) => b.intensity);
    const edges = prof.filter((b) => (b.bar + 0.5) / n < 0.08 || (b.bar + 0.5) / n > 0.85).map((b) => b.intensity);
    expect(avg(peakZone)).toBeGreaterThan(avg(edges) * 1.3);
    expect(Math.abs(((r.score.meta.climaxBar as number) - 0.5) / n - 0.35)).toBeLessThan(0.1);
  });

  it('a constant emotion still builds to a climax about two-thirds through, then releases', () => {
    const r = compose({ duration: 90, emotion: { valence: 0.4, arousal: 0.3, tension: 0.4 }, style: 'orchestral', seed: 9 });
    const prof = barProfile(r.score);
    const n = prof.length;
    const third = (lo: number, hi: number) => avg(prof.filter((b) => b.bar / n >= lo && b.bar / n < hi).map((b) => b.intensity));
    expect(third(0.55, 0.75)).toBeGreaterThan(third(0, 0.2));
    expect(r.summary.form).toContain("A' (climax)");
  });
});

describe('composeCue: form, motifs, craft', () => {
  it('has intro, contrast and an ending for a 60 s cue; endTick is the cue length', () => {
    const r = compose({ duration: 60, emotion: { valence: -0.6, arousal: 0.8, tension: 0.7 }, style: 'orchestral', seed: 1 });
    const f = r.summary.form;
    expect(f[0]).toBe('Intro');
    expect(f.some((s) => s.startsWith('B'))).toBe(true);
    expect(['Button', 'Tail']).toContain(f[f.length - 1]);
    const secs = new TempoMap(r.score.tempo).ticksToSeconds(r.score.endTick);
    expect(Math.abs(secs - 60)).toBeLessThan(0.01);
    expect(r.score.sections.some((s) => s.kind === 'climax')).toBe(true);
  });

  it('the melody repeats and develops its ideas (motif repetition rate well above a random walk)', () => {
    for (const seed of [1, 2]) {
      const r = compose({ duration: 60, emotion: { valence: 0.5, arousal: 0.2, tension: 0.3 }, style: 'piano', seed });
      // Baseline: the same model sampled freely for as long (what a note-by-note random walk would give).
      const free = models.melody.sampleMelody({ key: { tonic: 0, mode: 'major' }, meter: { numerator: 4, denominator: 4 }, bars: r.summary.bars, range: [60, 84], density: 0.6, rng: new Rng(seed) });
      const baseline = motifRepetition(free.notes);
      const rate = scoreFeatures(r.score).motifRepetition;
      expect(rate).toBeGreaterThan(0.15);
      expect(rate).toBeGreaterThan(baseline * 1.5);
    }
  });

  it('no parallel fifths/octaves between the outer voices of the chorale texture', () => {
    for (const seed of [1, 2, 3, 4]) {
      const r = compose({ duration: 40, emotion: { valence: -0.6, arousal: -0.6, tension: 0.3 }, style: 'orchestral', seed });
      const bass = r.score.tracks.find((t) => t.role === 'bass')!;
      const strings = r.score.tracks.find((t) => t.name === 'Strings')!;
      expect(outerVoiceParallels(bass, strings)).toBe(0);
    }
  });

  it('uses the spec motif: statement plus transformations, reported in the summary', () => {
    const r = compose({
      duration: 75,
      emotion: { valence: -0.4, arousal: 0.2, tension: 0.5, curve: [{ at: 0, valence: -0.5, arousal: 0, tension: 0.4 }, { at: 0.6, valence: 0.5, arousal: 0.6, tension: 0.8 }, { at: 1, valence: 0.6, arousal: -0.2, tension: 0.2 }] },
      style: 'orchestral',
      motifs: [{ id: 'hero', notes: [{ degree: 0, beats: 1 }, { degree: 4, beats: 0.5 }, { degree: 3, beats: 0.5 }, { degree: 2, beats: 1 }, { degree: 4, beats: 1 }] }],
      seed: 4,
    });
    const forms = new Set(r.summary.motifs.filter((m) => m.id === 'hero').map((m) => m.form));
    expect(forms.has('original')).toBe(true);
    expect(forms.size).toBeGreaterThanOrEqual(3);
    expect(r.score.keys.length).toBeGreaterThan(1); // modulation at the emotional turn
  });

  it('under dialogue: thin, soft, and no melody in the speaking register (MUSIC.md: ~100–400 Hz, G2–G4)', () => {
    const r = compose({ duration: 40, emotion: { valence: 0, arousal: 0.5, tension: 0.5 }, style: 'orchestral', underDialogue: true, seed: 2 });
    const line = melodyLine(r.score);
    for (const n of line) expect(n.pitch < 43 || n.pitch > 67).toBe(true);
    // Just above the voice, not two octaves up: a leitmotif stays in a singing register.
    expect(Math.max(...line.map((n) => n.pitch))).toBeLessThanOrEqual(91);
    expect(scoreFeatures(r.score).velocity).toBeLessThan(70);
  });

  it('hits get accents at their times (tempo map lands them within 10 ms)', () => {
    const hits = [{ time: 7.3, label: 'door' }, { time: 15.9, label: 'gunshot', salience: 1 }];
    const r = compose({ duration: 24, emotion: { valence: -0.5, arousal: 0.6, tension: 0.7 }, style: 'orchestral', hits, seed: 1 });
    const map = new TempoMap(r.score.tempo);
    expect(r.score.hits).toHaveLength(2);
    for (const [i, h] of r.score.hits.entries()) {
      expect(Math.abs(map.ticksToSeconds(h.tick) - hits[i].time)).toBeLessThan(0.01);
      const accents = r.score.tracks.flatMap((t) => t.notes).filter((n) => n.tick === h.tick && n.velocity >= 100);
      expect(accents.length).toBeGreaterThanOrEqual(3);
      expect(r.score.markers.some((m) => m.kind === 'hit' && m.tick === h.tick)).toBe(true);
    }
  });
});

describe('composeCue: continuity from the previous cue', () => {
  it('continues the previous key and accents hits on the map resolveCue solved', () => {
    const hits = [{ time: 6.0, label: 'cut' }];
    const spec = parseCueSpec({ duration: 12, emotion: { valence: 0, arousal: 0.5, tension: 0.6 }, style: 'rock', hits, seed: 2 });
    const cue = resolveCue(spec, { previous: { tonic: 7, mode: 'minor', lastChord: 'V' } });
    const r = composeCue(cue, { models });
    expect(r.score.tempo).toEqual(cue.timing.tempo);
    expect(r.summary.key).toBe('G minor');
    const tick = r.score.hits[0].tick;
    expect(Math.abs(new TempoMap(r.score.tempo).ticksToSeconds(tick) - 6)).toBeLessThan(0.01);
    expect(r.score.tracks.flatMap((t) => t.notes).filter((n) => n.tick === tick && n.velocity >= 100).length).toBeGreaterThanOrEqual(3);
  });
});

describe('composeCue: validity and determinism', () => {
  it('every palette gives a valid score with notes in every role it uses', () => {
    for (const style of STYLES) {
      for (const e of [{ valence: 0.6, arousal: 0.7, tension: 0.3 }, { valence: -0.6, arousal: -0.5, tension: 0.6 }]) {
        const r = compose({ duration: 20, emotion: e, style, seed: 7 });
        expect(findScoreProblems(r.score)).toEqual([]);
        expect(r.score.tracks.length).toBeGreaterThanOrEqual(3);
        expect(r.score.tracks.some((t) => t.role === 'melody')).toBe(true);
      }
    }
  });

  it('same spec + seed ⇒ identical Score JSON and MIDI bytes; another seed differs', () => {
    const s = { duration: 30, emotion: { valence: 0.2, arousal: 0.4, tension: 0.5 }, style: 'rock' as const, seed: 11 };
    const a = compose(s), b = compose(s), c = compose({ ...s, seed: 12 });
    expect(JSON.stringify(a.score)).toBe(JSON.stringify(b.score));
    expect(Buffer.from(scoreToMidi(a.score)).equals(Buffer.from(scoreToMidi(b.score)))).toBe(true);
    expect(JSON.stringify(a.score)).not.toBe(JSON.stringify(c.score));
  });

  it('random valid specs never throw and always give valid scores (property)', () => {
    const emotion = fc.record({ valence: fc.double({ min: -1, max: 1, noNaN: true }), arousal: fc.double({ min: -1, max: 1, noNaN: true }), tension: fc.double({ min: 0, max: 1, noNaN: true }) });
    fc.assert(
      fc.property(
        emotion,
        fc.constantFrom(...STYLES),
        fc.double({ min: 1, max: 45, noNaN: true }),
        fc.constantFrom(undefined, '3/4', '6/8', '5/4', '7/8', '2/2'),
        fc.option(fc.integer({ min: 40, max: 200 }), { nil: undefined }),
        fc.array(fc.double({ min: 0, max: 45, noNaN: true }), { maxLength: 3 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 1000 }),
        (e, style, duration, meter, tempo, hitTimes, underDialogue, seed) => {
          const r = compose({ duration, emotion: e, style, meter, tempo, hits: hitTimes.map((t) => ({ time: Math.min(t, duration) })), underDialogue, seed });
          expect(findScoreProblems(r.score)).toEqual([]);
          const secs = new TempoMap(r.score.tempo).ticksToSeconds(r.score.endTick);
          expect(Math.abs(secs - duration)).toBeLessThan(0.05);
        },
      ),
      { numRuns: 40, seed: 42 },
    );
  });

  it('bars instead of duration', () => {
    const r = compose({ bars: 12, emotion: { valence: 0.1, arousal: 0.1 }, style: 'chiptune', seed: 3 });
    expect(r.summary.bars).toBe(12);
    expect(r.score.endTick).toBe(12 * 1920);
  });
});

describe('every composed Score passes the validator (issue 13, item 4)', () => {
  it.each([
    ['a 0.1 s cue', { duration: 0.1, emotion: { valence: 0, arousal: 0 } }],
    ['200 bars in 60 s with a curve', { duration: 60, bars: 200, emotion: { valence: 0, arousal: 0, curve: [{ at: 0, valence: 0, arousal: -1, tension: 0 }, { at: 1, valence: 0, arousal: 1, tension: 1 }] } }],
    ['a 300-character title', { duration: 10, title: 'T'.repeat(300), emotion: { valence: 0.2, arousal: 0.1 } }],
  ] as Array<[string, CueSpecInput]>)('%s', (_what, spec) => {
    const r = compose(spec);
    expect(findScoreProblems(r.score)).toEqual([]);
    expect(() => parseScore(JSON.parse(JSON.stringify(r.score)))).not.toThrow();
  });
});
