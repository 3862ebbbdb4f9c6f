/**
 * One MIDI marker per event: a Score that says a thing twice (a section and its rehearsal marker, a hit point
 * and its hit marker, a cue's section and its start marker, a game state's span and its change) is written
 * with one marker for it, and still read back exactly through the extras.
 */
import { describe, it, expect } from 'vitest';
import { emptyScore, addTrack, normalizeScore, type Score } from '../../score/index.js';
import { annotationMarkers, decodeSmf, midiToScore, scoreToMidi, META } from './index.js';
import { decodeText } from './smf.js';

function doubled(): Score {
  const s = emptyScore({ meter: [4, 4] });
  s.endTick = 8 * 1920;
  addTrack(s, { name: 'Violin', role: 'melody', program: 40, channel: 0 }).notes.push({ tick: 0, duration: 1920, pitch: 72, velocity: 80 });
  // As compose and the film assembly write them.
  s.sections = [
    { name: '1m1 Arrival', kind: 'cue', tick: 0, endTick: 8 * 1920 },
    { name: 'Intro', kind: 'intro', tick: 0, endTick: 4 * 1920 },
    { name: 'A', kind: 'phrase', tick: 4 * 1920, endTick: 8 * 1920 },
  ];
  s.markers = [
    { tick: 0, text: '1m1 start', kind: 'cue' },
    { tick: 0, text: 'Intro', kind: 'marker' },
    { tick: 4 * 1920, text: 'A', kind: 'marker' },
    { tick: 5 * 1920, text: 'climax', kind: 'sync' },
    { tick: 6 * 1920, text: 'hit: door slam', kind: 'hit' },
    { tick: 7 * 1920, text: 'hit: glass (nearest beat)', kind: 'hit' },
    { tick: 7 * 1920, text: 'hit: glass (nearest beat)', kind: 'hit' },
    { tick: 8 * 1920, text: '1m1 end', kind: 'cue' },
  ];
  s.hits = [{ tick: 6 * 1920, label: 'door slam', seconds: 12, salience: 0.9 }];
  return s;
}

function fileMarkers(bytes: Uint8Array): string[] {
  const out: string[] = [];
  for (const tr of decodeSmf(bytes).tracks) for (const e of tr) if (e.kind === 'meta' && e.type === META.marker) out.push(`${e.tick} ${decodeText(e.data)}`);
  return out;
}

describe('MIDI markers', () => {
  it('writes one marker per event', () => {
    expect(fileMarkers(scoreToMidi(doubled()))).toEqual([
      '0 section:Intro',
      '0 cue:1m1 start',
      `${4 * 1920} section:A`,
      `${5 * 1920} sync:climax`,
      `${6 * 1920} hit:door slam`,
      `${7 * 1920} hit:hit: glass (nearest beat)`,
      `${8 * 1920} cue:1m1 end`,
    ]);
  });

  it('writes a game state once (its section is named by the state-change marker)', () => {
    const s = doubled();
    s.sections = [{ name: 'combat', kind: 'section', tick: 1920, endTick: 8 * 1920 }];
    s.markers = [{ tick: 1920, text: 'state: combat', kind: 'cue' }, { tick: 1920, text: 'stinger: spotted', kind: 'hit' }];
    s.hits = [];
    expect(annotationMarkers(s)).toEqual([{ tick: 1920, text: 'cue:state: combat' }, { tick: 1920, text: 'hit:stinger: spotted' }]);
  });

  it('reads the Score back exactly through the extras, and sections and hits from the markers alone', () => {
    const s = doubled();
    const bytes = scoreToMidi(s);
    expect(midiToScore(bytes)).toEqual(normalizeScore(s));
    const plain = midiToScore(bytes, { ignoreExtras: true });
    expect(plain.sections.map((x) => [x.name, x.tick])).toEqual([['Intro', 0], ['A', 4 * 1920]]);
    expect(plain.hits.map((h) => [h.label, h.tick])).toEqual([['door slam', 6 * 1920], ['hit: glass (nearest beat)', 7 * 1920]]);
  });
});
