/**
 * purpose: `OpenAIDirector` — asks an OpenAI-compatible chat-completions server (OpenAI, Ollama, llama.cpp
 * server, vLLM…) first for the script's synopsis, then, scene by scene with that synopsis as context, for each
 * scene's emotion, hit points, a musical direction and a one-line rationale. When enabled it LEADS: its values
 * become the estimate, with the offline analysis as prior (`trust`, default DEFAULT_LLM_TRUST) and as the
 * fallback for any scene it does not answer (reply.ts). Network I/O lives here and only here in affect/.
 *
 * Robustness: by default each request carries ONE scene (batchScenes 1), so text injected into a scene can only
 * reach the values of that scene (reply.ts accepts only the requested ids, bounds and blends them); requests run
 * a few at a time (concurrency). Each request has a timeout and is retried once; the whole analysis has a deadline
 * (deadlineMs) after which the scenes not yet answered keep their offline values. Reply bodies are read as a
 * stream and cut off at LIMITS.llmReplyBytes of decompressed bytes (so a huge reply or a gzip bomb costs at most
 * that). A server that rejects `response_format: json_schema` (HTTP 400/422) is asked again with plain JSON
 * instructions; any failure leaves the scenes at their offline values and says so in `arc.notes`. The API key is
 * sent only in the Authorization header; anything the server echoes that looks like it is redacted from notes,
 * directions and hit texts.
 */
import type { Scene, Script } from '../../script/types.js';
import { LeitmotifError } from '../../util/errors.js';
import { LIMITS } from '../../util/limits.js';
import { analyzeScript, type AnalyzeOptions } from '../analyze.js';
import type { Arc, Director } from '../types.js';
import { REPLY_JSON_SCHEMA, SYNOPSIS_JSON_SCHEMA, buildMessages, buildSynopsisMessages } from './prompt.js';
import { DEFAULT_LLM_TRUST, applyVerdicts, parseReply, parseSynopsis, type SceneVerdict } from './reply.js';

export interface OpenAIDirectorOptions {
  /** e.g. https://api.openai.com/v1, http://127.0.0.1:11434/v1 (Ollama), http://127.0.0.1:8080/v1 (llama.cpp). */
  baseUrl: string;
  model: string;
  apiKey?: string;
  /** Per request, including reading the body (default 30 000). */
  timeoutMs?: number;
  /** For the whole analysis (default 120 000): after it, unanswered scenes keep their offline values. */
  deadlineMs?: number;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  /** Largest reply body read, decompressed bytes (default LIMITS.llmReplyBytes). */
  maxReplyBytes?: number;
  /**
   * Scenes per request (default 1: a prompt injection in one scene cannot move another) and text budget per
   * request (default 12 000 characters).
   */
  batchScenes?: number;
  maxBatchChars?: number;
  /**
   * How far each scene moves from the offline prior to the LLM's reading, 0..1 (default DEFAULT_LLM_TRUST = 0.85;
   * 1 = the LLM's values as they are).
   */
  trust?: number;
  /** Ask for the whole script's synopsis first and give it to every scene request (default true). */
  synopsis?: boolean;
  /** Options for the offline analysis the LLM adjusts (with its text model). */
  offline: AnalyzeOptions;
  /** Injected for tests; defaults to global fetch. */
  fetch?: typeof fetch;
}

export const DEFAULT_LLM_TIMEOUT_MS = 30_000;
export const DEFAULT_LLM_DEADLINE_MS = 120_000;

/** Options from flags, then environment: LEITMOTIF_LLM_BASE_URL / OPENAI_BASE_URL, LEITMOTIF_LLM_MODEL, OPENAI_API_KEY. */
export function openAIOptionsFromEnv(
  env: NodeJS.ProcessEnv,
  flags: { url?: string; model?: string; timeoutMs?: number; deadlineMs?: number; trust?: number } = {},
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
  // Only what is set: an explicit `timeoutMs: undefined` would override the default in the constructor.
  const out: Omit<OpenAIDirectorOptions, 'offline'> = { baseUrl, model };
  if (env.OPENAI_API_KEY) out.apiKey = env.OPENAI_API_KEY;
  if (flags.timeoutMs !== undefined) out.timeoutMs = flags.timeoutMs;
  const envDeadline = env.LEITMOTIF_LLM_DEADLINE === undefined ? undefined : Number(env.LEITMOTIF_LLM_DEADLINE) * 1000;
  const deadline = flags.deadlineMs ?? envDeadline;
  if (deadline !== undefined) {
    if (!Number.isFinite(deadline) || deadline <= 0) {
      throw new LeitmotifError('LM_ERR_BAD_OPTION', `LEITMOTIF_LLM_DEADLINE must be a number of seconds above 0, got "${env.LEITMOTIF_LLM_DEADLINE}"`, {
        hint: 'e.g. LEITMOTIF_LLM_DEADLINE=300 for five minutes',
      });
    }
    out.deadlineMs = deadline;
  }
  const trust = flags.trust ?? (env.LEITMOTIF_LLM_TRUST === undefined ? undefined : Number(env.LEITMOTIF_LLM_TRUST));
  if (trust !== undefined) {
    if (!Number.isFinite(trust) || trust < 0 || trust > 1) {
      throw new LeitmotifError('LM_ERR_BAD_OPTION', `the LLM director's trust must be a number from 0 to 1, got "${flags.trust ?? env.LEITMOTIF_LLM_TRUST}"`, {
        hint: 'e.g. LEITMOTIF_LLM_TRUST=0.85 (1 = take the LLM reading as is, 0 = keep the offline analysis)',
      });
    }
    out.trust = trust;
  }
  return out;
}

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

type Resolved = Required<Pick<OpenAIDirectorOptions, 'timeoutMs' | 'deadlineMs' | 'concurrency' | 'maxReplyBytes' | 'batchScenes' | 'maxBatchChars' | 'trust' | 'synopsis'>> &
  OpenAIDirectorOptions;

export class OpenAIDirector implements Director {
  readonly name = 'openai' as const;
  private readonly opts: Resolved;
  /** Once a server rejects json_schema, stop asking for it. */
  private plainJson = false;

  constructor(opts: OpenAIDirectorOptions) {
    const set = Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)) as OpenAIDirectorOptions;
    this.opts = {
      timeoutMs: DEFAULT_LLM_TIMEOUT_MS,
      deadlineMs: DEFAULT_LLM_DEADLINE_MS,
      concurrency: 4,
      maxReplyBytes: LIMITS.llmReplyBytes,
      batchScenes: 1,
      maxBatchChars: 12_000,
      trust: DEFAULT_LLM_TRUST,
      synopsis: true,
      ...set,
    };
    if (!Number.isFinite(this.opts.trust) || this.opts.trust < 0 || this.opts.trust > 1) {
      throw new LeitmotifError('LM_ERR_BAD_OPTION', `the LLM director's trust must be from 0 to 1, got ${this.opts.trust}`, { hint: 'e.g. trust 0.85' });
    }
  }

  async analyze(script: Script): Promise<Arc> {
    const offline = analyzeScript(script, this.opts.offline);
    const notes = [...offline.notes];
    const batches = this.batches(script.scenes);
    const results: Array<{ verdicts?: SceneVerdict[]; error?: string; late?: boolean }> = batches.map(() => ({}));
    const deadline = new AbortController();
    const deadlineTimer = setTimeout(() => deadline.abort(), this.opts.deadlineMs);
    let synopsis: string | undefined;
    if (this.opts.synopsis && script.scenes.length) {
      try {
        synopsis = this.redact(await this.askSynopsis(script.scenes, deadline.signal));
      } catch (e) {
        notes.push(`LLM director: no synopsis (${deadline.signal.aborted ? 'the deadline passed' : this.redact(describe(e))}); scenes were read without it`);
      }
    }
    let next = 0;
    const worker = async () => {
      for (let bi = next++; bi < batches.length; bi = next++) {
        const batch = batches[bi];
        const ids = new Set(batch.map((s) => s.index));
        for (let attempt = 0; attempt < 2; attempt++) {
          if (deadline.signal.aborted) {
            results[bi] = { late: true, error: results[bi].error };
            break;
          }
          try {
            results[bi] = { verdicts: await this.ask(batch, ids, deadline.signal, synopsis) };
            break;
          } catch (e) {
            results[bi] = deadline.signal.aborted ? { late: true } : { error: this.redact(describe(e)) };
          }
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.max(1, Math.min(this.opts.concurrency, batches.length)) }, worker));
    } finally {
      clearTimeout(deadlineTimer);
    }
    const verdicts: SceneVerdict[] = [];
    let failed = 0;
    let late = 0;
    results.forEach((r, bi) => {
      const batch = batches[bi];
      if (r.verdicts) {
        verdicts.push(...r.verdicts.map((v) => this.redactVerdict(v)));
        return;
      }
      failed++;
      if (r.late) {
        late += batch.length;
        return;
      }
      const label = batch.length === 1 ? `scene ${batch[0].index + 1}` : `scenes ${batch[0].index + 1}–${batch[batch.length - 1].index + 1}`;
      notes.push(`LLM director: ${label} kept offline values (${r.error ?? 'no answer'})`);
    });
    if (late) notes.push(`LLM director: the deadline of ${Math.round(this.opts.deadlineMs / 1000)} s passed; ${late} scene(s) kept offline values`);
    if (batches.length && failed === batches.length) {
      notes.push('LLM director failed for every batch; fell back to the offline analysis');
      return { ...offline, notes };
    }
    const arc = applyVerdicts(offline, verdicts, this.opts.trust);
    notes.push(
      `LLM director (${this.redact(this.opts.model)}) led ${verdicts.length} of ${script.scenes.length} scenes: value = offline + ${this.opts.trust} × (LLM − offline); unanswered scenes keep the offline analysis`,
    );
    return { ...arc, source: verdicts.length ? 'openai' : 'offline', notes, ...(synopsis ? { synopsis } : {}) };
  }

  /** Removes the API key (and anything shaped like a key or bearer token) from text the server sent. */
  redact(s: string): string {
    let out = s;
    const key = this.opts.apiKey;
    if (key && key.length >= 4) out = out.split(key).join('[redacted]');
    return out.replace(/\bBearer\s+[^\s"']+/gi, 'Bearer [redacted]').replace(/\b(?:sk|rk|pk)-[A-Za-z0-9_-]{8,}/g, '[redacted]');
  }

  private redactVerdict(v: SceneVerdict): SceneVerdict {
    return { ...v, direction: this.redact(v.direction), rationale: this.redact(v.rationale), hits: v.hits.map((h) => ({ ...h, text: this.redact(h.text) })) };
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

  private async ask(batch: readonly Scene[], ids: ReadonlySet<number>, deadline: AbortSignal, synopsis?: string): Promise<SceneVerdict[]> {
    const perScene = Math.floor(this.opts.maxBatchChars / Math.max(1, batch.length));
    return this.withSchemaFallback(
      (plain) => buildMessages(batch, perScene, plain, synopsis),
      { name: 'scene_analysis', schema: REPLY_JSON_SCHEMA },
      (content) => parseReply(content, ids),
      deadline,
    );
  }

  /** The synopsis, from an outline of the whole script; one retry, like the scene requests. */
  private async askSynopsis(scenes: readonly Scene[], deadline: AbortSignal): Promise<string> {
    let last: unknown;
    for (let attempt = 0; attempt < 2 && !deadline.aborted; attempt++) {
      try {
        return await this.withSchemaFallback(
          (plain) => buildSynopsisMessages(scenes, this.opts.maxBatchChars, plain),
          { name: 'script_synopsis', schema: SYNOPSIS_JSON_SCHEMA },
          parseSynopsis,
          deadline,
        );
      } catch (e) {
        last = e;
      }
    }
    throw last ?? new Error('the deadline for the analysis passed');
  }

  private async withSchemaFallback<T>(
    messages: (plainJson: boolean) => ReturnType<typeof buildMessages>,
    schema: { name: string; schema: object },
    parse: (content: string) => T,
    deadline: AbortSignal,
  ): Promise<T> {
    try {
      return parse(await this.complete(messages(this.plainJson), this.plainJson ? undefined : schema, deadline));
    } catch (e) {
      // A server without structured outputs answers 400/422 to response_format: ask again with plain instructions.
      if (e instanceof HttpError && (e.status === 400 || e.status === 422) && !this.plainJson) {
        this.plainJson = true;
        return parse(await this.complete(messages(true), undefined, deadline));
      }
      throw e;
    }
  }

  private async complete(messages: ReturnType<typeof buildMessages>, schema: { name: string; schema: object } | undefined, deadline: AbortSignal): Promise<string> {
    const url = this.opts.baseUrl.replace(/\/+$/, '') + '/chat/completions';
    const body: Record<string, unknown> = { model: this.opts.model, messages, temperature: 0 };
    if (schema) body.response_format = { type: 'json_schema', json_schema: { name: schema.name, strict: true, schema: schema.schema } };
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), this.opts.timeoutMs);
    const onDeadline = () => ctrl.abort();
    deadline.addEventListener('abort', onDeadline, { once: true });
    try {
      const res = await (this.opts.fetch ?? fetch)(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'accept-encoding': 'identity',
          ...(this.opts.apiKey ? { authorization: `Bearer ${this.opts.apiKey}` } : {}),
        },
        body: JSON.stringify(body),
        signal: ctrl.signal,
      });
      if (!res.ok) {
        await res.body?.cancel().catch(() => undefined);
        throw new HttpError(res.status, `HTTP ${res.status}`);
      }
      const text = await readCapped(res, this.opts.maxReplyBytes);
      const json = JSON.parse(text) as { choices?: Array<{ message?: { content?: unknown } }> };
      const content = json.choices?.[0]?.message?.content;
      if (typeof content !== 'string') throw new Error('reply has no message content');
      return content;
    } catch (e) {
      if (deadline.aborted) throw new Error('the deadline for the analysis passed');
      if (ctrl.signal.aborted) throw new Error(`timed out after ${this.opts.timeoutMs} ms`);
      throw e;
    } finally {
      clearTimeout(timer);
      deadline.removeEventListener('abort', onDeadline);
    }
  }
}

/** Reads a body as a stream, stopping at `max` bytes (counted after any decompression fetch applies). */
async function readCapped(res: Response, max: number): Promise<string> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max && !res.headers.get('content-encoding')) {
    await res.body?.cancel().catch(() => undefined);
    throw new Error(`reply too large (over ${max} bytes)`);
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    n += value.byteLength;
    if (n > max) {
      await reader.cancel().catch(() => undefined);
      throw new Error(`reply too large (over ${max} bytes)`);
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

function describe(e: unknown): string {
  if (e instanceof SyntaxError) return 'reply was not valid JSON';
  if (e instanceof Error && e.name === 'ZodError') return 'reply did not match the schema';
  const msg = e instanceof Error ? e.message : String(e);
  return msg.replace(/\s+/g, ' ').slice(0, 120);
}
