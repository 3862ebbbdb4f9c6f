/**
 * purpose: the texture table — which writer plays each texture of a palette voice (palette.ts names the texture,
 * this names the music). Add a texture in tail-table.ts and in palette.ts's `Texture` union; render-bar.ts needs
 * no change.
 */
import { TEXTURES_FOR_TAIL } from './tail-table.js';

export const TEXTURES = TEXTURES_FOR_TAIL;

export { buttonStab, tailChord, buttonTicks } from './ending.js';
export { buttonHit } from './percussion.js';
export { hitAccents } from './accents.js';
export { expressionCurve } from './expression.js';
export type { BarContext, VoiceFrame, TextureWriter, LeadNote } from './context.js';
