/**
 * purpose: `--model FILE` for compose, score and play — use a style model trained by `leitmotif train`. One file
 * serves both viewpoint groups (melody and rhythm, and harmony: `train` fits all of them); `--model
 * melody=FILE` or `--model harmony=FILE` sets one group; the option repeats. The older `--melody-model` /
 * `--harmony-model` flags still work and lose to `--model`.
 */
import { resolve } from 'node:path';
import { badOption } from './flags.js';

export const MODEL_FLAG_HELP = 'style model from `leitmotif train` for melody, rhythm and harmony; "melody=FILE" or "harmony=FILE" for one group; repeatable';

/** Commander collector for a repeatable option. */
export const collect = (value: string, previous: string[]): string[] => [...previous, value];

export interface ModelFiles {
  melody?: string;
  harmony?: string;
}

/**
 * The model files the flags name (undefined: the committed default for that group).
 *
 * @example
 * parseModelFlags(['my.lmstyle.json']) // { melody: '/abs/my.lmstyle.json', harmony: '/abs/my.lmstyle.json' }
 * parseModelFlags(['harmony=bach.json'], { melody: 'folk.json' }) // { melody: 'folk.json', harmony: '/abs/bach.json' }
 */
export function parseModelFlags(values: readonly string[], legacy: ModelFiles = {}): ModelFiles {
  const out: ModelFiles = { ...legacy };
  for (const v of values) {
    const m = /^(melody|rhythm|harmony)=(.+)$/.exec(v);
    if (m) {
      const group = m[1] === 'harmony' ? 'harmony' : 'melody';
      out[group] = resolve(m[2]);
    } else if (/^[a-z]+=/.test(v)) {
      throw badOption(`--model takes FILE, melody=FILE or harmony=FILE, got "${v}"`);
    } else {
      out.melody = resolve(v);
      out.harmony = resolve(v);
    }
  }
  return out;
}

/** What provenance records about the model files (null: the committed default). */
export const modelFilesRecord = (f: ModelFiles): { melody: string | null; harmony: string | null } => ({ melody: f.melody ?? null, harmony: f.harmony ?? null });
