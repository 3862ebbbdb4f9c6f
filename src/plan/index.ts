/**
 * purpose: the plan/ stage's public API — Script + Arc → CueSheet (spotting, cue naming and timecode, hit-point
 * landings through cue/'s resolver, keys and transitions, leitmotifs). Composing and assembling the film is
 * film/'s job; the cue contract itself lives in cue/.
 *
 * @example
 * const sheet = planCueSheet(script, arc, { seed: 1, style: 'orchestral', fps: 24, melodyModel });
 * sheet.cues[0] // => { id: '1m1', startTC: '00:00:00:00', scenes: [0], spec: { duration: 33.1, … }, hits: [], … }
 */
export { secondsToTimecode, timecodeToSeconds, secondsToFrames, framesToSeconds, frameRate, SUPPORTED_FPS, type Fps, type FrameRate } from './timecode.js';
export { spotCues, spotScenes, type SpottingOptions, type SpottingResult, type SpottedCue, type SceneSpot } from './spotting.js';
export { affectDistance, meanAffect, emotionCurve } from './emotion-summary.js';
export { nextKey, type PlannedKey, type KeyRelation } from './music-plan.js';
export { spellTonic, keySignature, fifthsDistance } from '../theory/index.js';
export { generateMotifs, mainCharacters, motifForms, type PlannedMotif } from './leitmotifs.js';
export { CueSheetSchema, CueSchema, CueSheetHitSchema, parseCueSheet, findCue, CUE_SHEET_VERSION, type CueSheet, type Cue, type CueSheetHit, type CueSheetInput } from './cue-sheet.js';
export { planCueSheet, type PlanOptions } from './plan-cues.js';
export { formatCueTable, emotionLabel } from './cue-table.js';
