import { describe, expect, it } from 'vitest';
import { PROSE_UNIT_WORDS, elementAffect, splitSentences } from './element-affect.js';
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

describe('elementAffect wholeUnitWords (plain prose)', () => {
  const model = loadTextModel();
  it('reads a short paragraph as one unit, as the model was trained, and a long one sentence by sentence', () => {
    const short = 'Time out! We are not ready yet.';
    const prose = elementAffect(short, 'action', model, new Set(), { prior: false, wholeUnitWords: PROSE_UNIT_WORDS });
    expect(prose.text.valence).toBeCloseTo(model.predict(short).valence, 9);
    expect(prose.text.arousal).toBeCloseTo(model.predict(short).arousal, 9);
    const split = elementAffect(short, 'action', model, new Set(), { prior: false });
    expect(split.text.arousal).not.toBeCloseTo(model.predict(short).arousal, 3);
    const long = Array.from({ length: 8 }, (_, i) => `The committee met again on day ${i + 1} and adjourned.`).join(' ');
    expect(long.split(' ').length).toBeGreaterThan(PROSE_UNIT_WORDS);
    const longProse = elementAffect(long, 'action', model, new Set(), { prior: false, wholeUnitWords: PROSE_UNIT_WORDS });
    expect(longProse.text).toEqual(elementAffect(long, 'action', model, new Set(), { prior: false }).text);
  });
});
