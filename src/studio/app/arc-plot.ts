/**
 * purpose: the story arc as an SVG plot — valence, arousal and tension per scene over screen time, scene bands
 * (click one to read it), the cues as spans above and the hit points as ticks.
 */
import type { AnalysisJson } from '../../affect/analysis-json.js';
import type { CueSheet } from '../../plan/cue-sheet.js';

const W = 1000;
const H = 230;
const TOP = 34;
const BOT = 20;
const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

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
    parts.push(`<rect class="scene" data-scene="${s.index}" x="${x(s.start)}" y="${TOP}" width="${Math.max(1, x(s.duration))}" height="${plotH}" fill="${sel ? '#2c3e55' : i % 2 ? '#161b21' : '#1d232b'}" style="cursor:pointer"><title>${esc(`${s.index + 1}. ${s.heading}`)}</title></rect>`);
    if (x(s.duration) > 40) parts.push(`<text x="${x(s.start) + 3}" y="${H - 6}" fill="#789" pointer-events="none">${s.index + 1}</text>`);
  });
  for (const c of sheet.cues) {
    const sel = c.id === selectedCue;
    parts.push(`<rect class="cue-span" data-cue="${c.id}" x="${x(c.start)}" y="4" width="${Math.max(2, x(c.end - c.start))}" height="16" rx="3" fill="${sel ? '#d69e2e' : '#2b6cb0'}" style="cursor:pointer"><title>${c.id} ${esc(c.title)}</title></rect>`);
    parts.push(`<text x="${x(c.start) + 4}" y="16" fill="${sel ? '#111' : '#fff'}" pointer-events="none">${c.id}</text>`);
    for (const h of c.hits) parts.push(`<line x1="${x(h.time)}" x2="${x(h.time)}" y1="${TOP}" y2="${TOP + plotH}" stroke="${h.caught ? '#f6ad55' : '#744'}" stroke-dasharray="${h.caught ? '' : '3 3'}" pointer-events="none"><title>${esc(h.label)}</title></line>`);
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
  parts.push('</svg>');
  return parts.join('');
}
