/**
 * purpose: validate an LLM reply and fold it into the offline arc. When the director is enabled it LEADS: a
 * scene's value becomes offline + trust · (LLM − offline) — trust 1 takes the LLM's reading as is, the default
 * DEFAULT_LLM_TRUST keeps a little of the offline prior, 0 ignores it; a scene the LLM did not answer (or
 * answered with an unusable number) keeps its offline value. Everything the model says is still untrusted:
 * unknown scene ids are ignored, numbers are clamped to their ranges, hits must fall inside their own scene's
 * time range, and the direction, rationale and synopsis texts are stripped of control characters and markup and
 * cut to length.
 */
import { z } from 'zod';
import { clamp, safeClamp } from '../../util/math.js';
import { mergeHits } from '../hits.js';
import type { Arc, Hit, SceneArc } from '../types.js';
import { LLM_HIT_KINDS } from './prompt.js';

/** How far a scene moves from the offline prior toward the LLM's reading, by default. */
export const DEFAULT_LLM_TRUST = 0.85;
export const DIRECTION_MAX = 200;
export const RATIONALE_MAX = 200;
export const SYNOPSIS_MAX = 800;
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
  rationale: z.string().default(''),
});
export const ReplySchema = z.object({ scenes: z.array(z.unknown()).max(1000) });

export interface SceneVerdict {
  id: number;
  valence: number;
  arousal: number;
  tension: number;
  hits: Array<{ offset: number; kind: Hit['kind']; text: string; salience: number }>;
  direction: string;
  rationale: string;
}

/** The synopsis reply ({"synopsis": "…"}) → one clean paragraph. Throws on unusable replies. */
export function parseSynopsis(content: string): string {
  const r = z.object({ synopsis: z.string().min(1) }).parse(JSON.parse(stripFences(content)));
  const clean = sanitize(r.synopsis, SYNOPSIS_MAX);
  if (!clean) throw new Error('the synopsis was empty');
  return clean;
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
      rationale: sanitize(r.data.rationale, RATIONALE_MAX),
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

const blend = (offline: number, llm: number, lo: number, hi: number, trust: number) =>
  Number.isFinite(llm) ? clamp(offline + trust * (llm - offline), lo, hi) : offline;
const r3 = (x: number) => Math.round(x * 1000) / 1000;

/** Apply verdicts to a copy of the offline arc. Beats of a changed scene move by the same delta as the scene. */
export function applyVerdicts(offline: Arc, verdicts: readonly SceneVerdict[], trust = DEFAULT_LLM_TRUST): Arc {
  const w = Number.isFinite(trust) ? clamp(trust, 0, 1) : DEFAULT_LLM_TRUST;
  const byId = new Map(verdicts.map((v) => [v.id, v]));
  const delta = new Map<number, { v: number; a: number; t: number }>();
  const scenes: SceneArc[] = offline.scenes.map((s) => {
    const v = byId.get(s.index);
    if (!v) return s;
    const valence = r3(blend(s.valence, v.valence, -1, 1, w));
    const arousal = r3(blend(s.arousal, v.arousal, -1, 1, w));
    const tension = r3(blend(s.tension, v.tension, 0, 1, w));
    delta.set(s.index, { v: valence - s.valence, a: arousal - s.arousal, t: tension - s.tension });
    return { ...s, valence, arousal, tension, ...(v.direction ? { direction: v.direction } : {}), ...(v.rationale ? { rationale: v.rationale } : {}) };
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
