/** purpose: a part's notation never strikes a pitch that is still sounding in it (MuseScore's "MIDI collision"). */
import { describe, expect, it } from 'vitest';
import { separateUnisons } from './unisons.js';

const n = (tick: number, pitch: number, duration: number) => ({ tick, pitch, duration, velocity: 80 });

describe('separateUnisons', () => {
  it.each([
    ['a doubled stroke keeps the longer note', [n(0, 48, 120), n(0, 48, 240)], [n(0, 48, 240)]],
    ['a note still ringing at the next stroke ends there', [n(0, 60, 480), n(240, 60, 240)], [n(0, 60, 240), n(240, 60, 240)]],
    ['other pitches and later strokes are untouched', [n(0, 60, 240), n(0, 64, 240), n(240, 60, 240)], [n(0, 64, 240), n(0, 60, 240), n(240, 60, 240)]],
  ])('%s', (_name, input, want) => {
    expect(separateUnisons(input).map(({ tick, pitch, duration }) => ({ tick, pitch, duration }))).toEqual(want.map(({ tick, pitch, duration }) => ({ tick, pitch, duration })));
  });
});
