/**
 * purpose: where General MIDI drum sounds (GM1 percussion key map, keys 35–81) go on a five-line percussion
 * staff, with which notehead — after the Percussive Arts Society drum-set conventions (Weinberg, "Guide to
 * Standardized Drumset Notation", 1998): kick in the bottom space, snare on the third space, toms between,
 * hi-hat above the staff with x heads, cymbals on and above the top line with x heads.
 */
import { GM_DRUM_NAMES } from '../../theory/index.js';

export interface DrumDisplay {
  name: string;
  step: 'C' | 'D' | 'E' | 'F' | 'G' | 'A' | 'B';
  octave: number;
  notehead: 'normal' | 'x' | 'circle-x' | 'diamond' | 'triangle' | 'slash';
}

type Pos = [DrumDisplay['step'], number, DrumDisplay['notehead']];
const POSITION: Record<number, Pos> = {
  35: ['E', 4, 'normal'], 36: ['F', 4, 'normal'],
  37: ['C', 5, 'x'], 38: ['C', 5, 'normal'], 39: ['B', 4, 'x'], 40: ['C', 5, 'normal'],
  41: ['G', 4, 'normal'], 43: ['A', 4, 'normal'], 45: ['B', 4, 'normal'], 47: ['D', 5, 'normal'], 48: ['D', 5, 'normal'], 50: ['E', 5, 'normal'],
  42: ['G', 5, 'x'], 44: ['D', 4, 'x'], 46: ['G', 5, 'circle-x'],
  49: ['A', 5, 'x'], 57: ['A', 5, 'x'], 52: ['B', 5, 'x'], 55: ['B', 5, 'x'],
  51: ['F', 5, 'x'], 59: ['F', 5, 'x'], 53: ['F', 5, 'diamond'],
  54: ['E', 5, 'x'], 56: ['E', 5, 'triangle'], 58: ['C', 4, 'x'],
  60: ['E', 5, 'normal'], 61: ['D', 5, 'normal'], 62: ['C', 5, 'x'], 63: ['C', 5, 'normal'], 64: ['A', 4, 'normal'],
  65: ['E', 5, 'normal'], 66: ['D', 5, 'normal'], 67: ['E', 5, 'triangle'], 68: ['D', 5, 'triangle'],
  69: ['B', 4, 'x'], 70: ['B', 4, 'x'], 71: ['A', 5, 'normal'], 72: ['A', 5, 'normal'], 73: ['G', 5, 'slash'], 74: ['G', 5, 'slash'],
  75: ['F', 5, 'triangle'], 76: ['E', 5, 'triangle'], 77: ['D', 5, 'triangle'], 78: ['C', 5, 'diamond'], 79: ['C', 5, 'diamond'],
  80: ['A', 5, 'triangle'], 81: ['A', 5, 'triangle'],
};

export function drumDisplay(pitch: number): DrumDisplay {
  const pos = POSITION[pitch];
  const name = GM_DRUM_NAMES[pitch] ?? `Percussion ${pitch}`;
  if (!pos) return { name, step: 'C', octave: 4, notehead: 'normal' };
  return { name, step: pos[0], octave: pos[1], notehead: pos[2] };
}
