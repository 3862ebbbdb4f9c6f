import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildExampleScore, exampleScoreJson } from '../../../scripts/make-example-midi.js';
import { barCount, findScoreProblems, parseScore, TempoMap } from '../../score/index.js';
import { midiToScore, scoreToMidi } from './index.js';

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));

describe('the shipped example (examples/example.mid)', () => {
  const score = buildExampleScore();

  it('is a valid, musical-sized piece: 4 tracks, 20 bars, a tempo ramp, a key change, a CC11 swell', () => {
    expect(findScoreProblems(score)).toEqual([]);
    expect(score.tracks.map((t) => t.role)).toEqual(['melody', 'harmony', 'bass', 'percussion']);
    expect(barCount(score)).toBe(20);
    expect(score.tempo.some((t) => t.ramp === 'linear')).toBe(true);
    expect(score.keys.length).toBe(2);
    expect(score.tracks[1].controllers.filter((c) => c.controller === 11).length).toBeGreaterThan(10);
    expect(score.hits[0].seconds).toBeCloseTo(new TempoMap(score.tempo).ticksToSeconds(score.hits[0].tick), 3);
  });

  it('is in sync with the script (rerun `npx tsx scripts/make-example-midi.ts` after changing it)', () => {
    const bytes = readFileSync(`${examples}example.mid`);
    expect(Buffer.from(scoreToMidi(score)).equals(bytes)).toBe(true);
    expect(bytes.length).toBeLessThan(30 * 1024);
    const json = readFileSync(`${examples}example.score.json`, 'utf8');
    expect(json).toBe(exampleScoreJson(score));
    expect(parseScore(JSON.parse(json))).toEqual(score);
    expect(midiToScore(new Uint8Array(bytes))).toEqual(score);
  });
});
