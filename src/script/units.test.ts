import { describe, expect, it } from 'vitest';
import { characterId, introducedNames, splitCue } from './characters.js';
import { stripEmphasis } from './emphasis.js';
import { parseHeading } from './heading.js';
import { LINES_PER_PAGE, elementUnits, headingPrintedLines, printedLines, wrappedLines, SECONDS_PER_LINE } from './page-model.js';
import type { DraftElement } from './draft.js';
import { parseScript } from './index.js';
import { decodeScriptBytes } from './text.js';

describe('character ids', () => {
  it.each([
    ['EVE', 'eve'],
    ['SARAH CONNOR', 'sarah-connor'],
    ["MRS. O'BRIEN", 'mrs-obrien'],
    ['Zoë', 'zoe'],
    ['MAN #2', 'man-2'],
    ['ЕВА', 'ева'],
    ['...', 'unnamed'],
  ])('%s → %s', (name, id) => expect(characterId(name)).toBe(id));

  it.each([
    ['EVE (V.O.)', 'EVE', ['V.O.']],
    ["EVE (cont'd)", 'EVE', ["CONT'D"]],
    ['EVE (CONT’D)', 'EVE', ["CONT'D"]],
    ['@McCLANE (O.S.) ^', 'McCLANE', ['O.S.']],
    ["JOHN CONT'D", 'JOHN', ["CONT'D"]],
    ['BRICK ^', 'BRICK', []],
  ])('cue %s', (cue, name, ext) => expect(splitCue(cue)).toEqual({ name, extensions: ext }));

  it('introductions with an age', () => {
    expect(introducedNames('SARAH CONNOR (30s), wiry, enters with OLD TOM, 70, and BOB (late 20s).')).toEqual(['SARAH CONNOR', 'OLD TOM', 'BOB']);
    expect(introducedNames('An EXPLOSION rocks the street. SIRENS.')).toEqual([]);
    expect(introducedNames('KIT (mid-20s) drives.')).toEqual(['KIT']);
  });
});

describe('headings', () => {
  it('splits setting, location, time of day, number', () => {
    expect(parseHeading('INT. HOUSE - KITCHEN - NIGHT #12A#')).toEqual({ heading: 'INT. HOUSE - KITCHEN - NIGHT', number: '12A', setting: 'INT', location: 'HOUSE - KITCHEN', timeOfDay: 'NIGHT' });
    expect(parseHeading('EXT/INT. BUS - MOVING')).toMatchObject({ setting: 'EXT/INT', location: 'BUS', timeOfDay: 'MOVING' });
    expect(parseHeading('INT. CASTLE MOMENTS LATER')).toMatchObject({ location: 'CASTLE', timeOfDay: 'MOMENTS LATER' });
    expect(parseHeading('KITCHEN')).toEqual({ heading: 'KITCHEN', location: 'KITCHEN' });
  });
});

describe('emphasis (nesting)', () => {
  it.each([
    ['**bold *italic* bold**', 'bold italic bold'],
    ['*a* and *b*', 'a and b'],
    ['2 * 3 * 4', '2 * 3 * 4'],
    ['\\_not underlined\\_', '_not underlined_'],
    ['_under *both*_', 'under both'],
  ])('%s', (src, want) => expect(stripEmphasis(src)).toBe(want));
});

describe('page model', () => {
  it('word-wraps like a typewriter page', () => {
    expect(wrappedLines('x'.repeat(60), 60)).toBe(1);
    expect(wrappedLines('x'.repeat(61), 60)).toBe(2);
    expect(wrappedLines('word '.repeat(30).trim(), 35)).toBe(5);
    expect(wrappedLines('a\n\nb', 60)).toBe(3);
  });
  it('a full page of action lasts about a minute', () => {
    // 11 blocks of 4 full lines + blank = 55 lines
    const block = { type: 'action' as const, text: ('x'.repeat(59) + '\n').repeat(4).trim(), line: 1 };
    const secs = 11 * elementUnits(block) * SECONDS_PER_LINE;
    expect(secs).toBeCloseTo(60, 5);
  });
  it('dialogue plays faster per line than action, lyrics slower', () => {
    const line35 = 'x'.repeat(34);
    const d = elementUnits({ type: 'dialogue', text: line35, spoken: line35, line: 1 });
    const l = elementUnits({ type: 'lyrics', text: line35, speaker: 'A', line: 1 });
    expect(d).toBeCloseTo(0.5 + 0.85 + 1, 6);
    expect(l).toBeGreaterThan(d);
  });
});

describe('decoding', () => {
  it('UTF-16 BE without BOM is detected', () => {
    const le = Buffer.from('INT. HOUSE - DAY\n\nRain falls.\n', 'utf16le');
    for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
    const d = decodeScriptBytes(le);
    expect(d.encoding).toBe('utf-16be');
    expect(d.text.startsWith('INT. HOUSE')).toBe(true);
  });
});

/** Page model calibration (issue 14): printed lines per element on a standard 55-line page. */
describe('page model: printed lines', () => {
  const a61 = 'x'.repeat(61);
  const d35 = 'y'.repeat(35);
  it.each([
    ['one-line action', { type: 'action', text: 'Rain.', line: 1 }, 2],
    ['61 characters is one action line', { type: 'action', text: a61, line: 1 }, 2],
    ['62 characters wrap', { type: 'action', text: a61 + ' z', line: 1 }, 3],
    ['cue + one dialogue line', { type: 'dialogue', text: 'Hi.', spoken: 'Hi.', line: 1 }, 3],
    ['35 characters is one dialogue line', { type: 'dialogue', text: d35, spoken: d35, line: 1 }, 3],
    ['36 characters wrap', { type: 'dialogue', text: d35 + ' z', spoken: d35 + ' z', line: 1 }, 4],
    ['cue + parenthetical + line', { type: 'dialogue', text: '(quietly)\nHi.', spoken: 'Hi.', parentheticals: ['quietly'], line: 1 }, 4],
    ['transition', { type: 'transition', text: 'CUT TO:', line: 1 }, 2],
    ['lyrics with a singer', { type: 'lyrics', text: 'La la.', speaker: 'A', line: 1 }, 3],
    ['note', { type: 'note', text: 'x', line: 1 }, 0],
  ] as Array<[string, DraftElement, number]>)('%s → %i', (_name, el, want) => {
    expect(printedLines(el)).toBe(want);
  });
  it('a scene heading has a blank line before and after it', () => {
    expect(headingPrintedLines('INT. HOUSE - DAY')).toBe(3);
  });
  it('dual dialogue prints side by side: the taller side counts', () => {
    const s = parseScript('INT. A - DAY\n\nBRICK\nOne.\nTwo.\nThree.\n\nSTEEL ^\nNo.\n', { format: 'fountain' });
    expect(s.pages).toBeCloseTo((3 + 5) / LINES_PER_PAGE, 3); // heading 3 + taller side (cue, 3 lines, blank)
  });
});
