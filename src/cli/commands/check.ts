/**
 * purpose: `leitmotif check <file.mid|score.json> [--corpus DIR…] [--json F]` — the originality report of any
 * MIDI file or Leitmotif score against the shipped models' training corpora (default) and any folders of
 * MIDI/ABC/chorale files the user gives; with the shipped models it also shows the attribution of the
 * file's evidence: the sampled attribution from the provenance.json beside the file when it lists this very
 * file (same SHA-256), else the post-hoc one read back from the notes. Thin wrapper over src/originality/.
 */
import type { Command } from 'commander';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { z } from 'zod';
import { readJsonInput } from '../../io/read-input.js';
import { writeJsonAtomic } from '../../io/atomic-write.js';
import { assertFileTarget } from '../../io/run-folder.js';
import { readMidiFile } from '../../render/midi/file-io.js';
import { parseScore } from '../../score/validate.js';
import type { Score } from '../../score/schema.js';
import { loadStyleModels } from '../../style/node.js';
import { checkOriginality } from '../../originality/check.js';
import { attribute, AttributionSchema, type Attribution } from '../../originality/attribution.js';
import { checkManifestSignature } from '../../originality/node/sign.js';
import { lineModels } from '../../originality/line-models.js';
import { scoreLines } from '../../originality/score-lines.js';
import { formatCheck } from '../../originality/format.js';
import { loadCheckCorpus } from '../../originality/node/corpus.js';
import type { CorpusIndex } from '../../originality/corpus-index.js';
import { MAX_COPY } from '../../originality/definition.js';
import { LeitmotifError } from '../../util/errors.js';

interface CheckFlags {
  corpus?: string[];
  json?: string;
  models: boolean;
  maxCopy: string;
  licence?: string;
  melodyModel?: string;
  harmonyModel?: string;
  failOnCopy?: boolean;
}

/** A .mid/.midi file or a score.json, as a Score. */
export function readCheckInput(file: string): Score {
  const ext = extname(file).toLowerCase();
  if (ext === '.mid' || ext === '.midi') return readMidiFile(file);
  if (ext === '.json') return parseScore(readJsonInput(file, 'score'), file);
  throw new LeitmotifError('LM_ERR_INPUT_INVALID', `cannot check ${file}: expected a .mid/.midi file or a score.json`, { hint: 'export MIDI from your DAW, or pass the score.json Leitmotif wrote' });
}

const Provenance = z.object({
  outputs: z.array(z.object({ path: z.string(), sha256: z.string().optional() }).passthrough()),
  attribution: z.object({ method: z.string() }).passthrough().nullable().optional(),
}).passthrough();

/**
 * The sampled attribution of the provenance.json beside `file`, when that manifest lists this exact file; labelled
 * with whether the manifest's signature holds. A block that is not a whole attribution is skipped with a warning
 * (the post-hoc attribution is computed instead).
 */
function sampledFromProvenance(file: string): Attribution | null {
  const p = join(dirname(file), 'provenance.json');
  if (!existsSync(p)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(p, 'utf8'));
  } catch {
    return null;
  }
  const m = Provenance.safeParse(raw);
  if (!m.success || m.data.attribution?.method !== 'sampled') return null;
  const digest = createHash('sha256').update(readFileSync(file)).digest('hex');
  if (!m.data.outputs.some((o) => o.path === basename(file) && o.sha256 === digest)) return null;
  const a = AttributionSchema.safeParse(m.data.attribution);
  if (!a.success) {
    const issue = a.error.issues[0];
    process.stderr.write(`warning: ${p}: its attribution is incomplete (${issue.path.join('.') || 'attribution'}: ${issue.message}); computing it from the file instead\n`);
    return null;
  }
  const sig = checkManifestSignature(raw as Record<string, unknown>);
  const trust = !sig.signed ? 'unsigned' : sig.problems.length ? 'signature INVALID' : `signed by ${sig.keyId}`;
  return { ...a.data, source: `provenance.json, ${trust}` };
}

export function register(program: Command): void {
  program
    .command('check')
    .description('originality report of a MIDI file or score.json: runs shared with the training corpora (or your own), n-gram overlap, nearest pieces, attribution')
    .argument('<file>', '.mid/.midi file or score.json')
    .option('--corpus <dirs...>', 'also check against these folders or files of .mid/.midi/.abc/chorale .json (a catalogue, a set of reference themes)')
    .option('--no-models', 'skip the shipped models’ training corpora (with --corpus)')
    .option('--max-copy <n>', 'longest run (events) the verdict accepts', String(MAX_COPY))
    .option('--licence <text>', 'licence note for the --corpus pieces in the report')
    .option('--melody-model <file>', 'melody style model whose corpus to check against (default: the shipped one)')
    .option('--harmony-model <file>', 'harmony style model whose corpus to check against (default: the shipped one)')
    .option('--json <file>', 'also write the full report as JSON')
    .option('--fail-on-copy', 'exit with status 1 when the verdict is COPIED (for CI)')
    .action((file: string, f: CheckFlags) => {
      const maxCopy = Number(f.maxCopy);
      if (!Number.isInteger(maxCopy) || maxCopy < 1 || maxCopy > 100) throw new LeitmotifError('LM_ERR_BAD_OPTION', `--max-copy must be an integer 1–100, got "${f.maxCopy}"`);
      if (!f.models && !f.corpus?.length) throw new LeitmotifError('LM_ERR_BAD_OPTION', '--no-models leaves nothing to check against', { hint: 'add --corpus <folder>' });
      if (f.json) assertFileTarget(f.json, '--json');
      const score = readCheckInput(file);
      const indices: CorpusIndex[] = [];
      let models: ReturnType<typeof loadStyleModels> | null = null;
      if (f.models) {
        models = loadStyleModels({ melody: f.melodyModel, harmony: f.harmonyModel });
        for (const m of [models.melody, models.harmony]) {
          const idx = m.corpusIndex;
          if (!idx) throw new LeitmotifError('LM_ERR_COPY_INDEX_INVALID', `style model "${m.name}" has no per-piece corpus index`, { hint: 'retrain it with `leitmotif train` (or `npm run train:style` for the shipped models)' });
          indices.push(idx);
        }
      }
      if (f.corpus?.length) {
        const c = loadCheckCorpus(f.corpus, undefined, f.licence);
        if (c.index.pieces.length === 0) throw new LeitmotifError('LM_ERR_CORPUS_MISSING', `no readable pieces in ${f.corpus.join(', ')}`, { hint: c.warnings[0] });
        for (const w of c.warnings.slice(0, 5)) process.stderr.write(`warning: ${w}\n`);
        indices.push(c.index);
      }
      const lines = scoreLines(score);
      const report = checkOriginality(score, indices, { maxCopy, lines });
      const attribution = models ? sampledFromProvenance(file) ?? attribute({ melody: lines.melody.events, bass: lines.bass.events, harmony: lines.harmony.events }, lineModels(models, score.keys[0]?.mode ?? 'major')) : null;
      process.stdout.write(formatCheck(file, report, attribution) + '\n');
      if (f.json) writeJsonAtomic(f.json, { file, report, attribution });
      if (f.failOnCopy && !report.verdict.original) {
        throw new LeitmotifError('LM_ERR_VERIFY_FAILED', `${file} copies more than ${maxCopy} events from the corpora (--fail-on-copy)`, { hint: 'see the verdict above' });
      }
    });
}
