/**
 * purpose: `arcToSvg(arc, script)` — a self-contained SVG plot of the emotional arc: valence and arousal lines
 * on a [-1, 1] panel, tension on a [0, 1] panel below, scene boundaries as vertical lines with scene numbers,
 * hit points as markers sized by salience. Pure (string out), deterministic, no external fonts or scripts.
 */
import type { Script } from '../script/types.js';
import { formatClock } from './analysis-json.js';
import type { Arc, Hit } from './types.js';

const W = 1200;
const H = 520;
const M = { left: 64, right: 150, top: 48, bottom: 44 };
const GAP = 36;
const COLORS = { valence: '#1f77b4', arousal: '#d62728', tension: '#7b3fa0', grid: '#e3e3e3', axis: '#444', scene: '#9a9a9a', hit: '#e08a00' };

// Characters XML 1.0 forbids (C0 controls but tab/newline/CR, lone surrogates, U+FFFE/FFFF) and C1 controls are
// dropped, so text from a hostile script (terminal escapes) still gives a well-formed SVG.
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const esc = (s: string) => s.replace(XML_INVALID, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
const f1 = (x: number) => (Math.round(x * 10) / 10).toString();

function tickStep(duration: number): number {
  for (const s of [5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600]) if (duration / s <= 12) return s;
  return 7200;
}

export function arcToSvg(arc: Arc, script: Script): string {
  const duration = Math.max(script.duration, ...arc.scenes.map((s) => s.start + s.duration), ...arc.beats.map((b) => b.start + b.duration), 1);
  const plotW = W - M.left - M.right;
  const panelH = (H - M.top - M.bottom - GAP) / 2;
  const top1 = M.top, top2 = M.top + panelH + GAP;
  const x = (t: number) => M.left + (t / duration) * plotW;
  const yVA = (v: number) => top1 + ((1 - v) / 2) * panelH;
  const yT = (v: number) => top2 + (1 - v) * panelH;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif" font-size="11">`);
  out.push(`<title>${esc(`Emotional arc${script.title ? ` — ${script.title}` : ''}`)}</title>`);
  out.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  out.push(`<text x="${M.left}" y="20" font-size="15" font-weight="bold" fill="#222">${esc(`Emotional arc${script.title ? ` — ${script.title}` : ''}`)}</text>`);
  out.push(`<text x="${M.left}" y="36" fill="#666">${esc(`${arc.scenes.length} scenes · ${formatClock(duration)} · ${arc.hits.length} hit points · ${arc.source} analysis`)}</text>`);

  // Grids and axes.
  for (const v of [-1, -0.5, 0, 0.5, 1]) {
    out.push(`<line x1="${M.left}" x2="${M.left + plotW}" y1="${f1(yVA(v))}" y2="${f1(yVA(v))}" stroke="${v === 0 ? '#bbb' : COLORS.grid}"/>`);
    out.push(`<text x="${M.left - 6}" y="${f1(yVA(v) + 4)}" text-anchor="end" fill="${COLORS.axis}">${v}</text>`);
  }
  for (const v of [0, 0.25, 0.5, 0.75, 1]) {
    out.push(`<line x1="${M.left}" x2="${M.left + plotW}" y1="${f1(yT(v))}" y2="${f1(yT(v))}" stroke="${COLORS.grid}"/>`);
    out.push(`<text x="${M.left - 6}" y="${f1(yT(v) + 4)}" text-anchor="end" fill="${COLORS.axis}">${v}</text>`);
  }
  out.push(`<text transform="translate(16 ${f1(top1 + panelH / 2)}) rotate(-90)" text-anchor="middle" fill="${COLORS.axis}">valence / arousal</text>`);
  out.push(`<text transform="translate(16 ${f1(top2 + panelH / 2)}) rotate(-90)" text-anchor="middle" fill="${COLORS.axis}">tension</text>`);
  const step = tickStep(duration);
  for (let t = 0; t <= duration + 1e-9; t += step) {
    out.push(`<line x1="${f1(x(t))}" x2="${f1(x(t))}" y1="${f1(top2 + panelH)}" y2="${f1(top2 + panelH + 4)}" stroke="${COLORS.axis}"/>`);
    out.push(`<text x="${f1(x(t))}" y="${f1(top2 + panelH + 16)}" text-anchor="middle" fill="${COLORS.axis}">${formatClock(t)}</text>`);
  }
  out.push(`<text x="${f1(M.left + plotW / 2)}" y="${H - 8}" text-anchor="middle" fill="${COLORS.axis}">time (m:ss, estimated screen time)</text>`);
  for (const top of [top1, top2]) out.push(`<rect x="${M.left}" y="${f1(top)}" width="${plotW}" height="${f1(panelH)}" fill="none" stroke="${COLORS.axis}"/>`);

  // Scene boundaries, numbered; label only when there is room.
  let lastLabel = -Infinity;
  // Long scripts have hundreds of scenes: fade the boundaries so the curves stay readable.
  const sceneOpacity = arc.scenes.length > 60 ? 0.35 : 1;
  for (const s of arc.scenes) {
    const sx = x(s.start);
    out.push(`<line x1="${f1(sx)}" x2="${f1(sx)}" y1="${f1(top1)}" y2="${f1(top2 + panelH)}" stroke="${COLORS.scene}" stroke-opacity="${sceneOpacity}" stroke-dasharray="3 3" stroke-width="0.8"><title>${esc(`${s.index + 1}. ${s.heading} (${formatClock(s.start)})`)}</title></line>`);
    if (sx - lastLabel >= 16) {
      out.push(`<text x="${f1(sx + 2)}" y="${f1(top1 - 4)}" fill="${COLORS.scene}" font-size="9">${s.index + 1}</text>`);
      lastLabel = sx;
    }
  }

  // Lines.
  const poly = (pts: Array<[number, number]>, color: string, width = 1.8) =>
    pts.length ? `<polyline fill="none" stroke="${color}" stroke-width="${width}" stroke-linejoin="round" points="${pts.map(([a, b]) => `${f1(a)},${f1(b)}`).join(' ')}"/>` : '';
  const mids = arc.beats.map((b) => b.start + b.duration / 2);
  out.push(poly(arc.beats.map((b, i) => [x(mids[i]), yVA(b.valence)]), COLORS.valence));
  out.push(poly(arc.beats.map((b, i) => [x(mids[i]), yVA(b.arousal)]), COLORS.arousal));
  out.push(poly(arc.beats.map((b, i) => [x(mids[i]), yT(b.tension)]), COLORS.tension, 2));
  // Scene means as faint steps behind the beat lines.
  for (const s of arc.scenes) {
    const x0 = x(s.start), x1 = x(s.start + s.duration);
    out.push(`<line x1="${f1(x0)}" x2="${f1(x1)}" y1="${f1(yVA(s.valence))}" y2="${f1(yVA(s.valence))}" stroke="${COLORS.valence}" stroke-opacity="0.35" stroke-width="4"/>`);
    out.push(`<line x1="${f1(x0)}" x2="${f1(x1)}" y1="${f1(yVA(s.arousal))}" y2="${f1(yVA(s.arousal))}" stroke="${COLORS.arousal}" stroke-opacity="0.35" stroke-width="4"/>`);
    out.push(`<line x1="${f1(x0)}" x2="${f1(x1)}" y1="${f1(yT(s.tension))}" y2="${f1(yT(s.tension))}" stroke="${COLORS.tension}" stroke-opacity="0.3" stroke-width="4"/>`);
  }

  // Hits (cuts are already the dashed lines).
  for (const h of arc.hits) {
    if (h.kind === 'cut') continue;
    const hx = x(h.time), r = 2 + 4 * h.salience;
    out.push(`<circle cx="${f1(hx)}" cy="${f1(top2 + panelH - r - 2)}" r="${f1(r)}" fill="${COLORS.hit}" fill-opacity="${f1(0.35 + 0.6 * h.salience)}"><title>${esc(`${formatClock(h.time)} ${h.kind} (${h.salience.toFixed(2)}): ${h.text}`)}</title></circle>`);
  }

  // Legend.
  const lx = M.left + plotW + 16;
  const legend: Array<[string, string]> = [['valence', COLORS.valence], ['arousal', COLORS.arousal], ['tension', COLORS.tension]];
  legend.forEach(([name, color], i) => {
    out.push(`<line x1="${lx}" x2="${lx + 22}" y1="${top1 + 10 + i * 18}" y2="${top1 + 10 + i * 18}" stroke="${color}" stroke-width="2.5"/>`);
    out.push(`<text x="${lx + 28}" y="${top1 + 14 + i * 18}" fill="#222">${name}</text>`);
  });
  out.push(`<circle cx="${lx + 11}" cy="${top1 + 64}" r="4" fill="${COLORS.hit}"/><text x="${lx + 28}" y="${top1 + 68}" fill="#222">hit point</text>`);
  out.push(`<line x1="${lx + 11}" x2="${lx + 11}" y1="${top1 + 76}" y2="${top1 + 92}" stroke="${COLORS.scene}" stroke-dasharray="3 3"/><text x="${lx + 28}" y="${top1 + 88}" fill="#222">scene start</text>`);
  out.push(`<text x="${lx}" y="${top1 + 112}" fill="#666" font-size="10">thin: per beat</text><text x="${lx}" y="${top1 + 126}" fill="#666" font-size="10">wide: scene mean</text>`);
  const counts = new Map<Hit['kind'], number>();
  for (const h of arc.hits) if (h.kind !== 'cut') counts.set(h.kind, (counts.get(h.kind) ?? 0) + 1);
  [...counts.entries()].forEach(([k, n], i) => out.push(`<text x="${lx}" y="${top2 + 12 + i * 14}" fill="#666" font-size="10">${esc(`${k}: ${n}`)}</text>`));
  out.push('</svg>');
  return out.filter(Boolean).join('\n') + '\n';
}
