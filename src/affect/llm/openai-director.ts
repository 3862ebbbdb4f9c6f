/**
 * purpose: `OpenAIDirector` — asks an OpenAI-compatible chat-completions server (OpenAI, Ollama, llama.cpp
 * server, vLLM…) for per-scene emotion, hit points and a musical direction, and folds the answers into the
 * offline arc within bounds (reply.ts). Network I/O lives here and only here in affect/.
 *
 * Robustness: scenes go in batches; each request has a timeout (AbortController) and is retried once; a server
 * that rejects `response_format: json_schema` (HTTP 400/422) is asked again with plain JSON instructions; any
 * failure of a batch leaves that batch's scenes at their offline values and says so in `arc.notes`. The API key
 * is sent only in the Authorization header and never appears in notes or errors.
 */
import type { Scene, Script } from '../../script/types.js';
import { LeitmotifError } from '../../util/errors.js';
import { analyzeScript, type AnalyzeOptions } from '../analyze.js';
import type { Arc, Director } from '../types.js';
import { REPLY_JSON_SCHEMA, buildMessages } from './prompt.js';
import { applyVerdicts, parseReply, type SceneVerdict } from './reply.js';

export interface OpenAIDirectorOptions {
  /** e.g. https://api.openai.com/v1, http://127.0.0.1:11434/v1 (Ollama), http://127.0.0.1:8080/v1 (llama.cpp). */
  baseUrl: string;
  model: string;
  apiKey?: string;
  /** Per request, including reading the body (default 30 000). */
  timeoutMs?: number;
  /** Scenes per request (default 6) and text budget per request (default 12 000 characters). */
  batchScenes?: number;
  maxBatchChars?: number;
  /** Options for the offline analysis the LLM adjusts (with its text model). */
  offline: AnalyzeOptions;
  /** Injected for tests; defaults to global fetch. */
  fetch?: typeof fetch;
}

export const DEFAULT_LLM_TIMEOUT_MS = 30_000;

/** Options from flags, then environment: LEITMOTIF_LLM_BASE_URL / OPENAI_BASE_URL, LEITMOTIF_LLM_MODEL, OPENAI_API_KEY. */
export function openAIOptionsFromEnv(
  env: NodeJS.ProcessEnv,
  flags: { url?: string; model?: string; timeoutMs?: number } = {},
): Omit<OpenAIDirectorOptions, 'offline'> {
  const baseUrl = flags.url ?? env.LEITMOTIF_LLM_BASE_URL ?? env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1';
  const model = flags.model ?? env.LEITMOTIF_LLM_MODEL;
  if (!model) {
    throw new LeitmotifError('LM_ERR_BAD_OPTION', 'the openai director needs a model name', {
      hint: 'pass --llm-model <name> or set LEITMOTIF_LLM_MODEL (e.g. gpt-4o-mini, or llama3.1 for Ollama)',
    });
  }
  try {
    const u = new URL(baseUrl);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol');
  } catch {
    throw new LeitmotifError('LM_ERR_BAD_OPTION', `not an http(s) URL for the LLM server: ${baseUrl}`, {
      hint: 'e.g. --llm-url http://127.0.0.1:11434/v1 for Ollama',
    });
  }
  return { baseUrl, model, apiKey: env.OPENAI_API_KEY, timeoutMs: flags.timeoutMs };
}

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export class OpenAIDirector implements Director {
  readonly name = 'openai' as const;
  private readonly opts: Required<Pick<OpenAIDirectorOptions, 'timeoutMs' | 'batchScenes' | 'maxBatchChars'>> & OpenAIDirectorOptions;
  /** Once a server rejects json_schema, stop asking for it. */
  private plainJson = false;

  constructor(opts: OpenAIDirectorOptions) {
    this.opts = { timeoutMs: DEFAULT_LLM_TIMEOUT_MS, batchScenes: 6, maxBatchChars: 12_000, ...opts };
  }

  async analyze(script: Script): Promise<Arc> {
    const offline = analyzeScript(script, this.opts.offline);
    const notes = [...offline.notes];
    const verdicts: SceneVerdict[] = [];
    const batches = this.batches(script.scenes);
    let failed = 0;
    for (const batch of batches) {
      const ids = new Set(batch.map((s) => s.index));
      const label = batch.length === 1 ? `scene ${batch[0].index + 1}` : `scenes ${batch[0].index + 1}–${batch[batch.length - 1].index + 1}`;
      let lastError = '';
      let done = false;
      for (let attempt = 0; attempt < 2 && !done; attempt++) {
        try {
          verdicts.push(...(await this.ask(batch, ids)));
          done = true;
        } catch (e) {
          lastError = describe(e);
        }
      }
      if (!done) {
        failed++;
        notes.push(`LLM director: ${label} kept offline values (${lastError})`);
      }
    }
    if (batches.length && failed === batches.length) {
      notes.push('LLM director failed for every batch; fell back to the offline analysis');
      return { ...offline, notes };
    }
    const arc = applyVerdicts(offline, verdicts);
    notes.push(`LLM director (${this.opts.model}) adjusted ${verdicts.length} of ${script.scenes.length} scenes (bounded blend with offline values)`);
    return { ...arc, source: verdicts.length ? 'openai' : 'offline', notes };
  }

  private batches(scenes: readonly Scene[]): Scene[][] {
    const out: Scene[][] = [];
    let cur: Scene[] = [];
    let chars = 0;
    const perScene = Math.floor(this.opts.maxBatchChars / 2);
    for (const s of scenes) {
      const len = Math.min(perScene, s.elements.reduce((n, e) => n + e.text.length + 1, 0));
      if (cur.length && (cur.length >= this.opts.batchScenes || chars + len > this.opts.maxBatchChars)) {
        out.push(cur);
        cur = [];
        chars = 0;
      }
      cur.push(s);
      chars += len;
    }
    if (cur.length) out.push(cur);
    return out;
  }

  private async ask(batch: readonly Scene[], ids: ReadonlySet<number>): Promise<SceneVerdict[]> {
    const perScene = Math.floor(this.opts.maxBatchChars / Math.max(1, batch.length));
    try {
      return parseReply(await this.complete(buildMessages(batch, perScene, this.plainJson), !this.plainJson), ids);
    } catch (e) {
      // A server without structured outputs answers 400/422 to response_format: ask again with plain instructions.
      if (e instanceof HttpError && (e.status === 400 || e.status === 422) && !this.plainJson) {
        this.plainJson = true;
        return parseReply(await this.complete(buildMessages(batch, perScene, true), false), ids);
      }
      throw e;
    }
  }

  private async complete(messages: ReturnType<typeof buildMessages>, schema: boolean): Promise<string> {
    const url = this.opts.baseUrl.replace(/\/+$/, '') + '/chat/completions';
    const body: Record<string, unknown> = { model: this.opts.model, messages, temperature: 0 };
    if (schema) body.response_format = { type: 'json_schema', json_schema: { name: 'scene_analysis', strict: true, schema: REPLY_JSON_SCHEMA } };
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), this.opts.timeoutMs);
    try {
      const res = await (this.opts.fetch ?? fetch)(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(this.opts.apiKey ? { authorization: `Bearer ${this.opts.apiKey}` } : {}) },
        body: JSON.stringify(body),
        signal: ctrl.signal,
      });
      const text = await res.text();
      if (!res.ok) throw new HttpError(res.status, `HTTP ${res.status}`);
      if (text.length > 2_000_000) throw new Error('reply too large');
      const json = JSON.parse(text) as { choices?: Array<{ message?: { content?: unknown } }> };
      const content = json.choices?.[0]?.message?.content;
      if (typeof content !== 'string') throw new Error('reply has no message content');
      return content;
    } catch (e) {
      if (ctrl.signal.aborted) throw new Error(`timed out after ${this.opts.timeoutMs} ms`);
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }
}

function describe(e: unknown): string {
  if (e instanceof SyntaxError) return 'reply was not valid JSON';
  if (e instanceof Error && e.name === 'ZodError') return 'reply did not match the schema';
  const msg = e instanceof Error ? e.message : String(e);
  return msg.replace(/\s+/g, ' ').slice(0, 120);
}
