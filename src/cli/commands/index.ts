/** purpose: the list of `leitmotif` subcommands, one module each. */
import type { Command } from 'commander';
import { register as render } from './render.js';
import { register as exportCmd } from './export.js';
import { register as analyze } from './analyze.js';
import { register as train } from './train.js';
import { register as compose } from './compose.js';
import { register as score } from './score.js';
import { register as play } from './play.js';
import { register as studio } from './studio.js';

export function registerAll(program: Command): void {
  for (const r of [score, analyze, compose, render, exportCmd, train, play, studio]) r(program);
}
