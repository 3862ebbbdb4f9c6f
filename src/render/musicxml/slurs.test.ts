/** purpose: a lead line's connected notes are phrased under one slur; a detached note, a rest or a chord ends it. */
import { describe, expect, it } from 'vitest';
import { addTrack, emptyScore } from '../../score/index.js';
import { scoreToMusicXml } from './index.js';

/** A 4/4 violin line: [beat, beats sounding, pitch]. */
function line(notes: Array<[number, number, number]>, role: 'melody' | 'harmony' = 'melody'): string {
  const s = emptyScore({ bpm: 100 });
  const t = addTrack(s, { name: 'Violin', role, program: 40, channel: 0 });
  for (const [beat, len, pitch] of notes) t.notes.push({ tick: beat * 480, duration: len * 480, pitch, velocity: 80 });
  s.endTick = Math.ceil(Math.max(...t.notes.map((n) => n.tick + n.duration)) / 1920) * 1920;
  return scoreToMusicXml(s);
}
const slurs = (xml: string) => [...xml.matchAll(/<slur type="(start|stop)"/g)].map((m) => m[1]);

describe('phrasing slurs', () => {
  it.each([
    ['four connected notes: one slur', line([[0, 1, 67], [1, 1, 69], [2, 1, 71], [3, 1, 72]]), ['start', 'stop']],
    ['a rest splits the phrase in two', line([[0, 1, 67], [1, 1, 69], [3, 1, 71], [4, 1, 72], [5, 1, 74]]), ['start', 'stop', 'start', 'stop']],
    ['detached (staccato) notes are not slurred', line([[0, 0.3, 67], [1, 0.3, 69], [2, 0.3, 71]]), []],
    ['a single held note has no slur', line([[0, 4, 67]]), []],
    ['an accompaniment is not phrased', line([[0, 1, 67], [1, 1, 69], [2, 1, 71]], 'harmony'), []],
  ])('%s', (_name, xml, want) => {
    expect(slurs(xml)).toEqual(want);
  });
});
