import { describe, it, expect } from 'vitest';
import { AdaptiveEngine } from './engine.js';
import { createStubComposer } from './testing/stub-composer.js';
import { testGraph, notePairingProblems, monotonicProblems } from './testing/fixtures.js';
import type { OutEvent } from './events.js';
import type { SyncRule } from './graph.js';

const BAR = 1920;
const BEAT = 480;
const make = (g = testGraph(), seed?: number) => new AdaptiveEngine(g, { createComposer: createStubComposer, seed });

/** Drive an engine like a 30 fps game loop with inputs at exact times. */
function drive(engine: AdaptiveEngine, until: number, inputs: Array<[number, (e: AdaptiveEngine, t: number) => void]> = []): OutEvent[] {
  const out: OutEvent[] = [];
  const q = [...inputs].sort((a, b) => a[0] - b[0]);
  let qi = 0;
  for (let t = 0; t <= until + 1e-9; t += 1 / 30) {
    while (qi < q.length && q[qi][0] <= t) {
      out.push(...engine.advance(q[qi][0]));
      q[qi][1](engine, q[qi][0]);
      qi++;
    }
    out.push(...engine.advance(t));
  }
  out.push(...engine.stop(engine.nextBarline));
  return out;
}

describe('sync points', () => {
  const cases: Array<[SyncRule, (tick: number) => boolean, number]> = [
    ['immediate', () => true, 0],
    ['beat', (t) => t % BEAT === 0, BEAT],
    ['bar', (t) => t % BAR === 0, BAR],
    ['marker', (t) => t % (4 * BAR) === 0, 4 * BAR],
    ['end', (t) => t % (8 * BAR) === 0, 8 * BAR],
  ];
  for (const [sync, onGrid, bound] of cases) {
    it(`a "${sync}" change sounds on its boundary, no later than one ${sync} unit`, () => {
      for (const at of [1.13, 3.71, 7.2, 9.6]) {
        const e = make(testGraph({ transitions: [{ from: '*', to: '*', sync }], triggers: [] }));
        drive(e, at + 24, [[at, (en, t) => en.setState('combat', t)]]);
        const entry = e.log.find((l) => l.name === 'combat')!;
        expect(entry, `request at ${at}`).toBeDefined();
        // 100 bpm constant before the change: tick = seconds · 800.
        const requestedTick = Math.ceil(at * 800 - 1e-6);
        expect(onGrid(entry.tick), `${sync} at ${entry.tick}`).toBe(true);
        expect(entry.tick).toBeGreaterThanOrEqual(requestedTick);
        expect(entry.tick - requestedTick).toBeLessThanOrEqual(bound);
        expect(entry.sounded).toBeGreaterThanOrEqual(entry.requested - 1e-9);
        if (sync === 'bar' || sync === 'marker' || sync === 'end') expect(entry.beat).toBe(1);
        if (sync === 'beat') expect(Number.isInteger(entry.beat)).toBe(true);
      }
    });
  }

  it('"marker" in a segment state waits for the segment\'s sync marker, "end" for its end', () => {
    const g = testGraph({ initial: 'fanfare', states: { ...testGraph().states, fanfare: { segments: ['seg'] } } as never, transitions: [{ from: 'fanfare', to: 'calm', sync: 'marker' }] });
    const e = make(g);
    drive(e, 8, [[0.5, (en, t) => en.setState('calm', t)]]);
    expect(e.log[1]).toMatchObject({ name: 'calm', tick: 2 * BAR, bar: 3, beat: 1 });
    const g2 = testGraph({ initial: 'fanfare', states: { ...testGraph().states, fanfare: { segments: ['seg'] } } as never, transitions: [{ from: 'fanfare', to: 'calm', sync: 'end' }] });
    const e2 = make(g2);
    drive(e2, 12, [[0.5, (en, t) => en.setState('calm', t)]]);
    expect(e2.log[1]).toMatchObject({ name: 'calm', tick: 4 * BAR, bar: 5, beat: 1 });
  });

  it('a segment state with "then" moves on at the end of its pass', () => {
    const e = make();
    drive(e, 20, [[1, (en, t) => en.trigger('win', t)]]);
    const names = e.log.map((l) => `${l.name}@${l.tick}`);
    expect(names).toEqual(['calm@0', `fanfare@${BAR}`, `calm@${5 * BAR}`]);
  });

  it('a transition segment plays between the states', () => {
    const g = testGraph({ transitions: [{ from: 'calm', to: 'combat', sync: 'bar', segment: 'seg' }], triggers: [] });
    const e = make(g);
    const out = drive(e, 16, [[0.2, (en, t) => en.setState('combat', t)]]);
    expect(e.log[1]).toMatchObject({ name: 'combat', via: 'seg', tick: BAR });
    // The segment's brass (program 61) sounds during its 4 bars, then the combat bed's programs.
    const brass = out.filter((x) => x.type === 'program' && x.program === 61);
    expect(brass.length).toBeGreaterThan(0);
    const notesInSeg = out.filter((x) => x.type === 'noteOn' && x.tick >= BAR && x.tick < 5 * BAR);
    expect(notesInSeg.length).toBeGreaterThan(0);
  });
});

describe('determinism and continuity', () => {
  const inputs: Array<[number, (e: AdaptiveEngine, t: number) => void]> = [
    [2, (e, t) => e.setParameter('intensity', 0.9, t)],
    [5.5, (e, t) => e.trigger('spotted', t)],
    [14, (e, t) => e.setParameter('danger', 0, t)],
    [16, (e, t) => e.trigger('win', t)],
  ];

  it('same seed and inputs give identical output; another seed differs', () => {
    const a = drive(make(testGraph(), 5), 30, inputs);
    const b = drive(make(testGraph(), 5), 30, inputs);
    const c = drive(make(testGraph(), 6), 30, inputs);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
  });

  it('output is monotonic, every note is released, and the clock never stops', () => {
    const out = drive(make(), 30, inputs);
    expect(monotonicProblems(out)).toEqual([]);
    expect(notePairingProblems(out)).toEqual([]);
    const bars = out.filter((x) => x.type === 'bar');
    for (let i = 1; i < bars.length; i++) expect(bars[i].tick - bars[i - 1].tick).toBe(BAR);
    // The tempo glides to combat's 130 bpm through a ramp bar instead of jumping.
    const bpms = bars.map((b) => (b.type === 'bar' ? [b.bpm0, b.bpm1] : [0, 0]));
    const ramp = bpms.find(([a, b]) => a !== b);
    expect(ramp).toBeDefined();
    for (let i = 1; i < bpms.length; i++) if (bpms[i][0] !== bpms[i - 1][1]) expect(bpms[i - 1][0]).toBe(bpms[i - 1][1]);
  });

  it('a parameter trigger requests the state and it sounds on the next barline', () => {
    const e = make();
    drive(e, 10, [[3, (en, t) => en.setParameter('danger', 1, t)]]);
    const entry = e.log.find((l) => l.name === 'combat')!;
    expect(entry.cause).toBe('param:danger');
    expect(entry.tick % BAR).toBe(0);
    // Smoothing (τ = 0.3 s) delays the crossing of 0.7 by ~0.3 s; the barline follows within one bar.
    expect(entry.requested).toBeGreaterThan(3.2);
    expect(entry.sounded - entry.requested).toBeLessThanOrEqual(2.4 + 1e-9);
  });

  it('a failing composer yields silent bars, never an exception', () => {
    let n = 0;
    const e = new AdaptiveEngine(testGraph(), {
      createComposer: (o) => {
        const inner = createStubComposer(o);
        return { get barIndex() { return inner.barIndex; }, next: (em) => { if (++n % 3 === 0) throw new Error('boom'); return inner.next(em); } };
      },
    });
    const out = drive(e, 20);
    expect(e.stats.composeErrors).toBeGreaterThan(0);
    expect(out.filter((x) => x.type === 'bar').length).toBeGreaterThanOrEqual(8);
    expect(notePairingProblems(out)).toEqual([]);
  });
});

describe('layers', () => {
  const drumNotes = (out: OutEvent[], fromBar: number, toBar: number) => out.filter((x) => x.type === 'noteOn' && x.channel === 9 && x.tick >= fromBar * BAR && x.tick < toBar * BAR).length;

  it('percussion enters when intensity rises past the threshold and leaves when it falls', () => {
    const out = drive(make(), 30, [[0, (e, t) => e.setParameter('intensity', 0.1, t)], [5, (e, t) => e.setParameter('intensity', 0.9, t)], [15, (e, t) => e.setParameter('intensity', 0.1, t)]]);
    expect(drumNotes(out, 0, 2)).toBe(0);
    expect(drumNotes(out, 4, 6)).toBeGreaterThan(0);
    expect(drumNotes(out, 8, 12)).toBe(0);
  });

  it('hysteresis: a value hovering around the threshold does not flap the layer', () => {
    const hover: Array<[number, (e: AdaptiveEngine, t: number) => void]> = [[0, (e, t) => e.setParameter('intensity', 0.9, t)]];
    // Inside the dead band (0.45..0.55) the layer keeps its state.
    for (let i = 0; i < 40; i++) hover.push([3 + i * 0.5, (e, t) => e.setParameter('intensity', i % 2 ? 0.46 : 0.54, t)]);
    const out = drive(make(), 25, hover);
    for (let bar = 2; bar < 10; bar++) expect(drumNotes(out, bar, bar + 1), `bar ${bar}`).toBeGreaterThan(0);
    // Below the band it switches off.
    const out2 = drive(make(), 25, [[0, (e, t) => e.setParameter('intensity', 0.9, t)], [3, (e, t) => e.setParameter('intensity', 0.44, t)]]);
    expect(drumNotes(out2, 4, 10)).toBe(0);
  });

  it('a layer fade is a CC11 ramp', () => {
    const out = drive(make(), 12, [[0, (e, t) => e.setParameter('intensity', 0.9, t)], [5, (e, t) => e.setParameter('intensity', 0.1, t)]]);
    const cc = out.filter((x) => x.type === 'cc' && x.channel === 9 && x.controller === 11).map((x) => (x.type === 'cc' ? x.value : 0));
    const mids = cc.filter((v) => v > 5 && v < 120);
    expect(mids.length).toBeGreaterThan(2);
  });
});

describe('stingers', () => {
  it('respect their cooldown and sound on a beat', () => {
    const inputs: Array<[number, (e: AdaptiveEngine, t: number) => void]> = [];
    for (let i = 0; i < 60; i++) inputs.push([1 + i * 0.25, (e, t) => e.stinger('hit', t)]);
    const e = make();
    drive(e, 20, inputs);
    const st = e.log.filter((l) => l.type === 'stinger');
    expect(st.length).toBeGreaterThan(3);
    for (let i = 1; i < st.length; i++) expect(st[i].sounded - st[i - 1].sounded).toBeGreaterThanOrEqual(2 - 1e-9);
    for (const s of st) expect(s.tick % BEAT).toBe(0);
    expect(e.stats.droppedStingers).toBeGreaterThan(40);
  });

  it('are transposed to the current chord (first note is a chord tone, all notes in the key)', () => {
    const e = make();
    const out: OutEvent[] = [];
    for (let bar = 0; bar < 8; bar++) {
      const t = bar * 2.4 + 0.1;
      out.push(...e.advance(t));
      e.stinger('hit', t);
      out.push(...e.advance(t + 2.3));
    }
    const stingerOns = out.filter((x) => x.type === 'noteOn' && x.channel === 15);
    const bars = out.filter((x): x is Extract<OutEvent, { type: 'bar' }> => x.type === 'bar');
    expect(stingerOns.length).toBeGreaterThan(3 * 3);
    const roots = new Set<number>();
    for (const st of e.log.filter((l) => l.type === 'stinger')) {
      const bar = [...bars].reverse().find((b) => b.tick <= st.tick)!;
      const first = stingerOns.find((x) => x.tick === st.tick)!;
      const chordPcs = chordPcsOf(bar.chord);
      expect(chordPcs, bar.chord).toContain(first.type === 'noteOn' ? first.pitch % 12 : -1);
      roots.add(first.type === 'noteOn' ? first.pitch % 12 : -1);
    }
    expect(roots.size).toBeGreaterThan(1); // it follows the harmony rather than repeating one transposition
    const dMinor = [2, 4, 5, 7, 9, 10, 0];
    for (const n of stingerOns) if (n.type === 'noteOn') expect(dMinor).toContain(n.pitch % 12);
  });
});

function chordPcsOf(symbol: string): number[] {
  const names = ['C', 'Db', 'D', 'Eb', 'E', 'F', 'Gb', 'G', 'Ab', 'A', 'Bb', 'B'];
  const minor = symbol.endsWith('m');
  const root = names.indexOf(minor ? symbol.slice(0, -1) : symbol);
  return [root, (root + (minor ? 3 : 4)) % 12, (root + 7) % 12];
}
