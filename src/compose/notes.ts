/**
 * purpose: the note and controller shapes a bar renderer produces (ticks relative to the bar start). A leaf, so
 * textures, drums and the cue assembler share them without importing each other.
 */
export interface RawNote {
  tick: number;
  duration: number;
  pitch: number;
  velocity: number;
  /** Continues the same pitch from the previous bar (merged into one note in a whole cue). */
  tie?: boolean;
}

export interface ControllerEvent {
  tick: number;
  controller: number;
  value: number;
}

/** Clamp a velocity to MIDI's 1..127. */
export const v7 = (x: number): number => Math.max(1, Math.min(127, Math.round(x)));
