import { describe, it, expect, vi } from 'vitest';
import { Command } from 'commander';
import { COMMANDS } from './index.js';
import { main } from '../main.js';

describe('the command table', () => {
  it('summarises every command with its own description', async () => {
    for (const c of COMMANDS) {
      const program = new Command();
      (await c.load()).register(program);
      const cmd = program.commands.find((x) => x.name() === c.name);
      expect(cmd, c.name).toBeDefined();
      expect(cmd!.description()).toBe(c.summary);
    }
  });

  it('bare `leitmotif` prints the help on stderr and exits with a usage error', async () => {
    let err = '';
    const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
    const o = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await main(['node', 'leitmotif'])).toBe(2);
    } finally {
      e.mockRestore();
      o.mockRestore();
    }
    for (const c of COMMANDS) expect(err).toContain(c.name);
  });

  it('--help lists every command and exits 0; an unknown command is a usage error', async () => {
    let out = '';
    const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
    const e = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await main(['node', 'leitmotif', '--help'])).toBe(0);
      expect(await main(['node', 'leitmotif', 'nonsense'])).toBe(2);
    } finally {
      o.mockRestore();
      e.mockRestore();
    }
    for (const c of COMMANDS) expect(out).toContain(c.name);
  });
});
