import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseScript } from '../script/index.js';
import { analyzeScript } from '../affect/analyze.js';
import { loadTextModel } from '../affect/node.js';
import { describeCue, moodWords } from './cue-description.js';
import { formatCueTable } from './cue-table.js';
import { planCueSheet } from './plan-cues.js';

const rising = [
  { at: 0, valence: -0.3, arousal: -0.4, tension: 0.3 },
  { at: 0.9, valence: -0.5, arousal: 0.5, tension: 0.9 },
  { at: 1, valence: -0.5, arousal: 0.5, tension: 0.85 },
];

describe('one-line cue directions', () => {
  it('reads like a spotting note: mood, texture, shape, the hit and its timecode', () => {
    const line = describeCue({
      affect: { valence: -0.45, arousal: 0.05, tension: 0.75 },
      curve: rising,
      style: 'orchestral',
      tempo: 66,
      underDialogue: false,
      duration: 72,
      hits: [
        { label: 'The door SLAMS.', timecode: '01:02:10:00', salience: 0.9, cueTime: 70 },
        { label: 'a creak', timecode: '01:01:30:00', salience: 0.3, cueTime: 30 },
      ],
    });
    expect(line).toBe('tense suspense — low strings, pulsing ostinato, slow build to the hit at 01:02:10:00 (The door SLAMS), 66 bpm');
  });

  it('names the region of the circumplex and the palette of the style', () => {
    expect(moodWords({ valence: 0.7, arousal: 0.7, tension: 0.1 })).toBe('joyful celebration');
    expect(moodWords({ valence: -0.6, arousal: -0.5, tension: 0.1 })).toBe('grief');
    const calm = describeCue({ affect: { valence: 0.4, arousal: -0.5, tension: 0.05 }, style: 'piano', underDialogue: true, hits: [] });
    expect(calm).toBe('tender warmth — solo piano, sparse, thinned under dialogue, steady');
  });

  it('says what the director asked for: the lead named, left-out percussion not promised', () => {
    const grief = { affect: { valence: -0.6, arousal: -0.5, tension: 0.3 }, style: 'orchestral' as const, underDialogue: false, hits: [] };
    expect(describeCue({ ...grief, orchestration: { lead: 'cellos', avoid: [] } })).toBe('grief — cellos lead over soft strings and woodwinds, steady');
    const dark = { affect: { valence: -0.4, arousal: 0.1, tension: 0.3 }, style: 'orchestral' as const, underDialogue: false, hits: [] };
    expect(describeCue(dark)).toMatch(/strings, solo cello/);
    expect(describeCue({ ...dark, orchestration: { lead: 'oboe', avoid: [] } })).toMatch(/— oboe lead over strings, steady/);
    const battle = { affect: { valence: -0.5, arousal: 0.8, tension: 0.9 }, style: 'orchestral' as const, underDialogue: false, hits: [] };
    expect(describeCue(battle)).toMatch(/driving ostinato and percussion/);
    expect(describeCue({ ...battle, orchestration: { lead: 'brass', avoid: ['drums', 'timpani'] } })).toBe('frantic danger — horns lead over full orchestra, driving ostinato, steady');
    expect(describeCue({ ...battle, orchestration: { avoid: ['ostinato'] } })).toBe('frantic danger — full orchestra and percussion, steady');
    const rock = { ...battle, style: 'rock' as const };
    expect(describeCue({ ...rock, orchestration: { avoid: ['drums'] } })).toBe('frantic danger — guitars, bass, steady');
  });

  it("the LLM director's direction for the scene leads the line", () => {
    const line = describeCue({ affect: { valence: -0.6, arousal: 0.6, tension: 0.8 }, style: 'orchestral', underDialogue: false, hits: [], directions: ['Taiko and low brass, relentless.'] });
    expect(line).toBe('frantic danger — Taiko and low brass, relentless; steady');
  });

  it('every planned cue of an example script gets a direction, printed under the cue table', () => {
    const text = readFileSync(fileURLToPath(new URL('../../examples/heist.fountain', import.meta.url)), 'utf8');
    const script = parseScript(text);
    const sheet = planCueSheet(script, analyzeScript(script, { model: loadTextModel() }));
    expect(sheet.cues.length).toBeGreaterThan(0);
    for (const c of sheet.cues) {
      expect(c.description).toMatch(/^[a-z -]+ — .+/);
      const caught = c.hits.filter((x) => x.caught);
      if (caught.length) expect(caught.some((h) => c.description!.includes(h.timecode))).toBe(true);
    }
    const table = formatCueTable(sheet);
    for (const c of sheet.cues) expect(table).toContain(`  ${c.id}  ${c.description}`);
  });
});

describe('the direction of a composed cue names what plays', () => {
  const base = { affect: { valence: -0.6, arousal: -0.5, tension: 0.3 }, style: 'orchestral' as const, underDialogue: false, hits: [] };
  it('the lead over the parts that carry the texture; a note or two is no layer', () => {
    const played = [
      { name: 'Oboe', role: 'melody' as const, notes: 32 },
      { name: 'Strings', role: 'harmony' as const, notes: 38 },
      { name: 'Cellos & Basses', role: 'bass' as const, notes: 20 },
      { name: 'Horns', role: 'counter' as const, notes: 9 },
      { name: 'Percussion', role: 'percussion' as const, notes: 2 },
    ];
    expect(describeCue({ ...base, played })).toBe('grief — oboe over strings and horns, steady');
    // The plan alone promised something else; what plays wins.
    expect(describeCue(base)).toBe('grief — soft strings and woodwinds, steady');
  });
  it('solo piano, a lone lead, under dialogue', () => {
    const piano = [
      { name: 'Piano RH', role: 'melody' as const, notes: 40 },
      { name: 'Piano LH', role: 'harmony' as const, notes: 60 },
    ];
    expect(describeCue({ ...base, style: 'piano', played: piano })).toBe('grief — solo piano, steady');
    expect(describeCue({ ...base, underDialogue: true, played: [{ name: 'Cellos', role: 'melody' as const, notes: 12 }] })).toBe('grief — solo cellos, thinned under dialogue, steady');
  });
});
