/**
 * purpose: read the project's hand-labelled screenplay-scene dataset (data/affect-scenes/*.scenes, format and
 * fixed split in its README) — text in, labelled items out (pure; the caller reads the files) — and score
 * predictions against it (Spearman ρ).
 *
 * @example
 * const items = parseSceneDataset(readFileSync('data/affect-scenes/horror.scenes', 'utf8'), 'horror.scenes');
 * items.filter((i) => i.split === 'test').length; // 11 (04, 08, … 44)
 */
import { z } from 'zod';
import { pearson } from '../util/math.js';
import type { SceneAffect } from './scene-model.js';

export const SceneLabelSchema = z.object({
  id: z.string().regex(/^[a-z]+-\d{2}$/),
  valence: z.number().min(-1).max(1),
  arousal: z.number().min(-1).max(1),
  tension: z.number().min(0).max(1),
  tags: z.array(z.string()),
});

export interface SceneItem extends z.infer<typeof SceneLabelSchema> {
  genre: string;
  split: 'train' | 'test';
  /** Fountain text; the label is for its LAST scene, earlier scenes are context. */
  fountain: string;
}

const HEADER = /^@@ (\S+) v=(\S+) a=(\S+) t=(\S+)(?: tags=(\S*))?\s*$/;
const NUMBER = /^-?\d+(\.\d+)?$/;
const issuesText = (e: z.ZodError) => e.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ');

/** Items whose number is a multiple of 4 are test (the dataset README's fixed split). */
export function splitOf(id: string): 'train' | 'test' {
  return Number(id.slice(-2)) % 4 === 0 ? 'test' : 'train';
}

export function parseSceneDataset(text: string, where = 'scene dataset'): SceneItem[] {
  const out: SceneItem[] = [];
  let cur: { head: z.infer<typeof SceneLabelSchema>; lines: string[] } | undefined;
  const flush = () => {
    if (!cur) return;
    const fountain = cur.lines.join('\n').trim() + '\n';
    out.push({ ...cur.head, genre: cur.head.id.replace(/-\d+$/, ''), split: splitOf(cur.head.id), fountain });
  };
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.startsWith('@@')) {
      if (cur) cur.lines.push(line);
      else if (line.trim()) throw new Error(`${where}:${i + 1}: text before the first "@@" header`);
      return;
    }
    const m = HEADER.exec(line);
    if (!m) throw new Error(`${where}:${i + 1}: bad header (expected "@@ id v=… a=… t=… tags=…")`);
    const head = SceneLabelSchema.safeParse({
      id: m[1], valence: Number(m[2]), arousal: Number(m[3]), tension: Number(m[4]), tags: (m[5] ?? '').split(',').filter(Boolean),
    });
    if (!head.success) throw new Error(`${where}:${i + 1}: ${issuesText(head.error)}`);
    flush();
    cur = { head: head.data, lines: [] };
  });
  flush();
  const ids = new Set<string>();
  for (const it of out) {
    if (ids.has(it.id)) throw new Error(`${where}: duplicate id ${it.id}`);
    ids.add(it.id);
  }
  return out;
}

/** Ranks with ties averaged (1-based). */
function ranks(xs: readonly number[]): number[] {
  const order = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const r = new Array<number>(xs.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    for (let k = i; k <= j; k++) r[order[k][1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return r;
}

/** Spearman's rank correlation (Pearson r of the tie-averaged ranks). */
export function spearman(xs: readonly number[], ys: readonly number[]): number {
  return pearson(ranks(xs), ranks(ys));
}

/**
 * A second, independent reading of labelled scenes (data/affect-scenes/second-reading.tsv: `id<TAB>v<TAB>a<TAB>t`,
 * `#` comments): how far an independent reader agrees with the labels, a reference for the model's figures.
 * @example parseSecondReading('# c\nhorror-04\t-0.6\t0.4\t0.85\n').get('horror-04') // { valence: -0.6, arousal: 0.4, tension: 0.85 }
 */
export function parseSecondReading(text: string, where = 'second reading'): Map<string, SceneAffect> {
  const out = new Map<string, SceneAffect>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim() || line.startsWith('#')) return;
    const fields = line.split('\t').map((f) => f.trim());
    if (fields.length !== 4) throw new Error(`${where}:${i + 1}: expected 4 tab-separated fields "id<TAB>valence<TAB>arousal<TAB>tension", got ${fields.length}`);
    const [id, ...values] = fields;
    const bad = (['valence', 'arousal', 'tension'] as const).find((_, k) => !NUMBER.test(values[k]));
    if (bad) throw new Error(`${where}:${i + 1}: ${bad} is not a number`);
    const [valence, arousal, tension] = values.map(Number);
    const row = SceneLabelSchema.omit({ tags: true }).safeParse({ id, valence, arousal, tension });
    if (!row.success) throw new Error(`${where}:${i + 1}: ${issuesText(row.error)}`);
    if (out.has(id)) throw new Error(`${where}:${i + 1}: duplicate id ${id}`);
    out.set(id, { valence, arousal, tension });
  });
  return out;
}
