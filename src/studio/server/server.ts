/**
 * purpose: the studio's HTTP server (Fastify, 127.0.0.1 only): the JSON API under /api (validated with zod:
 * bad input is a 400 with a message, a missing thing a 404, never a 500), exports and render jobs with
 * server-sent progress, the built browser app, the synth assets it needs (the same SoundFont `render` uses),
 * and the adaptive demo under /demo/.
 */
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ZodError, type z } from 'zod';
import type { Db } from '../../store/database.js';
import { LeitmotifError, formatZodIssues } from '../../util/errors.js';
import { scoreToMidi } from '../../render/midi/index.js';
import { scoreToMusicXml } from '../../render/musicxml/index.js';
import { defaultSoundFontPath } from '../../render/audio/index.js';
import { writeFilmAudio } from '../../render/audio/film-stream.js';
import { assembleFilmScore, buildProvenance } from '../../film/index.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { cueSheetCsv } from '../cue-sheet-csv.js';
import { StudioStore } from './store.js';
import { StudioProjects, type StudioDeps } from './projects.js';
import { JobRunner } from './jobs.js';
import { openApiDocument } from './openapi.js';
import { fileStream, safeFile } from './static-files.js';
import { REPO_ROOT } from './app-build.js';
import * as S from './schemas.js';

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };

export interface StudioServerOptions extends StudioDeps {
  db: Db;
  /** Folder holding one sub-folder per project (renders). */
  projectsDir: string;
  /** Built app folder (index.html + assets); absent: the API only. */
  appDir?: string;
  /** Builds the adaptive demo on first visit and returns its folder. */
  demoDir?: () => Promise<string>;
  logger?: boolean;
}

export interface StudioServer {
  app: FastifyInstance;
  projects: StudioProjects;
  jobs: JobRunner;
}

const SYNTH_ASSETS: Record<string, () => string> = {
  '/spessasynth_processor.min.js': () => join(REPO_ROOT, 'node_modules/spessasynth_lib/dist/spessasynth_processor.min.js'),
  '/soundfont.sf3': () => defaultSoundFontPath(),
};

function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  return schema.parse(value ?? {});
}

function download(reply: FastifyReply, type: string, name: string, body: string | Uint8Array) {
  return reply.header('content-type', type).header('content-disposition', `attachment; filename="${name}"`).send(typeof body === 'string' ? body : Buffer.from(body));
}

/**
 * @example
 * const { app } = await buildStudioServer({ db: openDatabase(':memory:'), projectsDir, models, textModel });
 * await app.inject({ method: 'POST', url: '/api/projects', payload: { name: 'Heist', script } });
 */
export async function buildStudioServer(o: StudioServerOptions): Promise<StudioServer> {
  const app = Fastify({ logger: o.logger ?? false, bodyLimit: S.BODY_LIMIT });
  const projects = new StudioProjects(new StudioStore(o.db), o);
  const jobs = new JobRunner();
  const openapi = openApiDocument(pkg.version);

  app.setErrorHandler((err: unknown, _req, reply) => {
    if (err instanceof ZodError) return reply.code(400).send({ error: 'invalid input', message: formatZodIssues(err.issues) });
    if (err instanceof LeitmotifError) {
      const code = err.code === 'LM_ERR_STORE' && /not found/.test(err.message) ? 404 : err.code === 'LM_ERR_INPUT_TOO_LARGE' ? 413 : err.code === 'LM_ERR_STORE' || err.code === 'LM_ERR_OUTPUT_UNWRITABLE' ? 500 : 400;
      return reply.code(code).send({ error: err.code, message: err.message, ...(err.hint ? { hint: err.hint } : {}) });
    }
    const e = err as { statusCode?: number; message?: string; code?: string };
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) return reply.code(e.statusCode).send({ error: e.code ?? 'bad request', message: e.message ?? 'bad request' });
    app.log.error(err);
    return reply.code(500).send({ error: 'internal', message: 'an internal error; please report it with the steps that led here' });
  });

  // Only this machine's names may address the studio: a web page elsewhere cannot reach it by DNS rebinding.
  app.addHook('onRequest', async (req, reply) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(host)) return reply.code(403).send({ error: 'forbidden', message: `the studio answers only on 127.0.0.1 and localhost, not "${host.slice(0, 100)}"` });
  });

  app.get('/api/health', async () => ({ ok: true, version: pkg.version }));
  app.get('/api/openapi.json', async () => openapi);

  app.get('/api/projects', async () => projects.store.listProjects());
  app.post('/api/projects', async (req, reply) => reply.code(201).send(projects.create(parse(S.CreateProjectBody, req.body))));
  app.get('/api/projects/:id', async (req) => projects.view(parse(S.ProjectParams, req.params).id));
  app.post('/api/projects/:id/undo', async (req) => projects.undo(parse(S.ProjectParams, req.params).id, -1));
  app.post('/api/projects/:id/redo', async (req) => projects.undo(parse(S.ProjectParams, req.params).id, 1));

  app.patch('/api/projects/:id/cues/:cue', async (req) => {
    const { id, cue } = parse(S.CueParams, req.params);
    projects.patchCue(id, cue, parse(S.CuePatchBody, req.body));
    return projects.view(id);
  });
  app.post('/api/projects/:id/cues/:cue/compose', async (req) => {
    const { id, cue } = parse(S.CueParams, req.params);
    return projects.composeTake(id, cue, parse(S.ComposeBody, req.body));
  });
  app.get('/api/projects/:id/cues/:cue/takes', async (req) => {
    const { id, cue } = parse(S.CueParams, req.params);
    projects.view(id);
    return projects.store.takes(id, cue).map((t) => ({ n: t.n, seed: t.seed, origin: t.origin, parent: t.parent, lock: t.lock ? JSON.parse(t.lock) : null, rating: t.rating, created: t.created_at }));
  });
  app.get('/api/projects/:id/cues/:cue/takes/:take', async (req) => {
    const { id, cue, take } = parse(S.TakeParams, req.params);
    return projects.takeView(id, cue, take);
  });
  app.post('/api/projects/:id/cues/:cue/takes/:take/select', async (req) => {
    const { id, cue, take } = parse(S.TakeParams, req.params);
    return projects.select(id, cue, take);
  });
  app.post('/api/projects/:id/cues/:cue/takes/:take/edits', async (req) => {
    const { id, cue, take } = parse(S.TakeParams, req.params);
    return projects.editNotes(id, cue, take, parse(S.NoteEditsBody, req.body));
  });
  app.post('/api/projects/:id/cues/:cue/takes/:take/rating', async (req) => {
    const { id, cue, take } = parse(S.TakeParams, req.params);
    return projects.rate(id, cue, take, parse(S.RateBody, req.body).rating);
  });
  app.get('/api/projects/:id/cues/:cue/takes/:take/score.mid', async (req, reply) => {
    const { id, cue, take } = parse(S.TakeParams, req.params);
    return download(reply, 'audio/midi', `${cue}-take${take}.mid`, scoreToMidi(projects.takeScore(id, cue, take)));
  });
  app.get('/api/projects/:id/cues/:cue/takes/:take/score.musicxml', async (req, reply) => {
    const { id, cue, take } = parse(S.TakeParams, req.params);
    return download(reply, 'application/vnd.recordare.musicxml+xml', `${cue}-take${take}.musicxml`, scoreToMusicXml(projects.takeScore(id, cue, take)));
  });
  app.post('/api/projects/:id/cues/:cue/ab', async (req) => {
    const { id, cue } = parse(S.CueParams, req.params);
    const b = parse(S.PickBody, req.body);
    return projects.pick(id, cue, b.winner, b.loser);
  });
  app.post('/api/projects/:id/motifs', async (req) => projects.importMotif(parse(S.ProjectParams, req.params).id, parse(S.MotifBody, req.body)));

  const filmScore = (id: string, cues?: string[]) => {
    const placed = projects.selectedScores(id, cues);
    const sheet = projects.state(id).cueSheet;
    return { placed, assembled: assembleFilmScore(sheet, placed) };
  };
  app.get('/api/projects/:id/score.mid', async (req, reply) => {
    const { id } = parse(S.ProjectParams, req.params);
    return download(reply, 'audio/midi', `${id}.mid`, scoreToMidi(filmScore(id).assembled.score));
  });
  app.get('/api/projects/:id/score.musicxml', async (req, reply) => {
    const { id } = parse(S.ProjectParams, req.params);
    return download(reply, 'application/vnd.recordare.musicxml+xml', `${id}.musicxml`, scoreToMusicXml(filmScore(id).assembled.score));
  });
  app.get('/api/projects/:id/cuesheet.json', async (req, reply) => {
    const { id } = parse(S.ProjectParams, req.params);
    return download(reply, 'application/json', 'cuesheet.json', JSON.stringify(projects.state(id).cueSheet, null, 2) + '\n');
  });
  app.get('/api/projects/:id/cuesheet.csv', async (req, reply) => {
    const { id } = parse(S.ProjectParams, req.params);
    const st = projects.state(id);
    return download(reply, 'text/csv; charset=utf-8', 'cuesheet.csv', cueSheetCsv(st.cueSheet, st.directions));
  });
  app.get('/api/projects/:id/provenance.json', async (req) => {
    const { id } = parse(S.ProjectParams, req.params);
    const row = projects.store.project(id);
    const st = projects.state(id);
    const base = buildProvenance({
      version: pkg.version, command: 'studio', seed: st.cueSheet.seed, options: { style: st.cueSheet.style, fps: st.cueSheet.fps },
      inputs: row.script ? [{ role: 'script', path: row.name, sha256: createHash('sha256').update(row.script).digest('hex'), bytes: Buffer.byteLength(row.script) }] : [],
      models: (['melody', 'harmony'] as const).map((role) => ({ role, id: o.models[role].id })),
      soundfont: null, cueSheet: st.cueSheet, outputs: [], director: { requested: 'offline', used: st.cueSheet.director, notes: [] },
    });
    // Every selected take and how it was made: seed, origin (plan/compose/regenerate/edit), lock, parent take.
    const takes = st.cueSheet.cues.map((c) => {
      const t = projects.store.take(id, c.id, st.selected[c.id]);
      return { cue: c.id, take: t.n, seed: t.seed, origin: t.origin, parent: t.parent, lock: t.lock ? JSON.parse(t.lock) : null, sha256: createHash('sha256').update(t.score).digest('hex') };
    });
    return { ...base, studio: { project: id, version: projects.store.head(id).n, takes, picks: projects.store.picks(id), directions: st.directions } };
  });

  app.post('/api/projects/:id/render', async (req, reply) => {
    const { id } = parse(S.ProjectParams, req.params);
    const body = parse(S.RenderBody, req.body);
    const { placed, assembled } = filmScore(id, body.cues);
    const job = jobs.start(id, join(o.projectsDir, id), `renders/${Date.now().toString(36)}`, async (stage, progress) => {
      progress(0.01, 'writing MIDI');
      writeFileAtomic(join(stage, 'score.mid'), scoreToMidi(assembled.score));
      progress(0.02, 'rendering audio');
      const r = await writeFilmAudio(assembled.score, placed.map((p) => ({ start: p.cue.start, end: p.cue.end })), {
        mixPath: join(stage, 'mix.wav'), stemsDir: body.stems ? join(stage, 'stems') : null, stemEffects: 'shared',
        onProgress: (f) => progress(0.02 + 0.97 * f, 'rendering audio'),
      });
      return ['score.mid', ...r.files.map((f) => f.path.slice(stage.length + 1).split('\\').join('/'))];
    });
    return reply.code(202).send(job);
  });
  app.get('/api/jobs/:job', async (req, reply) => {
    const job = jobs.get(String((req.params as { job: string }).job));
    return job ?? reply.code(404).send({ error: 'LM_ERR_STORE', message: 'job not found' });
  });
  app.get('/api/jobs/:job/events', (req, reply) => {
    const id = String((req.params as { job: string }).job);
    if (!jobs.get(id)) return reply.code(404).send({ error: 'LM_ERR_STORE', message: 'job not found' });
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const off = jobs.subscribe(id, (s) => {
      reply.raw.write(`data: ${JSON.stringify(s)}\n\n`);
      if (s.state !== 'running') queueMicrotask(() => { off(); reply.raw.end(); });
    });
    req.raw.on('close', off);
  });
  app.get('/api/projects/:id/files/*', async (req, reply) => {
    const { id } = parse(S.ProjectParams, req.params);
    projects.store.project(id);
    const file = safeFile(join(o.projectsDir, id), (req.params as { '*': string })['*']);
    if (!file) return reply.code(404).send({ error: 'not found', message: 'no such file in the project folder' });
    const f = fileStream(file);
    return reply.header('content-type', f.type).header('content-length', f.size).send(f.stream);
  });

  for (const [url, path] of Object.entries(SYNTH_ASSETS)) {
    app.get(url, async (_req, reply) => {
      const f = fileStream(path());
      return reply.header('content-type', f.type).header('content-length', f.size).header('cache-control', 'max-age=3600').send(f.stream);
    });
  }
  const serveFrom = async (root: string, rel: string, reply: FastifyReply) => {
    const file = safeFile(root, rel || 'index.html');
    if (!file) return reply.code(404).send({ error: 'not found', message: 'no such page' });
    const f = fileStream(file);
    return reply.header('content-type', f.type).header('content-length', f.size).send(f.stream);
  };
  if (o.demoDir) {
    const demoDir = o.demoDir;
    app.get('/demo', async (_req, reply) => reply.redirect('/demo/'));
    app.get('/demo/*', async (req, reply) => serveFrom(await demoDir(), (req.params as { '*': string })['*'], reply));
  }
  if (o.appDir) {
    const appDir = o.appDir;
    app.get('/*', async (req, reply) => {
      const rel = (req.params as { '*': string })['*'];
      if (rel.startsWith('api/')) return reply.code(404).send({ error: 'not found', message: `no API route ${req.method} /${rel}` });
      return serveFrom(appDir, rel, reply);
    });
  }
  return { app, projects, jobs };
}
