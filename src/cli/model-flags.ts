/**
 * purpose: `--model FILE` for compose, score and play — use a style model trained by `leitmotif train`. One file
 * serves both viewpoint groups (melody and rhythm, and harmony: `train` fits all of them); `--model
 * melody=FILE` or `--model harmony=FILE` sets one group; the option repeats. The older `--melody-model` /
 * `--harmony-model` flags still work and lose to `--model`.
 */
import { resolve } from 'node:path';
import type { StyleModelRef } from '../cue/index.js';
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

/**
 * The model files a cue spec's or a graph's `model` field names, resolved against the folder of that file
 * (`--model` and the older flags win over it).
 *
 * @example
 * modelFilesFromRef('my.lmstyle.json', '/work/specs') // { melody: '/work/specs/my.lmstyle.json', harmony: '/work/specs/my.lmstyle.json' }
 */
export function modelFilesFromRef(ref: StyleModelRef | undefined, baseDir: string): ModelFiles {
  if (ref === undefined) return {};
  if (typeof ref === 'string') return { melody: resolve(baseDir, ref), harmony: resolve(baseDir, ref) };
  return { ...(ref.melody ? { melody: resolve(baseDir, ref.melody) } : {}), ...(ref.harmony ? { harmony: resolve(baseDir, ref.harmony) } : {}) };
}
