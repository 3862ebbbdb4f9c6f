/**
 * purpose: `leitmotif compose <spec.json> -o <dir>` — compose one cue from a cue spec (or one cue of a cue
 * sheet) and write score.json, score.mid, score.musicxml, mix.wav, stems/ (role-named) and provenance.json.
 * Thin wrapper: all music logic is in compose/; files are written atomically.
 */
import type { Command } from 'commander';
import { join, resolve } from 'node:path';
import { readJsonInput } from '../../io/read-input.js';
import { writeFileAtomic, writeJsonAtomic } from '../../io/atomic-write.js';
import { openRunFolder } from '../../io/run-folder.js';
import { parseCueSpec, resolveCue, type CueSpec, type CueJoin } from '../../cue/index.js';
import { composeCue, stableStringify, COMPOSER_VERSION } from '../../compose/index.js';
import type { ComposedCue } from '../../compose/api.js';
import { scoreToMidi } from '../../render/midi/index.js';
import { LeitmotifError } from '../../util/errors.js';
import { loadStyleModels } from '../../style/node.js';
import { hashString } from '../../util/rng.js';
import { createProgress } from '../progress.js';
import type { Score } from '../../score/schema.js';
import { parseLufsFlag, parseSeedFlag } from '../flags.js';
import { mergeDirection, readDirection } from '../../affect/direction-text.js';
import { loadTextModel } from '../../affect/node.js';

interface Job {
  id: string;
  spec: CueSpec;
  previous?: CueJoin;
}

/**
 * A cue spec file, or a cue sheet (`{ cues: [{ id, spec, previous? }] }`) narrowed by --cue. A sheet's stored
 * `tempoMap` is only a record of the last planning: the spec is the truth, so edited hits are re-solved.
 */
export function jobsFromJson(json: unknown, source: string, cueId?: string): Job[] {
  if (json && typeof json === 'object' && Array.isArray((json as { cues?: unknown }).cues)) {
    const cues = (json as { cues: unknown[] }).cues;
    const jobs: Job[] = cues.map((c, i) => {
      const cue = (c ?? {}) as { id?: unknown; spec?: unknown; previous?: unknown };
      const id = typeof cue.id === 'string' ? cue.id : `cue${i + 1}`;
      const spec = parseCueSpec(cue.spec, `${source} cue ${id}`);
      const prev = cue.previous as Job['previous'] | undefined;
      return { id, spec: { ...spec, id: spec.id ?? id }, previous: prev && typeof prev.tonic === 'number' ? prev : undefined };
    });
    if (jobs.length === 0) throw new LeitmotifError('LM_ERR_INPUT_INVALID', `${source} has no cues`);
    if (cueId) {
      const j = jobs.find((x) => x.id === cueId);
      if (!j) throw new LeitmotifError('LM_ERR_BAD_OPTION', `cue ${cueId} is not in ${source}`, { hint: `cues in this sheet: ${jobs.map((x) => x.id).slice(0, 20).join(', ')}` });
      return [j];
    }
    return jobs;
  }
  if (cueId) throw new LeitmotifError('LM_ERR_BAD_OPTION', `--cue ${cueId} needs a cue sheet, but ${source} is a single cue spec`, { hint: 'drop --cue, or pass the cuesheet.json written by `leitmotif score`' });
  const spec = parseCueSpec(json, source);
  return [{ id: spec.id ?? 'cue', spec }];
}

function formatSummary(id: string, c: ComposedCue): string {
  const s = c.summary;
  const lines = [
    `${id}: ${s.key}, ${s.tempo} bpm, ${s.meter}, ${s.bars} bars`,
    `  form: ${s.form.join(' · ')}`,
    `  instruments: ${s.instruments.join(', ')}`,
    `  longest run copied from the corpus: ${s.longestCopiedRun} notes`,
  ];
  if (s.motifs.length) lines.push(`  motifs: ${s.motifs.map((m) => `${m.id}@${m.bar} ${m.form}`).join(', ')}`);
  return lines.join('\n');
}

async function musicXmlOf(score: Score): Promise<string | null> {
  const mod = (await import('../../render/musicxml/index.js')) as { scoreToMusicXml?: (s: Score) => string };
  return typeof mod.scoreToMusicXml === 'function' ? mod.scoreToMusicXml(score) : null;
}

export function register(program: Command): void {
  program
    .command('compose')
    .description('compose a cue from a cue spec (or one cue of a cue sheet): score.json, score.mid, score.musicxml, mix.wav, stems/')
    .argument('[spec]', 'cue spec JSON, e.g. {"duration": 60, "emotion": {"valence": -0.6, "arousal": 0.8, "tension": 0.7}, "style": "orchestral", "seed": 1}, or a cue sheet JSON (optional with --direction)')
    .requiredOption('-o, --out <dir>', 'output folder')
    .option('--direction <text>', 'free-text direction, e.g. "tense suspense, low strings, builds to a hit at 0:42": sets emotion, style, tempo, key, hits, length (over the spec file\'s)')
    .option('--seed <n>', 'override the spec seed (integer ≥ 0)')
    .option('--cue <id>', 'with a cue sheet: compose only this cue (e.g. 1m2)')
    .option('--no-audio', 'skip WAV rendering (mix and stems)')
    .option('--lufs <n>', 'loudness target of the mix in LUFS, or "off"', '-16')
    .option('--melody-model <file>', 'style model for melody and rhythm (default: models/style/melody.lmstyle.json)')
    .option('--harmony-model <file>', 'style model for harmony (default: models/style/harmony.lmstyle.json)')
    .action(async (specArg: string | undefined, o: { out: string; direction?: string; seed?: string; cue?: string; audio: boolean; lufs: string; melodyModel?: string; harmonyModel?: string }) => {
      const seed = o.seed === undefined ? undefined : parseSeedFlag(o.seed);
      const lufs = parseLufsFlag(o.lufs);
      if (specArg === undefined && !o.direction) throw new LeitmotifError('LM_ERR_BAD_OPTION', 'compose needs a cue spec file or --direction "<text>"', { hint: 'e.g. leitmotif compose --direction "tense suspense, low strings, builds to a hit at 0:42" -o out/' });
      const specPath = specArg ?? '--direction';
      let json: unknown = specArg === undefined ? undefined : readJsonInput(specArg, 'cue spec');
      // Words in: --direction (wins over the file) or a spec's own "direction" field (fills what the file leaves out).
      const single = json === undefined || (typeof json === 'object' && json !== null && !Array.isArray((json as { cues?: unknown }).cues));
      const fieldDirection = single && typeof (json as { direction?: unknown } | undefined)?.direction === 'string' ? (json as { direction: string }).direction : undefined;
      const directionText = o.direction ?? fieldDirection;
      if (directionText !== undefined) {
        if (!single) throw new LeitmotifError('LM_ERR_BAD_OPTION', '--direction applies to a single cue spec, not a cue sheet', { hint: 'compose one cue: drop the cue sheet, or edit that cue\'s spec' });
        const reading = readDirection(directionText, loadTextModel());
        process.stdout.write(`understood "${directionText}":\n${reading.understood.map((l) => `  ${l}`).join('\n')}\n`);
        json = mergeDirection(json as Record<string, unknown> | undefined, reading, o.direction === undefined);
      }
      const jobs = jobsFromJson(json, specPath, o.cue);
      const outRoot = resolve(o.out);
      const models = loadStyleModels({ melody: o.melodyModel, harmony: o.harmonyModel });
      for (const job of jobs) {
        const dir = jobs.length > 1 ? join(outRoot, job.id) : outRoot;
        const spec = seed === undefined ? job.spec : { ...job.spec, seed };
        const composed = composeCue(resolveCue(spec, job.previous ? { previous: job.previous } : {}), { models });
        const { score } = composed;
        // Staged and moved into place only when complete (io/run-folder.ts): a killed run leaves the old cue whole.
        const run = openRunFolder(dir, ['score.json', 'score.mid', 'score.musicxml', 'mix.wav', 'stems/', 'provenance.json']);
        let loudness: number | undefined;
        const written: string[] = [];
        try {
          const put = (name: string, data: string | Uint8Array) => {
            writeFileAtomic(run.path(name), data);
            written.push(name);
          };
          put('score.json', JSON.stringify(score, null, 2) + '\n');
          put('score.mid', scoreToMidi(score));
          const xml = await musicXmlOf(score);
          if (xml !== null) put('score.musicxml', xml);
          else process.stderr.write('leitmotif: MusicXML export is not available in this build; skipped score.musicxml\n');
          if (o.audio) {
            const { renderToWav, writeRender } = await import('../../render/audio/index.js');
            const progress = createProgress(`rendering ${job.id}`);
            const res = await renderToWav({ score }, { lufs, stems: true, stemNaming: 'role', stemEffects: 'shared', onProgress: (f) => progress.update(f) });
            progress.done();
            writeRender(res, { out: run.path('mix.wav'), stemsDir: run.path('stems') });
            written.push('mix.wav', ...res.stems.map((st) => `stems/${st.name}.wav`));
            loudness = res.stats.integratedLufs;
          }
          writeJsonAtomic(run.path('provenance.json'), {
            tool: COMPOSER_VERSION,
            input: specPath,
            cue: job.id,
            specHash: hashString(stableStringify(spec)).toString(16).padStart(8, '0'),
            seed: spec.seed,
            models: score.meta.models,
            summary: composed.summary,
            integratedLufs: loudness,
            outputs: written.map((path) => ({ path })),
          });
          run.commit('provenance.json');
        } catch (e) {
          run.abort();
          throw e;
        }
        for (const w of composed.summary.warnings ?? []) process.stderr.write(`warning: ${job.id}: ${w}\n`);
        process.stdout.write(`${formatSummary(job.id, composed)}\n  wrote ${dir}${o.audio ? ` (mix ${loudness?.toFixed(1)} LUFS, stems by role)` : ' (no audio)'}\n`);
      }
    });
}
