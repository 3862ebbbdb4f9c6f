/**
 * purpose: what a MusicXML part is laid out into before it is written — the bar grid of the score (bars from the
 * metre map, the bar and the key at a tick) and, per bar, the items in document order: notes (chord members,
 * tied pieces, rests), <backup>s between voices, and directions.
 */
import { MeterMap, barCount, type KeyEvent, type Score } from '../../score/index.js';
import type { NotatedValue } from './durations.js';
import type { SpelledPitch } from '../../theory/index.js';

export interface Bar {
  index: number;
  start: number;
  end: number;
  numerator: number;
  denominator: number;
}

/** One <note> to write (a chord member, a tied piece or a rest), in ticks. */
export interface NoteItem {
  kind: 'note';
  tick: number;
  ticks: number;
  value: NotatedValue | null; // null: whole-measure rest
  voice: number;
  rest: boolean;
  hidden: boolean;
  chord: boolean;
  pitch?: SpelledPitch;
  drum?: { pitch: number };
  tieStop: boolean;
  tieStart: boolean;
  velocity: number;
  accidental?: string;
  /** Start/stop of a triplet bracket (on the lead note of a chord). */
  tuplet?: 'start' | 'stop' | 'both';
  /** Staff number in a grand staff. */
  staff?: number;
  staccato?: boolean;
  accent?: boolean;
  /** Where a phrasing slur starts or stops (on the attack of a note). */
  slur?: 'start' | 'stop';
  /** The attack was held into the next note (articulate.ts legato), for slurs.ts. */
  legato?: boolean;
  /** Tremolo strokes (a roll). */
  tremolo?: number;
}
export interface BackupItem {
  kind: 'backup';
  ticks: number;
}
export interface DirectionItem {
  kind: 'direction';
  /** Absolute tick while laid out; the offset from the note it precedes once placed (withDirections). */
  tick: number;
  xml: (offset: string) => string;
}
export type Item = NoteItem | BackupItem | DirectionItem;

/** Directions waiting to be placed, by bar index. */
export type DirectionsByBar = Map<number, DirectionItem[]>;

/** The score's bars and what holds at a tick (the same for every part). */
export interface BarGrid {
  bars: Bar[];
  /** Bar index at a tick (the last bar for ticks past the end). */
  barAt(tick: number): number;
  /** The key in force at a tick (undefined before the first key). */
  keyAt(tick: number): KeyEvent | undefined;
}

/**
 * The bar grid of a (normalized) score: at least one bar.
 *
 * @example
 * const grid = barGrid(score); // 4/4, 8 bars at PPQ 480
 * grid.bars[1] // { index: 1, start: 1920, end: 3840, numerator: 4, denominator: 4 }
 * grid.barAt(99999) // 7
 */
export function barGrid(score: Score): BarGrid {
  const mm = new MeterMap(score.meters);
  const nBars = Math.max(1, barCount(score));
  const bars: Bar[] = [];
  for (let i = 0; i < nBars; i++) {
    const start = mm.tickAtBar(i);
    const m = mm.meterAt(start);
    bars.push({ index: i, start, end: mm.tickAtBar(i + 1), numerator: m.numerator, denominator: m.denominator });
  }
  const keys = score.keys;
  return {
    bars,
    barAt: (tick) => Math.min(nBars - 1, mm.barBeatAt(tick).bar),
    keyAt: (tick) => {
      let k: KeyEvent | undefined;
      for (const e of keys) if (e.tick <= tick) k = e; else break;
      return k;
    },
  };
}

/**
 * Add a direction to the bar its tick falls in.
 *
 * @example
 * const dirs: DirectionsByBar = new Map();
 * addDirection(dirs, grid, 1920, (off) => `<direction>…${off}</direction>`); // 4/4 at PPQ 480
 * dirs.get(1)![0].tick // 1920
 */
export function addDirection(out: DirectionsByBar, grid: Pick<BarGrid, 'barAt'>, tick: number, xml: (offset: string) => string): void {
  const b = grid.barAt(tick);
  const list = out.get(b) ?? [];
  list.push({ kind: 'direction', tick, xml });
  out.set(b, list);
}
