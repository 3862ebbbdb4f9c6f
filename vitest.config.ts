import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// Tests never write to the user's own cache or data folders (decoded-sample cache, studio bundles, profile
// databases): both point into the system temp folder unless a test sets its own. The cache is kept between
// runs on purpose — warm, like a user's — and every entry is checksummed.
const testHome = join(tmpdir(), 'leitmotif-tests');

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    env: { LEITMOTIF_CACHE_DIR: join(testHome, 'cache'), LEITMOTIF_DATA_DIR: join(testHome, 'data') },
  },
});
