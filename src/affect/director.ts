/**
 * purpose: the two Director implementations behind one interface (types.ts): the offline analyzer (default,
 * deterministic) and the OpenAI-compatible LLM director (optional, falls back to offline on any failure).
 */
import type { Script } from '../script/types.js';
import { analyzeScript, type AnalyzeOptions } from './analyze.js';
import { OpenAIDirector, openAIOptionsFromEnv, type OpenAIDirectorOptions } from './llm/openai-director.js';
import type { Arc, Director } from './types.js';

export class OfflineDirector implements Director {
  readonly name = 'offline' as const;
  constructor(private readonly opts: AnalyzeOptions) {}
  async analyze(script: Script): Promise<Arc> {
    return analyzeScript(script, this.opts);
  }
}

export type DirectorKind = 'offline' | 'openai';

export function createDirector(
  kind: DirectorKind,
  opts: { offline: AnalyzeOptions; openai?: Partial<OpenAIDirectorOptions> & { url?: string; env?: NodeJS.ProcessEnv } },
): Director {
  if (kind === 'offline') return new OfflineDirector(opts.offline);
  const o = opts.openai ?? {};
  const base = openAIOptionsFromEnv(o.env ?? process.env, { url: o.url ?? o.baseUrl, model: o.model, timeoutMs: o.timeoutMs, deadlineMs: o.deadlineMs, trust: o.trust });
  return new OpenAIDirector({ ...base, ...stripUndefined(o), baseUrl: base.baseUrl, model: base.model, offline: opts.offline });
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([k, v]) => v !== undefined && k !== 'env' && k !== 'url')) as Partial<T>;
}
