/**
 * API tests of the studio server through Fastify's inject (no sockets), plus one real socket for the render
 * job's server-sent events: the routes of the contract, validation (400 with a message, never 500), 404s,
 * upload caps, path traversal, undo/redo, lock-and-regenerate keeping locked notes byte-identical, A/B picks
 * reaching the PreferenceSink, and exports.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { testStudio } from './test-support.js';
import type { StudioServer } from './server.js';
import { midiToScore } from '../../render/midi/index.js';
import type { Note, Score } from '../../score/schema.js';

const HEIST = readFileSync(new URL('../../../examples/heist.fountain', import.meta.url), 'utf8');

describe('studio API', () => {
  let s: StudioServer & { projectsDir: string };
  let id: string;
  const prefs: string[] = [];
  const inject = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) => s.app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }) });

  beforeAll(async () => {
    s = await testStudio({ preferences: { prefer: (w, l) => prefs.push(`prefer ${w} > ${l}`), rate: (t, r) => prefs.push(`rate ${t} ${r}`) } });
    const r = await inject('POST', '/api/projects', { name: 'Heist', script: HEIST });
    expect(r.statusCode).toBe(201);
    id = r.json().id;
  });
  afterAll(async () => { await s.app.close(); });

  it('creates a project from a screenplay: analysis, a cue sheet and take 1 of every cue', async () => {
    const v = (await inject('GET', `/api/projects/${id}`)).json();
    expect(v.analysis.scenes.length).toBeGreaterThan(3);
    expect(v.cueSheet.cues.length).toBeGreaterThanOrEqual(3);
    for (const c of v.cueSheet.cues) {
      expect(v.selected[c.id]).toBe(1);
      expect(c.composed.bars).toBeGreaterThan(0);
    }
    expect((await inject('GET', '/api/projects')).json().map((p: { id: string }) => p.id)).toContain(id);
  });

  it('creates a project from a blank cue and from Final Draft and prose', async () => {
    const blank = await inject('POST', '/api/projects', { name: 'Sketch', blank: { duration: 20, emotion: { valence: 0.5, arousal: 0.2, tension: 0.2 } }, style: 'piano' });
    expect(blank.statusCode).toBe(201);
    const v = (await inject('GET', `/api/projects/${blank.json().id}`)).json();
    expect(v.cueSheet.cues.map((c: { id: string }) => c.id)).toEqual(['1m1']);
    expect(v.analysis).toBeNull();
    const fdx = readFileSync(new URL('../../../examples/short.fdx', import.meta.url), 'utf8');
    expect((await inject('POST', '/api/projects', { name: 'FDX', script: fdx })).statusCode).toBe(201);
    const prose = readFileSync(new URL('../../../examples/treatment.txt', import.meta.url), 'utf8');
    const r = await inject('POST', '/api/projects', { name: 'Prose', script: prose, format: 'plain' });
    expect(r.statusCode).toBe(201);
    expect((await inject('GET', `/api/projects/${r.json().id}`)).json().format).toBe('plain');
  });

  it('answers bad input with 400 and a message, missing things with 404, never 500', async () => {
    const cases: Array<[string, string, unknown, number]> = [
      ['POST', '/api/projects', { name: 'x' }, 400],
      ['POST', '/api/projects', { name: 'x', script: 'a', blank: {} }, 400],
      ['POST', '/api/projects', { name: 'x', script: 42 }, 400],
      ['POST', '/api/projects', { name: 'x', script: 'INT. A - DAY\n\nHi.', style: 'polka' }, 400],
      ['POST', '/api/projects', { name: 'x', script: 'x'.repeat(2_000_001) }, 400],
      ['POST', '/api/projects', '{"name": ', 400],
      ['GET', '/api/projects/nope!', undefined, 400],
      ['GET', '/api/projects/abcdef123456', undefined, 404],
      ['POST', `/api/projects/${'ID'}/cues/1m1/compose`, {}, 400],
      ['POST', '/api/projects/PROJ/cues/1m1/compose', { lock: { bars: 'x' } }, 400],
      ['POST', '/api/projects/PROJ/cues/1m1/compose', { lock: { bars: [1, 999] } }, 400],
      ['POST', '/api/projects/PROJ/cues/1m1/compose', { lock: { tracks: ['Kazoo'] } }, 400],
      ['POST', '/api/projects/PROJ/cues/1m1/compose', { lock: {} }, 400],
      ['POST', '/api/projects/PROJ/cues/1m1/compose', { seed: -1 }, 400],
      ['POST', '/api/projects/PROJ/cues/1m1/compose', { spec: { emotion: { valence: 9, arousal: 0, tension: 0 } } }, 400],
      ['POST', '/api/projects/PROJ/cues/9m9/compose', {}, 404],
      ['POST', '/api/projects/PROJ/cues/bad/compose', {}, 400],
      ['PATCH', '/api/projects/PROJ/cues/1m1', { tempo: 5000 }, 400],
      ['PATCH', '/api/projects/PROJ/cues/1m1', { start: 100, end: 99 }, 400],
      ['PATCH', '/api/projects/PROJ/cues/1m1', { sneaky: true }, 400],
      ['GET', '/api/projects/PROJ/cues/1m1/takes/99', undefined, 404],
      ['GET', '/api/projects/PROJ/cues/1m1/takes/zero', undefined, 400],
      ['POST', '/api/projects/PROJ/cues/1m1/takes/1/edits', { edits: [{ op: 'add', track: 'Kazoo', note: { tick: 0, duration: 480, pitch: 60, velocity: 80 } }] }, 400],
      ['POST', '/api/projects/PROJ/cues/1m1/takes/1/edits', { edits: [{ op: 'add', track: 'x', note: { tick: 0, duration: 480, pitch: 200, velocity: 80 } }] }, 400],
      ['POST', '/api/projects/PROJ/cues/1m1/ab', { winner: 1, loser: 1 }, 400],
      ['POST', '/api/projects/PROJ/cues/1m1/takes/1/rating', { rating: 6 }, 400],
      ['POST', '/api/projects/PROJ/motifs', { text: 'H9 Q2', target: { cue: '1m1' } }, 400],
      ['POST', '/api/projects/PROJ/motifs', { midiBase64: Buffer.from('not a midi file at all').toString('base64'), target: { cue: '1m1' } }, 400],
      ['POST', '/api/projects/PROJ/motifs', { text: 'C4', target: { cue: '9m9' } }, 404],
      ['POST', '/api/projects/PROJ/render', { cues: ['9m9'] }, 404],
      ['GET', '/api/jobs/nope', undefined, 404],
      ['GET', '/api/nothing-here', undefined, 404],
    ];
    for (const [method, url0, body, code] of cases) {
      const url = url0.replace('PROJ', id);
      const r = await s.app.inject({ method: method as 'GET', url, ...(body === undefined ? {} : typeof body === 'string' ? { payload: body, headers: { 'content-type': 'application/json' } } : { payload: body as object }) });
      expect(r.statusCode, `${method} ${url} ${JSON.stringify(body)?.slice(0, 80)} → ${r.body.slice(0, 200)}`).toBe(code);
      expect(typeof r.json().message, url).toBe('string');
    }
  });

  it('answers only to this machine\'s host names (no DNS rebinding)', async () => {
    const r = await s.app.inject({ method: 'GET', url: '/api/projects', headers: { host: 'evil.example:4173' } });
    expect(r.statusCode).toBe(403);
    expect((await s.app.inject({ method: 'GET', url: '/api/projects', headers: { host: '127.0.0.1:4173' } })).statusCode).toBe(200);
  });

  it('caps uploads: a body over the limit is refused with 413', async () => {
    const r = await inject('POST', `/api/projects/${id}/motifs`, { midiBase64: 'A'.repeat(4 * 1024 * 1024), target: { cue: '1m1' } });
    expect(r.statusCode).toBe(413);
    const r2 = await inject('POST', `/api/projects/${id}/motifs`, { midiBase64: 'A'.repeat(800 * 1024), target: { cue: '1m1' } });
    expect(r2.statusCode).toBe(400);
    expect(r2.json().message).toMatch(/at most 512 KB/);
  });

  it('serves nothing outside the project folder', async () => {
    const dir = join(s.projectsDir, id);
    mkdirSync(join(dir, 'renders'), { recursive: true });
    writeFileSync(join(dir, 'renders', 'ok.txt'), 'inside');
    writeFileSync(join(s.projectsDir, 'secret.txt'), 'outside');
    symlinkSync(join(s.projectsDir, 'secret.txt'), join(dir, 'renders', 'link.txt'));
    expect((await inject('GET', `/api/projects/${id}/files/renders/ok.txt`)).body).toBe('inside');
    for (const p of ['../secret.txt', '..%2Fsecret.txt', 'renders/..%2F..%2Fsecret.txt', '%2E%2E/secret.txt', 'renders/link.txt', '%2Fetc%2Fpasswd', '..%5Csecret.txt', 'renders/ok.txt%00.png', 'renders']) {
      const r = await inject('GET', `/api/projects/${id}/files/${p}`);
      expect(r.statusCode, p).toBe(404);
      expect(r.body).not.toContain('outside');
    }
  });

  it('recomposes one cue only, and lock-and-regenerate keeps the locked bars byte-identical', async () => {
    const before = (await inject('GET', `/api/projects/${id}`)).json();
    const cues: string[] = before.cueSheet.cues.map((c: { id: string }) => c.id);
    const cue = cues[1];
    const t2 = (await inject('POST', `/api/projects/${id}/cues/${cue}/compose`, {})).json();
    expect(t2.n).toBe(2);
    const after = (await inject('GET', `/api/projects/${id}`)).json();
    for (const c of cues) expect(after.selected[c]).toBe(c === cue ? 2 : 1);

    const r = await inject('POST', `/api/projects/${id}/cues/${cue}/compose`, { lock: { bars: [1, 4] } });
    expect(r.statusCode).toBe(200);
    const t3 = r.json();
    expect(t3.origin).toBe('regenerate');
    expect(t3.seed).not.toBe(t2.seed);
    const s2 = t2.score as Score;
    const s3 = t3.score as Score;
    const barTicks = (s2.meters[0].numerator * 1920) / s2.meters[0].denominator;
    const locked = (sc: Score) => JSON.stringify(sc.tracks.map((t) => [t.name, t.notes.filter((n) => n.tick < 4 * barTicks)]).filter(([, n]) => (n as Note[]).length));
    expect(locked(s3)).toBe(locked(s2));
    // No new note hangs into the locked bars; the rest is new music on the same grid.
    expect(s3.meters).toEqual(s2.meters);
    const rest = (sc: Score) => JSON.stringify(sc.tracks.map((t) => t.notes.filter((n) => n.tick >= 4 * barTicks)));
    expect(rest(s3)).not.toBe(rest(s2));

    // Lock a track: all its notes stay.
    const name = s3.tracks.find((t) => t.notes.length > 5)!.name;
    const t4 = (await inject('POST', `/api/projects/${id}/cues/${cue}/compose`, { lock: { tracks: [name] } })).json();
    expect(t4.score.tracks.find((t: { name: string }) => t.name === name).notes).toEqual(s3.tracks.find((t) => t.name === name)!.notes);

    // Takes are deterministic: the same seed and spec give the same notes.
    const again = (await inject('POST', `/api/projects/${id}/cues/${cue}/compose`, { seed: t2.seed })).json();
    expect(JSON.stringify(again.score.tracks)).toBe(JSON.stringify(t2.score.tracks));
  });

  it('edits a cue (emotion, direction) and undoes and redoes it', async () => {
    const cue = '1m1';
    const v1 = (await inject('PATCH', `/api/projects/${id}/cues/${cue}`, { emotion: { valence: 0.8, arousal: 0.6, tension: 0.1 } })).json();
    expect(v1.emotions[cue]).toBe('joy');
    const v2 = (await inject('PATCH', `/api/projects/${id}/cues/${cue}`, { direction: 'darker and slower, more tension' })).json();
    expect(v2.directions[cue].understood).toEqual(['darker', 'tension', 'slower']);
    const e2 = v2.cueSheet.cues.find((c: { id: string }) => c.id === cue).spec.emotion;
    expect(e2.valence).toBeCloseTo(0.5);
    expect((await inject('POST', `/api/projects/${id}/undo`)).json().undone).toBe(`edit ${cue}`);
    const back = (await inject('GET', `/api/projects/${id}`)).json();
    expect(back.cueSheet.cues.find((c: { id: string }) => c.id === cue).spec.emotion.valence).toBe(0.8);
    expect(back.canRedo).toBe(true);
    await inject('POST', `/api/projects/${id}/redo`);
    expect((await inject('GET', `/api/projects/${id}`)).json().directions[cue].text).toBe('darker and slower, more tension');
    expect((await inject('POST', `/api/projects/${id}/redo`)).statusCode).toBe(400);
  });

  it('a direction naming instruments orchestrates the cue: the next take has the tune on the cellos and no percussion; a new palette drops the lead', async () => {
    const cue = '1m1';
    const v = (await inject('PATCH', `/api/projects/${id}/cues/${cue}`, { direction: 'give it to the cellos, no percussion' })).json();
    expect(v.directions[cue].understood).toEqual(['lead: Cellos (from "cellos")', 'left out: percussion']);
    expect(v.cueSheet.cues.find((c: { id: string }) => c.id === cue).spec.orchestration).toEqual({ lead: 'cellos', avoid: ['drums', 'timpani'] });
    const take = (await inject('POST', `/api/projects/${id}/cues/${cue}/compose`, {})).json();
    const playing = take.score.tracks.filter((t: { notes: unknown[] }) => t.notes.length > 0);
    expect(playing.find((t: { role: string }) => t.role === 'melody')?.name).toBe('Cellos');
    expect(playing.some((t: { role: string; name: string }) => t.role === 'percussion' || t.name === 'Timpani')).toBe(false);
    const rock = (await inject('PATCH', `/api/projects/${id}/cues/${cue}`, { style: 'rock' }));
    expect(rock.statusCode).toBe(200);
    expect(rock.json().cueSheet.cues.find((c: { id: string }) => c.id === cue).spec.orchestration).toEqual({ avoid: ['drums', 'timpani'] });
  });

  it('moves a cue boundary and its hits, and reports after recomposing which hits are caught', async () => {
    const v = (await inject('GET', `/api/projects/${id}`)).json();
    const c = v.cueSheet.cues[2];
    const r = await inject('PATCH', `/api/projects/${id}/cues/${c.id}`, { end: c.end - 2, hits: [{ time: 3, label: 'door slams', salience: 0.9 }] });
    expect(r.statusCode).toBe(200);
    const moved = r.json().cueSheet.cues[2];
    expect(moved.end).toBeCloseTo(c.end - 2, 3);
    expect(moved.spec.duration).toBeCloseTo(c.end - 2 - c.start, 3);
    const t = (await inject('POST', `/api/projects/${id}/cues/${c.id}/compose`, {})).json();
    expect(t.score.hits.map((h: { label: string }) => h.label)).toContain('door slams');
    const after = (await inject('GET', `/api/projects/${id}`)).json().cueSheet.cues[2];
    const hit = after.hits.find((h: { label: string }) => h.label === 'door slams');
    expect(hit).toEqual(expect.objectContaining({ caught: true, cueTime: 3 }));
    expect(Math.abs(hit.errorMs)).toBeLessThan(10);
    // A boundary may not cross the neighbouring cue.
    expect((await inject('PATCH', `/api/projects/${id}/cues/${c.id}`, { end: v.cueSheet.cues[3].start + 5 })).statusCode).toBe(400);
  });

  it('imports a typed motif as a cue theme and a character leitmotif; compose states it', async () => {
    const r = await inject('POST', `/api/projects/${id}/motifs`, { text: 'E4 G4/0.5 A4/0.5 B4 r/0.5 C5/1.5', target: { cue: '1m1' } });
    expect(r.statusCode).toBe(200);
    expect(r.json().understood.pitches).toEqual([64, 67, 69, 71, 72]);
    const t = (await inject('POST', `/api/projects/${id}/cues/1m1/compose`, {})).json();
    expect(t.summary.motifs.some((m: { id: string }) => m.id === 'theme-1m1')).toBe(true);
    const v = (await inject('GET', `/api/projects/${id}`)).json();
    const who = v.cueSheet.motifs[0].character;
    const c = await inject('POST', `/api/projects/${id}/motifs`, { text: 'D4 F4 A4/2', target: { character: who }, name: 'New theme' });
    expect(c.statusCode).toBe(200);
    const v2 = (await inject('GET', `/api/projects/${id}`)).json();
    for (const cid of c.json().cues) expect(v2.cueSheet.cues.find((x: { id: string }) => x.id === cid).spec.motifs.find((m: { name: string }) => m.name === 'New theme')).toBeDefined();
  });

  it('A/B picks and ratings are recorded and reach the PreferenceSink', async () => {
    const r = await inject('POST', `/api/projects/${id}/cues/1m1/ab`, { winner: 1, loser: 2 });
    expect(r.json().selected).toBe(1);
    await inject('POST', `/api/projects/${id}/cues/1m1/takes/1/rating`, { rating: 4 });
    expect(prefs).toEqual([`prefer studio:${id}/1m1/1 > studio:${id}/1m1/2`, `rate studio:${id}/1m1/1 4`]);
    const v = (await inject('GET', `/api/projects/${id}`)).json();
    expect(v.picks).toEqual([expect.objectContaining({ cue_id: '1m1', winner: 1, loser: 2 })]);
    expect(v.selected['1m1']).toBe(1);
  });

  it('edits notes into a new take', async () => {
    const t = (await inject('GET', `/api/projects/${id}/cues/1m1/takes/1`)).json();
    const track = t.score.tracks[0];
    const n0 = track.notes[0];
    const r = await inject('POST', `/api/projects/${id}/cues/1m1/takes/1/edits`, { edits: [
      { op: 'delete', track: track.name, tick: n0.tick, pitch: n0.pitch },
      { op: 'add', track: track.name, note: { tick: 0, duration: 240, pitch: 100, velocity: 90 } },
    ] });
    expect(r.statusCode).toBe(200);
    const e = r.json();
    expect(e.origin).toBe('edit');
    expect(e.parent).toBe(1);
    const notes = e.score.tracks[0].notes as Note[];
    expect(notes.some((n) => n.pitch === 100 && n.tick === 0)).toBe(true);
    expect(notes.length).toBe(track.notes.length);
  });

  it('exports MIDI and MusicXML of a take and of the film, the cue sheet as JSON and CSV, provenance, OpenAPI', async () => {
    const mid = await inject('GET', `/api/projects/${id}/cues/1m1/takes/1/score.mid`);
    expect(mid.headers['content-type']).toBe('audio/midi');
    const back = midiToScore(new Uint8Array(mid.rawPayload));
    expect(back.tracks.reduce((a, t) => a + t.notes.length, 0)).toBeGreaterThan(10);
    expect((await inject('GET', `/api/projects/${id}/cues/1m1/takes/1/score.musicxml`)).body).toContain('<score-partwise');
    expect((await inject('GET', `/api/projects/${id}/score.mid`)).rawPayload.subarray(0, 4).toString()).toBe('MThd');
    expect((await inject('GET', `/api/projects/${id}/score.musicxml`)).body).toContain('<score-partwise');
    const csv = (await inject('GET', `/api/projects/${id}/cuesheet.csv`)).body.split('\r\n');
    expect(csv[0]).toBe('cue,title,in,out,duration_s,scenes,emotion,valence,arousal,tension,palette,key,tempo,meter,bars,hits_caught,hits,motifs,direction');
    expect(csv[1].startsWith('1m1,')).toBe(true);
    expect((await inject('GET', `/api/projects/${id}/cuesheet.json`)).json().cues.length).toBe(csv.length - 2);
    const prov = (await inject('GET', `/api/projects/${id}/provenance.json`)).json();
    expect(prov.command).toBe('studio');
    const selected = (await inject('GET', `/api/projects/${id}`)).json().selected['1m1'];
    expect(prov.studio.takes.find((t: { cue: string }) => t.cue === '1m1')).toEqual(expect.objectContaining({ take: selected, origin: 'edit', parent: 1 }));
    const oa = (await inject('GET', '/api/openapi.json')).json();
    expect(oa.openapi).toBe('3.1.0');
    for (const p of ['/api/projects', '/api/projects/{id}', '/api/projects/{id}/cues/{cue}/compose', '/api/projects/{id}/cues/{cue}/takes/{take}/score.mid', '/api/projects/{id}/cues/{cue}/takes/{take}/score.musicxml', '/api/projects/{id}/render']) expect(oa.paths[p], p).toBeDefined();
    expect(oa.paths['/api/projects/{id}/cues/{cue}/compose'].post.requestBody.content['application/json'].schema.properties.lock).toBeDefined();
  });

  it('renders stems + mix as a job with server-sent progress; the files appear in the project folder', async () => {
    const blank = (await inject('POST', '/api/projects', { name: 'Short', blank: { duration: 6 }, style: 'piano' })).json().id;
    const r = await inject('POST', `/api/projects/${blank}/render`, { stems: true });
    expect(r.statusCode).toBe(202);
    const job = r.json();
    await s.app.listen({ host: '127.0.0.1', port: 0 });
    const port = (s.app.server.address() as { port: number }).port;
    const res = await fetch(`http://127.0.0.1:${port}/api/jobs/${job.id}/events`);
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const text = await res.text();
    const events = text.split('\n\n').filter(Boolean).map((e) => JSON.parse(e.replace(/^data: /, '')));
    expect(events.at(-1).state).toBe('done');
    const progress = events.map((e) => e.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    const files: string[] = events.at(-1).files;
    expect(files.some((f) => f.endsWith('/mix.wav'))).toBe(true);
    expect(files.some((f) => /\/stems\/.+\.wav$/.test(f))).toBe(true);
    const wav = await inject('GET', `/api/projects/${blank}/files/${files.find((f) => f.endsWith('/mix.wav'))}`);
    expect(wav.statusCode).toBe(200);
    expect(wav.rawPayload.subarray(0, 4).toString()).toBe('RIFF');
  });
});
