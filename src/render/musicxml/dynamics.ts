/**
 * purpose: printed dynamics from note velocities, so a player sees the shape the MIDI plays. Each bar's mean
 * velocity is mapped to the nearest mark on MuseScore's default velocity scale (pp 33, p 49, mp 64, mf 80,
 * f 96, ff 112); a mark is printed where the level changes, with a little hysteresis so humanized velocities
 * do not flicker between neighbours.
 */
const LEVELS: Array<[string, number]> = [['pp', 33], ['p', 49], ['mp', 64], ['mf', 80], ['f', 96], ['ff', 112]];
const HYSTERESIS = 4;

export interface DynamicMark {
  tick: number;
  mark: string;
}

export function dynamicMarks(notes: ReadonlyArray<{ tick: number; velocity: number }>, bars: ReadonlyArray<{ start: number; end: number }>): DynamicMark[] {
  const out: DynamicMark[] = [];
  let current = -1;
  const sorted = [...notes].sort((a, b) => a.tick - b.tick);
  let i = 0;
  for (const bar of bars) {
    while (i < sorted.length && sorted[i].tick < bar.start) i++;
    let sum = 0, n = 0, first = -1;
    for (let j = i; j < sorted.length && sorted[j].tick < bar.end; j++) {
      sum += sorted[j].velocity;
      n++;
      if (first < 0) first = sorted[j].tick;
    }
    if (n === 0) continue;
    const mean = sum / n;
    let level = 0;
    for (let k = 1; k < LEVELS.length; k++) if (Math.abs(LEVELS[k][1] - mean) < Math.abs(LEVELS[level][1] - mean)) level = k;
    if (current >= 0 && level !== current) {
      // Stay on the current level unless the mean is clearly past the midpoint towards the new one.
      const mid = (LEVELS[current][1] + LEVELS[level][1]) / 2;
      if (Math.abs(mean - mid) < HYSTERESIS) continue;
    }
    if (level !== current) out.push({ tick: first, mark: LEVELS[level][0] });
    current = level;
  }
  return out;
}
