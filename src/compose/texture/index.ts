/**
 * purpose: the texture table — which writer plays each texture of a palette voice (palette.ts names the texture,
 * this names the music). Add a texture here and in palette.ts's `Texture` union; render-bar.ts needs no change.
 */
import type { Texture } from '../palette.js';
import type { TextureWriter } from './context.js';
import { melodyLine, counterLine } from './melody.js';
import { chordLayer } from './chordal.js';
import { bassLine } from './bass.js';
import { ostinatoLayer } from './ostinato.js';
import { sparkleLayer } from './sparkle.js';
import { timpaniLayer, drumLayer } from './percussion.js';

export const TEXTURES: Record<Texture, TextureWriter> = {
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

export { buttonStab } from './ending.js';
export { hitAccents } from './accents.js';
export { expressionCurve } from './expression.js';
export type { BarContext, VoiceFrame, TextureWriter } from './context.js';
