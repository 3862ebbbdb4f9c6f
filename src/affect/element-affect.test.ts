import { describe, expect, it } from 'vitest';
import { elementAffect, splitSentences } from './element-affect.js';
import { loadTextModel } from './node.js';

describe('splitSentences', () => {
  it('does not break after initials, abbreviations or inside numbers and addresses', () => {
    expect(splitSentences('Hall is one of very few U.S. congressmen to visit Iraq.')).toHaveLength(1);
    expect(splitSentences('Dear Mr. Ratcliff: thank you. At 8:15 a.m. Hiroshima time, the doors opened.')).toEqual([
      'Dear Mr. Ratcliff: thank you.',
      'At 8:15 a.m. Hiroshima time, the doors opened.',
    ]);
    expect(splitSentences('Floyd batted only .208 for them. Angels pitchers had a 3.33 ERA.')).toHaveLength(2);
    expect(splitSentences('"What do you want me to say?" the coach said.')).toHaveLength(1);
  });
  it('still splits staccato action lines', () => {
    expect(splitSentences('He runs. She falls! BANG. Silence…')).toEqual(['He runs.', 'She falls!', 'BANG.', 'Silence…']);
  });
});

describe('elementAffect prior option', () => {
  const model = loadTextModel();
  it('without the screenplay prior, valence and arousal are the learned reading; threat still sees the cue words', () => {
    const text = 'A knife glints in the dark hallway.';
    const withPrior = elementAffect(text, 'action', model, new Set());
    const prose = elementAffect(text, 'action', model, new Set(), { prior: false });
    expect(prose.valence).toBeCloseTo(model.predict(text).valence, 6);
    expect(withPrior.valence).toBeLessThan(prose.valence);
    expect(prose.threat).toBeGreaterThan(0.3);
  });
});
