/**
 * purpose: every musician's check for one Score in one typed object, so tests and eval:music can assert and
 * print targets (e.g. `expect(musicChecks(score).parallelPerfects).toBeLessThan(0.01)`).
 * Each field's measurement is documented at the function that computes it (harmonic.ts, melodic.ts,
 * orchestration.ts, cadence.ts). Shares are 0–1; NaN means "nothing to measure" (e.g. no bass line).
 */
import type { Score } from '../score/index.js';
import { cadences, type CadenceReport } from './cadence.js';
import { bassClash, bassMotion, leadAbove, outerParallels, strongBeatConsonance, type BassMotion, type ParallelsReport } from './harmonic.js';
import { bassLine, leadLine } from './lines.js';
import { contourRepetition, intervalRepetition, leadingToneResolution, motifSelfSimilarity } from './melodic.js';
import { outOfRange, percussionPattern, reStruckSustains, type PercussionReport, type RangeReport, type RestrikeReport } from './orchestration.js';

export interface MusicChecks {
  leadNotes: number;
  bassNotes: number;
  /** harmonic.ts leadAbove */
  leadAbove: number;
  /** harmonic.ts parallelPerfects: parallels per pair where both outer voices move */
  parallelPerfects: number;
  /** harmonic.ts outerParallels: the counts behind parallelPerfects */
  parallels: ParallelsReport;
  /** melodic.ts intervalRepetition */
  intervalRepetition: number;
  /** melodic.ts contourRepetition */
  contourRepetition: number;
  /** melodic.ts motifSelfSimilarity */
  selfSimilarity: number;
  /** melodic.ts leadingToneResolution */
  leadingToneResolution: number;
  /** harmonic.ts bassMotion */
  bassMotion: BassMotion;
  /** harmonic.ts bassClash */
  bassClash: number;
  /** harmonic.ts strongBeatConsonance */
  strongBeatConsonance: number;
  /** orchestration.ts outOfRange */
  range: RangeReport;
  /** orchestration.ts reStruckSustains */
  restruck: RestrikeReport;
  /** cadence.ts cadences */
  cadences: CadenceReport;
  /** orchestration.ts percussionPattern */
  percussion: PercussionReport;
}

/**
 * All checks for one score.
 * @example const c = musicChecks(score); c.leadAbove > 0.9 && c.parallelPerfects < 0.01
 */
export function musicChecks(score: Score): MusicChecks {
  const c: MusicChecks = {
    leadNotes: leadLine(score).length,
    bassNotes: bassLine(score).length,
    leadAbove: leadAbove(score),
    parallelPerfects: NaN,
    parallels: outerParallels(score),
    intervalRepetition: intervalRepetition(score),
    contourRepetition: contourRepetition(score),
    selfSimilarity: motifSelfSimilarity(score),
    leadingToneResolution: leadingToneResolution(score),
    bassMotion: bassMotion(score),
    bassClash: bassClash(score),
    strongBeatConsonance: strongBeatConsonance(score),
    range: outOfRange(score),
    restruck: reStruckSustains(score),
    cadences: cadences(score),
    percussion: percussionPattern(score),
  };
  c.parallelPerfects = c.parallels.share;
  return c;
}
