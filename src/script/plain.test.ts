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

/** Paragraph → beat or heading, by shape and context (issue 14). Each case is followed by one prose paragraph. */
describe('plain prose: headings only where the text is a heading', () => {
  it.each([
    ['THE RESCUE', 'heading'],
    ['PART TWO: HOME', 'heading'],
    ['THE FARM - NIGHT', 'heading'],
    ['ACT II', 'heading'],
    ['HE NEVER CAME BACK.', 'beat'],
    ['SHE RUNS', 'beat'],
    ['AND THEN THE LIGHTS WENT OUT', 'beat'],
    ['THE DOOR OPENS, AND EVERYTHING CHANGES', 'beat'],
    ['WE ARE NOT ALONE', 'beat'],
    ['NOTHING MOVES IN THE HOUSE FOR A VERY LONG TIME', 'beat'],
    ['RUN!', 'beat'],
    ['"GET OUT"', 'beat'],
  ])('%s → %s', (para, want) => {
    const s = plain(`Dawn over the bay.\n\n${para}\n\nMara walks.\n`);
    const beats = s.scenes.flatMap((x) => x.elements).length;
    expect(beats === 2 && s.scenes.some((x) => x.heading === para) ? 'heading' : beats === 3 ? 'beat' : 'other').toBe(want);
  });
  it('an ALL-CAPS line with nothing after it heads nothing: it is the closing beat', () => {
    const s = plain('Mara walks.\n\nThe sea rises.\n\nTHE LIGHTHOUSE\n');
    expect(s.scenes.flatMap((x) => x.elements).map((e) => e.text)).toEqual(['Mara walks.', 'The sea rises.', 'THE LIGHTHOUSE']);
  });
});

describe('plain prose: "WORD: text" is dialogue only in a dialogue transcript', () => {
  it.each([
    ['prose with a NOTE line', 'Mara walks.\n\nNOTE: check the tide tables.\n\nThe sea rises.\n', []],
    ['prose with one speech-shaped line', 'Mara walks.\n\nMARA: Get out.\n\nThe sea rises.\n\nHe leaves.\n', []],
    ['labels only', 'NOTE: one.\n\nNOTE: two.\n\nWARNING: three.\n', []],
    ['a transcript', 'MARA: Where were you?\n\nTOM: Out.\n\nThe door slams.\n\nMARA: Fine.\n', ['mara', 'tom', 'mara']],
    ['a transcript with a NOTE', 'MARA: Where were you?\n\nTOM: Out.\n\nNOTE: pause here.\n\nMARA: Fine.\n', ['mara', 'tom', 'mara']],
  ])('%s', (_name, text, speakers) => {
    const s = plain(text);
    const els = s.scenes.flatMap((x) => x.elements);
    expect(els.filter((e) => e.type === 'dialogue').map((e) => e.character)).toEqual(speakers);
    expect(els).toHaveLength(text.trim().split('\n\n').length);
  });
});

describe('plain prose: one paragraph is one beat (measure)', () => {
  it('1,000 generated paragraphs (ALL-CAPS emphasis, NOTE: lines, names) → 1,000 beats', () => {
    let seed = 14;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pick = <T,>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
    const subjects = ['Mara', 'The old man', 'She', 'He', 'Astrid', 'The dog', 'Nobody', 'They', 'The wind', 'HANNE LUND (60s)'];
    const verbs = ['walks to the door', 'never came back', 'waits in the dark', 'laughs', 'opens the letter', 'runs', 'stops', 'is gone', 'turns away'];
    const tails = ['.', '!', '...', '', ' and the lights go out.', ', slowly.'];
    const notes = ['NOTE', 'WARNING', 'TODO', 'MARA', 'IMPORTANT', 'UPDATE'];
    const paras: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const sentence = `${pick(subjects)} ${pick(verbs)}${pick(tails)}`;
      const r = rnd();
      if (r < 0.15) paras.push(sentence.toUpperCase()); // ALL-CAPS emphasis
      else if (r < 0.25) paras.push(`${pick(notes)}: ${sentence}`); // NOTE: lines (and one stray speech shape)
      else if (r < 0.3) paras.push(`${sentence}\n${pick(subjects)} ${pick(verbs)}.`);
      else paras.push(sentence);
    }
    const s = plain(paras.join('\n\n'));
    const els = s.scenes.flatMap((x) => x.elements);
    expect(els).toHaveLength(1000);
    expect(els.every((e) => e.type === 'action')).toBe(true);
  });
});

describe('plain prose: ALL-CAPS headings are decided in the context of the whole document', () => {
  it.each([
    ['capitals used for emphasis elsewhere', 'Mara walks.\n\nSHE NEVER CAME BACK.\n\nTHE DOG LAUGHS\n\nThe sea rises.\n\nNOBODY MOVES!\n\nThe end.\n', 6, []],
    ['capitals used for headings', 'THE HARBOUR\n\nMara walks.\n\nTHE DOG LAUGHS\n\nThe sea rises.\n\nTHE RESCUE\n\nThe end.\n', 3, ['THE HARBOUR', 'THE DOG LAUGHS', 'THE RESCUE']],
  ])('%s', (_name, text, beats, headings) => {
    const s = plain(text);
    expect(s.scenes.flatMap((x) => x.elements)).toHaveLength(beats);
    expect(s.scenes.map((x) => x.heading).filter(Boolean)).toEqual(headings);
  });
});
