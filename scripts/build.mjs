// `npm run build`: bundle src/main.ts and its pure-JS dependencies into dist/bundle/main.mjs.
// One file to load instead of hundreds starts the server about a third faster than tsc's
// per-file output. dist/bundle/ keeps src/db's depth, so '../../migrations/' still resolves.
// Packages that read files beside themselves at run time stay external: better-sqlite3 (native
// binding), pino (worker transports), @fastify/swagger and @fastify/swagger-ui (static assets).
// Type checking is `npm run typecheck`'s job, not the build's.
import { build } from 'esbuild';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export const EXTERNAL = ['better-sqlite3', 'pino', 'pino-pretty', '@fastify/swagger', '@fastify/swagger-ui'];

export async function buildServer() {
  const result = await build({
    write: false,
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
  // Write beside, then rename: a server starting meanwhile (tests start several) never
  // imports a half-written bundle. The map first, so the bundle never points at a stale one.
  const files = [...result.outputFiles].sort((a, b) => Number(b.path.endsWith('.map')) - Number(a.path.endsWith('.map')));
  for (const file of files) {
    mkdirSync(dirname(file.path), { recursive: true });
    const tmp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(tmp, file.contents);
    renameSync(tmp, file.path);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildServer();
