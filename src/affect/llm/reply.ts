/**
 * purpose: validate an LLM reply and fold it into the offline arc WITHIN BOUNDS. Everything the model says is
 * untrusted: unknown scene ids are ignored, numbers are clamped, a scene may move at most MAX_SHIFT from the
 * offline value and the result is a blend (LLM_WEIGHT) of the two; hits must fall inside their own scene's time
 * range; the direction text is stripped of control characters and markup and cut to DIRECTION_MAX characters.
 */
import { z } from 'zod';
import { clamp, safeClamp } from '../../util/math.js';
import { mergeHits } from '../hits.js';
import type { Arc, Hit, SceneArc } from '../types.js';
import { LLM_HIT_KINDS } from './prompt.js';

export const MAX_SHIFT = 0.5;
export const LLM_WEIGHT = 0.5;
export const DIRECTION_MAX = 200;
const HIT_TEXT_MAX = 80;
const MAX_HITS_PER_SCENE = 8;

const num = z.union([z.number(), z.string().transform((s) => Number(s))]);
const HitReply = z.object({
  offset: num,
  kind: z.string().transform((k) => ((LLM_HIT_KINDS as readonly string[]).includes(k) ? (k as Hit['kind']) : 'other')),
  text: z.string().default(''),
  salience: num.default(0.5),
});
const SceneReply = z.object({
  id: z.number().int(),
  valence: num,
  arousal: num,
  tension: num,
  hits: z.array(z.unknown()).default([]),
  direction: z.string().default(''),
});
export const ReplySchema = z.object({ scenes: z.array(z.unknown()).max(1000) });

export interface SceneVerdict {
  id: number;
  valence: number;
  arousal: number;
  tension: number;
  hits: Array<{ offset: number; kind: Hit['kind']; text: string; salience: number }>;
  direction: string;
}

/** Text from the model → cleaned verdicts for the requested ids only. Throws on unusable replies. */
export function parseReply(content: string, allowedIds: ReadonlySet<number>): SceneVerdict[] {
  const json = JSON.parse(stripFences(content)) as unknown;
  const top = ReplySchema.parse(json);
  const out = new Map<number, SceneVerdict>();
  for (const item of top.scenes) {
    const r = SceneReply.safeParse(item);
    if (!r.success || !allowedIds.has(r.data.id) || out.has(r.data.id)) continue;
    const hits: SceneVerdict['hits'] = [];
    for (const h of r.data.hits.slice(0, MAX_HITS_PER_SCENE * 4)) {
      const hr = HitReply.safeParse(h);
      if (!hr.success || !Number.isFinite(hr.data.offset)) continue;
      hits.push({ offset: hr.data.offset, kind: hr.data.kind, text: sanitize(hr.data.text, HIT_TEXT_MAX), salience: safeClamp(hr.data.salience, 0, 1, 0.5) });
      if (hits.length >= MAX_HITS_PER_SCENE) break;
    }
    out.set(r.data.id, {
      id: r.data.id,
      valence: safeClamp(r.data.valence, -1, 1, NaN),
      arousal: safeClamp(r.data.arousal, -1, 1, NaN),
      tension: safeClamp(r.data.tension, 0, 1, NaN),
      hits,
      direction: sanitize(r.data.direction, DIRECTION_MAX),
    });
  }
  if (out.size === 0) throw new Error('the reply analysed none of the requested scenes');
  return [...out.values()];
}

function stripFences(s: string): string {
  const m = /^\s*```(?:json)?\s*([\s\S]*?)\s*```\s*$/.exec(s);
  return m ? m[1] : s;
}

/** Plain one-line text: no control characters, no markup brackets or backticks, collapsed spaces, length cap. */
export function sanitize(s: string, max: number): string {
  const clean = s
    .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
    .replace(/[<>`{}[\]\\]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return clean.length > max ? clean.slice(0, max - 1).trimEnd() + '…' : clean;
}

const blend = (offline: number, llm: number, lo: number, hi: number) =>
  Number.isFinite(llm) ? clamp(offline + LLM_WEIGHT * clamp(llm - offline, -MAX_SHIFT, MAX_SHIFT), lo, hi) : offline;
const r3 = (x: number) => Math.round(x * 1000) / 1000;

/** Apply verdicts to a copy of the offline arc. Beats of a changed scene move by the same (bounded) delta. */
export function applyVerdicts(offline: Arc, verdicts: readonly SceneVerdict[]): Arc {
  const byId = new Map(verdicts.map((v) => [v.id, v]));
  const delta = new Map<number, { v: number; a: number; t: number }>();
  const scenes: SceneArc[] = offline.scenes.map((s) => {
    const v = byId.get(s.index);
    if (!v) return s;
    const valence = r3(blend(s.valence, v.valence, -1, 1));
    const arousal = r3(blend(s.arousal, v.arousal, -1, 1));
    const tension = r3(blend(s.tension, v.tension, 0, 1));
    delta.set(s.index, { v: valence - s.valence, a: arousal - s.arousal, t: tension - s.tension });
    return { ...s, valence, arousal, tension, ...(v.direction ? { direction: v.direction } : {}) };
  });
  const beats = offline.beats.map((b) => {
    const d = delta.get(b.scene);
    if (!d) return b;
    return { ...b, valence: r3(clamp(b.valence + d.v, -1, 1)), arousal: r3(clamp(b.arousal + d.a, -1, 1)), tension: r3(clamp(b.tension + d.t, 0, 1)) };
  });
  const extra: Hit[] = [];
  for (const s of offline.scenes) {
    const v = byId.get(s.index);
    if (!v) continue;
    for (const h of v.hits) {
      if (h.offset < 0 || h.offset > s.duration) continue; // outside its own scene: ignored, not clamped
      extra.push({ time: s.start + h.offset, scene: s.index, kind: h.kind, text: h.text || 'director hit', salience: h.salience });
    }
  }
  return { ...offline, scenes, beats, hits: mergeHits([...offline.hits, ...extra]) };
}
