/**
 * purpose: `leitmotif train <corpus-dir|files…> -o <model>` — train a style model on a studio's own catalogue
 * (.mid/.midi, .abc, chorale .json; folders searched recursively), print the held-out cross-entropy per
 * viewpoint, and write the model file atomically. Bad files are skipped with a warning line. Several folders
 * are several corpora: attribution (provenance.json, `check`) names each by its folder.
 */
import type { Command } from 'commander';
import { basename } from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { writeJsonAtomic } from '../../io/atomic-write.js';
import { LeitmotifError } from '../../util/errors.js';
import { loadCorpus } from '../../style/node.js';
import { trainStyleModel } from '../../style/train.js';
import { createProgress } from '../progress.js';
import { collectionOf } from '../../originality/corpus-index.js';

interface TrainFlags {
  output: string;
  name?: string;
  order: string;
  folds: string;
  minCount: string;
  licence?: string;
  quiet?: boolean;
}

const VIEWPOINT_LABELS: Record<string, string> = {
  pitch: 'pitch (interval ⊗ degree)',
  interval: 'melodic interval',
  degree: 'scale degree',
  duration: 'duration',
  rhythm: 'duration × metrical position',
  bar: 'bar onset pattern',
  roman: 'Roman-numeral chords',
  bass: 'bass motion',
};

function intFlag(name: string, s: string, lo: number, hi: number): number {
  const x = Number(s);
  if (!Number.isInteger(x) || x < lo || x > hi) throw new LeitmotifError('LM_ERR_BAD_OPTION', `--${name} must be an integer ${lo}–${hi}, got "${s}"`);
  return x;
}

export function register(program: Command): void {
  program
    .command('train')
    .description('train a style model (melody, rhythm, harmony viewpoints) on MIDI, ABC or chorale-JSON files')
    .argument('<corpus...>', 'folders (searched recursively for .mid/.midi/.abc/.json) or files')
    .requiredOption('-o, --output <model>', 'model file to write (e.g. studio.lmstyle.json)')
    .option('--name <name>', 'model name (default: the output file name)')
    .option('--order <k>', 'highest PPM context order', '8')
    .option('--folds <k>', 'cross-validation folds for the held-out cross-entropy (0 = skip)', '5')
    .option('--min-count <n>', 'prune contexts of order ≥ 2 seen fewer times (smaller files)', '2')
    .option('--licence <text>', 'licence recorded for every corpus file in the manifest')
    .option('-q, --quiet', 'print only warnings and errors')
    .action((paths: string[], flags: TrainFlags) => {
      const order = intFlag('order', flags.order, 1, 12);
      const folds = intFlag('folds', flags.folds, 0, 20);
      const minCount = intFlag('min-count', flags.minCount, 1, 1000);
      if (folds === 1) throw new LeitmotifError('LM_ERR_BAD_OPTION', '--folds must be 0 (skip) or at least 2');
      const name = flags.name ?? basename(flags.output).replace(/\.lmstyle\.json$|\.json$/i, '');
      const t0 = performance.now();
      const bar = createProgress('reading corpus');
      const corpus = loadCorpus(paths, { licence: () => flags.licence ?? 'unspecified (user corpus)', onProgress: (f, l) => bar.update(f, l) });
      bar.done();
      for (const w of corpus.warnings) process.stderr.write(`warning: ${w}\n`);
      if (corpus.pieces.length === 0) {
        throw new LeitmotifError('LM_ERR_CORPUS_MISSING', `no usable pieces in ${paths.join(', ')} (${corpus.manifest.length} files read)`, {
          hint: 'check the warnings above; MIDI files need a melody line of at least 8 notes',
        });
      }
      if (folds > corpus.pieces.length) throw new LeitmotifError('LM_ERR_BAD_OPTION', `--folds ${folds} exceeds the ${corpus.pieces.length} pieces read`, { hint: 'use fewer folds or --folds 0' });
      const tbar = createProgress('training');
      const { file, crossEntropy } = trainStyleModel(corpus, { name, order, folds, minCount, createdBy: `leitmotif ${version()}`, corpusOf: paths.length > 1 ? (f) => collectionOf(f, name) : undefined, onProgress: (f, l) => tbar.update(f, l) });
      tbar.done();
      writeJsonAtomic(flags.output, file);
      const secs = (performance.now() - t0) / 1000;
      if (flags.quiet) return;
      const out = process.stdout;
      out.write(`${corpus.pieces.length} pieces from ${corpus.manifest.length} files (${corpus.skippedFiles} skipped, ${corpus.duplicatesRemoved} duplicates removed) in ${secs.toFixed(1)} s\n`);
      if (folds >= 2) {
        out.write(`held-out cross-entropy (${folds}-fold, bits per event):\n`);
        for (const [v, e] of Object.entries(crossEntropy)) {
          if (e.bitsPerEvent === null) continue;
          out.write(`  ${(VIEWPOINT_LABELS[v] ?? v).padEnd(30)} ${e.bitsPerEvent.toFixed(3).padStart(7)}   (${e.events} events)\n`);
        }
      }
      out.write(`wrote ${flags.output} (model "${name}", id ${file.id})\n`);
    });
}

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../../package.json', import.meta.url)), 'utf8')) as { version?: string };
    return pkg.version ?? '?';
  } catch {
    return '?';
  }
}
