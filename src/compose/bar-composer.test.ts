import { describe, it, expect } from 'vitest';
import { createBarComposer } from './bar-composer.js';
import { fixtureModels } from './test-support/fixture-style.js';
import { STYLES } from '../cue/spec.js';
import type { ComposedBar } from './api.js';
import { realiseRoman } from '../theory/index.js';

const models = fixtureModels();

function checkBar(bar: ComposedBar) {
  for (const p of bar.parts) {
    for (const n of p.notes) {
      expect(n.tick).toBeGreaterThanOrEqual(0);
      expect(n.tick + n.duration).toBeLessThanOrEqual(bar.ticks);
      expect(n.duration).toBeGreaterThan(0);
      expect(n.velocity).toBeGreaterThanOrEqual(1);
      expect(n.velocity).toBeLessThanOrEqual(127);
    }
    const byPitch = new Map<number, Array<{ tick: number; end: number }>>();
    for (const n of p.notes) byPitch.set(n.pitch, [...(byPitch.get(n.pitch) ?? []), { tick: n.tick, end: n.tick + n.duration }]);
    for (const list of byPitch.values()) {
      list.sort((a, b) => a.tick - b.tick);
      for (let i = 1; i < list.length; i++) expect(list[i].tick).toBeGreaterThanOrEqual(list[i - 1].end);
    }
    if (p.role === 'percussion') expect(p.channel).toBe(9);
  }
}

describe('createBarComposer', () => {
  it('composes bar after bar with a changing emotion; every bar is self-contained and playable', () => {
    for (const style of STYLES) {
      const bc = createBarComposer({ style, emotion: { valence: 0.2, arousal: -0.3, tension: 0.2 }, seed: 3, models });
      for (let i = 0; i < 20; i++) {
        const a = Math.sin(i / 3);
        const bar = bc.next({ valence: 0.5 - i / 20, arousal: a, tension: (i % 7) / 7 });
        expect(bar.index).toBe(i);
        checkBar(bar);
      }
      expect(bc.barIndex).toBe(20);
    }
  });

  it('higher arousal ⇒ more notes and louder; key stays continuous; tempo glides', () => {
    const count = (arousal: number) => {
      const bc = createBarComposer({ style: 'orchestral', emotion: { valence: 0, arousal, tension: 0.4 }, tonic: 2, seed: 1, models });
      let notes = 0, vel = 0;
      const bars: ComposedBar[] = [];
      for (let i = 0; i < 8; i++) bars.push(bc.next({ valence: 0, arousal, tension: 0.4 }));
      for (const b of bars) for (const p of b.parts) for (const n of p.notes) {
        notes++;
        vel += n.velocity;
      }
      return { notes, vel: vel / notes, bars };
    };
    const lo = count(-0.7), hi = count(0.8);
    expect(hi.notes).toBeGreaterThan(lo.notes * 1.5);
    expect(hi.vel).toBeGreaterThan(lo.vel + 10);
    for (const b of [...lo.bars, ...hi.bars]) expect(b.tonic).toBe(2);
    const bc = createBarComposer({ style: 'rock', emotion: { valence: 0, arousal: -0.8, tension: 0.1 }, seed: 1, models });
    let prev = bc.next({ valence: 0, arousal: -0.8, tension: 0.1 }).tempo;
    for (let i = 0; i < 10; i++) {
      const t = bc.next({ valence: 0, arousal: 1, tension: 1 }).tempo;
      expect(t / prev).toBeLessThanOrEqual(1.041);
      prev = t;
    }
  });

  it('is deterministic and shrugs off bad runtime values (NaN, out of range)', () => {
    const run = () => {
      const bc = createBarComposer({ style: 'ambient', emotion: { valence: 0, arousal: 0, tension: 0.5 }, seed: 9, models });
      const out: ComposedBar[] = [];
      for (let i = 0; i < 12; i++) out.push(bc.next({ valence: i === 3 ? NaN : 3, arousal: i === 5 ? -Infinity : 0.2, tension: 7 }));
      return JSON.stringify(out);
    };
    expect(run()).toBe(run());
  });

  it('marks notes that hold a pitch over the barline as ties (a held pad is not re-struck)', () => {
    let ties = 0;
    for (const style of ['ambient', 'orchestral'] as const) {
      const bc = createBarComposer({ style, emotion: { valence: -0.2, arousal: -0.6, tension: 0.3 }, seed: 5, models });
      let prev: ComposedBar | undefined;
      for (let i = 0; i < 16; i++) {
        const bar = bc.next({ valence: -0.2, arousal: -0.6, tension: 0.3 });
        for (const [pi, p] of bar.parts.entries()) {
          for (const n of p.notes) {
            if (!n.tie) continue;
            ties++;
            // A tie starts the bar and continues a note of the same part that ran to the barline.
            expect(n.tick).toBe(0);
            const before = prev?.parts[pi];
            expect(before?.name).toBe(p.name);
            expect(before!.notes.some((m) => m.pitch === n.pitch && m.tick + m.duration === prev!.ticks)).toBe(true);
          }
        }
        prev = bar;
      }
    }
    expect(ties).toBeGreaterThan(0);
  });

  it('join(tones): the next bar starts a phrase on a chord that shares tones with what came before', () => {
    // Before: an A major chord (the dominant of D minor). Without a join the next bar is wherever the phrase
    // is (1 of these 12 seeds fits); with it, the entry chord shares a tone and sits a semitone from none.
    const before = [9, 1, 4];
    let fits = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const bc = createBarComposer({ style: 'orchestral', emotion: { valence: -0.4, arousal: 0.2, tension: 0.5 }, tonic: 2, mode: 'minor', seed, models });
      for (let i = 0; i < 5; i++) bc.next({ valence: -0.4, arousal: 0.2, tension: 0.5 });
      bc.join!(before);
      const bar = bc.next({ valence: -0.4, arousal: 0.2, tension: 0.5 });
      checkBar(bar);
      const chord = realiseRoman(bar.chord, { tonic: bar.tonic, mode: bar.mode });
      expect(chord).not.toBeNull();
      const pcs = chord!.pcs.map((p) => ((p % 12) + 12) % 12);
      const shares = pcs.some((p) => before.includes(p));
      const semitone = pcs.some((p) => before.includes((p + 1) % 12) || before.includes((p + 11) % 12));
      if (shares && !semitone) fits++;
    }
    expect(fits).toBeGreaterThanOrEqual(10);
  });
});
