/**
 * purpose: pitched and unpitched percussion layers — timpani on the chord roots (a stroke at every phrase start,
 * pattern hits on root and fifth, a roll into the climax) and the kit/percussion voice through drums.ts's
 * per-palette mapping: orchestral percussion with no backbeat (bass drum, toms, a suspended-cymbal swell into
 * every hit and into the climax), ambient percussion only every few bars, a fill at every phrase end in rock and
 * chiptune. Endings: a button hit, or a soft final stroke under the tail.
 */
import { v7, type RawNote } from '../notes.js';
import { nearestPitchWithPc } from '../theory.js';
import { mod12 } from '../../theory/index.js';
import { drumBar } from '../drums.js';
import { GM_DRUMS as GM } from '../../theory/index.js';
import { PPQ } from '../../score/schema.js';
import type { BarContext, TextureWriter } from './context.js';

/** The chord sounding at a tick of the bar. */
function chordAtTick(ctx: BarContext, t: number) {
  let ch = ctx.spans[0].chord;
  for (const s of ctx.spans) if (ctx.toTick(Math.max(s.start, ctx.from)) <= t) ch = s.chord;
  return ch;
}

export const timpaniLayer: TextureWriter = (ctx, { lo, hi, baseVel }) => {
  const { inp, barTicks } = ctx;
  const { params, material } = inp;
  const notes: RawNote[] = [];
  const rootAt = (t: number) => nearestPitchWithPc(45, [chordAtTick(ctx, t).root], lo, hi);
  if (inp.ending === 'tail') {
    // A soft roll on the final root, dying away under the held chord.
    if (params.percussion >= 0.15) for (let t = 0; t < barTicks / 2; t += 120) notes.push({ tick: t, duration: 110, pitch: rootAt(0), velocity: v7(baseVel * 0.7 * (1 - t / barTicks)) });
    return notes;
  }
  if (inp.buildToClimax && params.percussion > 0.1) {
    // Roll into the climax: sixteenths with a crescendo.
    const p = rootAt(barTicks - 1);
    for (let t = 0; t < barTicks; t += 120) notes.push({ tick: t, duration: 110, pitch: p, velocity: v7(50 + (70 * t) / barTicks) });
    return notes;
  }
  // A stroke on the root at every phrase start (MUSIC.md orchestral action "timpani on roots at phrase starts").
  if (inp.barInPhrase === 0 && params.percussion >= 0.1) notes.push({ tick: 0, duration: 360, pitch: rootAt(0), velocity: v7(baseVel * 0.9) });
  if (params.percussion >= 0.3) {
    const pat = material.drumPatterns[inp.barInPhrase % material.drumPatterns.length];
    for (let i = 1; i < pat.length; i++) {
      if (pat[i] < 0.85) continue;
      const ch = chordAtTick(ctx, i * 120);
      const fifthPc = ch.pcs.includes(mod12(ch.root + 7)) ? mod12(ch.root + 7) : ch.root;
      notes.push({ tick: i * 120, duration: 220, pitch: nearestPitchWithPc(45, [i % 8 === 0 ? ch.root : fifthPc], lo, hi), velocity: v7(baseVel * (0.6 + 0.4 * pat[i])) });
    }
  }
  return notes;
};

/** Suspended-cymbal swell (rolled ride, 32nds, crescendo) over up to two beats before tick t. */
function cymbalSwell(until: number, velocity: number): RawNote[] {
  const out: RawNote[] = [];
  const from = Math.max(0, until - 2 * PPQ);
  for (let t = from; t < until; t += 60) out.push({ tick: t, duration: 55, pitch: GM.ride, velocity: v7(25 + ((velocity - 25) * (t - from + 60)) / Math.max(60, until - from)) });
  return out;
}

export const drumLayer: TextureWriter = (ctx, { voice, baseVel }) => {
  const { inp, barTicks, lastBarOfPhrase } = ctx;
  const { params, material, meter, style } = inp;
  const plan = material.plan;
  const notes: RawNote[] = [];
  if (params.percussion < (voice.minPercussion ?? 0)) return notes;
  if (inp.ending === 'tail') {
    // The tail: one soft downbeat (bass drum and cymbal) and silence while the chord rings.
    if (style === 'orchestral' || style === 'rock') {
      notes.push({ tick: 0, duration: Math.min(barTicks, 4 * PPQ), pitch: GM.crash, velocity: v7(baseVel * 0.6) });
      notes.push({ tick: 0, duration: 240, pitch: style === 'rock' ? GM.kick : GM.kick2, velocity: v7(baseVel * 0.7) });
    }
    return notes;
  }
  // Ambient: percussion at most every few bars (MUSIC.md ambient "percussion at most every few bars").
  const sparse = style === 'ambient';
  if (sparse && inp.barInPhrase % 4 !== 0 && !inp.buildToClimax) return notes;
  const pat = material.drumPatterns[inp.barInPhrase % material.drumPatterns.length];
  const kit = style === 'rock' || style === 'chiptune';
  const fill = lastBarOfPhrase && !plan.final && (kit ? params.percussion > 0.05 : style === 'orchestral' ? inp.buildToClimax || params.percussion > 0.45 : false);
  notes.push(...drumBar({ style, pattern: sparse ? pat.map((a, i) => (i === 0 || a >= 0.6 ? a : 0)) : pat, meter, level: params.percussion, velocity: v7(baseVel * (0.75 + 0.25 * params.percussion)), density: params.density, fill, crash: inp.barInPhrase === 0 && (plan.climax || plan.statement === 0) && params.percussion > 0.5 && plan.kind !== 'intro' }));
  if (style === 'orchestral') {
    if (inp.buildToClimax) {
      // Into the climax: a cymbal swell and a snare roll over the second half of the bar (structural, not a backbeat).
      notes.push(...cymbalSwell(barTicks, 100));
      for (let t = barTicks / 2; t < barTicks; t += 60) notes.push({ tick: t, duration: 55, pitch: GM.snare, velocity: v7(45 + (60 * t) / barTicks) });
    }
    for (const a of inp.accents) if (a.salience >= 0.5 && a.tick >= PPQ) notes.push(...cymbalSwell(a.tick, 70 + 40 * a.salience));
  }
  return notes;
};

/** The button: one full-beat hit on the downbeat with the tutti chord (drums: cymbal and bass drum; timpani: root). */
export const buttonHit: TextureWriter = (ctx, { voice, lo, hi, baseVel }) => {
  const { inp, spans } = ctx;
  const vel = v7(baseVel + inp.params.accent + 10);
  const beat = Math.round(Math.max(1, inp.meter.pulseQ) * PPQ);
  if (voice.texture === 'timpani') return [{ tick: 0, duration: beat, pitch: nearestPitchWithPc(45, [spans[spans.length - 1].chord.root], lo, hi), velocity: vel }];
  if (inp.style === 'piano' || inp.style === 'ambient') return [];
  return [
    { tick: 0, duration: 4 * PPQ, pitch: GM.crash, velocity: vel },
    { tick: 0, duration: beat, pitch: inp.style === 'orchestral' ? GM.kick2 : GM.kick, velocity: vel },
  ];
};
