import { describe, it, expect } from 'vitest';
import { SpessaSynthProcessor } from 'spessasynth_core';
import { accelerateHermite } from './fast-voice.js';
import { renderToWav } from './index.js';
import { emptyScore, addTrack } from '../../score/index.js';

/** Looping (strings, organ) and one-shot (piano, pizzicato, drums) samples, held and short notes. */
function piece() {
  const s = emptyScore({ title: 'osc', bpm: 120 });
  const st = addTrack(s, { name: 'Strings', role: 'pad', program: 48, channel: 0 });
  const org = addTrack(s, { name: 'Organ', role: 'harmony', program: 19, channel: 1 });
  const pn = addTrack(s, { name: 'Piano', role: 'melody', program: 0, channel: 2 });
  const pz = addTrack(s, { name: 'Pizz', role: 'ostinato', program: 45, channel: 3 });
  const dr = addTrack(s, { name: 'Kit', role: 'percussion', program: 0, channel: 9 });
  st.notes.push({ tick: 0, duration: 3600, pitch: 55, velocity: 90 });
  org.notes.push({ tick: 480, duration: 2400, pitch: 67, velocity: 80 });
  for (let i = 0; i < 8; i++) {
    pn.notes.push({ tick: i * 480, duration: 400, pitch: 60 + ((i * 5) % 12), velocity: 100 });
    pz.notes.push({ tick: i * 480 + 240, duration: 120, pitch: 43 + i, velocity: 90 });
    dr.notes.push({ tick: i * 480, duration: 120, pitch: i % 2 ? 38 : 36, velocity: 110 });
  }
  s.endTick = 8 * 480;
  return s;
}

describe('fast Hermite oscillator (opt-in)', () => {
  it('renders the same bytes as spessasynth’s own oscillator', async () => {
    const before = await renderToWav({ score: piece() }, { stems: true });
    expect(accelerateHermite(new SpessaSynthProcessor(44100, { eventsEnabled: false }))).toBe(true);
    const after = await renderToWav({ score: piece() }, { stems: true });
    expect(Buffer.from(after.mix).equals(Buffer.from(before.mix))).toBe(true);
    after.stems.forEach((s, k) => expect(Buffer.from(s.wav).equals(Buffer.from(before.stems[k].wav))).toBe(true));
  }, 60_000);
});
