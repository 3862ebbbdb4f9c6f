/**
 * purpose: the piano roll of one take — every track's notes on one pitch grid (the selected track bright,
 * the others dim, muted ones faint), bar/beat lines, bar numbers, chord symbols, hit markers, locked bars
 * shaded, and a playhead. Clicks are reported as grid positions; the page decides what they mean.
 */
import type { Score } from '../../score/schema.js';
import { barTicks, beatTicks } from './timing.js';

export const PX_PER_BEAT = 26;
export const ROW = 5;
const HEAD = 34;
const COLORS = ['#63b3ed', '#f6ad55', '#68d391', '#fc8181', '#b794f4', '#f687b3', '#4fd1c5', '#faf089', '#a0aec0', '#ed8936'];
export const trackColor = (i: number) => COLORS[i % COLORS.length];

export interface RollView {
  score: Score;
  chords: Array<{ bar: number; tick: number; symbol: string }>;
  selectedTrack: string | null;
  muted: Set<string>;
  lockedBars: [number, number] | null;
  lockedTracks: Set<string>;
}

export interface RollGeometry {
  lo: number;
  hi: number;
  width: number;
  height: number;
  x: (tick: number) => number;
  tickAtX: (px: number) => number;
  pitchAtY: (py: number) => number;
}

export function geometry(score: Score): RollGeometry {
  const pitches = score.tracks.filter((t) => t.channel !== 9).flatMap((t) => t.notes.map((n) => n.pitch));
  const lo = Math.max(0, (pitches.length ? Math.min(...pitches) : 48) - 2);
  const hi = Math.min(127, (pitches.length ? Math.max(...pitches) : 72) + 2);
  const pxPerTick = PX_PER_BEAT / 480;
  return {
    lo, hi, width: Math.ceil(score.endTick * pxPerTick) + 2, height: HEAD + (hi - lo + 1) * ROW,
    x: (t) => t * pxPerTick, tickAtX: (px) => px / pxPerTick, pitchAtY: (py) => hi - Math.floor((py - HEAD) / ROW),
  };
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function rollSvg(v: RollView): string {
  const g = geometry(v.score);
  const y = (p: number) => HEAD + (g.hi - p) * ROW;
  const out: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" width="${g.width}" height="${g.height}" font-family="system-ui" font-size="10" id="roll-svg">`];
  for (let p = g.lo; p <= g.hi; p++) if ([1, 3, 6, 8, 10].includes(p % 12)) out.push(`<rect x="0" y="${y(p)}" width="${g.width}" height="${ROW}" fill="#12161b" />`);
  const bars = barTicks(v.score);
  const meters = [...v.score.meters].sort((a, b) => a.tick - b.tick);
  bars.forEach((t, i) => {
    const m = [...meters].reverse().find((mm) => mm.tick <= t) ?? meters[0];
    const next = bars[i + 1] ?? v.score.endTick;
    if (v.lockedBars && i + 1 >= v.lockedBars[0] && i + 1 <= v.lockedBars[1]) out.push(`<rect class="locked-bar" x="${g.x(t)}" y="${HEAD - 14}" width="${g.x(next) - g.x(t)}" height="${g.height - HEAD + 14}" fill="#c5303026" />`);
    for (let b = t + beatTicks(m); b < next; b += beatTicks(m)) out.push(`<line x1="${g.x(b)}" x2="${g.x(b)}" y1="${HEAD}" y2="${g.height}" stroke="#1c2229" />`);
    out.push(`<line x1="${g.x(t)}" x2="${g.x(t)}" y1="0" y2="${g.height}" stroke="#3a4350" />`);
    out.push(`<text x="${g.x(t) + 3}" y="11" fill="#9aa">${i + 1}</text>`);
  });
  for (const c of v.chords) out.push(`<text class="chord" x="${g.x(c.tick) + 3}" y="26" fill="#e2e8f0" font-weight="600">${esc(c.symbol)}</text>`);
  v.score.tracks.forEach((t, i) => {
    if (t.channel === 9) return;
    const sel = v.selectedTrack === null || v.selectedTrack === t.name;
    const op = v.muted.has(t.name) ? 0.15 : sel ? 0.95 : 0.35;
    const locked = v.lockedTracks.has(t.name);
    for (const n of t.notes) {
      out.push(`<rect class="note" data-track="${esc(t.name)}" data-tick="${n.tick}" data-pitch="${n.pitch}" x="${g.x(n.tick)}" y="${y(n.pitch)}" width="${Math.max(2, g.x(n.duration) - 1)}" height="${ROW - 0.5}" fill="${trackColor(i)}" opacity="${op}"${locked ? ' stroke="#c53030" stroke-width="1"' : ''}><title>${esc(t.name)} ${n.pitch} v${n.velocity}</title></rect>`);
    }
  });
  // Percussion as ticks along the bottom row.
  for (const t of v.score.tracks.filter((tt) => tt.channel === 9)) for (const n of t.notes) out.push(`<rect x="${g.x(n.tick)}" y="${g.height - 4}" width="2" height="4" fill="#a0aec0" opacity="${v.muted.has(t.name) ? 0.2 : 0.8}" />`);
  for (const h of v.score.hits) out.push(`<g class="hit"><line x1="${g.x(h.tick)}" x2="${g.x(h.tick)}" y1="${HEAD - 6}" y2="${g.height}" stroke="#f6ad55" stroke-width="1.5" /><polygon points="${g.x(h.tick) - 4},${HEAD - 10} ${g.x(h.tick) + 4},${HEAD - 10} ${g.x(h.tick)},${HEAD - 4}" fill="#f6ad55"><title>${esc(h.label)}</title></polygon></g>`);
  out.push(`<line id="playhead" x1="0" x2="0" y1="0" y2="${g.height}" stroke="#fff" stroke-width="1.5" visibility="hidden" />`);
  out.push('</svg>');
  return out.join('');
}
