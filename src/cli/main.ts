/**
 * purpose: the `leitmotif` command. Thin wrappers over the stages; every user error becomes one clear line
 * and a non-zero exit (never a stack trace); anything else is reported as a bug.
 */
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { registerAll } from './commands/index.js';
import { reportError } from './report-error.js';

const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { version: string };

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('leitmotif')
    .description('Scores film and games: screenplay or game state in, emotion-matched adaptive music out (MIDI, MusicXML, WAV stems).')
    .version(pkg.version, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerAll(program);
  for (const c of program.commands) c.exitOverride();
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version "errors" are normal exits; commander already printed its message.
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help' ? 0 : 2;
    }
    return reportError(e);
  }
}

const invokedDirectly = process.argv[1] && /leitmotif(\.js)?$|main\.ts$/.test(process.argv[1]);
if (invokedDirectly) {
  // `leitmotif … | head` closes the pipe early: stop quietly instead of crashing on EPIPE.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  process.exitCode = await main(process.argv);
}
