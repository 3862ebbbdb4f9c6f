/**
 * purpose: a Score (composed cue, score.json, or any MIDI file read by render/midi) as the copy definition's
 * three lines (definition.ts): the melody skyline of every melody-role track merged (hand-offs included), the
 * lowest bass-role line, and the chord changes of every pitched track labelled as Roman numerals against the
 * key in force. Each event keeps its tick so a report can say where a match starts.
 */
import type { Score, Track } from '../score/schema.js';
import { chordSpansOfTexture } from '../style/corpus/texture.js';
import { detectKey, pitchClassHistogram } from '../style/key-detect.js';
import type { KeyContext } from '../style/api.js';
import { isDrumPart, pcOfName } from '../theory/index.js';
import { ioiLine, type CopyChord, type CopyNote, type LineName } from './definition.js';

export interface TimedLine<E> {
  events: E[];
  /** Onset tick of each event. */
  ticks: number[];
}

export interface ScoreLines {
  ppq: number;
  melody: TimedLine<CopyNote>;
  bass: TimedLine<CopyNote>;
  harmony: TimedLine<CopyChord>;
}

function line(score: Score, tracks: readonly Track[], pick: 'top' | 'bottom'): TimedLine<CopyNote> {
  const ppq = score.ppq;
  const notes = tracks.flatMap((t) => t.notes.map((n) => ({ onset: n.tick / ppq, duration: n.duration / ppq, pitch: n.pitch })));
  const events = ioiLine(notes, pick);
  // ioiLine keeps one event per onset in onset order: recover the ticks the same way.
  const ticks = [...new Set(notes.map((n) => Math.round(n.onset * 960)))].sort((a, b) => a - b).map((k) => Math.round((k / 960) * ppq));
  return { events, ticks };
}

/**
 * The harmony line of a score's tracks: Roman numerals per chord change of every pitched track but drums and
 * fx, each key region labelled against its own key (detected when none is written). The composer's harmony
 * guard (compose/harmony-guard.ts) measures with this very function.
 * @example harmonyLineOf({ ppq: 480, keys: score.keys, tracks: score.tracks }).events[0] // { roman: 'I', duration: 4 }
 */
export function harmonyLineOf(score: Pick<Score, 'ppq' | 'keys' | 'tracks'>): TimedLine<CopyChord> {
  return harmony(score, score.tracks.filter((t) => !isDrumPart(t) && t.role !== 'fx'));
}

function harmony(score: Pick<Score, 'ppq' | 'keys'>, tracks: readonly Track[]): TimedLine<CopyChord> {
  const ppq = score.ppq;
  const keys = [...score.keys].sort((a, b) => a.tick - b.tick);
  const regions: Array<{ tick: number; key: KeyContext | null }> = keys.length
    ? keys.map((k, i) => ({ tick: i === 0 ? 0 : k.tick, key: { tonic: pcOfName(k.tonic) ?? 0, mode: k.mode } }))
    : [{ tick: 0, key: null }];
  const events: CopyChord[] = [];
  const ticks: number[] = [];
  // Each note into its key region's bucket (the labelling does not need them in order: no sort).
  const buckets: Array<Array<{ onset: number; duration: number; pitch: number }>> = regions.map(() => []);
  for (const t of tracks)
    for (const n of t.notes) {
      let lo = 0;
      let hi = regions.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (regions[mid].tick <= n.tick) lo = mid;
        else hi = mid - 1;
      }
      const r = regions[lo];
      const end = regions[lo + 1]?.tick ?? Infinity;
      buckets[lo].push({ onset: (n.tick - r.tick) / ppq, duration: Math.min(n.duration, end - n.tick) / ppq, pitch: n.pitch });
    }
  regions.forEach((r, i) => {
    const plain = buckets[i];
    if (plain.length === 0) return;
    const key = r.key ?? (() => {
      const est = detectKey(pitchClassHistogram(plain));
      return { tonic: est.tonic, mode: est.mode };
    })();
    for (const c of chordSpansOfTexture(plain, key, 1)) {
      const last = events[events.length - 1];
      // A region boundary inside one chord would otherwise split it.
      if (last && last.roman === c.roman && ticks[ticks.length - 1] + Math.round(last.duration * ppq) === r.tick + Math.round(c.beat * ppq)) last.duration += c.beats;
      else {
        events.push({ roman: c.roman, duration: c.beats });
        ticks.push(r.tick + Math.round(c.beat * ppq));
      }
    }
  });
  return { events, ticks };
}

/**
 * @example
 * const lines = scoreLines(score);
 * lines.melody.events.length // one event per melody onset, flute and violin merged
 */
export function scoreLines(score: Score): ScoreLines {
  const pitched = score.tracks.filter((t) => !isDrumPart(t));
  const withRole = (role: Track['role']) => pitched.filter((t) => t.role === role);
  return {
    ppq: score.ppq,
    melody: line(score, withRole('melody'), 'top'),
    bass: line(score, withRole('bass'), 'bottom'),
    harmony: harmonyLineOf(score),
  };
}

export function lineEvents(lines: ScoreLines, name: LineName): CopyNote[] | CopyChord[] {
  return lines[name].events;
}
