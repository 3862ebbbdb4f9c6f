/**
 * purpose: the list of `leitmotif` subcommands — name, the one-line summary the top-level help shows, and the
 * module that registers it, imported only when that command runs (or its own --help is asked for), so the CLI
 * starts without loading the composer, the synthesizer or the script reader. commands.test.ts checks every
 * summary against the command's own description.
 */
import type { Command } from 'commander';

export interface CommandEntry {
  name: string;
  summary: string;
  load: () => Promise<{ register: (program: Command) => void }>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'score', summary: 'score a screenplay end to end: cue sheet, leitmotifs, hit points, one film score as MIDI, MusicXML, WAV mix and stems', load: () => import('./score.js') },
  { name: 'analyze', summary: "analyse a screenplay's emotional arc: per-scene valence, arousal, tension, characters and hit points", load: () => import('./analyze.js') },
  { name: 'compose', summary: 'compose a cue from a cue spec (or one cue of a cue sheet): score.json, score.mid, score.musicxml, mix.wav, stems/', load: () => import('./compose.js') },
  { name: 'render', summary: 'Render a MIDI file or a Score JSON to a mastered stereo WAV (SoundFont synthesis, reverb and chorus), with optional per-channel stems.', load: () => import('./render.js') },
  { name: 'export', summary: 'write a Score (JSON, or a MIDI file) as a Standard MIDI File (type 1), MusicXML 4.0 and/or Score JSON', load: () => import('./export.js') },
  { name: 'train', summary: 'train a style model (melody, rhythm, harmony viewpoints) on MIDI, ABC or chorale-JSON files', load: () => import('./train.js') },
  { name: 'play', summary: 'render a scripted game session through the adaptive music engine (session.mid, session.wav, log.json)', load: () => import('./play.js') },
  { name: 'check', summary: 'originality report of a MIDI file or score.json: runs shared with the training corpora (or your own), n-gram overlap, nearest pieces, attribution', load: () => import('./check.js') },
  { name: 'keys', summary: 'manage the Ed25519 key that signs provenance.json', load: () => import('./keys.js') },
  { name: 'verify', summary: 'check a run folder against its provenance.json: output hashes and the Ed25519 signature', load: () => import('./verify.js') },
  { name: 'profile', summary: 'listener/director profiles that learn a taste from feedback (create, show, list, export, import, delete)', load: () => import('./profile.js') },
  { name: 'feedback', summary: 'rate a take, or pick the better of an A/B pair, for a profile to learn from', load: () => import('./feedback.js') },
  { name: 'studio', summary: 'Leitmotif Studio: a local web app to score a film with the AI (arc, cue sheet, piano roll, lock & regenerate, motifs, A/B)', load: () => import('./studio.js') },
];

/**
 * Register the commands on `program`: the one named `invoked` (or every one, with `invoked` undefined) fully,
 * the others as name-and-summary entries for the help listing.
 *
 * @example
 * await registerCommands(program, 'score'); // loads ./score.js only
 */
export async function registerCommands(program: Command, invoked?: string): Promise<void> {
  for (const c of COMMANDS) {
    if (invoked === undefined || c.name === invoked) (await c.load()).register(program);
    else program.command(c.name).description(c.summary);
  }
}

/** Every command, fully registered (tests and tools that want the whole CLI). */
export const registerAll = (program: Command): Promise<void> => registerCommands(program);
