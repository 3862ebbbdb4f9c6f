/**
 * purpose: the JSON a user gets from `leitmotif analyze --json` (and `score` embeds): scenes, beats, characters,
 * hits and notes, in seconds, plain and stable (no Maps, rounded numbers, deterministic order).
 */
import { sceneLabels } from '../script/scene-label.js';
import type { Script } from '../script/types.js';
import type { Arc, Hit } from './types.js';

export interface AnalysisJson {
  format: 'leitmotif-analysis';
  version: 1;
  title?: string;
  source: Arc['source'];
  /** The LLM director's synopsis of the whole script (when it ran). */
  synopsis?: string;
  /** Seconds. */
  duration: number;
  scenes: Array<{
    index: number;
    number?: string;
    heading: string;
    start: number;
    duration: number;
    valence: number;
    arousal: number;
    tension: number;
    characters: string[];
    hits: number;
    direction?: string;
    rationale?: string;
  }>;
  beats: Array<{
    scene: number;
    element: number;
    text: string;
    start: number;
    duration: number;
    character?: string;
    valence: number;
    arousal: number;
    tension: number;
  }>;
  characters: Array<{ id: string; name: string; dialogueCount: number; words: number; scenes: number[]; firstAppearance: { scene: number; time: number } }>;
  hits: Hit[];
  notes: string[];
  warnings: string[];
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

export function buildAnalysisJson(script: Script, arc: Arc): AnalysisJson {
  const hitsPerScene = new Map<number, number>();
  for (const h of arc.hits) hitsPerScene.set(h.scene, (hitsPerScene.get(h.scene) ?? 0) + 1);
  // The scene's label as every table prints it (script/scene-label.ts): as written, else its position.
  const labels = sceneLabels(script);
  const numberOf = new Map(script.scenes.map((s, i) => [s.index, labels[i]]));
  return {
    format: 'leitmotif-analysis',
    version: 1,
    ...(script.title ? { title: script.title } : {}),
    source: arc.source,
    ...(arc.synopsis ? { synopsis: arc.synopsis } : {}),
    duration: r3(script.duration),
    scenes: arc.scenes.map((s) => ({
      index: s.index,
      ...(numberOf.get(s.index) ? { number: numberOf.get(s.index) } : {}),
      heading: s.heading,
      start: r3(s.start),
      duration: r3(s.duration),
      valence: r3(s.valence),
      arousal: r3(s.arousal),
      tension: r3(s.tension),
      characters: s.characters,
      hits: hitsPerScene.get(s.index) ?? 0,
      ...(s.direction ? { direction: s.direction } : {}),
      ...(s.rationale ? { rationale: s.rationale } : {}),
    })),
    beats: arc.beats.map((b) => ({
      scene: b.scene,
      element: b.element,
      text: b.text,
      start: r3(b.start),
      duration: r3(b.duration),
      ...(b.character ? { character: b.character } : {}),
      valence: r3(b.valence),
      arousal: r3(b.arousal),
      tension: r3(b.tension),
    })),
    characters: script.characters.map((c) => ({
      id: c.id,
      name: c.name,
      dialogueCount: c.dialogueCount,
      words: c.words ?? 0,
      scenes: c.scenes,
      firstAppearance: { scene: c.firstAppearance.scene, time: r3(c.firstAppearance.time) },
    })),
    hits: arc.hits.map((h) => ({ ...h, time: r3(h.time), salience: r3(h.salience) })),
    notes: arc.notes,
    warnings: script.warnings ?? [],
  };
}

/** "m:ss" (or "h:mm:ss") for tables and plots. */
export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}` : `${m}:${String(sec).padStart(2, '0')}`;
}
