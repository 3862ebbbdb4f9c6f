// PLACEHOLDER — to be replaced by the helper that owns this command. Registers nothing yet.
import type { Command } from 'commander';

export function register(_program: Command): void {}
