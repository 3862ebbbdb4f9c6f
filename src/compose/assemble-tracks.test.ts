import { describe, expect, it } from 'vitest';
import { appendBar, breatheBeforeHits, newTrackBuffers } from './assemble-tracks.js';
import { cueMap, keyChanges } from './cue-markers.js';

describe('assemble-tracks', () => {
  it('merges a tied note into the one held across the barline', () => {
    const tracks = newTrackBuffers([{ id: 'pad' }]);
    const held = { voice: { id: 'pad' }, program: 48, notes: [{ tick: 0, duration: 1920, pitch: 60, velocity: 70 }], controllers: [] };
    appendBar(tracks, [held], 0, 1920);
    appendBar(tracks, [{ ...held, notes: [{ ...held.notes[0], tie: true }] }], 1920, 1920);
    expect(tracks.get('pad')!.notes).toEqual([{ tick: 0, duration: 3840, pitch: 60, velocity: 70 }]);
    expect(tracks.get('pad')!.programVotes.get(48)).toBe(2);
  });

  it('breathes before a salient hit in a tense stretch, not in a calm one, and never in the bass', () => {
    const run = (tension: number) => {
      const tracks = newTrackBuffers([{ id: 'pad' }, { id: 'bass' }]);
      for (const id of ['pad', 'bass']) tracks.get(id)!.notes.push({ tick: 0, duration: 960, pitch: 48, velocity: 70 }, { tick: 800, duration: 100, pitch: 50, velocity: 70 });
      breatheBeforeHits(tracks, [{ id: 'pad', texture: 'sustain' }, { id: 'bass', texture: 'bass' }], [{ tick: 960, salience: 1 }], 240, () => tension);
      return { pad: tracks.get('pad')!.notes.map((n) => [n.tick, n.duration]), bass: tracks.get('bass')!.notes.length };
    };
    expect(run(0.8)).toEqual({ pad: [[0, 720]], bass: 2 });
    expect(run(0.3)).toEqual({ pad: [[0, 960], [800, 100]], bass: 2 });
  });
});

describe('cue-markers', () => {
  it('writes a key at every modulation and a marker for every section, the climax and each hit', () => {
    expect(keyChanges([{ startBar: 0, key: { tonic: 0, mode: 'major' } }, { startBar: 4, key: { tonic: 0, mode: 'major' } }, { startBar: 8, key: { tonic: 7, mode: 'major' } }], 1920, 30720)).toEqual([
      { tick: 0, tonic: 'C', mode: 'major' },
      { tick: 15360, tonic: 'G', mode: 'major' },
    ]);
    const map = cueMap(
      { id: '1m1', title: 'Arrival' },
      { sections: [{ name: 'A', kind: 'phrase', startBar: 0, endBar: 8 }, { name: 'tail', kind: 'tail', startBar: 16, endBar: 17 }], climaxBar: 6 },
      [{ label: 'door', salience: 1, seconds: 4, tick: 3840, caught: false }],
      1920,
      30720,
    );
    expect(map.markers.map((m) => `${m.kind}@${m.tick} ${m.text}`)).toEqual(['cue@0 1m1 Arrival', 'marker@0 A', 'sync@11520 climax', 'hit@3840 hit: door (nearest beat)']);
    expect(map.sections.map((s) => s.name)).toEqual(['Arrival', 'A']);
    expect(map.hits).toEqual([{ tick: 3840, label: 'door', seconds: 4, salience: 1 }]);
  });
});
