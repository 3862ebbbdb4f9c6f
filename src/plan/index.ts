/**
 * purpose: the plan/ stage's public API — Script + Arc → CueSheet (spotting, cue naming and timecode, hit-point
 * tempo maps, keys and transitions, leitmotifs), and the film-score assembly the `score` command runs.
 *
 * @example
 * const sheet = planCueSheet(script, arc, { seed: 1, style: 'orchestral', fps: 24, melodyModel });
 * sheet.cues[0] // => { id: '1m1', startTC: '00:00:00:00', scenes: [0], spec: { duration: 33.1, … }, hits: [], … }
 * const { score, cueSheet } = scoreFilm(script, arc, { seed: 1 }, { composeCue, models });
 */
export * from './cue-spec.js';
export { solveHitTempo, strongBeatOffsets, rampSeconds, type SolveHitTempoOptions, type HitTempoSolution, type SolvedHit, type HitSyncInput } from './hit-sync.js';
export { secondsToTimecode, timecodeToSeconds, secondsToFrames, framesToSeconds, frameRate, SUPPORTED_FPS, type Fps, type FrameRate } from './timecode.js';
export { spotCues, spotScenes, type SpottingOptions, type SpottingResult, type SpottedCue, type SceneSpot } from './spotting.js';
export { affectDistance, meanAffect, emotionCurve } from './emotion-summary.js';
export { baseTempo, modeForAffect, meterForAffect, nextKey, type PlannedKey, type KeyRelation } from './music-plan.js';
export { spellTonic, keySignature, fifthsDistance } from '../theory/index.js';
export { generateMotifs, mainCharacters, motifForms, type PlannedMotif } from './leitmotifs.js';
export { CueSheetSchema, CueSchema, CueSheetHitSchema, parseCueSheet, findCue, CUE_SHEET_VERSION, type CueSheet, type Cue, type CueSheetHit, type CueSheetInput } from './cue-sheet.js';
export { planCueSheet, type PlanOptions } from './plan-cues.js';
export { assembleFilmScore, type PlacedCue, type AssembleResult } from './assemble.js';
export { scoreFilm, composeArgsForCue, HIT_TOLERANCE_S, type FilmScoreDeps, type FilmScoreResult, type ComposedFilmCue } from './film-score.js';
export { formatCueTable, emotionLabel } from './cue-table.js';
export { buildProvenance, type Provenance, type ProvenanceInput, type HashedFile } from './provenance.js';
