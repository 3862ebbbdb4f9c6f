/**
 * purpose: the `leitmotif` command. Thin wrappers over the stages; every user error becomes one clear line
 * and a non-zero exit (never a stack trace); anything else is reported as a bug.
 */
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { COMMANDS, registerCommands } from './commands/index.js';
import { reportError } from './report-error.js';

const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { version: string };

/**
 * The command line, with only the invoked command's module loaded (the rest are listed for --help).
 *
 * @example
 * const program = await buildProgram(['node', 'leitmotif', 'score', '--help']);
 */
export async function buildProgram(argv: string[] = []): Promise<Command> {
  const program = new Command();
  program
    .name('leitmotif')
    .description('Scores film and games: screenplay or game state in, emotion-matched adaptive music out (MIDI, MusicXML, WAV stems).')
    .version(pkg.version, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  await registerCommands(program, invokedCommand(argv));
  for (const c of program.commands) c.exitOverride();
  return program;
}

/** The subcommand an argv names (`leitmotif help score` names score), if it is one of ours. */
function invokedCommand(argv: readonly string[]): string | undefined {
  const args = argv.slice(2);
  let name = args.find((a) => !a.startsWith('-'));
  if (name === 'help') name = args[args.indexOf('help') + 1];
  return COMMANDS.some((c) => c.name === name) ? name : '';
}

/** Exit code for a usage error (unknown command or option, missing argument, bare `leitmotif`). */
export const USAGE_EXIT = 2;

export async function main(argv: string[]): Promise<number> {
  const program = await buildProgram(argv);
  if (argv.length <= 2) {
    // Bare `leitmotif`: the help, on stderr, and a usage-error exit (a script calling it by mistake notices).
    program.outputHelp({ error: true });
    return USAGE_EXIT;
  }
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version "errors" are normal exits; commander already printed its message.
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help' ? 0 : USAGE_EXIT;
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
