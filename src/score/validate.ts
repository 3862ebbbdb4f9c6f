/**
 * purpose: the invariants a Score must keep beyond its schema, reported as a list a person can read.
 * No zero/negative durations, no overlapping same-pitch notes on one channel (the synth would cut one of
 * them short), no note past the end, channels/programs in range, sorted tempo/meter maps starting at 0.
 */
import { ScoreSchema, type Score } from './schema.js';
import { MeterMap, ticksPerBar } from './meter-map.js';
import { TempoMap } from './tempo-map.js';
import { LeitmotifError, formatZodIssues } from '../util/errors.js';
import { LIMITS, formatLimit, formatSeconds } from '../util/limits.js';

export interface ScoreProblem {
  where: string;
  message: string;
}

export function findScoreProblems(score: Score): ScoreProblem[] {
  const out: ScoreProblem[] = [];
  const add = (where: string, message: string) => out.push({ where, message });

  if (score.tempo[0]?.tick !== 0) add('tempo', 'the first tempo event must be at tick 0');
  if (score.meters[0]?.tick !== 0) add('meters', 'the first meter event must be at tick 0');
  for (let i = 1; i < score.tempo.length; i++) if (score.tempo[i].tick < score.tempo[i - 1].tick) add(`tempo[${i}]`, 'tempo events are not sorted by tick');
  for (let i = 1; i < score.meters.length; i++) {
    const prev = score.meters[i - 1], cur = score.meters[i];
    if (cur.tick < prev.tick) add(`meters[${i}]`, 'meter events are not sorted by tick');
    else if ((cur.tick - prev.tick) % ticksPerBar(prev) !== 0) add(`meters[${i}]`, `meter change at tick ${cur.tick} is not on a barline`);
  }
  // Seconds through the tempo map, once the map itself is well-formed (first event at 0, sorted).
  if (out.length === 0) {
    const seconds = new TempoMap(score.tempo).ticksToSeconds(score.endTick);
    if (!(seconds <= LIMITS.scoreSeconds)) add('endTick', `the score lasts ${formatSeconds(seconds)}; the longest score Leitmotif reads is ${formatLimit(LIMITS.scoreSeconds)}`);
  }
  for (const [i, s] of score.sections.entries()) if (s.endTick <= s.tick) add(`sections[${i}]`, `section "${s.name}" ends before it starts`);

  // Same-pitch overlap is checked per channel across tracks: two tracks on one channel share voices.
  const byChannel = new Map<number, Array<{ tick: number; end: number; pitch: number; track: string }>>();
  for (const [ti, tr] of score.tracks.entries()) {
    const where = `tracks[${ti}] "${tr.name}"`;
    if (tr.role === 'percussion' && tr.channel !== 9) add(where, 'percussion tracks belong on channel 10 (index 9)');
    for (const [ni, n] of tr.notes.entries()) {
      if (!(n.duration > 0)) add(`${where}.notes[${ni}]`, `duration ${n.duration} is not positive`);
      if (n.tick + n.duration > score.endTick) add(`${where}.notes[${ni}]`, `note ends at tick ${n.tick + n.duration}, past the end (${score.endTick})`);
    }
    for (const [ci, c] of tr.controllers.entries()) if (c.tick > score.endTick) add(`${where}.controllers[${ci}]`, 'controller past the end');
    let list = byChannel.get(tr.channel);
    if (!list) byChannel.set(tr.channel, (list = []));
    for (const n of tr.notes) list.push({ tick: n.tick, end: n.tick + n.duration, pitch: n.pitch, track: tr.name });
  }
  for (const [ch, notes] of byChannel) {
    notes.sort((a, b) => a.pitch - b.pitch || a.tick - b.tick);
    for (let i = 1; i < notes.length; i++) {
      const a = notes[i - 1], b = notes[i];
      if (a.pitch === b.pitch && b.tick < a.end) {
        add(`channel ${ch + 1}`, `pitch ${a.pitch} overlaps itself at tick ${b.tick} ("${a.track}" / "${b.track}")`);
        if (out.length > 200) return out;
      }
    }
  }
  return out;
}

/** Parse unknown JSON into a Score and check its invariants; throws a LeitmotifError listing what is wrong. */
export function parseScore(json: unknown, source = 'score'): Score {
  const r = ScoreSchema.safeParse(json);
  if (!r.success) throw new LeitmotifError('LM_ERR_SCORE_INVALID', `${source} is not a valid Leitmotif score: ${formatZodIssues(r.error.issues)}`);
  assertValidScore(r.data, source);
  return r.data;
}

export function assertValidScore(score: Score, source = 'score'): void {
  const problems = findScoreProblems(score);
  if (problems.length) {
    const head = problems.slice(0, 3).map((p) => `${p.where}: ${p.message}`).join('; ');
    throw new LeitmotifError('LM_ERR_SCORE_INVALID', `${source} breaks ${problems.length} rule(s): ${head}${problems.length > 3 ? '; …' : ''}`);
  }
}

/** Bars in a score (ceil of its end). */
export function barCount(score: Score): number {
  const mm = new MeterMap(score.meters);
  const bb = mm.barBeatAt(score.endTick);
  return bb.barTick === score.endTick ? bb.bar : bb.bar + 1;
}
