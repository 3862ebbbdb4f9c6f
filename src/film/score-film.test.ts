/**
 * End-to-end through the real composer (compose/composeCue) with compose's small test style model, so the test
 * runs on a fresh clone in well under a second per film. The CLI test (src/cli/commands/score.test.ts) runs
 * the same pipeline with the committed default models.
 */
import { describe, it, expect } from 'vitest';
import { makeFilm } from '../plan/__fixtures__/film.js';
import { scoreFilm } from './score-film.js';
import { scoreFeatures } from '../compose/index.js';
import { fixtureStyleModel } from '../compose/test-support/fixture-style.js';
import { scoreToMidi } from '../render/midi/index.js';
import { TempoMap } from '../score/tempo-map.js';
import { findScoreProblems } from '../score/validate.js';

const film = makeFilm();
const model = fixtureStyleModel();
const run = (seed: number) => scoreFilm(film.script, film.arc, { seed }, { models: { melody: model, harmony: model } });
const r = run(5);

describe('scoreFilm with the real composer', () => {
  it('gives the tragic scene and the celebration opposite music', () => {
    const grief = r.cueSheet.cues.find((c) => c.scenes[0] === 5)!;
    const joy = r.cueSheet.cues.find((c) => c.scenes[0] === 7)!;
    const g = scoreFeatures(r.cues.find((c) => c.id === grief.id)!.score);
    const j = scoreFeatures(r.cues.find((c) => c.id === joy.id)!.score);
    expect(j.tempo).toBeGreaterThan(g.tempo + 25); // tempo ⇒ arousal
    expect(g.mode).toMatch(/minor|dorian|phrygian/); // mode ⇒ valence
    expect(j.mode).toMatch(/major|lydian|mixolydian/);
    expect(j.meanPitch).toBeGreaterThan(g.meanPitch + 2); // register
    expect(j.noteDensity).toBeGreaterThan(2 * g.noteDensity); // density
    expect(j.velocity).toBeGreaterThan(g.velocity + 15); // loudness
  });

  it('assembles a valid film score whose caught hits land within 10 ms of picture', () => {
    expect(findScoreProblems(r.score)).toEqual([]);
    const map = new TempoMap(r.score.tempo);
    const caught = r.cueSheet.cues.flatMap((c) => c.hits.filter((h) => h.caught));
    expect(caught.length).toBeGreaterThanOrEqual(3);
    for (const h of r.score.hits) expect(Math.abs(map.ticksToSeconds(h.tick) - h.seconds!)).toBeLessThanOrEqual(0.01);
    for (const h of caught) expect(Math.abs(h.errorMs!)).toBeLessThanOrEqual(10);
    // Cue starts sit on their in-points.
    for (const c of r.cueSheet.cues) {
      const m = r.score.markers.find((x) => x.text === `${c.id} start`)!;
      expect(Math.abs(map.ticksToSeconds(m.tick) - c.start)).toBeLessThan(0.002);
    }
  });

  it('states the same leitmotif in several cues, in different forms', () => {
    const anna = r.cueSheet.motifs.find((m) => m.character === 'anna')!;
    const stated = anna.appearances.filter((a) => a.statements.length > 0);
    expect(stated.length).toBeGreaterThanOrEqual(2);
    const requested = new Set(anna.appearances.map((a) => a.forms.join('+')));
    expect(requested.size).toBeGreaterThanOrEqual(2);
    const played = new Set(stated.map((a) => [...new Set(a.statements.map((s) => s.form))].sort().join('+')));
    expect(played.size).toBeGreaterThanOrEqual(2);
  });

  it('merges instruments across cues: one track per instrument, drums on channel 10', () => {
    const keys = r.score.tracks.map((t) => `${t.program}|${t.role}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const t of r.score.tracks) if (t.role === 'percussion') expect(t.channel).toBe(9);
    const byProgram = new Map<number, number>();
    for (const t of r.score.tracks) {
      if (t.channel === 9) continue;
      if (byProgram.has(t.program)) expect(byProgram.get(t.program)).toBe(t.channel);
      byProgram.set(t.program, t.channel);
    }
  });

  it('same seed ⇒ byte-identical score.mid; another seed ⇒ different music', () => {
    const a = scoreToMidi(r.score);
    const b = scoreToMidi(run(5).score);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(scoreToMidi(run(6).score)).equals(Buffer.from(a))).toBe(false);
  });
});
