/**
 * purpose: the studio's cue sheet as CSV (one row per cue: id, in/out timecode, scenes, emotion, palette, key,
 * tempo, hits caught/total, motifs, direction) for a music editor's spreadsheet; RFC 4180 quoting.
 */
import type { CueSheet } from '../plan/cue-sheet.js';
import { emotionLabel } from '../plan/cue-table.js';

const HEADER = ['cue', 'title', 'in', 'out', 'duration_s', 'scenes', 'emotion', 'valence', 'arousal', 'tension', 'palette', 'key', 'tempo', 'meter', 'bars', 'hits_caught', 'hits', 'motifs', 'direction'];

const cell = (v: unknown): string => {
  const s = v === undefined || v === null ? '' : String(v);
  // Quote when needed; a leading = + - @ is defused so a spreadsheet never runs it as a formula.
  const safe = /^[=+\-@]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/**
 * @example cueSheetCsv(sheet, {}).split('\n')[0] // 'cue,title,in,out,…'
 */
export function cueSheetCsv(sheet: CueSheet, directions: Record<string, { text: string }>): string {
  const rows = sheet.cues.map((c) => {
    const e = c.spec.emotion;
    return [
      c.id, c.title, c.startTC, c.endTC, (c.end - c.start).toFixed(3), c.scenes.map((s) => s + 1).join(' '), emotionLabel(e), e.valence, e.arousal, e.tension,
      c.spec.style, c.composed ? `${c.composed.key} ${c.composed.mode}` : `${c.spec.key ?? ''} ${c.spec.mode ?? ''}`.trim(), c.composed?.tempo ?? c.spec.tempo ?? '', c.composed?.meter ?? c.spec.meter ?? '',
      c.composed?.bars ?? c.spec.bars ?? '', c.hits.filter((h) => h.caught).length, c.hits.length, c.spec.motifs.map((m) => m.name ?? m.id).join('; '), directions[c.id]?.text ?? '',
    ].map(cell).join(',');
  });
  return [HEADER.join(','), ...rows].join('\r\n') + '\r\n';
}
