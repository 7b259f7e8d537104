// `npm run build`: bundle src/main.ts and its pure-JS dependencies into dist/bundle/main.mjs.
// One file to load instead of hundreds starts the server about a third faster than tsc's
// per-file output. dist/bundle/ keeps src/db's depth, so '../../migrations/' still resolves.
// Packages that read files beside themselves at run time stay external: better-sqlite3 (native
// binding), pino (worker transports), @fastify/swagger and @fastify/swagger-ui (static assets).
// Type checking is `npm run typecheck`'s job, not the build's.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export const EXTERNAL = ['better-sqlite3', 'pino', 'pino-pretty', '@fastify/swagger', '@fastify/swagger-ui'];

export async function buildServer() {
  await build({
    absWorkingDir: root,
    entryPoints: ['src/main.ts'],
    outfile: 'dist/bundle/main.mjs',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    external: EXTERNAL,
    // Bundled CommonJS dependencies call require(); give the ES module one.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildServer();
