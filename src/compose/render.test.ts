import { describe, it, expect } from 'vitest';
import { composeCue } from './compose-cue.js';
import { parseCueSpec, resolveCue, STYLES } from '../cue/index.js';
import { fixtureModels } from './test-support/fixture-style.js';
import { renderToWav } from '../render/audio/index.js';

describe('every palette renders to audio', () => {
  it('a one-bar cue per palette gives a non-silent mix; stems are named by role', async () => {
    const models = fixtureModels();
    for (const style of STYLES) {
      const stems = style === 'orchestral';
      const { score } = composeCue(resolveCue(parseCueSpec({ bars: 1, tempo: 150, emotion: { valence: 0.3, arousal: 0.6, tension: 0.4 }, style, seed: 1 })), { models });
      const res = await renderToWav({ score }, { lufs: -16, stems, stemNaming: 'role', maxTailSeconds: 0.3 });
      expect(res.stats.integratedLufs).toBeGreaterThan(-30);
      if (stems) {
        expect(res.stems.length).toBeGreaterThanOrEqual(5);
        expect(res.stems.some((s) => /melody/.test(s.name))).toBe(true);
        expect(res.stems.some((s) => /percussion|drum/.test(s.name))).toBe(true);
      }
    }
  });
});
