import { describe, expect, it } from 'vitest';
import { parseScript } from './index.js';
import { ScriptSchema } from './types.js';

const plain = (text: string) => ScriptSchema.parse(parseScript(text, { format: 'plain' }));

describe('plain prose', () => {
  it('each paragraph is one action beat; line breaks inside a paragraph are kept', () => {
    const s = plain('The town wakes.\nGulls cry.\n\nMara climbs the stairs.\n');
    const els = s.scenes.flatMap((x) => x.elements);
    expect(els.map((e) => [e.type, e.text, e.line])).toEqual([
      ['action', 'The town wakes.\nGulls cry.', 1],
      ['action', 'Mara climbs the stairs.', 4],
    ]);
  });

  it('headings start scenes: markdown, "Scene N", INT./EXT., ALL CAPS lines', () => {
    const s = plain('# The Harbour\n\nCalm water.\n\nScene 2: The Storm\nWaves rise.\n\nINT. LIGHTHOUSE - NIGHT\n\nThe lamp fails.\n\nTHE RESCUE\n\nMara swims.\n');
    expect(s.scenes.map((x) => x.heading)).toEqual(['The Harbour', 'Scene 2: The Storm', 'INT. LIGHTHOUSE - NIGHT', 'THE RESCUE']);
    expect(s.scenes[2]).toMatchObject({ setting: 'INT', location: 'LIGHTHOUSE', timeOfDay: 'NIGHT' });
    expect(s.scenes.map((x) => x.number)).toEqual([undefined, '2', undefined, undefined]);
    expect(s.scenes.map((x) => x.elements.map((e) => e.text))).toEqual([['Calm water.'], ['Waves rise.'], ['The lamp fails.'], ['Mara swims.']]);
  });

  it('without headings, splits at time/place shifts and caps a scene at 4 paragraphs', () => {
    const paras = ['Dawn over the bay.', 'Mara walks.', 'She stops.', 'That night, the storm comes.', 'Waves.', 'Wind.', 'Rain.', 'Thunder.', 'Lightning.', 'The next morning, calm.'];
    const s = plain(paras.join('\n\n'));
    expect(s.scenes.map((x) => x.elements.length)).toEqual([3, 3, 3, 1]);
    expect(s.scenes.every((x) => x.heading === '')).toBe(true);
    expect(s.scenes[1].elements[0].text).toMatch(/^That night/);
  });

  it('NAME: words paragraphs are dialogue of that character', () => {
    const s = plain('MARA (V.O.): I can not keep doing this.\n\nThe sea answers.\n\nMARA: Fine.\n');
    const els = s.scenes.flatMap((x) => x.elements);
    expect(els[0]).toMatchObject({ type: 'dialogue', character: 'mara', text: 'I can not keep doing this.', extensions: ['V.O.'] });
    expect(s.characters).toMatchObject([{ id: 'mara', dialogueCount: 2, words: 7 }]);
  });

  it('time grows with words (treatment pacing: 4 s + 0.45 s/word per paragraph)', () => {
    const s = plain('One two three four five six seven eight nine ten.');
    expect(s.duration).toBeCloseTo(4 + 0.45 * 10, 3);
  });

  it('prose text is detected as plain, a screenplay in .txt as Fountain', () => {
    expect(parseScript('It was a dark and stormy night.\n\nThe end.', { filename: 'story.txt' }).format).toBe('plain');
    expect(parseScript('INT. HOUSE - DAY\n\nRain.\n', { filename: 'script.txt' }).format).toBe('fountain');
    expect(parseScript('ADAM\nHi.\n\nEVE\nHello.\n\nADAM\nBye.\n', { filename: 'x.md' }).format).toBe('fountain');
    expect(parseScript('THE STORM\nIt rains.\n\nThen it stops.', { filename: 'x.txt' }).format).toBe('plain');
    expect(parseScript('Title: X\nAuthor: Y\n\nText.', { filename: 'notes.txt' }).format).toBe('fountain');
  });
});
