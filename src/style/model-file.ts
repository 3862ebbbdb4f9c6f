/**
 * purpose: the versioned style-model file — JSON with metadata a person can read (name, content id, corpus
 * manifest with hashes and licences, training parameters, held-out cross-entropy per viewpoint) and the learnt
 * tables as deflated, base64-coded binary blobs (PPM tries as varints; the transposition-invariant copy index).
 * Pure (no file system): `encodeModelFile` / `decodeModelFile` turn tables into the JSON object and back.
 */
import { z } from 'zod';
import { formatZodIssues, LeitmotifError } from '../util/errors.js';
import { sha256Hex } from '../util/sha256.js';
import { ByteReader, ByteWriter, packBytes, unpackBytes } from './codec.js';
import type { ModelTables } from './fit.js';
import { Ppm, decodePpm, encodePpm } from './ppm.js';
import { Vocab } from './viewpoints.js';
import { MelodicIndex, SEPARATOR } from '../originality/melodic-index.js';
import { CorpusIndex, LineIndex, packSources, packStream, unpackSources, unpackStream } from '../originality/corpus-index.js';
import { RomanVocab } from '../originality/definition.js';

export const STYLE_MODEL_FORMAT = 'leitmotif-style-model';
export const STYLE_MODEL_VERSION = 1;

const TallySchema = z.object({ bitsPerEvent: z.number().nullable(), events: z.number().int(), order: z.number().int().optional() });

export const ManifestEntrySchema = z.object({
  path: z.string(),
  sha256: z.string(),
  bytes: z.number().int(),
  format: z.string(),
  pieces: z.number().int(),
  licence: z.string(),
});
export type ManifestEntry = z.infer<typeof ManifestEntrySchema>;

const PackedStreamSchema = z.object({ melodies: z.number().int(), tokens: z.number().int(), data: z.string() });

export const ModelHeaderSchema = z.object({
  format: z.literal(STYLE_MODEL_FORMAT),
  version: z.literal(STYLE_MODEL_VERSION),
  name: z.string().min(1),
  id: z.string().min(8),
  createdBy: z.string(),
  params: z.object({
    order: z.number().int().min(0).max(15),
    /** Order bound per viewpoint chosen by cross-validation. */
    orders: z.record(z.string(), z.number().int()).optional(),
    escape: z.literal('C'),
    smoothing: z.literal('interpolated'),
    minCount: z.number().int().min(1),
    pitchCombination: z.object({ method: z.literal('weighted-geometric'), bias: z.number() }),
    durationGrid: z.array(z.number()),
    positionStepsPerBeat: z.number().int(),
    copyEvent: z.string(),
    folds: z.number().int(),
  }),
  corpus: z.object({
    pieces: z.number().int(),
    notes: z.number().int(),
    skipped: z.number().int(),
    duplicatesRemoved: z.number().int(),
    files: z.array(ManifestEntrySchema),
    warnings: z.array(z.string()),
  }),
  evaluation: z.object({ method: z.string(), viewpoints: z.record(z.string(), TallySchema) }),
  stats: z.object({
    meters: z.record(z.string(), z.object({ pieces: z.number().int(), notesPerBeat: z.number() })),
    modes: z.record(z.string(), z.number().int()),
    chordSource: z.string(),
    drumPatterns: z.boolean(),
  }),
  tables: z.object({ names: z.array(z.string()), vocabs: z.record(z.string(), z.array(z.union([z.string(), z.number()]))), data: z.string() }),
  copyIndex: PackedStreamSchema,
  /** Per-piece provenance of the copy streams (piece i = entry i of every stream); absent in older files. */
  sources: z
    .object({ corpus: z.string(), corpora: z.array(z.string()).optional(), pieces: z.number().int(), data: z.string() })
    .optional(),
  /** Bass and harmony copy streams (originality/definition.ts); absent in older files. */
  lines: z.object({ bass: PackedStreamSchema, harmony: PackedStreamSchema.extend({ vocab: z.array(z.string()) }) }).optional(),
});
export type ModelHeader = z.infer<typeof ModelHeaderSchema>;
export type ModelFileJson = ModelHeader;

export interface DecodedModel {
  header: ModelHeader;
  tables: ModelTables;
  /** Decodes the copy index on first call (users that only sample chords never pay for it). */
  index: () => MelodicIndex;
  /** The per-piece corpus index (copy check, attribution), decoded on first call; null for files without `sources`. */
  corpusIndex: () => CorpusIndex | null;
}

function tableEntries(t: ModelTables): Array<{ name: string; ppm: Ppm; vocab?: Array<string | number> }> {
  const out: Array<{ name: string; ppm: Ppm; vocab?: Array<string | number> }> = [];
  if (t.interval) out.push({ name: 'interval', ppm: t.interval });
  if (t.duration) out.push({ name: 'duration', ppm: t.duration });
  if (t.bass) out.push({ name: 'bass', ppm: t.bass });
  for (const fam of ['major', 'minor'] as const) {
    const d = t.degree[fam];
    if (d) out.push({ name: `degree:${fam}`, ppm: d });
    const r = t.roman[fam];
    if (r) out.push({ name: `roman:${fam}`, ppm: r.ppm, vocab: r.vocab.items });
  }
  for (const [m, p] of [...t.rhythm].sort((a, b) => (a[0] < b[0] ? -1 : 1))) out.push({ name: `rhythm:${m}`, ppm: p });
  for (const [m, b] of [...t.bar].sort((a, b) => (a[0] < b[0] ? -1 : 1))) out.push({ name: `bar:${m}`, ppm: b.ppm, vocab: b.vocab.items });
  return out;
}

/** Builds the JSON model file; `id` is the first 16 hex digits of the SHA-256 of everything else. */
export function encodeModelFile(
  header: Omit<ModelHeader, 'id' | 'tables' | 'copyIndex' | 'format' | 'version' | 'sources' | 'lines'>,
  tables: ModelTables,
  index: MelodicIndex,
  corpus?: CorpusIndex,
): ModelFileJson {
  const entries = tableEntries(tables);
  const w = new ByteWriter();
  for (const e of entries) encodePpm(e.ppm.data, w);
  const vocabs: Record<string, Array<string | number>> = {};
  for (const e of entries) if (e.vocab) vocabs[e.name] = e.vocab;
  const cw = new ByteWriter();
  let melodies = 0;
  for (const tk of index.tokens) {
    cw.uint(tk === SEPARATOR ? 0 : tk + 1);
    if (tk === SEPARATOR) melodies++;
  }
  const body = {
    format: STYLE_MODEL_FORMAT as typeof STYLE_MODEL_FORMAT,
    version: STYLE_MODEL_VERSION as typeof STYLE_MODEL_VERSION,
    name: header.name,
    id: '',
    createdBy: header.createdBy,
    params: header.params,
    corpus: header.corpus,
    evaluation: header.evaluation,
    stats: header.stats,
    tables: { names: entries.map((e) => e.name), vocabs, data: packBytes(w.bytes()) },
    copyIndex: { melodies, tokens: index.tokens.length, data: packBytes(cw.bytes()) },
    ...(corpus
      ? {
          sources: packSources(corpus.name, corpus.pieces, header.corpus.files),
          lines: { bass: packStream(corpus.lines.bass.index.tokens), harmony: { ...packStream(corpus.lines.harmony.index.tokens), vocab: [...corpus.romanVocab.items] } },
        }
      : {}),
  };
  body.id = contentId(body);
  return body;
}

/**
 * First 16 hex digits of the SHA-256 of the file's JSON with `id` set to "" (key order as written).
 *
 * @example
 * contentId({ format: 'x', id: 'anything' }) === contentId({ format: 'x', id: '' }) // true
 */
export function contentId(json: Record<string, unknown>): string {
  return sha256Hex(JSON.stringify({ ...json, id: '' })).slice(0, 16);
}

/** Validates and decodes a parsed model file; bad files raise LM_ERR_MODEL_INVALID. */
export function decodeModelFile(json: unknown, source = 'style model'): DecodedModel {
  const parsed = ModelHeaderSchema.safeParse(json);
  if (!parsed.success) {
    const fmt = (json as { format?: unknown; version?: unknown } | null)?.format;
    const ver = (json as { version?: unknown } | null)?.version;
    const hint =
      fmt === STYLE_MODEL_FORMAT && ver !== STYLE_MODEL_VERSION
        ? `this build reads version ${STYLE_MODEL_VERSION}; retrain with \`leitmotif train\``
        : 'train one with `leitmotif train <corpus> -o model.lmstyle.json`';
    throw new LeitmotifError('LM_ERR_MODEL_INVALID', `${source} is not a valid Leitmotif style model: ${formatZodIssues(parsed.error.issues)}`, { hint });
  }
  const header = parsed.data;
  // The id is a content hash (see encodeModelFile): any edit or damage anywhere in the file changes it.
  const actual = contentId(json as Record<string, unknown>);
  if (actual !== header.id) {
    throw new LeitmotifError('LM_ERR_MODEL_INVALID', `${source} is damaged or was edited: its content hash is ${actual}, but its id says ${header.id}`, {
      hint: 'restore the file from where it came from, or retrain it with `leitmotif train`',
    });
  }
  try {
    const r = new ByteReader(unpackBytes(header.tables.data));
    const tables: ModelTables = { degree: {}, rhythm: new Map(), bar: new Map(), roman: {} };
    for (const name of header.tables.names) {
      const ppm = new Ppm(decodePpm(r));
      const [kind, arg] = name.split(':');
      const vocabItems = header.tables.vocabs[name];
      if (kind === 'interval') tables.interval = ppm;
      else if (kind === 'duration') tables.duration = ppm;
      else if (kind === 'bass') tables.bass = ppm;
      else if (kind === 'degree' && (arg === 'major' || arg === 'minor')) tables.degree[arg] = ppm;
      else if (kind === 'roman' && (arg === 'major' || arg === 'minor') && vocabItems) tables.roman[arg] = { vocab: new Vocab(vocabItems.map(String)), ppm };
      else if (kind === 'rhythm' && arg) tables.rhythm.set(arg, ppm);
      else if (kind === 'bar' && arg && vocabItems) tables.bar.set(arg, { vocab: new Vocab(vocabItems.map(Number)), ppm });
    }
    let index: MelodicIndex | undefined;
    // The copy index is the anti-copying guard's ground truth: a corrupt or missing one is an error whenever it
    // is needed (composing checks every melody against it), never an empty index that reports "0 notes copied".
    const loadIndex = () => {
      if (index) return index;
      const hint = 'retrain the model with `leitmotif train` (or restore the committed models/style/ files from git)';
      if (header.copyIndex.tokens === 0 || header.copyIndex.melodies === 0) {
        throw new LeitmotifError('LM_ERR_COPY_INDEX_INVALID', `${source} has no copy index, so the anti-copying guard cannot run`, { hint });
      }
      let melodies = 0;
      let cr: ByteReader;
      const tokens = new Int32Array(header.copyIndex.tokens);
      try {
        cr = new ByteReader(unpackBytes(header.copyIndex.data));
        for (let i = 0; i < tokens.length; i++) {
          const v = cr.uint();
          tokens[i] = v === 0 ? SEPARATOR : v - 1;
          if (v === 0) melodies++;
        }
      } catch (e) {
        throw new LeitmotifError('LM_ERR_COPY_INDEX_INVALID', `${source} has a corrupt copy index (${(e as Error).message})`, { hint, cause: e });
      }
      if (!cr.done || melodies !== header.copyIndex.melodies) {
        throw new LeitmotifError('LM_ERR_COPY_INDEX_INVALID', `${source} has a corrupt copy index (${melodies} of ${header.copyIndex.melodies} melodies${cr.done ? '' : ', trailing bytes'})`, { hint });
      }
      index = new MelodicIndex(tokens);
      return index;
    };
    let corpusIndex: CorpusIndex | null | undefined;
    const loadCorpusIndex = () => {
      if (corpusIndex !== undefined) return corpusIndex;
      const { sources, lines } = header;
      if (!sources || !lines) return (corpusIndex = null);
      const melody = loadIndex();
      try {
        corpusIndex = new CorpusIndex(
          sources.corpus,
          unpackSources(sources, header.corpus.files),
          { melody: new LineIndex(melody), bass: new LineIndex(new MelodicIndex(unpackStream(lines.bass))), harmony: new LineIndex(new MelodicIndex(unpackStream(lines.harmony))) },
          new RomanVocab(lines.harmony.vocab),
        );
      } catch (e) {
        throw new LeitmotifError('LM_ERR_COPY_INDEX_INVALID', `${source} has a corrupt corpus index (${(e as Error).message})`, { hint: 'retrain the model with `leitmotif train`', cause: e });
      }
      if (corpusIndex.pieces.length !== corpusIndex.lines.melody.pieces) {
        throw new LeitmotifError('LM_ERR_COPY_INDEX_INVALID', `${source}: its pieces table lists ${corpusIndex.pieces.length} pieces, its copy index ${corpusIndex.lines.melody.pieces}`, { hint: 'retrain the model with `leitmotif train`' });
      }
      return corpusIndex;
    };
    return { header, tables, index: loadIndex, corpusIndex: loadCorpusIndex };
  } catch (e) {
    throw new LeitmotifError('LM_ERR_MODEL_INVALID', `${source} has corrupt tables (${(e as Error).message})`, { hint: 'retrain it with `leitmotif train`', cause: e });
  }
}
