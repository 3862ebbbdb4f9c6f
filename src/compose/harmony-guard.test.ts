/**
 * The composer guards its harmony: a cue composed against a "corpus" that holds that very cue's progression
 * (numerals and rhythm) comes out with no harmony run longer than the limit, the tune untouched and the same
 * music elsewhere.
 */
import { describe, expect, it } from 'vitest';
import { composeCue } from './compose-cue.js';
import { parseCueSpec, resolveCue } from '../cue/index.js';
import { loadDefaultStyleModels } from '../style/node.js';
import type { StyleModel } from '../style/api.js';
import { CorpusIndex } from '../originality/corpus-index.js';
import { checkOriginality } from '../originality/check.js';
import { MAX_COPY } from '../originality/definition.js';
import { harmonyLineOf } from '../originality/score-lines.js';

const spec = parseCueSpec({ duration: 60, emotion: { valence: 0.4, arousal: 0.2, tension: 0.3 }, style: 'piano', seed: 5 });

describe('harmony guard in composeCue', () => {
  it('breaks a progression the corpus holds, keeping the melody', () => {
    const models = loadDefaultStyleModels();
    const first = composeCue(resolveCue(spec), { models }).score;
    const own = harmonyLineOf(first).events;
    expect(own.length).toBeGreaterThan(MAX_COPY + 1);
    const index = CorpusIndex.fromPieces('own', [{ source: { id: 'X1', file: 'own.json', collection: 'own', licence: 'test', corpus: 'own' }, melody: [], bass: [], harmony: own }]);
    expect(checkOriginality(first, [index]).lines.harmony.longest!.events).toBe(own.length);
    // The same models, with that progression added to what the harmony guard checks against.
    const withOwn = (m: StyleModel): StyleModel =>
      Object.assign(Object.create(m) as StyleModel, {
        longestCopiedHarmonyRun: (ch: ReadonlyArray<{ roman: string; duration: number }>) => Math.max(m.longestCopiedHarmonyRun?.(ch) ?? 0, ch.length ? index.lines.harmony.index.longestTokenRun(index.tokens('harmony', ch)) + 1 : 0),
      });
    const guarded = composeCue(resolveCue(spec), { models: { melody: withOwn(models.melody), harmony: withOwn(models.harmony) } }).score;
    expect(checkOriginality(guarded, [index]).lines.harmony.longest?.events ?? 0).toBeLessThanOrEqual(MAX_COPY);
    const tune = (s: typeof first) => s.tracks.filter((t) => t.role === 'melody').flatMap((t) => t.notes.map((n) => `${n.tick}:${n.pitch}`));
    expect(tune(guarded)).toEqual(tune(first));
  });
});
