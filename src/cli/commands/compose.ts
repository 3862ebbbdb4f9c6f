/**
 * purpose: `leitmotif compose <spec.json> -o <dir>` — compose one cue from a cue spec (or one cue of a cue
 * sheet) and write score.json, score.mid, score.musicxml, mix.wav, stems/ (role-named) and provenance.json.
 * Thin wrapper: all music logic is in compose/; files are written atomically.
 */
import type { Command } from 'commander';
import { dirname, join, resolve } from 'node:path';
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
import { LUFS_TOLERANCE, loudnessShortfallReason, parseLufsFlag, parseSeedFlag, parseStemNamingFlag, STEM_NAMING_HELP, parseVariantsFlag, withProfileFlags, badOption, type ProfileFlags } from '../flags.js';
import { collect, MODEL_FLAG_HELP, modelFilesFromRef, modelFilesRecord, parseModelFlags } from '../model-flags.js';
import { emotionRegion, inertOffsets, meanEmotion, paramsFor } from '../../cue/index.js';
import { openProfile, planTakes, recordTake } from '../../personalize/node/takes.js';
import { outputReport } from '../../originality/output-report.js';
import { c2paAssertions } from '../../originality/manifest.js';
import { loadSigningKey } from '../../originality/node/keys.js';
import { hashFileStreaming, signManifest } from '../../originality/node/sign.js';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../../package.json', import.meta.url)), 'utf8')) as { version: string };
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
  withProfileFlags(program
    .command('compose')
    .description('compose a cue from a cue spec (or one cue of a cue sheet): score.json, score.mid, score.musicxml, mix.wav, stems/')
    .argument('[spec]', 'cue spec JSON, e.g. {"duration": 60, "emotion": {"valence": -0.6, "arousal": 0.8, "tension": 0.7}, "style": "orchestral", "seed": 1}, or a cue sheet JSON (optional with --direction)')
    .requiredOption('-o, --out <dir>', 'output folder')
    .option('--direction <text>', 'free-text direction, e.g. "tense suspense, low strings, builds to a hit at 0:42": sets emotion, style, lead and left-out layers ("no percussion"), tempo, key, hits, length (over the spec file\'s)')
    .option('--seed <n>', 'override the spec seed (integer ≥ 0)')
    .option('--cue <id>', 'with a cue sheet: compose only this cue (e.g. 1m2)')
    .option('--no-audio', 'skip WAV rendering (mix and stems)')
    .option('--lufs <n>', 'loudness target of the mix in LUFS, or "off"', '-16')
    .option('--stem-naming <how>', STEM_NAMING_HELP, 'instrument')
    .option('--soundfont <file>', '.sf2/.sf3 SoundFont for the audio (default: the bundled FluidR3Mono GM)')
    .option('--model <file>', MODEL_FLAG_HELP, collect, [])
    .option('--melody-model <file>', 'style model for melody and rhythm (default: models/style/melody.lmstyle.json)')
    .option('--harmony-model <file>', 'style model for harmony (default: models/style/harmony.lmstyle.json)')
    .option('--variants <n>', 'with --profile: 2 writes take-1/ and take-2/, an A/B pair differing where the profile is least sure')
    .option('--key <file>', 'Ed25519 key that signs provenance.json (default: the key `leitmotif keys create` made, if any)')
    .option('--no-sign', 'write provenance.json unsigned even when a key exists'))
    .action(async (specArg: string | undefined, o: ProfileFlags & { out: string; direction?: string; seed?: string; cue?: string; audio: boolean; lufs: string; melodyModel?: string; harmonyModel?: string; variants?: string; key?: string; sign: boolean; stemNaming: string; soundfont?: string; model: string[] }) => {
      const seed = o.seed === undefined ? undefined : parseSeedFlag(o.seed);
      const lufs = parseLufsFlag(o.lufs);
      const stemNaming = parseStemNamingFlag(o.stemNaming);
      const flaggedModels = parseModelFlags(o.model, { melody: o.melodyModel, harmony: o.harmonyModel });
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
      // A single spec may name its own trained model (`"model"`, relative to the spec file); the flags win.
      const specModel = jobs.length === 1 ? jobs[0].spec.model : undefined;
      const modelFiles = { ...modelFilesFromRef(specModel, specArg ? dirname(resolve(specArg)) : process.cwd()), ...Object.fromEntries(Object.entries(flaggedModels).filter(([, v]) => v !== undefined)) };
      const outRoot = resolve(o.out);
      const variants = o.variants === undefined ? 1 : parseVariantsFlag(o.variants);
      if (variants > 1 && !o.profile) throw badOption('--variants needs --profile NAME (the two takes are an A/B pair for that profile)');
      const profile = openProfile(o);
      // A profile's palette preference applies only where the spec leaves the palette open.
      const styleOpen = !!json && typeof json === 'object' && !('style' in json) && !('cues' in json);
      const models = loadStyleModels(modelFiles);
      const key = o.sign === false ? null : loadSigningKey(o.key);
      for (const job of jobs) {
        const base = jobs.length > 1 ? join(outRoot, job.id) : outRoot;
        const jobSpec = seed === undefined ? job.spec : { ...job.spec, seed };
        const region = emotionRegion(meanEmotion(jobSpec.emotion));
        const inert = profile ? inertOffsets(paramsFor(meanEmotion(jobSpec.emotion), jobSpec.style, jobSpec.underDialogue), resolveCue(jobSpec).timing.bars) : [];
        const takes = profile ? planTakes(profile, { kind: 'film', region }, jobSpec.seed, variants, inert) : [undefined];
        for (const [ti, take] of takes.entries()) {
          const dir = takes.length > 1 ? join(base, `take-${ti + 1}`) : base;
          const preferred = styleOpen ? take?.taste.palette[region] : undefined;
          const spec = preferred ? { ...jobSpec, style: preferred } : jobSpec;
          const composed = composeCue(resolveCue(spec, { ...(job.previous ? { previous: job.previous } : {}), ...(take ? { taste: take.taste } : {}) }), { models });
          const { score } = composed;
          // Staged and moved into place only when complete (io/run-folder.ts): a killed run leaves the old cue whole.
          const run = openRunFolder(dir, ['score.json', 'score.mid', 'score.musicxml', 'mix.wav', 'stems/', 'provenance.json']);
          let loudness: number | undefined;
          let truePeak: number | undefined;
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
              const res = await renderToWav({ score }, { lufs, stems: true, stemNaming, stemEffects: 'shared', soundfont: o.soundfont, onProgress: (f) => progress.update(f) });
              progress.done();
              writeRender(res, { out: run.path('mix.wav'), stemsDir: run.path('stems') });
              written.push('mix.wav', ...res.stems.map((st) => `stems/${st.name}.wav`));
              loudness = res.stats.integratedLufs;
              truePeak = res.stats.truePeakDb;
              if (lufs !== null && Math.abs(loudness - lufs) > LUFS_TOLERANCE) process.stderr.write(`warning: ${job.id}: mix reached ${loudness.toFixed(1)} LUFS, not the ${lufs} LUFS target: ${loudnessShortfallReason(res.stats)}\n`);
            }
            // Every output hashed as a stream (audio included), the copy check and attribution of the finished
            // score, C2PA-style assertions, and a signature when the user has a key (README "Provenance").
            const outputs = [];
            for (const path of written) outputs.push({ path, ...(await hashFileStreaming(run.path(path))) });
            const report = outputReport(score, models, composed.evidence);
            const manifest = {
              tool: COMPOSER_VERSION,
              version: pkg.version,
              input: specPath,
              cue: job.id,
              specHash: hashString(stableStringify(spec)).toString(16).padStart(8, '0'),
              seed: spec.seed,
              models: score.meta.models,
              modelFiles: modelFilesRecord(modelFiles),
              summary: composed.summary,
              integratedLufs: loudness,
              truePeakDb: truePeak,
              lufsTarget: o.audio ? lufs : undefined,
              originality: report.originality,
              attribution: report.attribution,
              outputs,
              c2pa: c2paAssertions(pkg.version, outputs),
              ...(take ? take.provenance : {}),
            };
            writeJsonAtomic(run.path('provenance.json'), key ? signManifest(manifest, key) : manifest);
            run.commit('provenance.json');
          } catch (e) {
            run.abort();
            throw e;
          }
          if (take && profile) recordTake(profile, take);
          for (const w of composed.summary.warnings ?? []) process.stderr.write(`warning: ${job.id}: ${w}\n`);
          process.stdout.write(`${formatSummary(job.id, composed)}\n  wrote ${dir}${o.audio ? ` (mix ${loudness?.toFixed(1)} LUFS / ${truePeak?.toFixed(1)} dBTP, stems by ${stemNaming})` : ' (no audio)'}\n`);
          if (take) process.stdout.write(`take ${take.takeId}\n`);
        }
      }
      if (profile) {
        process.stdout.write(variants > 1 ? `pick one: leitmotif feedback --profile ${profile.name} --prefer ID --over ID\n` : `rate it: leitmotif feedback --profile ${profile.name} --take ID --rating like|dislike|1..5\n`);
        profile.db.close();
      }
    });
}
