/**
 * purpose: the OpenAPI 3.1 document of the studio API (served at /api/openapi.json), with request bodies
 * generated from the same zod schemas that validate them, so the document cannot drift from the checks.
 */
import { z } from 'zod';
import { ComposeBody, CreateProjectBody, CuePatchBody, MotifBody, NoteEditsBody, PickBody, RateBody, RenderBody } from './schemas.js';

const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema: z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) } } });
const ok = (description: string, type = 'application/json') => ({ 200: { description, content: { [type]: {} } }, 400: { description: 'invalid input: { error, message, hint? }' }, 404: { description: 'no such project, cue, take or job' } });
const p = (name: string, description: string) => ({ name, in: 'path', required: true, schema: { type: 'string' }, description });
const P = p('id', 'project id');
const C = p('cue', 'cue id, e.g. 1m2');
const T = p('take', 'take number (1, 2, …) within the cue');

export function openApiDocument(version: string) {
  return {
    openapi: '3.1.0',
    info: { title: 'Leitmotif Studio API', version, description: 'Local API behind `leitmotif studio` (127.0.0.1 only): projects from screenplays, cue sheets, takes, locks, motifs, A/B picks and exports.' },
    paths: {
      '/api/projects': {
        get: { summary: 'List projects', responses: ok('[{ id, name, created_at, source_format }]') },
        post: { summary: 'Create a project from a screenplay (Fountain, FDX, prose) or a blank cue; every cue is composed (take 1)', requestBody: json(CreateProjectBody), responses: ok('{ id }') },
      },
      '/api/projects/{id}': { get: { summary: 'Analysis (scenes, beats, hits), cue sheet, selected takes, take history, undo state', parameters: [P], responses: ok('project view') } },
      '/api/projects/{id}/undo': { post: { summary: 'Undo the last edit', parameters: [P], responses: ok('{ undone }') } },
      '/api/projects/{id}/redo': { post: { summary: 'Redo the last undone edit', parameters: [P], responses: ok('{ redone }') } },
      '/api/projects/{id}/cues/{cue}': { patch: { summary: "Edit a cue's emotion, palette, key, mode, tempo, metre, hits, boundaries or direction (no recompose)", parameters: [P, C], requestBody: json(CuePatchBody), responses: ok('project view') } },
      '/api/projects/{id}/cues/{cue}/compose': { post: { summary: 'Compose a new take of this cue only; with `lock`, keep those bars/tracks of the base take note for note and regenerate the rest with a new seed', parameters: [P, C], requestBody: json(ComposeBody), responses: ok('take') } },
      '/api/projects/{id}/cues/{cue}/takes': { get: { summary: 'Take history of a cue', parameters: [P, C], responses: ok('[take summary]') } },
      '/api/projects/{id}/cues/{cue}/takes/{take}': { get: { summary: 'One take: score, chord symbols per bar, summary', parameters: [P, C, T], responses: ok('take') } },
      '/api/projects/{id}/cues/{cue}/takes/{take}/select': { post: { summary: "Make this take the cue's current one", parameters: [P, C, T], responses: ok('{ selected }') } },
      '/api/projects/{id}/cues/{cue}/takes/{take}/edits': { post: { summary: 'Add, delete or move notes; makes a new take', parameters: [P, C, T], requestBody: json(NoteEditsBody), responses: ok('take') } },
      '/api/projects/{id}/cues/{cue}/takes/{take}/rating': { post: { summary: 'Rate a take 1–5 (recorded and passed to personalization)', parameters: [P, C, T], requestBody: json(RateBody), responses: ok('{ rating }') } },
      '/api/projects/{id}/cues/{cue}/takes/{take}/score.mid': { get: { summary: 'The take as a Standard MIDI File', parameters: [P, C, T], responses: ok('MIDI', 'audio/midi') } },
      '/api/projects/{id}/cues/{cue}/takes/{take}/score.musicxml': { get: { summary: 'The take as MusicXML', parameters: [P, C, T], responses: ok('MusicXML', 'application/vnd.recordare.musicxml+xml') } },
      '/api/projects/{id}/cues/{cue}/ab': { post: { summary: 'A/B: pick the winner of two takes (recorded, selected, passed to personalization)', parameters: [P, C], requestBody: json(PickBody), responses: ok('{ pick, selected }') } },
      '/api/projects/{id}/motifs': { post: { summary: "Import a motif (MIDI file as base64, or typed notes) as a character's leitmotif or a cue's theme", parameters: [P], requestBody: json(MotifBody), responses: ok('{ motif, understood, cues }') } },
      '/api/projects/{id}/score.mid': { get: { summary: 'The whole film (selected takes, assembled) as MIDI', parameters: [P], responses: ok('MIDI', 'audio/midi') } },
      '/api/projects/{id}/score.musicxml': { get: { summary: 'The whole film as MusicXML', parameters: [P], responses: ok('MusicXML', 'application/vnd.recordare.musicxml+xml') } },
      '/api/projects/{id}/cuesheet.json': { get: { summary: 'Cue sheet JSON (the `leitmotif compose` input format)', parameters: [P], responses: ok('cue sheet') } },
      '/api/projects/{id}/cuesheet.csv': { get: { summary: 'Cue sheet CSV', parameters: [P], responses: ok('CSV', 'text/csv') } },
      '/api/projects/{id}/provenance.json': { get: { summary: 'Provenance: tool, models, seeds, every selected take and how it was made', parameters: [P], responses: ok('provenance') } },
      '/api/projects/{id}/render': { post: { summary: 'Render stems + mix of the selected takes as a job', parameters: [P], requestBody: json(RenderBody), responses: ok('job { id, state, progress, label, files }') } },
      '/api/jobs/{job}': { get: { summary: 'Job status', parameters: [p('job', 'job id')], responses: ok('job') } },
      '/api/jobs/{job}/events': { get: { summary: 'Job progress as server-sent events (`data: {job status}`), closing when the job ends', parameters: [p('job', 'job id')], responses: ok('event stream', 'text/event-stream') } },
      '/api/projects/{id}/files/{path}': { get: { summary: "A file in the project's folder (rendered WAVs); nothing outside it is served", parameters: [P, p('path', 'path inside the project folder')], responses: ok('file', 'application/octet-stream') } },
    },
  };
}
