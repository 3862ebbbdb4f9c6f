/**
 * purpose: the page's client for the studio API (/api, same origin) — typed JSON calls that turn an error
 * response into an Error carrying the server's message and hint.
 */
import type { CueSheet } from '../../plan/cue-sheet.js';
import type { AnalysisJson } from '../../affect/analysis-json.js';
import type { Score } from '../../score/schema.js';

export interface TakeInfo { cue: string; n: number; seed: number; origin: string; parent: number | null; lock: { bars?: [number, number]; tracks?: string[] } | null; rating: number | null }
export interface ProjectView {
  id: string; name: string; format: string; version: number; lastEdit: string; canUndo: boolean; canRedo: boolean;
  analysis: AnalysisJson | null; cueSheet: CueSheet; emotions: Record<string, string>; selected: Record<string, number>;
  directions: Record<string, { text: string; understood: string[] }>; takes: TakeInfo[];
}
export interface TakeView extends TakeInfo { id: string; summary: { key: string; mode: string; tempo: number; meter: string; bars: number; motifs: Array<{ id: string; bar: number; form: string }> }; chords: Array<{ bar: number; tick: number; symbol: string }>; score: Score }
export interface JobStatus { id: string; state: 'running' | 'done' | 'failed'; progress: number; label: string; files: string[]; error?: string }

export async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
  const r = await fetch(url, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  const data = text ? JSON.parse(text) : undefined;
  if (!r.ok) throw new Error(`${data?.message ?? r.statusText}${data?.hint ? ` — ${data.hint}` : ''}`);
  return data as T;
}

export const api = {
  projects: () => call<Array<{ id: string; name: string }>>('GET', '/api/projects'),
  create: (body: unknown) => call<{ id: string }>('POST', '/api/projects', body),
  project: (id: string) => call<ProjectView>('GET', `/api/projects/${id}`),
  patchCue: (id: string, cue: string, body: unknown) => call<ProjectView>('PATCH', `/api/projects/${id}/cues/${cue}`, body),
  compose: (id: string, cue: string, body: unknown) => call<TakeView>('POST', `/api/projects/${id}/cues/${cue}/compose`, body),
  take: (id: string, cue: string, n: number) => call<TakeView>('GET', `/api/projects/${id}/cues/${cue}/takes/${n}`),
  select: (id: string, cue: string, n: number) => call('POST', `/api/projects/${id}/cues/${cue}/takes/${n}/select`, {}),
  edit: (id: string, cue: string, n: number, edits: unknown[]) => call<TakeView>('POST', `/api/projects/${id}/cues/${cue}/takes/${n}/edits`, { edits }),
  pick: (id: string, cue: string, winner: number, loser: number) => call('POST', `/api/projects/${id}/cues/${cue}/ab`, { winner, loser }),
  motif: (id: string, body: unknown) => call<{ motif: { id: string; name?: string }; cues: string[]; understood: { pitches: number[] } }>('POST', `/api/projects/${id}/motifs`, body),
  undo: (id: string) => call('POST', `/api/projects/${id}/undo`, {}),
  redo: (id: string) => call('POST', `/api/projects/${id}/redo`, {}),
  render: (id: string, body: unknown) => call<JobStatus>('POST', `/api/projects/${id}/render`, body),
};
