import { defineConfig } from 'vitest/config';

// The default suite: unit, store, api (inject), contract and e2e (loopback sockets).
// The parity suite against the real Nova has its own config (vitest.parity.config.ts).
export default defineConfig({
  test: {
    include: ['test/{unit,store,api,contract,e2e}/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
