/**
 * purpose: film/'s public surface — scoring a whole film (plan → resolve → compose each cue → assemble) and its
 * provenance manifest.
 *
 * @example
 * const { score, cueSheet } = scoreFilm(script, arc, { seed: 1, style: 'orchestral' }, { models });
 */
export { scoreFilm, resolveSheetCue, HIT_TOLERANCE_S, type FilmScoreDeps, type FilmScoreResult, type ComposedFilmCue } from './score-film.js';
export { assembleFilmScore, filmSecondsAt, type PlacedCue, type AssembleResult } from './assemble.js';
export { buildProvenance, type Provenance, type ProvenanceInput, type HashedFile } from './provenance.js';
