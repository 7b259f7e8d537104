import { defineConfig } from 'vitest/config';

// The default suite: unit, store, api (inject), contract and e2e (loopback sockets).
// The parity suite against the real Nova has its own config (vitest.parity.config.ts).
export default defineConfig({
  test: {
    include: ['test/{unit,store,api,contract,e2e}/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Every answer of the apps the test helpers build is checked against its route's declared
    // response schema; a file that saw a violation fails (NOVAMOCK_RESPONSE_CONTRACT=0: off).
    env: { NOVAMOCK_RESPONSE_CONTRACT: process.env.NOVAMOCK_RESPONSE_CONTRACT ?? '1' },
    setupFiles: ['test/setup/response-contract.ts'],
  },
});
