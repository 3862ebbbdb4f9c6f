/**
 * Short film cues (what `score` makes from a screenplay: 15–30 s, a character's leitmotif, hits, dialogue) keep a
 * tune a composer would keep: the cue gets going at once, the leitmotif is stated whole and as written, and it is
 * heard again inside the cue (the theme recurs), not cut to fit a four-bar phrase.
 */
import { describe, it, expect } from 'vitest';
import { composeCue } from './compose-cue.js';
import { partitionBody, planForm } from './form.js';
import { parseCueSpec, resolveCue, type CueSpecInput } from '../cue/index.js';
import { loadDefaultStyleModels } from '../style/node.js';
import { leadLine } from '../eval/lines.js';
import { musicChecks } from '../eval/index.js';
import { Rng } from '../util/rng.js';

const models = loadDefaultStyleModels();
const compose = (s: CueSpecInput) => composeCue(resolveCue(parseCueSpec(s)), { models });

// A four-bar leitmotif (16 beats) and a two-bar one (8 beats), as the planner writes them (scale degrees).
const LONG = { id: 'rosa', notes: [0, 2, 4, 3, 2, 4, 5, 4, 7, 6, 4, 5, 4, 2, 1, 0].map((degree, i) => ({ degree, beats: i === 15 ? 1 : i % 4 === 3 ? 1.5 : 0.5 + (i % 2) * 0.5 })) };
const SHORT = { id: 'declan', notes: [{ degree: 4, beats: 0.75 }, { degree: 2, beats: 0.25 }, { degree: 2, beats: 0.75 }, { degree: 2, beats: 0.25 }, { degree: 1, beats: 1 }, { degree: 2, beats: 1 }, { degree: 2, beats: 1 }, { degree: 4, beats: 1 }, { degree: 4, beats: 2 }] };
const beatsOf = (m: typeof SHORT) => m.notes.reduce((s, n) => s + n.beats, 0);

/** The lead line from `bar` (1-based) on, as [interval, duration] pairs of its first `n` notes. */
function statementAt(r: ReturnType<typeof compose>, bar: number, n: number): { intervals: number[]; durations: number[]; ticks: number[] } {
  const line = leadLine(r.score).filter((x) => x.tick >= (bar - 1) * 1920).slice(0, n);
  return { intervals: line.slice(1).map((x, i) => x.pitch - line[i].pitch), durations: line.slice(1).map((x, i) => (x.tick - line[i].tick) / 480), ticks: line.map((x) => x.tick) };
}

describe('short film cues keep the tune', () => {
  it('a short cue spends at most one bar before the tune and leaves no more than a bar over', () => {
    for (let body = 4; body <= 40; body++) {
      const { lens, left } = partitionBody(body);
      expect(lens.reduce((a, b) => a + b, 0) + left).toBe(body);
      expect(left).toBeLessThanOrEqual(1);
      for (const l of lens) expect([4, 6, 8]).toContain(l);
    }
    for (const bars of [6, 8, 10, 12]) {
      const f = planForm({ bars, secondsPerBar: 2.5, emotion: { valence: 0.2, arousal: 0.1, tension: 0.3 }, home: { tonic: 0, mode: 'major' }, rng: new Rng(1), keyFixed: false });
      const intro = f.phrases.find((p) => p.kind === 'intro');
      expect(intro?.bars ?? 0, `${bars} bars`).toBeLessThanOrEqual(1);
    }
  });

  it.each([
    ['orchestral', LONG, 24, 84],
    ['piano', LONG, 26, 76],
    ['orchestral', SHORT, 21, 91],
    ['rock', SHORT, 17, 120],
  ] as const)('%s: a %s-note leitmotif is stated whole and as written, then heard again', (style, motif, duration, tempo) => {
    const r = compose({ duration, tempo, emotion: { valence: -0.1, arousal: 0.2, tension: 0.4 }, key: 'A', mode: 'dorian', style, motifs: [motif], hits: [{ time: duration * 0.6 }], seed: 3 });
    const use = r.summary.motifs.find((m) => m.id === motif.id && m.form === 'original');
    expect(use, JSON.stringify(r.summary.motifs)).toBeDefined();
    const n = motif.notes.length;
    const first = statementAt(r, use!.bar, n);
    // Every note of the motif, at its written durations (the statement is not cut at a phrase's half).
    expect(first.durations).toEqual(motif.notes.slice(0, -1).map((x) => x.beats));
    // The theme recurs: the motif's opening (its first bar's worth of notes: rhythm and intervals) starts again
    // later in the same cue, exactly.
    const head = motif.notes.filter((_, i) => motif.notes.slice(0, i).reduce((s, x) => s + x.beats, 0) < 4).length;
    const opening = statementAt(r, use!.bar, head);
    const lead = leadLine(r.score);
    const after = lead.filter((x) => x.tick >= first.ticks[0] + beatsOf(motif) * 480);
    const again = after.some((x, i) => {
      const w = after.slice(i, i + head);
      return w.length === head && w.slice(1).every((y, j) => y.pitch - w[j].pitch === opening.intervals[j] && (y.tick - w[j].tick) / 480 === opening.durations[j]);
    });
    expect(again, 'the leitmotif returns inside the cue').toBe(true);
  });

  it('a 20-second cue with a leitmotif repeats itself like a tune, not like a chord chart', () => {
    for (const seed of [1, 2, 3]) {
      const r = compose({ duration: 21, tempo: 91, emotion: { valence: -0.1, arousal: 0, tension: 0.4 }, key: 'A', mode: 'dorian', style: 'orchestral', motifs: [SHORT], seed });
      const c = musicChecks(r.score);
      // Targets of issue 11 (human band: Bach .37/.56, self-similarity .15–.6); the old form scored 0 / 0 / 0 here.
      expect(c.intervalRepetition, `seed ${seed}`).toBeGreaterThanOrEqual(0.3);
      expect(c.contourRepetition, `seed ${seed}`).toBeGreaterThanOrEqual(0.5);
      expect(c.selfSimilarity, `seed ${seed}`).toBeGreaterThanOrEqual(0.15);
    }
  });
});
