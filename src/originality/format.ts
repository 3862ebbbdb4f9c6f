/**
 * purpose: the text of `leitmotif check` — one block per line (longest shared run with piece, place and
 * licence; n-gram shares), the nearest pieces, the attribution shares and the verdict last. Pure.
 */
import type { Attribution } from './attribution.js';
import { describePiece, type CheckReport } from './check.js';
import { LINE_NAMES } from './definition.js';

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const clock = (s: number) => `${Math.floor(s / 60)}:${(s % 60).toFixed(1).padStart(4, '0')}`;

/**
 * @example console.log(formatCheck('cue.mid', report, attribution))
 */
export function formatCheck(file: string, r: CheckReport, a: Attribution | null): string {
  const out: string[] = [];
  out.push(`${file}: melody ${r.lines.melody.events} events, bass ${r.lines.bass.events}, harmony ${r.lines.harmony.events} chords; checked against ${r.corpora.map((c) => `${c.name} (${c.pieces} pieces)`).join(', ')}`);
  for (const l of LINE_NAMES) {
    const x = r.lines[l];
    const m = x.longest;
    out.push(
      m
        ? `  ${l.padEnd(8)} longest shared run ${m.events} events at bar ${m.at.bar} beat ${m.at.beat} (${clock(m.at.seconds)}): ${describePiece(m.piece)}, event ${m.pieceEvent} — ${m.corpus}; licence: ${m.piece.licence}`
        : `  ${l.padEnd(8)} ${x.events < 2 ? 'no line to check' : 'no run shared with the corpora'}`,
    );
    if (x.events >= 5) out.push(`  ${''.padEnd(8)} n-grams found in the corpora: ${x.ngrams.map((g) => `${g.n}: ${pct(g.fraction)}`).join('  ')}`);
  }
  if (r.nearest.length) {
    out.push('  nearest pieces (share of the score’s distinct 6-event n-grams they contain):');
    for (const p of r.nearest) out.push(`    ${pct(p.similarity).padStart(7)}  ${describePiece(p.piece)} — ${p.corpus}`);
  }
  if (a) {
    const credited = a.events.melody + a.events.bass + a.events.harmony;
    const un = a.unsampled ? a.unsampled.melody + a.unsampled.bass + a.unsampled.harmony : 0;
    const how = a.method === 'sampled' ? `sampled while composing${a.source ? ` (${a.source})` : ''}: ${credited} events credited, ${un} altered or never sampled` : `post-hoc from the finished lines: ${credited} events`;
    out.push(`  attribution (${how}; ${pct(a.novelty)} of the evidence from no piece):`);
    out.push(`    corpora:     ${a.byCorpus.map((c) => `${c.corpus} ${pct(c.share)}`).join(', ')}`);
    out.push(`    collections: ${a.byCollection.slice(0, 6).map((c) => `${c.collection} ${pct(c.share)}`).join(', ')}`);
    out.push(`    top pieces:  ${a.topPieces.slice(0, 5).map((p) => `${p.title ? `“${p.title}”` : `${p.file} ${p.id}`} ${pct(p.share)}`).join(', ')}`);
  }
  out.push(`verdict: ${r.verdict.text}`);
  return out.join('\n');
}
