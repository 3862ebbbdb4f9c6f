/**
 * purpose: the Node side of loading a music graph — reads the JSON, then resolves `file` segments relative to
 * the graph: `.mid`/`.midi` through render/midi's midiToScore (DAW markers named "sync:…" become sync points),
 * `.json` as a Leitmotif Score. Also reads timelines.
 */
import { dirname, extname, resolve } from 'node:path';
import { readInputFile, readJsonInput } from '../../io/read-input.js';
import { midiToScore } from '../../render/midi/index.js';
import { parseScore } from '../../score/validate.js';
import { LeitmotifError } from '../../util/errors.js';
import { parseGraph, resolveSegments, type MusicGraph } from '../graph.js';
import { parseTimeline, type Timeline } from '../timeline.js';

export function loadGraphFile(path: string): MusicGraph {
  const raw = parseGraph(readJsonInput(path, 'music graph'), path);
  const base = dirname(resolve(path));
  return resolveSegments(raw, (file, name) => {
    const p = resolve(base, file);
    const ext = extname(p).toLowerCase();
    if (ext === '.mid' || ext === '.midi') return midiToScore(new Uint8Array(readInputFile(p, { what: `segment "${name}"` })), { title: name });
    if (ext === '.json') return parseScore(readJsonInput(p, `segment "${name}"`), `segment "${name}" (${file})`);
    throw new LeitmotifError('LM_ERR_GRAPH_INVALID', `segment "${name}": ${file} is neither a .mid nor a .json score`, { hint: 'export the segment from your DAW as a Standard MIDI File' });
  });
}

export function loadTimelineFile(path: string): Timeline {
  return parseTimeline(readJsonInput(path, 'timeline'), path);
}
