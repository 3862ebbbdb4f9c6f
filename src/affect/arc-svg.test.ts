import { describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { analyzeScript } from './analyze.js';
import { arcToSvg } from './arc-svg.js';
import { buildAnalysisJson, formatClock } from './analysis-json.js';
import { buildScript } from './__fixtures__/build-script.js';
import { loadTextModel } from './node.js';
const TEXT_MODEL = loadTextModel();

const script = buildScript(
  [
    { heading: 'INT. KITCHEN - DAY', lines: ['Mary pours coffee & reads the <paper>.', ['MARY', 'Lovely morning.']] },
    { heading: 'EXT. ROAD - NIGHT', lines: ['A truck swerves. BANG! The car slams into the barrier.', ['JACK', 'Mary! Get out!']] },
    { heading: 'EXT. FIELD - DAWN', lines: ['Silence. Smoke drifts over the field. They are safe.'] },
  ],
  'Crash "Test" <1>',
);
const arc = analyzeScript(script, { model: TEXT_MODEL });

describe('arcToSvg', () => {
  const svg = arcToSvg(arc, script);
  it('is well-formed, self-contained XML', () => {
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).not.toMatch(/<script|href=|@import|url\(/);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  });
  it('draws the three lines, scene boundaries with numbers, hit markers and labelled axes', () => {
    const doc = new XMLParser({ ignoreAttributes: false }).parse(svg);
    const polylines = doc.svg.polyline as unknown[];
    expect(polylines).toHaveLength(3);
    const texts = JSON.stringify(doc.svg.text);
    for (const label of ['valence / arousal', 'tension', 'time (m:ss']) expect(texts).toContain(label);
    for (const n of [1, 2, 3]) expect(svg).toMatch(new RegExp(`font-size="9">${n}</text>`));
    expect(svg).toContain('Crash &quot;Test&quot; &lt;1&gt;');
    const dashed = (doc.svg.line as Array<Record<string, string>>).filter((l) => l['@_stroke-dasharray'] === '3 3');
    expect(dashed.length).toBeGreaterThanOrEqual(3);
    expect(svg).toContain('<circle');
  });
  it('is deterministic', () => {
    expect(arcToSvg(analyzeScript(script, { model: TEXT_MODEL }), script)).toBe(svg);
  });
});

describe('buildAnalysisJson', () => {
  it('has the documented fields', () => {
    const j = buildAnalysisJson(script, arc);
    expect(j.scenes[1]).toMatchObject({ heading: 'EXT. ROAD - NIGHT', index: 1 });
    for (const k of ['start', 'duration', 'valence', 'arousal', 'tension']) expect(typeof (j.scenes[0] as Record<string, unknown>)[k]).toBe('number');
    expect(j.beats[0]).toMatchObject({ scene: 0, text: expect.any(String), start: 0 });
    expect(j.characters.map((c) => [c.id, c.name])).toEqual([['mary', 'MARY'], ['jack', 'JACK']]);
    expect(j.hits.some((h) => h.kind === 'sound' && h.text.includes('BANG'))).toBe(true);
    expect(JSON.parse(JSON.stringify(j))).toEqual(j);
  });
  it('formats clock times', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(75.4)).toBe('1:15');
    expect(formatClock(3725)).toBe('1:02:05');
  });
});
