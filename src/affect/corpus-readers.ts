/**
 * purpose: parse the corpora the text emotion model learns from (text in, rows out; no file system here).
 * EmoBank CSV (Buechel & Hahn 2017), VADER lexicon (Hutto & Gilbert 2014), AFINN-165 (Nielsen 2011),
 * GoEmotions TSV (Demszky et al. 2020).
 */

export interface EmoRow {
  id: string;
  valence: number;
  arousal: number;
  text: string;
}

/** RFC 4180 CSV: quoted fields, doubled quotes, newlines inside quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else field += c;
    } else if (c === '"') inQuotes = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** EmoBank `id,split,V,A,D,text` rows; rows with unreadable numbers are skipped. */
export function parseEmoBank(csv: string): EmoRow[] {
  const rows = parseCsv(csv);
  const header = rows[0]?.map((h) => h.trim()) ?? [];
  const iId = header.indexOf('id'), iV = header.indexOf('V'), iA = header.indexOf('A'), iT = header.indexOf('text');
  if (iId < 0 || iV < 0 || iA < 0 || iT < 0) throw new Error('EmoBank CSV needs columns id,V,A,text');
  const out: EmoRow[] = [];
  for (const r of rows.slice(1)) {
    const v = Number(r[iV]), a = Number(r[iA]);
    if (!Number.isFinite(v) || !Number.isFinite(a) || r[iT] === undefined) continue;
    out.push({ id: r[iId], valence: v, arousal: a, text: r[iT] });
  }
  return out;
}

/** Single-word entries only (the tokenizer never produces multi-word or emoticon tokens). */
const WORD = /^[a-z][a-z']*$/;

export function parseVader(text: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const line of text.split('\n')) {
    const [tok, mean] = line.split('\t');
    if (!tok || mean === undefined) continue;
    const w = tok.toLowerCase();
    const v = Number(mean);
    if (WORD.test(w) && Number.isFinite(v)) m.set(w, v);
  }
  return m;
}

export function parseAfinn(text: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const line of text.split('\n')) {
    const [tok, score] = line.split('\t');
    if (!tok || score === undefined) continue;
    const w = tok.toLowerCase().trim();
    const v = Number(score);
    if (WORD.test(w) && Number.isFinite(v)) m.set(w, v);
  }
  return m;
}

export interface GoEmotionRow {
  text: string;
  labels: string[];
}

export function parseGoEmotions(tsv: string, emotionNames: readonly string[]): GoEmotionRow[] {
  const out: GoEmotionRow[] = [];
  for (const line of tsv.split('\n')) {
    const parts = line.split('\t');
    if (parts.length < 2) continue;
    const labels = parts[1]
      .split(',')
      .map((s) => emotionNames[Number(s)])
      .filter((s): s is string => typeof s === 'string');
    if (labels.length) out.push({ text: parts[0], labels });
  }
  return out;
}
