/**
 * purpose: the musician's checks over a Score (eval/): pure functions, no node built-ins, importing only
 * score/, theory/ and util/. `musicChecks(score)` computes them all; the per-GM-program range table lives in src/theory/instruments.ts (re-exported here).
 */
export * from './checks.js';
export * from './cadence.js';
export * from './harmonic.js';
export * from './lines.js';
export * from './melodic.js';
export * from './orchestration.js';
export * from '../theory/instruments.js';
export * from './summary.js';
