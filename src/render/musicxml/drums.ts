/**
 * purpose: where General MIDI drum sounds (GM1 percussion key map, keys 35–81) go on a five-line percussion
 * staff, with which notehead — after the Percussive Arts Society drum-set conventions (Weinberg, "Guide to
 * Standardized Drumset Notation", 1998): kick in the bottom space, snare on the third space, toms between,
 * hi-hat above the staff with x heads, cymbals on and above the top line with x heads.
 */
export interface DrumDisplay {
  name: string;
  step: 'C' | 'D' | 'E' | 'F' | 'G' | 'A' | 'B';
  octave: number;
  notehead: 'normal' | 'x' | 'circle-x' | 'diamond' | 'triangle' | 'slash';
}

const GM_DRUM_NAMES: Record<number, string> = {
  35: 'Acoustic Bass Drum', 36: 'Bass Drum 1', 37: 'Side Stick', 38: 'Acoustic Snare', 39: 'Hand Clap', 40: 'Electric Snare',
  41: 'Low Floor Tom', 42: 'Closed Hi-Hat', 43: 'High Floor Tom', 44: 'Pedal Hi-Hat', 45: 'Low Tom', 46: 'Open Hi-Hat',
  47: 'Low-Mid Tom', 48: 'Hi-Mid Tom', 49: 'Crash Cymbal 1', 50: 'High Tom', 51: 'Ride Cymbal 1', 52: 'Chinese Cymbal',
  53: 'Ride Bell', 54: 'Tambourine', 55: 'Splash Cymbal', 56: 'Cowbell', 57: 'Crash Cymbal 2', 58: 'Vibraslap',
  59: 'Ride Cymbal 2', 60: 'Hi Bongo', 61: 'Low Bongo', 62: 'Mute Hi Conga', 63: 'Open Hi Conga', 64: 'Low Conga',
  65: 'High Timbale', 66: 'Low Timbale', 67: 'High Agogo', 68: 'Low Agogo', 69: 'Cabasa', 70: 'Maracas',
  71: 'Short Whistle', 72: 'Long Whistle', 73: 'Short Guiro', 74: 'Long Guiro', 75: 'Claves', 76: 'Hi Wood Block',
  77: 'Low Wood Block', 78: 'Mute Cuica', 79: 'Open Cuica', 80: 'Mute Triangle', 81: 'Open Triangle',
};

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
