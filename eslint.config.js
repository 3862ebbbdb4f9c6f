import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

/**
 * House rule (issue 10, "models as inputs"): the pure stages run in Node and in the browser alike. Their code
 * takes models and data as arguments and never reads files, so it may not import Node built-ins, the file-I/O
 * helpers (src/io), the CLI, the renderers or any Node entry file (`node.ts`, `node/`). Loaders live in
 * `<stage>/node.ts` or `<stage>/node/`; tests and test support may use Node freely. The globs name folders that
 * do not exist yet (src/theory, src/cue, src/film) so they are covered the day they land.
 */
const PURE_STAGES = ['score', 'theory', 'cue', 'script', 'affect', 'plan', 'compose', 'style', 'originality', 'adaptive', 'film', 'util'];
const PURE_MESSAGE = 'pure stages take models and data as arguments; file and OS access belongs in a node.ts / node/ entry (see eslint.config.js)';
const pureImportRule = [
  'error',
  {
    paths: builtinModules.filter((m) => !m.startsWith('_')).map((name) => ({ name, message: PURE_MESSAGE })),
    patterns: [
      { group: ['node:*'], message: PURE_MESSAGE },
      { regex: '(^|/)(cli|io)/', message: PURE_MESSAGE },
      // render/ is the I/O side; style/'s MIDI corpus reader may use the pure SMF decoder only.
      { regex: '(^|/)render/(?!midi/midi-to-score\\.js$)', message: PURE_MESSAGE },
      { regex: '(^|/)node(\\.js|/.*)?$', message: 'pure code may not import a Node entry file (node.ts, node/): take the loaded thing as an argument', allowTypeImports: true },
    ],
  },
];

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'out', 'demo/dist', 'src/studio/app/dist', 'test-artifacts', 'models'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Use the seeded Rng from src/util/rng.ts' }],
    },
  },
  {
    // The pure stages, and the browser demo's page code.
    files: [...PURE_STAGES.map((d) => `src/${d}/**/*.ts`), 'demo/**/*.ts'],
    ignores: ['**/node.ts', '**/node/**', '**/*.test.ts', '**/test-support/**', '**/testing/**', '**/__fixtures__/**', '**/fixtures/**', 'demo/vite.config.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': pureImportRule },
  },
);
