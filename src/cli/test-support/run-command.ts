/**
 * purpose: run one CLI command in-process for its tests — the same wiring as cli/main.ts (commander with
 * exitOverride, errors through reportError) but with only the command under test registered, and stdout/stderr
 * captured instead of printed.
 */
import { vi } from 'vitest';
import { Command, CommanderError } from 'commander';
import { reportError } from '../report-error.js';

export interface CommandRun {
  /** Exit code: 0, 2 for a usage error, else what reportError returns. */
  code: number;
  out: string;
  err: string;
}

/**
 * Register one command and run `leitmotif <args…>` through it.
 *
 * @example
 * const r = await runCommand(register, 'export', 'cue.score.json', '--midi', 'cue.mid');
 * r.code // 0
 */
export async function runCommand(register: (program: Command) => void, ...args: string[]): Promise<CommandRun> {
  let out = '', err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    const program = new Command().name('leitmotif').exitOverride();
    register(program);
    for (const c of program.commands) c.exitOverride();
    let code = 0;
    try {
      await program.parseAsync(['node', 'leitmotif', ...args]);
    } catch (e) {
      code = e instanceof CommanderError ? (e.code === 'commander.helpDisplayed' ? 0 : 2) : reportError(e);
    }
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}
