import { describe, expect, it } from 'vitest';
import { parseScript } from './index.js';
import { parsePageLength } from './fdx.js';
import { ScriptSchema } from './types.js';
import { LeitmotifError } from '../util/errors.js';

const FDX = `<?xml version="1.0" encoding="UTF-8" standalone="no" ?>
<FinalDraft DocumentType="Script" Template="No" Version="5">
  <Content>
    <Paragraph Type="Transition">
      <Text>FADE IN:</Text>
    </Paragraph>
    <Paragraph Number="1" Type="Scene Heading">
      <SceneProperties Length="1 1/8" Page="1" Title=""/>
      <Text>INT. LIGHTHOUSE - NIGHT</Text>
    </Paragraph>
    <Paragraph Type="Action">
      <Text>MARA (30s) </Text>
      <Text Style="Bold+Underline">slams</Text>
      <Text> the door.</Text>
    </Paragraph>
    <Paragraph Type="Character">
      <Text>MARA (V.O.)</Text>
    </Paragraph>
    <Paragraph Type="Parenthetical">
      <Text>(softly)</Text>
    </Paragraph>
    <Paragraph Type="Dialogue">
      <Text>The light is out.</Text>
    </Paragraph>
    <Paragraph>
      <DualDialogue>
        <Paragraph Type="Character"><Text>ELIAS</Text></Paragraph>
        <Paragraph Type="Dialogue"><Text>Run.</Text></Paragraph>
        <Paragraph Type="Character"><Text>MARA</Text></Paragraph>
        <Paragraph Type="Dialogue"><Text>Never.</Text></Paragraph>
      </DualDialogue>
    </Paragraph>
    <Paragraph Type="Shot"><Text>CLOSE ON the lamp.</Text></Paragraph>
    <Paragraph Type="Transition"><Text>CUT TO:</Text></Paragraph>
    <Paragraph Number="2" Type="Scene Heading">
      <Text>EXT. CLIFF - DAWN</Text>
    </Paragraph>
    <Paragraph Type="General"><Text>Elias waits. Mara &amp; the sea.</Text></Paragraph>
    <Paragraph Type="Lyrics"><Text>Oh the bonny sea</Text></Paragraph>
    <Paragraph Type="Mystery Type"><Text>Something odd.</Text></Paragraph>
  </Content>
  <TitlePage>
    <Content>
      <Paragraph Alignment="Center" Type="Title Page"><Text>SALTMARSH LIGHT</Text></Paragraph>
      <Paragraph Alignment="Center" Type="Title Page"><Text>Written by</Text></Paragraph>
      <Paragraph Alignment="Center" Type="Title Page"><Text>Ann Lee</Text></Paragraph>
      <Paragraph Alignment="Left" Type="Title Page"><Text>ann@example.com</Text></Paragraph>
    </Content>
  </TitlePage>
</FinalDraft>
`;

describe('Final Draft FDX', () => {
  const s = ScriptSchema.parse(parseScript(FDX, { filename: 'light.fdx' }));
  const els = s.scenes.flatMap((x) => x.elements);

  it('is detected by extension and by content', () => {
    expect(s.format).toBe('fdx');
    expect(parseScript(FDX).format).toBe('fdx');
  });
  it('scene headings with numbers; a leading FADE IN: folds into scene 1', () => {
    expect(s.scenes.map((x) => [x.heading, x.number, x.setting, x.timeOfDay])).toEqual([
      ['INT. LIGHTHOUSE - NIGHT', '1', 'INT', 'NIGHT'],
      ['EXT. CLIFF - DAWN', '2', 'EXT', 'DAWN'],
    ]);
    expect(s.scenes[0].elements[0]).toMatchObject({ type: 'transition', text: 'FADE IN:' });
  });
  it('text runs are joined, styles dropped, entities decoded', () => {
    expect(els.find((e) => e.type === 'action')!.text).toBe('MARA (30s) slams the door.');
    expect(s.scenes[1].elements[0].text).toBe('Elias waits. Mara & the sea.');
  });
  it('Character + Parenthetical + Dialogue make one dialogue element', () => {
    const d = els.filter((e) => e.type === 'dialogue');
    expect(d[0]).toMatchObject({ character: 'mara', extensions: ['V.O.'], text: '(softly)\nThe light is out.', spoken: 'The light is out.', parentheticals: ['softly'] });
  });
  it('DualDialogue marks both blocks dual and they start together', () => {
    const d = els.filter((e) => e.dual);
    expect(d.map((e) => e.character)).toEqual(['elias', 'mara']);
    expect(d[0].start).toBe(d[1].start);
  });
  it('Shot and General read as action, Lyrics as lyrics; unknown types warn once', () => {
    expect(els.find((e) => e.text === 'CLOSE ON the lamp.')!.type).toBe('action');
    expect(els.find((e) => e.text === 'Oh the bonny sea')!.type).toBe('lyrics');
    expect(s.warnings).toEqual(['line 40: unknown Final Draft paragraph type "Mystery Type" read as action']);
  });
  it('SceneProperties Length sets the scene length (1 1/8 pages = 67.5 s)', () => {
    expect(s.scenes[0].duration).toBeCloseTo(67.5, 3);
    expect(s.scenes[0].pages).toBe(1.125);
    expect(s.scenes[1].start).toBeCloseTo(67.5, 3);
  });
  it('line numbers point at the <Paragraph> in the file', () => {
    expect(s.scenes[0].line).toBe(7);
    expect(els.find((e) => e.type === 'action')!.line).toBe(11);
  });
  it('title page', () => {
    expect(s.title).toBe('SALTMARSH LIGHT');
    expect(s.titlePage).toEqual({ Title: 'SALTMARSH LIGHT', Credit: 'Written by', Author: 'Ann Lee', Notes: 'ann@example.com' });
  });
  it('characters from cues and action', () => {
    expect(s.characters.map((c) => [c.id, c.dialogueCount, c.scenes])).toEqual([
      ['mara', 2, [0, 1]],
      ['elias', 1, [0, 1]],
    ]);
  });
  it('malformed XML → LM_ERR_SCRIPT_INVALID with line and column', () => {
    const broken = '<?xml version="1.0"?>\n<FinalDraft>\n<Content>\n<Paragraph Type="Action"><Text>Hi</Text>\n</Content>\n</FinalDraft>';
    try {
      parseScript(broken, { filename: 'b.fdx' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(LeitmotifError);
      expect((e as LeitmotifError).code).toBe('LM_ERR_SCRIPT_INVALID');
      expect((e as LeitmotifError).message).toMatch(/line 5, column \d+/);
    }
  });
  it('XML that is not Final Draft is refused', () => {
    expect(() => parseScript('<?xml version="1.0"?><html><body/></html>', { format: 'fdx' })).toThrow(/not a Final Draft file/);
  });
  it.each([
    ['1 3/8', 1.375],
    ['3/8', 0.375],
    ['2', 2],
    ['', undefined],
    ['abc', undefined],
  ])('page length %s', (s, want) => {
    expect(parsePageLength(s)).toBe(want);
  });

  it('inline ScriptNote "time: …" sets the scene length; nested paragraphs keep line numbers aligned', () => {
    const xml = [
      '<?xml version="1.0"?>',
      '<FinalDraft DocumentType="Script" Version="5"><Content>',
      '<Paragraph Type="Scene Heading">',
      '<SceneProperties Length="1"><SceneArcBeats><CharacterArcBeat Name="A">',
      '<Paragraph Type="General"><Text>arc beat, not script text</Text></Paragraph>',
      '</CharacterArcBeat></SceneArcBeats></SceneProperties>',
      '<Text>INT. ROOM - DAY</Text></Paragraph>',
      '<Paragraph Type="Action"><ScriptNote>',
      '<Paragraph><Text>time: 0:45</Text></Paragraph>',
      '</ScriptNote><Text>She waits.</Text></Paragraph>',
      '<Paragraph Type="Action"><Text>He arrives.</Text></Paragraph>',
      '</Content></FinalDraft>',
    ].join('\n');
    const s = parseScript(xml, { format: 'fdx' });
    const e = s.scenes[0].elements;
    expect(e.map((x) => [x.type, x.text, x.line])).toEqual([
      ['action', 'She waits.', 8],
      ['note', 'time: 0:45', 9],
      ['action', 'He arrives.', 11],
    ]);
    expect(s.scenes[0]).toMatchObject({ duration: 45, timingSource: 'note' });
  });
  it('nested entity definitions are not expanded (no "billion laughs")', () => {
    const defs = Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('\n');
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE x [\n<!ENTITY l0 "lol">\n${defs}\n]>\n<FinalDraft><Content><Paragraph Type="Action"><Text>&l9;</Text></Paragraph></Content></FinalDraft>`;
    const s = parseScript(xml, { format: 'fdx' });
    expect(s.scenes[0].elements[0].text.length).toBeLessThan(100);
  });
});
