/**
 * purpose: the cue table printed by `leitmotif score` — a spotting list a person reads at a glance: cue id,
 * in/out timecode, scenes, emotion, key/tempo, hits caught — then each cue's one-line direction, and any hit that
 * could not be caught and why.
 */
import type { Affect } from '../affect/types.js';
import type { CueSheet } from './cue-sheet.js';

/** A word for a region of the circumplex (MUSIC.md emotion table), for people rather than for the composer. */
export function emotionLabel(a: Affect): string {
  if (a.tension >= 0.6 && Math.abs(a.arousal) < 0.35) return 'suspense';
  if (Math.abs(a.valence) < 0.3 && Math.abs(a.arousal) < 0.3) return a.tension >= 0.45 ? 'unease' : 'neutral';
  if (Math.abs(a.valence) < 0.2) return a.arousal >= 0 ? (a.tension >= 0.45 ? 'tense' : 'energetic') : 'calm';
  if (a.valence >= 0) return a.arousal >= 0 ? 'joy' : 'tender';
  return a.arousal >= 0 ? (a.tension >= 0.5 ? 'fear' : 'anger') : 'grief';
}

const pad = (s: string, n: number) => (s.length >= n ? s.slice(0, n) : s + ' '.repeat(n - s.length));
const sgn = (x: number) => (x >= 0 ? '+' : '') + x.toFixed(2);

export function formatCueTable(sheet: CueSheet): string {
  const rows: string[][] = [['cue', 'in', 'out', 'scenes', 'emotion (v/a/t)', 'key / tempo', 'hits', 'motifs']];
  for (const c of sheet.cues) {
    const key = c.composed ? c.composed.key : `${c.spec.key ?? '?'} ${c.spec.mode ?? ''}`;
    const tempo = c.composed ? c.composed.tempo : c.spec.tempo ?? 0;
    const caught = c.hits.filter((h) => h.caught).length;
    rows.push([
      c.id,
      c.startTC,
      c.endTC,
      (c.sceneNumbers ?? c.scenes.map((s) => String(s + 1))).join(','),
      `${emotionLabel(c.affect)} ${sgn(c.affect.valence)}/${sgn(c.affect.arousal)}/${c.affect.tension.toFixed(2)}${c.underDialogue ? ' (under dialogue)' : ''}`,
      `${key.trim()} ${Math.round(tempo)} bpm ${c.spec.meter ?? ''}`.trim(),
      c.hits.length ? `${caught}/${c.hits.length}` : '-',
      c.motifs.map((m) => `${m.character}:${m.forms.join('+')}`).join(' ') || '-',
    ]);
  }
  const widths = rows[0].map((_, i) => Math.min(48, Math.max(...rows.map((r) => r[i].length))));
  const lines = rows.map((r) => r.map((cell, i) => pad(cell, widths[i])).join('  ').trimEnd());
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  // Hits left out only because a cue had enough already are in the JSON; the table lists the real misses.
  const crowded = (r?: string) => !!r && r.includes('weaker ones dropped');
  const missed = sheet.cues.flatMap((c) => c.hits.filter((h) => !h.caught && !crowded(h.reason)).map((h) => `  ${c.id} ${h.timecode} "${h.label}": ${h.reason ?? 'not caught'}`));
  const dropped = sheet.cues.reduce((n, c) => n + c.hits.filter((h) => !h.caught && crowded(h.reason)).length, 0);
  const described = sheet.cues.filter((c) => c.description);
  if (described.length) lines.push('', 'directions:', ...described.map((c) => `  ${c.id}  ${c.description}`));
  if (missed.length) lines.push('', 'hits not caught:', ...missed);
  if (dropped) lines.push('', `${dropped} weaker hit${dropped === 1 ? '' : 's'} left out of busy cues (listed in cuesheet.json)`);
  if (sheet.dryScenes.length) lines.push('', `dry scenes: ${sheet.dryScenes.map((d) => d.number ?? String(d.scene + 1)).join(', ')}`);
  return lines.join('\n');
}
