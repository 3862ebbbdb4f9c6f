import { describe, expect, it } from 'vitest';
import { parseScript } from './index.js';
import type { Script, ScriptElement } from './types.js';
import { ScriptSchema } from './types.js';

const fountain = (text: string): Script => {
  const s = parseScript(text, { format: 'fountain' });
  ScriptSchema.parse(s); // every result honours the contract
  return s;
};
const els = (s: Script): ScriptElement[] => s.scenes.flatMap((sc) => sc.elements);
const types = (s: Script): string[] => els(s).map((e) => e.type);

describe('Fountain: title page', () => {
  it('reads keys, indented multi-line values, and stops at the first blank line', () => {
    const s = fountain('Title: **THE LAST LIGHT**\nCredit: Written by\nAuthor: Ann Lee\nContact:\n    12 Harbour Row\n    Saltmarsh\nDraft date: 1/2/2026\n\nINT. HOUSE - DAY\n\nRain.\n');
    expect(s.title).toBe('THE LAST LIGHT');
    expect(s.titlePage).toEqual({ Title: 'THE LAST LIGHT', Credit: 'Written by', Author: 'Ann Lee', Contact: '12 Harbour Row\nSaltmarsh', 'Draft date': '1/2/2026' });
    expect(s.scenes).toHaveLength(1);
    expect(s.scenes[0].heading).toBe('INT. HOUSE - DAY');
  });
  it('multi-line indented title', () => {
    const s = fountain('Title:\n\t_The Night_\n\tOf The Storm\nAuthor: Me\n\nEXT. SEA - NIGHT\n\nWaves.\n');
    expect(s.title).toBe('The Night Of The Storm');
    expect(s.titlePage.Title).toBe('The Night\nOf The Storm');
  });
  it('a title page with no blank line before the script ends at the first non-key, non-indented line', () => {
    const s = fountain('Title: Rush\nAuthor: Me\nINT. HOUSE - DAY\n\nRain.\n');
    expect(s.titlePage).toEqual({ Title: 'Rush', Author: 'Me' });
    expect(s.scenes.map((x) => x.heading)).toEqual(['INT. HOUSE - DAY']);
    expect(els(s).map((e) => e.text)).toEqual(['Rain.']);
  });
  it('FADE IN: at the top is not a title page key', () => {
    const s = fountain('FADE IN:\n\nINT. HOUSE - DAY\n\nRain.\n');
    expect(s.titlePage).toEqual({});
    expect(els(s)[0]).toMatchObject({ type: 'transition', text: 'FADE IN:' });
  });
});

describe('Fountain: scene headings', () => {
  it.each([
    ['INT. HOUSE - DAY', 'INT', 'HOUSE', 'DAY'],
    ['EXT. HOUSE - NIGHT', 'EXT', 'HOUSE', 'NIGHT'],
    ['EST. CITY SKYLINE - DUSK', 'EST', 'CITY SKYLINE', 'DUSK'],
    ['INT./EXT. CAR - MOVING - DAY', 'INT/EXT', 'CAR - MOVING', 'DAY'],
    ['INT/EXT CAR - DAY', 'INT/EXT', 'CAR', 'DAY'],
    ['I/E. PORCH - DAWN', 'INT/EXT', 'PORCH', 'DAWN'],
    ['int. kitchen - night', 'INT', 'kitchen', 'night'],
    ['INT HOUSE DAY', 'INT', 'HOUSE', 'DAY'],
  ])('%s', (heading, setting, location, timeOfDay) => {
    const s = fountain(`${heading}\n\nSomething happens.\n`);
    expect(s.scenes).toHaveLength(1);
    expect(s.scenes[0]).toMatchObject({ heading, setting, location, timeOfDay });
  });
  it('needs a dot or space after the prefix (ESTABLISHING, INTERIOR are action)', () => {
    const s = fountain('ESTABLISHING\n\nINTERIOR DESIGN IS HARD\n\nText.\n');
    expect(s.scenes).toHaveLength(1);
    expect(s.scenes[0].heading).toBe('');
    expect(types(s)).toEqual(['action', 'action', 'action']);
  });
  it('forced with a leading dot, but not with ".." or "..."', () => {
    const s = fountain('.SNIPER SCOPE POV\n\nCrosshairs.\n\n...and then nothing.\n\n..NOT A HEADING\n');
    expect(s.scenes.map((x) => x.heading)).toEqual(['SNIPER SCOPE POV']);
    expect(els(s).map((e) => e.text)).toEqual(['Crosshairs.', '...and then nothing.', '..NOT A HEADING']);
  });
  it('scene numbers #1A# at the end', () => {
    const s = fountain('INT. HOUSE - DAY #1#\n\nA.\n\nINT. HOUSE - DAY - FLASHBACK (1944) #110A#\n\nB.\n\nEXT. YARD - DAY #I-1-A#\n\nC.\n');
    expect(s.scenes.map((x) => x.number)).toEqual(['1', '110A', 'I-1-A']);
    expect(s.scenes[0].heading).toBe('INT. HOUSE - DAY');
  });
  it('a heading without a blank line after it stays action and warns', () => {
    const s = fountain('INT. HOUSE - DAY\nEXT. HOUSE - DAY\n\nText.\n');
    expect(s.scenes).toHaveLength(1);
    expect(els(s)[0]).toMatchObject({ type: 'action', text: 'INT. HOUSE - DAY\nEXT. HOUSE - DAY' });
    expect(s.warnings.join()).toMatch(/no blank line after it/);
  });
  it('a heading needs a blank line before it', () => {
    const s = fountain('INT. HOUSE - DAY\n\nShe reads.\nINT. GARAGE - DAY\n\nNoise.\n');
    expect(s.scenes).toHaveLength(1);
  });
});

describe('Fountain: prelude (content before the first heading)', () => {
  it('screen content before the first heading becomes scene 0 with an empty heading', () => {
    const s = fountain('Black screen. A heartbeat.\n\nINT. HOSPITAL - NIGHT\n\nBeeping.\n');
    expect(s.scenes.map((x) => [x.index, x.heading])).toEqual([[0, ''], [1, 'INT. HOSPITAL - NIGHT']]);
    expect(s.scenes[0].duration).toBeGreaterThan(0);
  });
  it('only non-screen elements (FADE IN:, sections, notes) fold into the first scene', () => {
    const s = fountain('# Act One\n\nFADE IN:\n\n[[opening note]]\n\nINT. HOSPITAL - NIGHT\n\nBeeping.\n');
    expect(s.scenes).toHaveLength(1);
    expect(types(s)).toEqual(['section', 'transition', 'note', 'action']);
  });
  it('a script with no headings is one scene 0', () => {
    const s = fountain('He runs.\n\nShe follows.\n');
    expect(s.scenes).toHaveLength(1);
    expect(s.scenes[0]).toMatchObject({ index: 0, heading: '' });
  });
});

describe('Fountain: action', () => {
  it('keeps line breaks inside a block, tabs become 4 spaces, indentation kept', () => {
    const s = fountain('INT. A - DAY\n\nHe waits.\n\tThen nothing.\n  Quiet.\n');
    expect(els(s)[0].text).toBe('He waits.\n    Then nothing.\n  Quiet.');
  });
  it('ALL CAPS line inside a block is not a character cue', () => {
    const s = fountain('A block of Action.\nMade famous by the great\nWALTER HILL\nbut used by others.\n');
    expect(types(s)).toEqual(['action']);
  });
  it('forced with !', () => {
    const s = fountain('!BANG\nBANG\nBANG\n\n!SCREAMS AT NIGHT\n\nText.\n');
    expect(els(s).map((e) => [e.type, e.text])).toEqual([
      ['action', 'BANG\nBANG\nBANG'],
      ['action', 'SCREAMS AT NIGHT'],
      ['action', 'Text.'],
    ]);
    expect(s.characters).toEqual([]);
  });
  it('whitespace-only lines end an action block (stray spaces never swallow the next cue)', () => {
    const s = fountain('First part.\n  \nADAM\nHi.\n');
    expect(els(s).map((e) => e.type)).toEqual(['action', 'dialogue']);
  });
});

describe('Fountain: characters and dialogue', () => {
  it('a cue is an ALL CAPS line after a blank line, followed by a non-empty line', () => {
    const s = fountain('INT. A - DAY\n\nADAM\nI like to write.\n\nEVE (O.S.)\nWhat kind?\n');
    const d = els(s);
    expect(d.map((e) => [e.type, e.character, e.text])).toEqual([
      ['dialogue', 'adam', 'I like to write.'],
      ['dialogue', 'eve', 'What kind?'],
    ]);
    expect(d[1].extensions).toEqual(['O.S.']);
  });
  it("extensions: V.O., O.S., CONT'D (any case) are stored; the id strips them", () => {
    const s = fountain("EVE (V.O.)\nHello.\n\nEVE (cont'd)\nStill me.\n\nEVE (O.S.) (CONT'D)\nAgain.\n\nEVE CONT'D\nOnce more.\n");
    expect(els(s).map((e) => e.extensions)).toEqual([['V.O.'], ["CONT'D"], ['O.S.', "CONT'D"], ["CONT'D"]]);
    expect(new Set(els(s).map((e) => e.character))).toEqual(new Set(['eve']));
    expect(s.characters).toHaveLength(1);
    expect(s.characters[0]).toMatchObject({ id: 'eve', name: 'EVE', dialogueCount: 4, words: 6 });
  });
  it('names may contain digits but need a letter', () => {
    const s = fountain('R2D2\nBleep.\n\n23 (O.S.)\nNot a cue.\n');
    expect(els(s).map((e) => [e.type, e.character])).toEqual([
      ['dialogue', 'r2d2'],
      ['action', undefined],
    ]);
  });
  it('a cue needs a blank line before it and a line after it', () => {
    const s = fountain('He stops.\nBOB\nsays nothing.\n\nALICE\n\nText.\n');
    expect(types(s)).toEqual(['action', 'action', 'action']);
  });
  it('forced with @ for names with lowercase', () => {
    const s = fountain("@McCLANE\nYippee ki-yay.\n\n@Dr. Ruth (V.O.)\nHi.\n");
    expect(els(s).map((e) => e.character)).toEqual(['mcclane', 'dr-ruth']);
    expect(s.characters.map((c) => c.name)).toEqual(['McCLANE', 'Dr. Ruth']);
  });
  it('parentheticals stay inline in text, are listed, and are not spoken words', () => {
    const s = fountain('ADAM\n(nervous)\nScreenwriting.\n(beat)\nIt is hard.\n');
    expect(els(s)).toHaveLength(1);
    expect(els(s)[0]).toMatchObject({
      type: 'dialogue',
      text: '(nervous)\nScreenwriting.\n(beat)\nIt is hard.',
      spoken: 'Screenwriting.\nIt is hard.',
      parentheticals: ['nervous', 'beat'],
    });
    expect(s.characters[0].words).toBe(4);
  });
  it('a parenthetical may wrap onto a second line', () => {
    const s = fountain('STEEL\n(starting the engine,\nslowly)\nSo much for retirement!\n');
    expect(els(s)[0].parentheticals).toEqual(['starting the engine, slowly']);
  });
  it('dialogue continues through a two-space line and ends at a blank line', () => {
    const s = fountain('ADAM\nThat was weird.\n  \nfor no good reason.\n\nHe leaves.\n');
    expect(els(s).map((e) => e.type)).toEqual(['dialogue', 'action']);
    expect(els(s)[0].text).toBe('That was weird.\n\nfor no good reason.');
  });
  it('indented cues and dialogue are recognised (leading whitespace ignored)', () => {
    const s = fountain('\t\tBRICK\n\t  (grim)\n\tThis is everybody.\n');
    expect(els(s)[0]).toMatchObject({ type: 'dialogue', character: 'brick', parentheticals: ['grim'], spoken: 'This is everybody.' });
  });
  it('dual dialogue: ^ after the second name marks both blocks and they play at the same time', () => {
    const s = fountain('INT. A - DAY\n\nBRICK\nScrew retirement.\n\nSTEEL ^\nScrew retirement.\n\nThey nod.\n');
    const [a, b, c] = els(s);
    expect([a.dual, b.dual, c.dual]).toEqual([true, true, undefined]);
    expect(b.character).toBe('steel');
    expect(b.start).toBe(a.start);
    expect(c.start).toBeCloseTo(a.start + Math.max(a.duration, b.duration), 2);
  });
  it('dual sides may hold speech and song; the pair lasts as long as the longer side', () => {
    const s = fountain('A.\n\nBRICK\nNo.\n~La la la la\n\nSTEEL ^\nYes.\n\nB.\n');
    const [, b1, b2, st, after] = els(s);
    expect([b1.type, b2.type, st.character]).toEqual(['dialogue', 'lyrics', 'steel']);
    expect(st.start).toBe(b1.start);
    expect(b2.start).toBeCloseTo(b1.start + b1.duration, 2);
    expect(after.start).toBeCloseTo(Math.max(b2.start + b2.duration, st.start + st.duration), 2);
  });
  it('^ with no dialogue before it warns', () => {
    const s = fountain('He waits.\n\nSTEEL ^\nNo.\n');
    expect(s.warnings.join()).toMatch(/dual dialogue/);
  });
});

describe('Fountain: lyrics, transitions, centred text', () => {
  it('~ lines are lyrics; inside a dialogue block they belong to the singer', () => {
    const s = fountain('SINGER\n~These are the songs\n~That I sing.\n\n~Willy Wonka! Willy Wonka!\n');
    expect(els(s).map((e) => [e.type, e.character, e.text])).toEqual([
      ['lyrics', 'singer', 'These are the songs\nThat I sing.'],
      ['lyrics', undefined, 'Willy Wonka! Willy Wonka!'],
    ]);
    expect(s.characters[0].dialogueCount).toBe(1);
  });
  it('speech then song in one block: a dialogue and a lyrics element', () => {
    const s = fountain('MAMA\nListen, child.\n~Hush little baby\n');
    expect(els(s).map((e) => [e.type, e.character])).toEqual([
      ['dialogue', 'mama'],
      ['lyrics', 'mama'],
    ]);
  });
  it('transitions: ALL CAPS ending in TO: between blank lines; forced with >', () => {
    const s = fountain('A.\n\nCUT TO:\n\nB.\n\n> Burn to white.\n\nSMASH CUT TO:\nC.\n\nCUT TO: \n\nD.\n');
    expect(els(s).map((e) => [e.type, e.text])).toEqual([
      ['action', 'A.'],
      ['transition', 'CUT TO:'],
      ['action', 'B.'],
      ['transition', 'Burn to white.'],
      ['action', 'SMASH CUT TO:\nC.'],
      ['action', 'CUT TO:'],
      ['action', 'D.'],
    ]);
  });
  it('FADE OUT. and FADE TO BLACK. are transitions too (documented extension)', () => {
    const s = fountain('A.\n\nFADE TO BLACK.\n\nFADE OUT.\n');
    expect(types(s)).toEqual(['action', 'transition', 'transition']);
  });
  it('centred text >…<', () => {
    const s = fountain('> THE END <\n\n>No space<\n\n>   Lots of Space\t<\n');
    expect(els(s).map((e) => [e.type, e.text])).toEqual([
      ['centered', 'THE END'],
      ['centered', 'No space'],
      ['centered', 'Lots of Space'],
    ]);
  });
});

describe('Fountain: sections, synopses, notes, boneyard, page breaks', () => {
  it('sections with depth; synopses', () => {
    const s = fountain('# Act One\n\n= The hero leaves home.\n\n## Sequence 1\n\n### Beat\n\nINT. A - DAY\n\nText.\n');
    expect(els(s).map((e) => [e.type, e.text, e.depth])).toEqual([
      ['section', 'Act One', 1],
      ['synopsis', 'The hero leaves home.', undefined],
      ['section', 'Sequence 1', 2],
      ['section', 'Beat', 3],
      ['action', 'Text.', undefined],
    ]);
    expect(els(s).filter((e) => e.type !== 'action').every((e) => e.duration === 0)).toBe(true);
  });
  it('notes: standalone, multi-line, inline; they take no screen time', () => {
    const s = fountain('A line.\n\n[[A note.]]\n\n[[This note spans\n  two lines.]]\n\nThis is an [[internal]] note.\n');
    expect(els(s).map((e) => [e.type, e.text])).toEqual([
      ['action', 'A line.'],
      ['note', 'A note.'],
      ['note', 'This note spans two lines.'],
      ['action', 'This is an note.'],
      ['note', 'internal'],
    ]);
    for (const e of els(s)) if (e.type === 'note') expect(e.duration).toBe(0);
  });
  it('a note on its own line inside a dialogue block does not split the block', () => {
    const s = fountain('ADAM\nHello.\n[[say it warmly]]\nGoodbye.\n');
    expect(els(s).map((e) => [e.type, e.text])).toEqual([
      ['dialogue', 'Hello.\nGoodbye.'],
      ['note', 'say it warmly'],
    ]);
  });
  it('a [[ that would cross a blank line is literal text', () => {
    const s = fountain('Open [[ bracket.\n\nClose ]] later.\n');
    expect(els(s).map((e) => e.text)).toEqual(['Open [[ bracket.', 'Close ]] later.']);
  });
  it('boneyard removes inline and multi-line text; lines numbers stay true', () => {
    const s = fountain('A line.\n\n/* inline */\n\n/*\nThis is a\nmulti-line boneyard.\n*/\n\nThis is an /* internal */ boneyard.\n\nLast.\n');
    expect(els(s).map((e) => [e.text, e.line])).toEqual([
      ['A line.', 1],
      ['This is an boneyard.', 10],
      ['Last.', 12],
    ]);
  });
  it('an unclosed boneyard is kept as text with a warning (never silently drops the rest)', () => {
    const s = fountain('A.\n\n/* forgot to close\n\nINT. HOUSE - DAY\n\nB.\n');
    expect(s.scenes.map((x) => x.heading)).toContain('INT. HOUSE - DAY');
    expect(s.warnings.join()).toMatch(/line 3: unclosed boneyard/);
  });
  it('page breaks === (3 or more)', () => {
    const s = fountain('Page one.\n\n===\n\nPage two.\n\n=========\n\nPage three.\n');
    expect(types(s)).toEqual(['action', 'page_break', 'action', 'page_break', 'action']);
  });
});

describe('Fountain: emphasis', () => {
  it.each([
    ['*italic* word', 'italic word'],
    ['**bold** word', 'bold word'],
    ['***bold italic*** word', 'bold italic word'],
    ['_underline_ word', 'underline word'],
    ['**_bold underline_** and *_it-under_*', 'bold underline and it-under'],
    ['\\*not italic\\*', '*not italic*'],
    ['a * lone star and snake_case_name', 'a * lone star and snake_case_name'],
    ['*unclosed italic', '*unclosed italic'],
  ])('%s', (src, want) => {
    const s = fountain(`He says ${src}.\n`);
    expect(els(s)[0].text).toBe(`He says ${want}.`);
    if (want !== src) expect(els(s)[0].raw).toBe(`He says ${src}.`);
    else expect(els(s)[0].raw).toBeUndefined();
  });
  it('emphasis in dialogue and in cues is stripped', () => {
    const s = fountain('ADAM\n(*really*)\nI **love** it.\n');
    expect(els(s)[0]).toMatchObject({ text: '(really)\nI love it.', spoken: 'I love it.', parentheticals: ['really'] });
  });
});

describe('Fountain: characters across scenes', () => {
  const text = [
    'INT. KITCHEN - NIGHT',
    '',
    'SARAH CONNOR (30s), wiry, enters. OLD TOM (70) sleeps by the stove.',
    '',
    'SARAH',
    'Wake up.',
    '',
    'EXT. YARD - NIGHT',
    '',
    'Sarah crosses to the truck. Tom snores.',
    '',
    'INT. TRUCK - NIGHT',
    '',
    'KYLE',
    'Drive.',
    '',
    "SARAH (CONT'D)",
    'Hold on.',
    '',
  ].join('\n');
  const s = fountain(text);
  it('ids are stable and unify intro names with cue names', () => {
    expect(s.characters.map((c) => c.id)).toEqual(['sarah', 'old-tom', 'kyle']);
  });
  it('scenes present include action mentions (ALL CAPS intro, Title Case later)', () => {
    const sarah = s.characters.find((c) => c.id === 'sarah')!;
    expect(sarah.scenes).toEqual([0, 1, 2]);
    expect(sarah.dialogueCount).toBe(2);
    expect(sarah.firstAppearance.scene).toBe(0);
    expect(sarah.firstAppearance.time).toBe(s.scenes[0].elements[0].start);
    expect(s.scenes[1].characters).toEqual(['sarah', 'old-tom']);
    const tom = s.characters.find((c) => c.id === 'old-tom')!;
    expect(tom).toMatchObject({ name: 'OLD TOM', dialogueCount: 0, words: 0, scenes: [0, 1] });
    const kyle = s.characters.find((c) => c.id === 'kyle')!;
    expect(kyle.firstAppearance).toEqual({ scene: 2, time: s.scenes[2].elements[0].start });
  });
});

describe('Fountain: text pasted from a PDF', () => {
  it('page furniture (CONTINUED:, page numbers) is a page break; (MORE) does not split a speech', () => {
    const s = fountain(
      ['INT. HOUSE - DAY', '', 'She waits.', '', '                     MARA', '          This is a long speech that', '          (MORE)', '', '12.', '', '(CONTINUED)', '', "                     MARA (CONT'D)", '          carries on after the page.', ''].join('\n'),
    );
    expect(els(s).map((e) => [e.type, e.text])).toEqual([
      ['action', 'She waits.'],
      ['dialogue', 'This is a long speech that'],
      ['page_break', '12.'],
      ['page_break', '(CONTINUED)'],
      ['dialogue', 'carries on after the page.'],
    ]);
  });
});

/**
 * Fixes found by running seven independent Fountain test suites against this reader (issue 14). Each row is an
 * exact case: input → what the reader must produce.
 */
describe('Fountain: cross-suite fixes (issue 14)', () => {
  // A boneyard wholly on its own lines stands where a blank line would be once it is removed (regex-removing
  // parsers leave one), so the elements around it keep their blank-line context; blocks still continue through it.
  it.each([
    ['transition and heading around a boneyard', 'He goes.\n\nCUT TO:\n/*\nINT. OLD SCENE - DAY\n\nGone.\n*/\nINT. HOUSE - DAY\n\nRain.\n', ['', 'INT. HOUSE - DAY'], ['action', 'transition', 'action']],
    ['one-line boneyard between transition and heading', 'He goes.\n\nCUT TO:\n/* cut */\nEXT. SEA - NIGHT\n\nWaves.\n', ['', 'EXT. SEA - NIGHT'], ['action', 'transition', 'action']],
    ['heading followed by a boneyard line', 'INT. HOUSE - DAY\n/* cut */\nRain.\n', ['INT. HOUSE - DAY'], ['action']],
    ['dialogue continues through a boneyard line', 'BOB\nHello.\n/* cut */\nGoodbye.\n', [''], ['dialogue']],
  ])('boneyard: %s', (_name, text, headings, want) => {
    const s = fountain(text);
    expect(s.scenes.map((x) => x.heading)).toEqual(headings);
    expect(types(s).filter((t) => t !== 'note')).toEqual(want);
  });
  it.each([
    ['Hello [[note]]world.', 'Hello world.'],
    ['Hello[[note]] world.', 'Hello world.'],
    ['Hello [[note]] world.', 'Hello world.'],
    ['Hello /* cut */world.', 'Hello world.'],
    ['This is an /* internal */ boneyard.', 'This is an boneyard.'],
    ['Half[[note]]way.', 'Halfway.'],
    ['End of line. [[note]]', 'End of line.'],
    ['[[note]] Start of line.', 'Start of line.'],
  ])('removing an inline note or boneyard does not glue words: %s', (text, want) => {
    expect(els(fountain(text + '\n')).filter((e) => e.type === 'action').map((e) => e.text)).toEqual([want]);
  });
  it.each([
    ['INT. HOUSE - DAY #_1_#', 'INT. HOUSE - DAY', '_1_'],
    ['INT. HOUSE - DAY #*2*#', 'INT. HOUSE - DAY', '*2*'],
    ['EXT. *BEACH* - DAY #3#', 'EXT. BEACH - DAY', '3'],
    ['.SNIPER POV #_5_#', 'SNIPER POV', '_5_'],
    ['INT. _LAB_ #1A#', 'INT. LAB', '1A'],
  ])('scene number is read before emphasis is stripped: %s', (line, heading, number) => {
    const s = fountain(`${line}\n\nAction.\n`);
    expect([s.scenes[0].heading, s.scenes[0].number]).toEqual([heading, number]);
  });
  it.each([
    ['lone ^ after action', 'He waits.\n\nSTEEL ^\nNo.\n', [undefined]],
    ['lone ^ first in the script', 'STEEL ^\nNo.\n', [undefined]],
    ['lone ^ after a heading', 'INT. HOUSE - DAY\n\nSTEEL ^\nNo.\n', [undefined]],
    ['^ after a block is dual', 'BRICK\nYes.\n\nSTEEL ^\nNo.\n', [true, true]],
  ])('dual marker: %s', (_name, text, want) => {
    const s = fountain(text);
    expect(els(s).filter((e) => e.type === 'dialogue').map((e) => e.dual)).toEqual(want);
  });
  it.each([
    ['Sarah stares at the sign: CLOSED.\n\nShe turns.\n', {}, 2],
    ['The rule is simple: nobody leaves.\n\nINT. HOUSE - DAY\n\nRain.\n', {}, 2],
    ['Title: Rush\nAuthor: Me\n\nRain.\n', { Title: 'Rush', Author: 'Me' }, 1],
    ['title: Rush\n\nRain.\n', { title: 'Rush' }, 1],
    ['Draft date: 1/2/26\nRevision: Blue\n\nRain.\n', { 'Draft date': '1/2/26', Revision: 'Blue' }, 1],
    ['Producer:\n    Ann Lee\n\nRain.\n', { Producer: 'Ann Lee' }, 1],
    ['Copyright: (c) 2026\nProducer: Ann Lee\n\nRain.\n', { Copyright: '(c) 2026', Producer: 'Ann Lee' }, 1],
  ])('title page opens only on a known key or a key with indented values: %j', (text, titlePage, actions) => {
    const s = fountain(text);
    expect(s.titlePage).toEqual(titlePage);
    expect(types(s).filter((t) => t === 'action')).toHaveLength(actions);
  });
  it.each([
    ['WILL BLOOM, AGE 3, plays.', ['will-bloom']],
    ['WILL BLOOM (AGE 3) plays.', ['will-bloom']],
    ['WILL BLOOM, aged 30, waits.', ['will-bloom']],
    ['SARAH, 30s, waits.', ['sarah']],
    ['OLD TOM, 70, and BOB (late 20s) wait.', ['old-tom', 'bob']],
  ])('character introductions in action: %s', (action, ids) => {
    const s = fountain(`INT. HOUSE - DAY\n\n${action}\n`);
    expect(s.characters.map((c) => c.id)).toEqual(ids);
  });
});
