/**
 * purpose: the normalised form every corpus reader produces — one `CorpusPiece` per tune/chorale/MIDI file,
 * with its key (declared or detected), metre, melody line, and where available bass line, Roman-numeral chord
 * sequence and per-bar onset patterns. Time is in quarter-note beats from the piece's first note.
 */
import type { KeyContext, MeterContext } from '../api.js';
import type { ManifestEntry } from '../model-file.js';

export type CorpusFormat = 'abc' | 'midi' | 'chorale-json';

export interface CorpusNote {
  /** Onset in quarter beats from the start of the piece. */
  onset: number;
  /** Sounding length in quarter beats. */
  duration: number;
  pitch: number;
  /** Bar index (0 = first, possibly incomplete, bar). */
  bar: number;
  /** Position in the bar in quarter beats from the bar line. */
  pos: number;
}

export interface CorpusPiece {
  /** Unique within a corpus: file path plus tune number or index. */
  id: string;
  file: string;
  format: CorpusFormat;
  title?: string;
  key: KeyContext;
  keySource: 'declared' | 'detected';
  meter: MeterContext;
  melody: CorpusNote[];
  /** Lowest line (chorale bass voice, lowest MIDI track); absent for single-line tunes. */
  bass?: CorpusNote[];
  /** Roman numerals relative to `key`, consecutive repeats merged. */
  chords?: string[];
  /** The texture's chords with their harmonic rhythm (texture readers only; the harmony copy index uses them). */
  chordSpans?: ChordSpan[];
  /** Whether `chords` were read from a real texture or implied by a single melody line. */
  chordSource?: 'texture' | 'implied';
  /** Per-bar onset bitmasks on the sixteenth grid (bit i = an onset on sixteenth i of the bar). */
  barPatterns?: number[];
  /** True when barPatterns came from a GM drum track (channel 10). */
  drumPatterns?: boolean;
}

/** A chord change: Roman numeral relative to the piece's key, onset and length in beats. */
export interface ChordSpan {
  roman: string;
  beat: number;
  beats: number;
}

/** What reading a file produced: pieces, plus one line per skipped tune or problem (never an exception). */
export interface ReadResult {
  pieces: CorpusPiece[];
  warnings: string[];
}

/** A loaded training corpus (style/node.ts `loadCorpus`), as `trainStyleModel` takes it. */
export interface LoadedCorpus {
  pieces: CorpusPiece[];
  manifest: ManifestEntry[];
  warnings: string[];
  skippedFiles: number;
  duplicatesRemoved: number;
}
