/**
 * purpose: percussion — maps the style model's onset/accent patterns (sixteenth grid) onto GM kit pieces per
 * palette (channel 10): backbeat kits for rock/chiptune, taiko-like toms and bass drum for orchestral action (no snare backbeat)
 * (MUSIC.md fear/action row: "taiko/timpani"), soft shakers for ambient. Ticks relative to the bar start.
 */
import type { Style } from '../cue/spec.js';
import type { BarPattern } from '../style/api.js';
import { GM_DRUMS, type MeterInfo } from '../theory/index.js';
import type { RawNote } from './notes.js';

const SIXTEENTH = 120;

export interface DrumBarOptions {
  style: Style;
  pattern: BarPattern;
  meter: MeterInfo;
  level: number;
  velocity: number;
  density: number;
  fill: boolean;
  crash: boolean;
}

export function drumBar(o: DrumBarOptions): RawNote[] {
  const out: RawNote[] = [];
  const n = o.pattern.length;
  const perPulse = Math.round(o.meter.pulseQ * 4);
  const vel = (a: number, base = o.velocity) => Math.max(1, Math.min(127, Math.round(base * (0.55 + 0.45 * a))));
  const hit = (i: number, pitch: number, v: number, dur = SIXTEENTH) => out.push({ tick: i * SIXTEENTH, duration: dur, pitch, velocity: v });
  const backbeat = (i: number) => i % perPulse === 0 && (i / perPulse) % 2 === 1;
  const fillFrom = o.fill ? n - perPulse : n;
  if (o.crash) hit(0, GM_DRUMS.crash, vel(1, Math.min(127, o.velocity + 10)), 4 * SIXTEENTH);
  for (let i = 0; i < n; i++) {
    const a = o.pattern[i] ?? 0;
    if (i >= fillFrom) {
      // fill: a run down the toms (orchestral/rock) or snare sixteenths (chiptune) into the next phrase
      const toms = o.style === 'chiptune' ? [GM_DRUMS.eSnare] : [GM_DRUMS.hiTom, GM_DRUMS.midTom, GM_DRUMS.lowTom, GM_DRUMS.floorTom];
      if (o.style !== 'ambient') hit(i, toms[Math.min(toms.length - 1, Math.floor(((i - fillFrom) * toms.length) / perPulse))], vel(0.6 + 0.4 * ((i - fillFrom) / perPulse)));
      continue;
    }
    switch (o.style) {
      case 'rock':
      case 'chiptune': {
        const snare = o.style === 'chiptune' ? GM_DRUMS.eSnare : GM_DRUMS.snare;
        if (backbeat(i)) hit(i, snare, vel(1));
        else if (a >= 0.7 || i === 0) hit(i, GM_DRUMS.kick, vel(a));
        else if (a > 0 && a < 0.35 && o.level > 0.6) hit(i, snare, vel(0.15)); // ghost note
        if (i % 2 === 0 || (o.density > 0.75 && o.level > 0.5)) hit(i, i === n - 2 && o.level > 0.7 ? GM_DRUMS.openHat : GM_DRUMS.closedHat, vel(i % 4 === 0 ? 0.7 : 0.4, o.velocity - 12), o.style === 'chiptune' ? 60 : SIXTEENTH);
        break;
      }
      case 'orchestral': {
        if (a <= 0) break;
        // Taiko-like: bass drum on the downbeat and the strongest accents, toms between — no rock backbeat.
        if (i === 0 || a >= 0.85) hit(i, GM_DRUMS.kick2, vel(a));
        else if (a >= 0.5) hit(i, GM_DRUMS.floorTom, vel(a * 0.85));
        else if (o.level > 0.55) hit(i, GM_DRUMS.lowTom, vel(a * 0.7));
        break;
      }
      case 'ambient': {
        if (a <= 0) break;
        if (i === 0 && o.level > 0.5) hit(i, GM_DRUMS.kick, vel(0.5, o.velocity - 20));
        else hit(i, a >= 0.6 ? GM_DRUMS.rimshot : GM_DRUMS.shaker, vel(a * 0.6, o.velocity - 25));
        break;
      }
      case 'piano':
        break;
    }
  }
  return out;
}
