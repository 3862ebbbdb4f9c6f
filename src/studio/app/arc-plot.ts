/**
 * purpose: the story arc as an SVG plot — valence, arousal and tension per scene over screen time, scene bands
 * (click one to read it), the cues as spans above (drag their in/out points) and the hit points as lines (drag to
 * move, Shift-click to delete, double-click inside a cue to add one).
 */
import type { AnalysisJson } from '../../affect/analysis-json.js';
import type { CueSheet } from '../../plan/cue-sheet.js';

export const SELECTED_SCENE = '#2c3e55';
const W = 1000;
const H = 230;
const TOP = 34;
const BOT = 20;
const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** Screen seconds at a horizontal position in the plot (px from its left edge, of `width` px drawn). */
export function arcTimeAt(sheet: CueSheet, px: number, width: number): number {
  const duration = Math.max(1, sheet.duration, ...sheet.cues.map((c) => c.end));
  return Math.max(0, Math.min(duration, (px / width) * duration));
}

export function arcSvg(analysis: AnalysisJson | null, sheet: CueSheet, selectedCue: string | null, selectedScene: number | null): string {
  const duration = Math.max(1, sheet.duration, ...sheet.cues.map((c) => c.end));
  const x = (t: number) => (t / duration) * W;
  const plotH = H - TOP - BOT;
  const yUnit = (v: number) => TOP + ((1 - v) / 2) * plotH; // -1..1
  const y01 = (v: number) => TOP + (1 - v) * plotH; // 0..1
  const parts: string[] = [`<svg viewBox="0 0 ${W} ${H}" xmlns="http://www.w3.org/2000/svg" font-family="system-ui" font-size="10">`];
  parts.push(`<line x1="0" x2="${W}" y1="${yUnit(0)}" y2="${yUnit(0)}" stroke="#2a313b" />`);
  const scenes = analysis?.scenes ?? [];
  scenes.forEach((s, i) => {
    const sel = s.index === selectedScene;
    parts.push(`<rect class="scene" data-scene="${s.index}" x="${x(s.start)}" y="${TOP}" width="${Math.max(1, x(s.duration))}" height="${plotH}" fill="${sel ? SELECTED_SCENE : i % 2 ? '#161b21' : '#1d232b'}" data-fill="${i % 2 ? '#161b21' : '#1d232b'}" style="cursor:pointer"><title>${esc(`${s.number ?? s.index + 1}. ${s.heading}`)}</title></rect>`);
    if (x(s.duration) > 40) parts.push(`<text x="${x(s.start) + 3}" y="${H - 6}" fill="#789" pointer-events="none">${esc(String(s.number ?? s.index + 1))}</text>`);
  });
  for (const c of sheet.cues) {
    const sel = c.id === selectedCue;
    parts.push(`<rect class="cue-span" data-cue="${c.id}" x="${x(c.start)}" y="4" width="${Math.max(2, x(c.end - c.start))}" height="16" rx="3" fill="${sel ? '#d69e2e' : '#2b6cb0'}" style="cursor:pointer"><title>${c.id} ${esc(c.title)}</title></rect>`);
    parts.push(`<text x="${x(c.start) + 4}" y="16" fill="${sel ? '#111' : '#fff'}" pointer-events="none">${c.id}</text>`);
    // Drag handles on the cue's in and out points.
    for (const edge of ['start', 'end'] as const) parts.push(`<rect class="cue-edge" data-cue="${c.id}" data-edge="${edge}" x="${x(c[edge]) - 4}" y="2" width="8" height="20" fill="#fff" fill-opacity="0.01" style="cursor:ew-resize"><title>drag to move the ${edge === 'start' ? 'in' : 'out'} point of ${c.id}</title></rect>`);
    // The spec's hits are what compose syncs to; caught ones are solid.
    c.spec.hits.forEach((h, i) => {
      const t = c.start + h.time;
      const caught = c.hits.some((sh) => sh.caught && Math.abs(sh.time - t) < 0.05);
      parts.push(`<line x1="${x(t)}" x2="${x(t)}" y1="${TOP}" y2="${TOP + plotH}" stroke="${caught ? '#f6ad55' : '#a55'}" stroke-dasharray="${caught ? '' : '3 3'}" pointer-events="none" />`);
      parts.push(`<line class="hit" data-cue="${c.id}" data-hit="${i}" x1="${x(t)}" x2="${x(t)}" y1="${TOP}" y2="${TOP + plotH}" stroke="#fff" stroke-opacity="0.01" stroke-width="8" style="cursor:col-resize"><title>${esc(h.label)} (${caught ? 'caught' : 'not caught'}) — drag to move, Shift-click to delete</title></line>`);
    });
  }
  const line = (vals: Array<[number, number]>, color: string, label: string, ly: number) => {
    if (!vals.length) return;
    parts.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${vals.map(([a, b]) => `${a.toFixed(1)},${b.toFixed(1)}`).join(' ')}" pointer-events="none" />`);
    parts.push(`<text x="${W - 60}" y="${ly}" fill="${color}">${label}</text>`);
  };
  const pts = scenes.map((s) => ({ t: s.start + s.duration / 2, s }));
  // Without a screenplay, the cue's own emotion stands in for the scenes.
  const src = pts.length ? pts.map((p) => ({ t: p.t, v: p.s.valence, a: p.s.arousal, k: p.s.tension })) : sheet.cues.map((c) => ({ t: (c.start + c.end) / 2, v: c.spec.emotion.valence, a: c.spec.emotion.arousal, k: c.spec.emotion.tension }));
  line(src.map((p) => [x(p.t), yUnit(p.v)]), '#63b3ed', 'valence', TOP + 10);
  line(src.map((p) => [x(p.t), yUnit(p.a)]), '#f6ad55', 'arousal', TOP + 22);
  line(src.map((p) => [x(p.t), y01(p.k)]), '#fc8181', 'tension', TOP + 34);
  // Each cue's own target emotion (the spec compose follows, edits included), dashed over its span.
  for (const c of sheet.cues) {
    const e = c.spec.emotion;
    const curve = e.curve ?? [{ at: 0, ...e }, { at: 1, ...e }];
    const at = (p: { at: number }) => x(c.start + p.at * (c.end - c.start));
    for (const [k, color, y] of [['valence', '#63b3ed', yUnit], ['arousal', '#f6ad55', yUnit], ['tension', '#fc8181', y01]] as const) {
      parts.push(`<polyline class="cue-emotion" fill="none" stroke="${color}" stroke-width="1.5" stroke-dasharray="4 3" opacity="0.75" points="${curve.map((p) => `${at(p).toFixed(1)},${y(p[k]).toFixed(1)}`).join(' ')}" pointer-events="none" />`);
    }
  }
  parts.push(`<text x="4" y="${TOP + 10}" fill="#789">solid: the script · dashed: each cue's target</text>`);
  parts.push('</svg>');
  return parts.join('');
}
