import { describe, expect, it } from 'vitest';
import { moodWordsIn } from './mood-words.js';

describe('music-mood words', () => {
  it('finds the adjectives in order, whole words only, any case', () => {
    expect(moodWordsIn('Somber, then OMINOUS; a darkened room').map((m) => [m.word, m.cluster])).toEqual([['somber', 'sad'], ['ominous', 'menace']]);
    expect(moodWordsIn('light-hearted and bittersweet').map((m) => m.cluster)).toEqual(['playful', 'wistful']);
    expect(moodWordsIn('nothing here')).toEqual([]);
    expect(moodWordsIn('non-threatening, sad-eyed, a warm-up').map((m) => m.word)).toEqual([]);
    expect(moodWordsIn('bitter-sweet and heart-broken').map((m) => m.cluster)).toEqual(['wistful', 'sad']);
    // A size word has no say on valence or tension.
    expect(moodWordsIn('epic')[0]).toMatchObject({ cluster: 'scale', valence: null, tension: null });
  });
  it('drops a word its caller rules out by where it stands', () => {
    const text = 'not tense, warm';
    expect(moodWordsIn(text, (i) => i > 4).map((m) => m.word)).toEqual(['warm']);
  });
  it('places each cluster where the circumplex has it', () => {
    const [sad] = moodWordsIn('mournful'), [joy] = moodWordsIn('joyous'), [threat] = moodWordsIn('sinister');
    expect(sad.valence).toBeLessThan(0);
    expect(sad.arousal).toBeLessThan(0);
    expect(joy.valence).toBeGreaterThan(0);
    expect(joy.arousal).toBeGreaterThan(0);
    expect(threat.tension).toBeGreaterThan(0.6);
  });
});
