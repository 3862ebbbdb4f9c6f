/**
 * The Fountain project's own syntax fixtures (MIT, ../shared/corpora/fountain-fixtures), when present.
 * Each file is parsed and checked against what its feature should produce. Skipped in a fresh clone.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScript } from './index.js';
import { ScriptSchema, type Script } from './types.js';

const DIR = join(process.cwd(), '..', 'shared', 'corpora', 'fountain-fixtures');
const present = existsSync(DIR);
const load = (name: string): Script => ScriptSchema.parse(parseScript(readFileSync(join(DIR, name), 'utf8'), { filename: name }));
const els = (s: Script) => s.scenes.flatMap((x) => x.elements);

describe.skipIf(!present)('fountain-fixtures corpus', () => {
  it('Boneyard: boneyard text never reaches the script', () => {
    const s = load('Boneyard.fountain');
    expect(els(s).map((e) => e.text)).toEqual(['A line of action.', 'This is an boneyard.']);
  });
  it('CenteredText: three centred, one forced transition', () => {
    expect(els(load('CenteredText.fountain')).map((e) => e.type)).toEqual(['centered', 'transition', 'centered', 'centered']);
  });
  it('Dialogue: speakers, extensions, the digit-only cue is action, indented cue works', () => {
    const s = load('Dialogue.fountain');
    const d = els(s).filter((e) => e.type === 'dialogue');
    expect(d.map((e) => e.character)).toEqual(['adam', 'eve', 'adam', 'eve', 'eve', 'adam', 'eve', 'adam', 'eve', 'r2d2', 'adam', 'eve']);
    expect(els(s).some((e) => e.type === 'action' && e.text.startsWith('23 (O.S.)'))).toBe(true);
    expect(s.characters.map((c) => c.id)).toEqual(['adam', 'eve', 'r2d2']);
  });
  it('DualDialogue: both dual, same start', () => {
    const [a, b] = els(load('DualDialogue.fountain'));
    expect([a.dual, b.dual, a.start === b.start]).toEqual([true, true, true]);
  });
  it('ForcedElements: forced action, @ cue with lowercase, lyrics', () => {
    const s = load('ForcedElements.fountain');
    expect(els(s).map((e) => [e.type, e.character])).toEqual([
      ['action', undefined],
      ['dialogue', 'mcduck'],
      ['lyrics', 'singer'],
    ]);
  });
  it('Indenting: transition, heading, indented dialogue', () => {
    const s = load('Indenting.fountain');
    expect(s.scenes.map((x) => x.heading)).toEqual(['INT. GARAGE - DAY']);
    expect(els(s).map((e) => e.type)).toEqual(['transition', 'action', 'dialogue', 'dialogue', 'action']);
  });
  it('MultilineAction: WALTER HILL stays inside the action block', () => {
    expect(els(load('MultilineAction.fountain')).map((e) => e.type)).toEqual(['action', 'action', 'action']);
  });
  it('Notes: three notes, the inline one removed from the action', () => {
    const s = load('Notes.fountain');
    expect(els(s).filter((e) => e.type === 'note').map((e) => e.text)).toEqual(['A note.', 'This line spans multiple lines.', 'internal']);
  });
  it('PageBreaks: two breaks', () => {
    expect(els(load('PageBreaks.fountain')).filter((e) => e.type === 'page_break')).toHaveLength(2);
  });
  it('SceneHeaders: 16 headings; ESTABLISHING and the unspaced pair are not', () => {
    const s = load('SceneHeaders.fountain');
    expect(s.scenes).toHaveLength(16);
    expect(s.scenes.map((x) => x.heading)).not.toContain('ESTABLISHING');
    expect(s.scenes[s.scenes.length - 1].heading).toBe('int. house - day');
  });
  it('SceneNumbers: numbers as written', () => {
    expect(load('SceneNumbers.fountain').scenes.map((x) => x.number)).toEqual(['1', '1A', '1a', 'A1', 'I-1-A', '1.', '110A']);
  });
  it('SectionHeaders / Sections-Complex / Synopses: depths and synopses', () => {
    expect(els(load('SectionHeaders.fountain')).map((e) => e.depth)).toEqual([1, 1, 1, 1, 1, 2, 3]);
    const c = load('Sections-Complex.fountain');
    expect(c.scenes).toHaveLength(2);
    expect(els(load('Synopses.fountain')).filter((e) => e.type === 'synopsis')).toHaveLength(3);
  });
  it('Simple: title page, 3 scenes, the trailing "CUT TO: " is action', () => {
    const s = load('Simple.fountain');
    expect(s.title).toBe('A Simple Script');
    expect(s.titlePage.Author).toBe('Nima Yousefi');
    expect(s.scenes.map((x) => x.heading)).toEqual(['INT. OFFICE - MORNING', 'ext. house - day', 'FORCED SCENE HEADING']);
    const last = els(s)[els(s).length - 1];
    expect(last).toMatchObject({ type: 'action', text: 'CUT TO:' });
    expect(s.characters.map((c) => c.id)).toEqual(['man']);
  });
  it('Transitions: standard, forced; trailing-space line is action', () => {
    expect(els(load('Transitions.fountain')).map((e) => e.type)).toEqual(['transition', 'transition', 'transition', 'transition', 'action', 'transition', 'transition']);
  });
});
