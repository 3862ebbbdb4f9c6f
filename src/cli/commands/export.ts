/**
 * purpose: `leitmotif export` — a Score (JSON, or a MIDI file) to Standard MIDI File, MusicXML and/or Score
 * JSON. Thin wrapper over render/midi and render/musicxml; every output is written atomically.
 */
import type { Command } from 'commander';
import { extname } from 'node:path';
import { readJsonInput } from '../../io/read-input.js';
import { writeJsonAtomic } from '../../io/atomic-write.js';
import { parseScore, barCount, type Score } from '../../score/index.js';
import { LeitmotifError } from '../../util/errors.js';
import { readMidiFile, writeMidiFile } from '../../render/midi/index.js';
import { writeMusicXmlFile } from '../../render/musicxml/index.js';

interface ExportFlags {
  midi?: string;
  musicxml?: string;
  json?: string;
  exactRhythm?: boolean;
  quiet?: boolean;
}

const MIDI_EXT = new Set(['.mid', '.midi', '.smf', '.kar', '.rmi']);

/** A Score from a .json Score file or any Standard MIDI File. */
export function readScoreInput(path: string): Score {
  if (MIDI_EXT.has(extname(path).toLowerCase())) return readMidiFile(path);
  return parseScore(readJsonInput(path, 'score file'), path);
}

export function runExport(input: string, flags: ExportFlags, log: (s: string) => void = (s) => process.stdout.write(s)): void {
  if (!flags.midi && !flags.musicxml && !flags.json) {
    throw new LeitmotifError('LM_ERR_BAD_OPTION', 'nothing to export: give at least one of --midi <file>, --musicxml <file>, --json <file>', {
      hint: `e.g. leitmotif export ${input} --midi out.mid --musicxml out.musicxml`,
    });
  }
  for (const [flag, value] of [['--midi', flags.midi], ['--musicxml', flags.musicxml], ['--json', flags.json]] as const) {
    if (value !== undefined && value.trim() === '') throw new LeitmotifError('LM_ERR_BAD_OPTION', `${flag} needs a file name`);
  }
  const score = readScoreInput(input);
  const written: string[] = [];
  if (flags.midi) {
    writeMidiFile(flags.midi, score);
    written.push(`MIDI ${flags.midi}`);
  }
  if (flags.musicxml) {
    writeMusicXmlFile(flags.musicxml, score, { quantize: !flags.exactRhythm });
    written.push(`MusicXML ${flags.musicxml}`);
  }
  if (flags.json) {
    writeJsonAtomic(flags.json, score);
    written.push(`Score JSON ${flags.json}`);
  }
  if (!flags.quiet) {
    const notes = score.tracks.reduce((s, t) => s + t.notes.length, 0);
    log(`"${score.title}": ${score.tracks.length} track(s), ${notes} note(s), ${barCount(score)} bar(s)\nwrote ${written.join(', ')}\n`);
  }
}

export function register(program: Command): void {
  program
    .command('export')
    .description('write a Score (JSON, or a MIDI file) as a Standard MIDI File (type 1), MusicXML 4.0 and/or Score JSON')
    .argument('<score>', 'Score JSON file (from `leitmotif compose`/`score`), or a .mid file to convert')
    .option('--midi <file>', 'write a Standard MIDI File (type 1, 480 PPQ, conductor track first, drums on channel 10)')
    .option('--musicxml <file>', 'write MusicXML 4.0 (partwise; opens in MuseScore, Sibelius, Dorico, Finale)')
    .option('--json <file>', 'write the Score as JSON (e.g. to edit a MIDI file as a Score)')
    .option('--exact-rhythm', 'MusicXML: keep every tick exactly instead of writing the rhythm a copyist would (articulation gaps closed, onsets on a 32nd/triplet grid)')
    .option('-q, --quiet', 'print nothing on success')
    .addHelpText(
      'after',
      `
Examples:
  leitmotif export cue.score.json --midi cue.mid --musicxml cue.musicxml
  leitmotif export examples/example.mid --musicxml example.musicxml

MIDI files keep tempo ramps (as 1/16-note steps, within 1 ms), meters, keys, markers ("cue:1m1",
"hit:door slam", "section:…"), programs, CC7/CC10 and every controller. Leitmotif-written MIDI also
carries track roles, sections and hit points, so it converts back to the same Score.`,
    )
    .action((score: string, flags: ExportFlags) => runExport(score, flags));
}
