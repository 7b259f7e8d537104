// `npm run build`: bundle src/main.ts and its pure-JS dependencies into dist/bundle/main.mjs.
// One file to load instead of hundreds starts the server about a third faster than tsc's
// per-file output. dist/bundle/ keeps src/db's depth, so '../../migrations/' still resolves.
// Split at dynamic import()s (dist/bundle/chunk-*.mjs, beside main.mjs for the same depth): the
// services other than Placement, undici, node-forge, the OpenAPI plugins load when first used,
// so start-up parses and runs only what the first request needs.
// Packages that read files beside themselves at run time stay external: better-sqlite3 (native
// binding), pino-pretty (a transport: its worker loads pino and thread-stream from node_modules,
// so runtime.ts takes pino.transport from the installed pino), @fastify/swagger and
// @fastify/swagger-ui (static assets). pino itself is bundled: loaded from node_modules, its ~20
// files cost ~45 ms CPU at start-up (resolution, reads, compiles; ~20 ms bundled).
// So do those loaded on first use only (see EXTERNAL); all are production dependencies.
// Externals imported by src/ with `import` (better-sqlite3) are loaded with require()
// (see requireExternals): an ES module importing a CommonJS package sends it and every file it
// requires through Node 20's ESM-to-CJS translation (each file scanned for its exports), which
// cost more than loading the package itself.
// minifyWhitespace: no comments or indentation to scan at start-up, and an ASCII-only output (one
// non-ASCII character in a comment made V8 hold the 1.3 MB main.mjs as a two-byte string, 2.5 MB of
// heap for as long as the process runs). Names and syntax are left as written; the source map maps
// back to src/ (NODE_OPTIONS=--enable-source-maps).
// Type checking is `npm run typecheck`'s job, not the build's.
import { build } from 'esbuild';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

// Also left out, so that nothing parses them at start-up: what src/ or Fastify require only on
// first use (Fastify's schema compilers and inject, Ajv, yaml, re2js).
export const EXTERNAL = ['better-sqlite3', 'pino-pretty', '@fastify/swagger', '@fastify/swagger-ui',
  '@fastify/ajv-compiler', '@fastify/fast-json-stringify-compiler', 'light-my-request', 'ajv', 'yaml', 're2js'];

/** `import x from 'better-sqlite3'` -> `module.exports = require('better-sqlite3')` wrapped by esbuild's ESM interop. */
const requireExternals = {
  name: 'require-externals',
  setup(b) {
    const names = new RegExp(`^(${EXTERNAL.map((n) => n.replace(/[/.]/g, '\\$&')).join('|')})$`);
    b.onResolve({ filter: names }, (args) => (args.kind === 'import-statement' && args.namespace === 'file'
      ? { path: args.path, namespace: 'require-external' }
      : { path: args.path, external: true }));
    b.onLoad({ filter: /.*/, namespace: 'require-external' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js', resolveDir: root }));
  },
};

export async function buildServer() {
  const result = await build({
    write: false,
    absWorkingDir: root,
    entryPoints: ['src/main.ts'],
    outdir: 'dist/bundle',
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    outExtension: { '.js': '.mjs' },
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    minifyWhitespace: true,
    plugins: [requireExternals],
    // Bundled CommonJS dependencies call require(); give the ES module one.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  // Write beside, then rename: a server starting meanwhile (tests start several) never
  // imports a half-written bundle. Maps first, so no file points at a stale one; chunks (named
  // by content hash) before main.mjs, so main.mjs never names a chunk not yet written.
  const rank = (path) => (path.endsWith('.map') ? 0 : basename(path) === 'main.mjs' ? 2 : 1);
  const files = [...result.outputFiles].sort((a, b) => rank(a.path) - rank(b.path));
  for (const file of files) {
    mkdirSync(dirname(file.path), { recursive: true });
    const tmp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(tmp, file.contents);
    renameSync(tmp, file.path);
  }
  // Chunks of earlier builds: removed once they are a minute old (a server started from the
  // previous main.mjs may still be loading them).
  const dir = join(root, 'dist', 'bundle');
  const current = new Set(files.map((f) => basename(f.path)));
  for (const name of readdirSync(dir)) {
    if (!name.startsWith('chunk-') || current.has(name)) continue;
    const path = join(dir, name);
    if (Date.now() - statSync(path).mtimeMs > 60_000) rmSync(path, { force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildServer();
