/**
 * purpose: provenance.json — what went into a film score and what came out, so a run can be audited and
 * reproduced: input hashes (sha256), model ids and hashes, seed and options, the package version, the copy
 * check of the output under the one copy definition (src/originality/), the attribution of its evidence to
 * training corpora, collections, licences and pieces, the SoundFont used, a hash of every output file (audio
 * included), assertions in C2PA's vocabulary (`c2pa.actions.v2` / `c2pa.created`, trainedAlgorithmicMedia;
 * `c2pa.hash.collection.data`) and, when the user has a key, an
 * Ed25519 signature (added by the CLI, originality/node/sign.ts). No timestamp and no absolute paths: the same
 * inputs, seed and key give a byte-identical file. Pure: the caller hashes files (I/O) and passes the digests in.
 */
import type { CueSheet } from '../plan/cue-sheet.js';
import type { Attribution } from '../originality/attribution.js';
import type { OutputOriginality } from '../originality/output-report.js';
import { c2paAssertions, type C2paAssertions } from '../originality/manifest.js';

export interface HashedFile {
  /** What the file is (script, timings, model:melody, soundfont…). */
  role: string;
  /** Path as the user gave it, or a repo-relative path for built-in assets. */
  path: string;
  /** Absent for rendered audio (see the score command). */
  sha256?: string;
  bytes: number;
}

export interface ProvenanceInput {
  version: string;
  command: string;
  seed: number;
  options: Record<string, unknown>;
  inputs: HashedFile[];
  models: Array<{ role: string; id: string; sha256?: string; path?: string }>;
  soundfont?: HashedFile | null;
  cueSheet: CueSheet;
  outputs: HashedFile[];
  director: { requested: string; used: string; notes: string[] };
  /** originality/output-report.ts on the finished score (null parts: models without a corpus index). */
  report?: { originality: OutputOriginality | null; attribution: Attribution | null };
  loudness?: Loudness | null;
}

/** The mastered mix as measured (ITU-R BS.1770-4 integrated loudness, 4× oversampled true peak). */
export interface Loudness {
  targetLufs: number | null;
  integratedLufs: number;
  truePeakDb: number;
  limiterReductionDb: number;
  /** Within ±0.5 LU of the target (true with no target). */
  onTarget: boolean;
  /** Why not, when it is not. */
  note?: string;
}

export interface Provenance {
  tool: { name: 'leitmotif'; version: string };
  command: string;
  seed: number;
  options: Record<string, unknown>;
  inputs: HashedFile[];
  models: ProvenanceInput['models'];
  director: ProvenanceInput['director'];
  soundfont: HashedFile | null;
  /** null without audio. */
  loudness: Loudness | null;
  originality: {
    /** Longest run of melodic events copied verbatim (transposition-invariant) from the corpus, over all cues and motifs. */
    longestCopiedRun: number;
    perCue: Array<{ cue: string; longestCopiedRun: number }>;
    motifs: Array<{ id: string; longestCopiedRun: number; model: string }>;
    /** The whole output checked against the training corpora: melody, bass and harmony runs. */
    check: OutputOriginality | null;
  };
  /** Shares of the output's predictive evidence per corpus, collection, licence and piece (README "Attribution"). */
  attribution: Attribution | null;
  cues: Array<{ id: string; seed: number; start: number; end: number }>;
  outputs: HashedFile[];
  c2pa: C2paAssertions;
}

export function buildProvenance(p: ProvenanceInput): Provenance {
  const perCue = p.cueSheet.cues.map((c) => ({ cue: c.id, longestCopiedRun: c.composed?.longestCopiedRun ?? 0 }));
  const motifs = p.cueSheet.motifs.map((m) => ({ id: m.id, longestCopiedRun: m.longestCopiedRun, model: m.model }));
  const longest = Math.max(0, ...perCue.map((c) => c.longestCopiedRun), ...motifs.map((m) => m.longestCopiedRun));
  return {
    tool: { name: 'leitmotif', version: p.version },
    command: p.command,
    seed: p.seed,
    options: p.options,
    inputs: p.inputs,
    models: p.models,
    director: p.director,
    soundfont: p.soundfont ?? null,
    loudness: p.loudness ?? null,
    originality: { longestCopiedRun: longest, perCue, motifs, check: p.report?.originality ?? null },
    attribution: p.report?.attribution ?? null,
    cues: p.cueSheet.cues.map((c) => ({ id: c.id, seed: c.spec.seed, start: c.start, end: c.end })),
    outputs: [...p.outputs].sort((a, b) => a.path.localeCompare(b.path)),
    c2pa: c2paAssertions(p.version, p.outputs),
  };
}
