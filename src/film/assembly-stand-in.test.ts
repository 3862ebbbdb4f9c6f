/**
 * Film assembly with a stand-in composer: every cue placed at its in-point, one track per instrument, hits
 * landing through the final tempo map.
 */
import { describe, it, expect } from 'vitest';
import { makeFilm, fakeMelodyModel, fakeComposeCue } from '../plan/__fixtures__/film.js';
import { scoreFilm } from './score-film.js';
import { TempoMap } from '../score/tempo-map.js';
import { findScoreProblems } from '../score/validate.js';

const film = makeFilm();

describe('scoreFilm assembly (stand-in composer)', () => {
  const r = scoreFilm(film.script, film.arc, { seed: 5 }, { composeCue: fakeComposeCue, models: { melody: fakeMelodyModel(), harmony: fakeMelodyModel() } });

  it('assembles one valid Score with cue markers, sections and one track per instrument', () => {
    expect(findScoreProblems(r.score)).toEqual([]);
    const names = r.score.tracks.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    expect(r.score.tracks.find((t) => t.name === 'Drums')!.channel).toBe(9);
    for (const c of r.cueSheet.cues) {
      expect(r.score.markers.some((m) => m.kind === 'cue' && m.text === `${c.id} start`)).toBe(true);
      expect(r.score.sections.some((s) => s.kind === 'cue' && s.name.startsWith(c.id))).toBe(true);
    }
  });

  it('places every cue at its in-point and lands every caught hit within 10 ms through the final tempo map', () => {
    const map = new TempoMap(r.score.tempo);
    for (const c of r.cueSheet.cues) {
      const m = r.score.markers.find((x) => x.text === `${c.id} start`)!;
      expect(Math.abs(map.ticksToSeconds(m.tick) - c.start)).toBeLessThan(0.002);
    }
    expect(r.score.hits.length).toBeGreaterThanOrEqual(3);
    for (const h of r.score.hits) expect(Math.abs(map.ticksToSeconds(h.tick) - h.seconds!)).toBeLessThanOrEqual(0.01);
    expect(r.score.markers.filter((m) => m.kind === 'hit').length).toBe(r.score.hits.length);
  });

  it('records the motif bars compose reported', () => {
    const anna = r.cueSheet.motifs.find((m) => m.character === 'anna')!;
    expect(anna.appearances.every((a) => a.bars.length > 0)).toBe(true);
    expect(r.cueSheet.cues.every((c) => c.composed !== undefined)).toBe(true);
  });
});
