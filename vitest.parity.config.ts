import { defineConfig } from 'vitest/config';

// `npm run parity`: the same flows over HTTP against the real Nova (PARITY_REAL_URL) and
// novamock (PARITY_MOCK_URL). Both are single shared clouds, so everything runs in one
// file, in order, in one fork. Timeouts are for the real side (seconds per flow).
export default defineConfig({
  test: {
    include: ['test/parity/**/*.parity.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
    sequence: { concurrent: false },
  },
});
