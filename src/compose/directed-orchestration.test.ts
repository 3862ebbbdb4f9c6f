import { describe, expect, it } from 'vitest';
import { composeCue } from './compose-cue.js';
import { parseCueSpec, resolveCue, type CueSpecInput } from '../cue/index.js';
import { fixtureModels } from './test-support/fixture-style.js';
import { programRange } from '../theory/index.js';

const models = fixtureModels();
const compose = (s: CueSpecInput) => composeCue(resolveCue(parseCueSpec(s)), { models });
const grief = { duration: 30, emotion: { valence: -0.7, arousal: -0.5, tension: 0.3 }, seed: 3 };
const battle = { duration: 30, emotion: { valence: -0.5, arousal: 0.9, tension: 0.9 }, seed: 3 };

describe('a director\'s orchestration request (cue spec `orchestration`)', () => {
  it('grief normally sings on the oboe; asked for low strings, the cellos carry the tune in their register', () => {
    const plain = compose(grief).score.tracks.find((t) => t.role === 'melody')!;
    expect(plain.name).toBe('Oboe');
    const asked = compose({ ...grief, orchestration: { lead: 'cellos' } }).score;
    const lead = asked.tracks.find((t) => t.role === 'melody')!;
    expect([lead.name, lead.program]).toEqual(['Cellos', 42]);
    expect(lead.notes.length).toBeGreaterThan(8);
    const [lo, hi] = programRange(42);
    for (const n of lead.notes) expect(n.pitch >= lo && n.pitch <= hi).toBe(true);
    // A cello tune sits lower than the oboe's.
    const mean = (ns: { pitch: number }[]) => ns.reduce((s, n) => s + n.pitch, 0) / ns.length;
    expect(mean(lead.notes)).toBeLessThan(mean(plain.notes) - 5);
  });

  it('"no percussion" leaves drums and timpani out of a battle cue that would have them', () => {
    const roles = (s: CueSpecInput) => compose(s).score.tracks.filter((t) => t.notes.length > 0).map((t) => t.name);
    expect(roles(battle)).toEqual(expect.arrayContaining(['Percussion']));
    const quiet = roles({ ...battle, orchestration: { avoid: ['drums', 'timpani'] } });
    expect(quiet).not.toContain('Percussion');
    expect(quiet).not.toContain('Timpani');
    expect(quiet.length).toBeGreaterThanOrEqual(4);
  });

  it('an asked lead another melodic layer already plays is not doubled: that layer takes the palette\'s own lead colour', () => {
    const names = (s: CueSpecInput) => compose(s).score.tracks.filter((t) => t.notes.length > 0).map((t) => `${t.name}:${t.program}`);
    const rock = names({ ...battle, style: 'rock', orchestration: { lead: 'synth' } });
    expect(rock.filter((n) => n.endsWith(':81'))).toHaveLength(1);
    const flute = names({ ...grief, orchestration: { lead: 'woodwinds' } });
    expect(flute.filter((n) => n.endsWith(':73'))).toHaveLength(1);
  });
});
