/**
 * purpose: replace estimated scene lengths with measured ones (from an edit, an animatic, a temp cut).
 *
 * Timings files:
 *   JSON  `[{"scene": 1, "duration": 83}]`, `{"scenes": [...]}` or `{"1": 83, "2A": "1:05"}`;
 *         entries may say `index` (0-based Script index) instead of `scene`, and `start`/`end` instead of
 *         `duration`; `seconds`, `length` and `time` are accepted for duration.
 *   CSV   `scene,duration` (header optional; `,` `;` or tab separated; `#` comment lines).
 * Durations: seconds (83, 83.5, "83s") or clock time ("1:23", "00:01:23").
 * Scene references: a scene number as written in the script (`#12A#`, FDX Number) when the script has them;
 * otherwise the n-th scene counting from 1 (a prelude before the first heading is scene 0).
 * Element times are rescaled inside each retimed scene; scene starts re-accumulate; timingSource = 'timings'.
 */
import { LeitmotifError } from '../util/errors.js';
import { LIMITS, formatLimit, formatSeconds, limitError } from '../util/limits.js';
import { assertSceneLength, round3 } from './build.js';
import { parseDuration } from './timecode.js';
import type { Script } from './types.js';
import { hasPrelude } from './scene-label.js';

export interface SceneTiming {
  /** Scene number as written, or 1-based ordinal (see module comment). */
  scene?: number | string;
  /** 0-based index into Script.scenes; wins over `scene`. */
  index?: number;
  /** Seconds. */
  duration: number;
}

function bad(file: string, msg: string): LeitmotifError {
  return new LeitmotifError('LM_ERR_INPUT_INVALID', `timings ${file}: ${msg}`, {
    hint: 'use JSON like [{"scene": 1, "duration": 83}] or CSV lines "scene,duration" (seconds or 1:23)',
  });
}

function entryToTiming(e: unknown, where: string, file: string): SceneTiming {
  if (typeof e !== 'object' || e === null || Array.isArray(e)) throw bad(file, `${where} should be an object like {"scene": 1, "duration": 83}`);
  const o = e as Record<string, unknown>;
  const sceneRef = o.scene ?? o.number ?? o.id;
  const index = o.index;
  let duration = parseDuration(o.duration ?? o.seconds ?? o.length ?? o.time);
  if (duration === undefined && o.start !== undefined && o.end !== undefined) {
    const s = parseDuration(o.start);
    const en = parseDuration(o.end);
    if (s !== undefined && en !== undefined && en >= s) duration = en - s;
  }
  if (duration === undefined) throw bad(file, `${where} has no readable duration (seconds, "1:23" or "00:01:23")`);
  const t: SceneTiming = { duration };
  if (typeof index === 'number' && Number.isInteger(index) && index >= 0) t.index = index;
  else if (typeof sceneRef === 'number' || (typeof sceneRef === 'string' && sceneRef.trim())) t.scene = typeof sceneRef === 'string' ? sceneRef.trim() : sceneRef;
  else throw bad(file, `${where} does not say which scene ("scene" or "index")`);
  return t;
}

function splitCsvRow(line: string): string[] {
  const sep = line.includes('\t') ? '\t' : line.includes(';') && !line.includes(',') ? ';' : ',';
  const cells: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') {
      if (quoted && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else quoted = !quoted;
    } else if (c === sep && !quoted) {
      cells.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  cells.push(cur.trim());
  return cells;
}

/**
 * Reads a timings file's text (JSON or CSV, chosen by extension or content). Throws only LeitmotifErrors; every
 * duration must be finite and at most LIMITS.sceneSeconds.
 */
export function parseTimingsFile(text: string, filename = 'timings'): SceneTiming[] {
  let out: SceneTiming[];
  try {
    out = readTimings(text, filename);
  } catch (e) {
    if (e instanceof LeitmotifError) throw e;
    throw bad(filename, `cannot be read (${e instanceof Error ? e.message : String(e)})`);
  }
  for (const t of out) {
    if (!Number.isFinite(t.duration) || t.duration < 0 || t.duration > LIMITS.sceneSeconds) {
      throw limitError(
        'LM_ERR_INPUT_INVALID',
        `timings ${filename}: scene ${String(t.scene ?? (t.index ?? 0) + 1)} lasts ${formatSeconds(t.duration)}; the longest scene Leitmotif reads is ${formatLimit(LIMITS.sceneSeconds)}`,
        'give each scene its own row with its real length (limits: README "Limits")',
      );
    }
  }
  return out;
}

function readTimings(text: string, filename: string): SceneTiming[] {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (!trimmed) throw bad(filename, 'the file is empty');
  const isJson = /\.json$/i.test(filename) || trimmed[0] === '[' || trimmed[0] === '{';
  if (isJson) {
    let data: unknown;
    try {
      data = JSON.parse(trimmed);
    } catch (e) {
      throw bad(filename, `not valid JSON: ${(e as Error).message}`);
    }
    if (data && typeof data === 'object' && !Array.isArray(data)) {
      const o = data as Record<string, unknown>;
      if (Array.isArray(o.scenes)) data = o.scenes;
      else {
        // {"1": 83, "2A": "1:05"}
        return Object.entries(o).map(([k, v]) => {
          const d = parseDuration(v);
          if (d === undefined) throw bad(filename, `scene "${k}" has no readable duration`);
          return { scene: /^\d+$/.test(k) ? Number(k) : k, duration: d };
        });
      }
    }
    if (!Array.isArray(data)) throw bad(filename, 'expected a list of scenes');
    return data.map((e, i) => entryToTiming(e, `entry ${i + 1}`, filename));
  }
  const out: SceneTiming[] = [];
  let cols: { scene: number; duration: number; start: number; end: number; index: number } | null = null;
  const lines = trimmed.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line || line.startsWith('#')) continue;
    const cells = splitCsvRow(line);
    if (!cols && out.length === 0 && !cells.slice(1).some((c) => parseDuration(c) !== undefined)) {
      const find = (...names: string[]) => cells.findIndex((c) => names.includes(c.toLowerCase()));
      cols = {
        scene: find('scene', 'number', 'scene number', 'id'),
        index: find('index'),
        duration: find('duration', 'seconds', 'length', 'time', 'secs'),
        start: find('start', 'in'),
        end: find('end', 'out'),
      };
      if (cols.scene < 0 && cols.index < 0) throw bad(filename, `line ${i + 1}: header has no "scene" column`);
      continue;
    }
    const c = cols ?? { scene: 0, index: -1, duration: 1, start: -1, end: -1 };
    const entry: Record<string, unknown> = {};
    if (c.scene >= 0 && cells[c.scene]) entry.scene = /^\d+$/.test(cells[c.scene]) ? Number(cells[c.scene]) : cells[c.scene];
    if (c.index >= 0 && cells[c.index]) entry.index = Number(cells[c.index]);
    if (c.duration >= 0) entry.duration = cells[c.duration];
    if (c.start >= 0) entry.start = cells[c.start];
    if (c.end >= 0) entry.end = cells[c.end];
    out.push(entryToTiming(entry, `line ${i + 1}`, filename));
  }
  if (!out.length) throw bad(filename, 'no scene rows found');
  return out;
}

/** Which Script index a timing refers to (see module comment). */
function resolveScene(script: Script, t: SceneTiming): number {
  const n = script.scenes.length;
  if (t.index !== undefined) {
    if (t.index < n) return t.index;
    throw sceneNotFound(script, `index ${t.index}`);
  }
  const ref = String(t.scene).trim();
  const byNumber = script.scenes.findIndex((s) => s.number !== undefined && s.number.toLowerCase() === ref.toLowerCase());
  if (byNumber >= 0) return byNumber;
  if (/^\d+$/.test(ref)) {
    const k = Number(ref);
    const idx = hasPrelude(script) ? k : k - 1;
    if (idx >= 0 && idx < n) return idx;
  }
  throw sceneNotFound(script, `scene "${ref}"`);
}

function sceneNotFound(script: Script, what: string): LeitmotifError {
  const numbers = script.scenes.map((s) => s.number).filter((x): x is string => x !== undefined);
  const hint = numbers.length ? `scene numbers in the script: ${numbers.slice(0, 12).join(', ')}${numbers.length > 12 ? ', …' : ''}` : `the script has ${script.scenes.length} scenes (1–${script.scenes.length})`;
  return new LeitmotifError('LM_ERR_INPUT_INVALID', `timings: ${what} is not in the script`, { hint });
}

/** Returns a new Script with the given scene durations; element times rescale, scenes re-accumulate. */
export function applyTimings(script: Script, timings: SceneTiming[]): Script {
  const out: Script = structuredClone(script);
  const targets = new Map<number, number>();
  for (const t of timings) {
    if (!(t.duration >= 0) || !Number.isFinite(t.duration)) throw new LeitmotifError('LM_ERR_INPUT_INVALID', `timings: duration ${t.duration} is not a length in seconds`);
    const idx = resolveScene(out, t);
    assertSceneLength(t.duration, idx, out.scenes[idx]?.line ?? 0, 'the timings file');
    targets.set(idx, t.duration);
  }
  const moved = new Map<number, { oldStart: number; newStart: number; k: number }>();
  let t = 0;
  for (const scene of out.scenes) {
    const oldStart = scene.start;
    const oldDur = scene.duration;
    const target = round3(targets.get(scene.index) ?? oldDur);
    const k = oldDur > 0 ? target / oldDur : 0;
    for (const el of scene.elements) {
      const s = t + (el.start - oldStart) * k;
      const e = t + (el.start + el.duration - oldStart) * k;
      el.start = round3(s);
      el.duration = round3(Math.max(0, round3(e) - el.start));
    }
    moved.set(scene.index, { oldStart, newStart: t, k });
    scene.start = t;
    scene.duration = target;
    if (targets.has(scene.index)) scene.timingSource = 'timings';
    t = round3(t + target);
  }
  for (const c of out.characters) {
    const m = moved.get(c.firstAppearance.scene);
    if (m) c.firstAppearance.time = round3(m.newStart + (c.firstAppearance.time - m.oldStart) * m.k);
  }
  out.duration = round3(t);
  return out;
}
