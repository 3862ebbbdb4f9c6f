/**
 * purpose: the texture table as the tail ending sees it (a leaf so ending.ts and index.ts do not import each
 * other): the ordinary writers, used for the part of the last bar before its final chord.
 */
import type { Texture } from '../palette.js';
import type { TextureWriter } from './context.js';
import { melodyLine, counterLine } from './melody.js';
import { chordLayer } from './chordal.js';
import { bassLine } from './bass.js';
import { ostinatoLayer } from './ostinato.js';
import { sparkleLayer } from './sparkle.js';
import { timpaniLayer, drumLayer } from './percussion.js';

export const TEXTURES_FOR_TAIL: Record<Texture, TextureWriter> = {
  melody: melodyLine,
  melody2: melodyLine,
  counter: counterLine,
  sustain: chordLayer,
  block: chordLayer,
  arpeggio: chordLayer,
  bass: bassLine,
  ostinato: ostinatoLayer,
  power: ostinatoLayer,
  sparkle: sparkleLayer,
  timpani: timpaniLayer,
  drums: drumLayer,
};
