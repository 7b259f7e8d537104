// `npm run build`: bundle src/main.ts and its pure-JS dependencies into one CommonJS file,
// dist/bundle/server-HASH.cjs, run by dist/bundle/main.mjs (scripts/bundle-main.mjs) through
// vm.Script with a V8 code cache, dist/bundle/server-HASH.cjs.cache: the build starts the server
// once and, after its first response, saves the bytecode of everything the start-up compiled, so
// later starts neither parse the bundle nor compile those functions again (Node 20 has no code
// cache for ES modules). One file to load instead of hundreds starts the server about a third
// faster than tsc's per-file output. dist/bundle/ keeps src/db's depth, so '../../migrations/'
// still resolves. What src/ imports dynamically (the services other than Placement) is in the file
// too, but its module code runs, and its functions compile, only when first used; with the cache
// the part not run costs only its reading. undici and node-forge: files of their own (VENDOR).
// Packages that read files beside themselves at run time stay external: better-sqlite3's native
// addon (its JS is bundled, see PATCHES), pino-pretty (a transport: its worker loads pino and thread-stream from node_modules,
// so runtime.ts takes pino.transport from the installed pino), @fastify/swagger and
// @fastify/swagger-ui (static assets). pino itself is bundled: loaded from node_modules, its ~20
// files cost ~45 ms CPU at start-up (resolution, reads, compiles; ~20 ms bundled).
// So do those loaded on first use only (see EXTERNAL); all are production dependencies.
// minifyWhitespace: no comments or indentation to read at start-up, and an ASCII-only output
// (read as latin1: one byte a character, and V8 holds it as a one-byte string). Names and syntax
// are left as written; the source map maps back to src/ (NODE_OPTIONS=--enable-source-maps, which
// main.mjs serves with Node's require() instead of the cache).
// Type checking is `npm run typecheck`'s job, not the build's.
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { createServer } from 'node:net';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

// Also left out, so that nothing reads them at start-up: what src/ or Fastify require only on
// first use (Fastify's schema compilers and inject, Ajv, yaml, re2js).
export const EXTERNAL = ['pino-pretty', '@fastify/swagger', '@fastify/swagger-ui',
  '@fastify/ajv-compiler', '@fastify/fast-json-stringify-compiler', 'light-my-request', 'ajv', 'yaml', 're2js'];

// Exact edits of bundled dependencies' files, each for start-up CPU; a file that no longer has the
// text fails the build (a dependency update then needs a look, not a silently slower start).
// - better-sqlite3: its JS is bundled (so it is in the code cache; from node_modules its ~12 files
//   cost ~10 ms of loading at start-up), and the native addon is required by its path:
//   `bindings`, which finds it by probing paths from the caller's stack, cannot work from a bundle.
// - Fastify's server.js requires node:https (with TLS) and node:http2 at load, for options
//   novamock never sets: they load at the first use instead (~8 ms of node's own module loading).
// - Fastify's plugin-utils.js requires semver (building ~40 RegExps at load) for plugins that name a
//   Fastify version; none registered at start-up does (only @fastify/swagger's, at /docs).
// - pino loads its transport module (thread-stream, worker_threads, assert) at load; the bundled
//   pino never makes a transport (runtime.ts takes pino.transport from the installed pino); and
//   worker_threads for isMainThread, read only when pino opens a file destination itself.
// - find-my-way compiles, with new Function, a prefix matcher per static node, and a params-object
//   builder and a constraint matcher per method of every route, as the route is added: eval'd code
//   that no code cache holds. Fastify's `all` adds a route for each of 9 methods, so the lazy mounts'
//   14 catch-all routes alone made ~250 such functions, most for methods and paths never requested.
//   Each is compiled at its first call instead (the stub then replaces itself on its object: the
//   lookups call the same compiled functions as before, with nothing added to their path).
const PATCHES = [
  { file: /node_modules[\\/]find-my-way[\\/]lib[\\/]node\.js$/, edits: [
    ["class Node {\n",
      "function matchPrefixOnFirstCall (path, i) {\n  this.matchPrefix = compilePrefixMatch(this.prefix)\n  return this.matchPrefix(path, i)\n}\n\nclass Node {\n"],
    ["this.matchPrefix = kind === NODE_TYPES.STATIC ? compilePrefixMatch(prefix) : null", "this.matchPrefix = kind === NODE_TYPES.STATIC ? matchPrefixOnFirstCall : null"],
    ["this.matchPrefix = compilePrefixMatch(childPrefix)", "this.matchPrefix = matchPrefixOnFirstCall"],
  ] },
  { file: /node_modules[\\/]find-my-way[\\/]lib[\\/]handler-storage\.js$/, edits: [
    ["class HandlerStorage {\n",
      "function createParamsObjectOnFirstCall (param0, param1, param2, param3, extraParams) {\n"
      + "  this._createParamsObject = HandlerStorage.prototype._compileCreateParamsObject(this.params)\n"
      + "  return this._createParamsObject(param0, param1, param2, param3, extraParams)\n}\n\n"
      + "function getHandlerMatchingConstraintsOnFirstCall (constrainer) {\n"
      + "  return function _getHandlerMatchingConstraints (derivedConstraints) {\n"
      + "    this._compileGetHandlerMatchingConstraints(constrainer)\n"
      + "    return this._getHandlerMatchingConstraints(derivedConstraints)\n  }\n}\n\n"
      + "class HandlerStorage {\n"],
    ["      _createParamsObject: this._compileCreateParamsObject(params)\n", "      _createParamsObject: createParamsObjectOnFirstCall\n"],
    ["      this._compileGetHandlerMatchingConstraints(constrainer, constraints)\n", "      this._getHandlerMatchingConstraints = getHandlerMatchingConstraintsOnFirstCall(constrainer)\n"],
  ] },
  { file: /node_modules[\\/]better-sqlite3[\\/]lib[\\/]database\.js$/, edits: [
    ["require('bindings')('better_sqlite3.node')", "require('better-sqlite3/build/Release/better_sqlite3.node')"],
  ] },
  { file: /node_modules[\\/]fastify[\\/]lib[\\/]server\.js$/, edits: [
    ["const https = require('node:https')\nconst http2 = require('node:http2')\n",
      "let httpsModule, http2Module\n"
      + "const https = { createServer: (...a) => (httpsModule ??= require('node:https')).createServer(...a) }\n"
      + "const http2 = { createServer: (...a) => (http2Module ??= require('node:http2')).createServer(...a), createSecureServer: (...a) => (http2Module ??= require('node:http2')).createSecureServer(...a) }\n"],
  ] },
  { file: /node_modules[\\/]fastify[\\/]lib[\\/]plugin-utils\.js$/, edits: [
    ["const semver = require('semver')\n",
      "let semverModule\n"
      + "const semver = { gt: (...a) => (semverModule ??= require('semver')).gt(...a), coerce: (...a) => (semverModule ??= require('semver')).coerce(...a), satisfies: (...a) => (semverModule ??= require('semver')).satisfies(...a) }\n"],
  ] },
  { file: /node_modules[\\/]pino[\\/]lib[\\/]tools\.js$/, edits: [
    ["const { isMainThread } = require('worker_threads')\n", "let isMainThreadValue\n"],
    ["  if (!opts.sync && isMainThread) {", "  if (!opts.sync && (isMainThreadValue ??= require('worker_threads').isMainThread)) {"],
    ["const transport = require('./transport')\n", "const transport = (...a) => require('./transport')(...a)\n"],
  ] },
  { file: /node_modules[\\/]pino[\\/]pino\.js$/, edits: [
    ["module.exports.transport = require('./lib/transport')\n",
      "Object.defineProperty(module.exports, 'transport', { get: () => require('./lib/transport'), enumerable: true, configurable: true })\n"],
  ] },
];

const patchDependencies = {
  name: 'patch-dependencies',
  setup(b) {
    for (const patch of PATCHES) {
      b.onLoad({ filter: patch.file }, (args) => {
        let text = readFileSync(args.path, 'utf8');
        for (const [from, to] of patch.edits) {
          if (!text.includes(from)) throw new Error(`${args.path} no longer has ${JSON.stringify(from)} (scripts/build.mjs PATCHES)`);
          text = text.replace(from, to);
        }
        return { contents: text, loader: 'js' };
      });
    }
    // the addon itself: required at run time from node_modules, beside the bundle's externals
    b.onResolve({ filter: /\.node$/ }, (args) => ({ path: args.path, external: true }));
  },
};

// Self-contained packages that src/ only imports dynamically, for the calls to remote services
// (undici) and keypair generation (node-forge): each bundled into a file of its own
// (dist/bundle/vendor-NAME-HASH.cjs) that Node's require() loads at the first use, so that start-up
// does not read them as part of the server's file (1.1 MB of its 3.2).
const VENDOR = ['undici', 'node-forge'];

/**
 * `await import('@fastify/swagger')` -> a require() on first use: esbuild's CommonJS output keeps
 * import() of an external or a node: module as it is, and a vm.Script has no loader for import()
 * (main.mjs). The VENDOR packages the same way, from their own files (vendorFiles: name -> file name).
 */
const requireDynamicExternals = (vendorFiles) => ({
  name: 'require-dynamic-externals',
  setup(b) {
    const names = new RegExp(`^(${[...EXTERNAL, ...VENDOR].map((n) => n.replace(/[/.]/g, '\\$&')).join('|')})$`);
    b.onResolve({ filter: names }, (args) => {
      const path = vendorFiles.has(args.path) ? `./${vendorFiles.get(args.path)}` : args.path;
      return args.kind === 'dynamic-import' && args.namespace === 'file'
        ? { path, namespace: 'require-external' }
        : { path, external: true };
    });
    // import('node:...') the same way (esbuild would keep it as import())
    const builtins = new Set(builtinModules);
    b.onResolve({ filter: /^[a-z0-9_:/]+$/ }, (args) => (args.kind === 'dynamic-import' && args.namespace === 'file' && (args.path.startsWith('node:') || builtins.has(args.path))
      ? { path: args.path, namespace: 'require-external' }
      : undefined));
    b.onResolve({ filter: /^\.\/vendor-/, namespace: 'require-external' }, (args) => ({ path: args.path, external: true }));
    b.onLoad({ filter: /.*/, namespace: 'require-external' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js', resolveDir: root }));
  },
});

const common = { absWorkingDir: root, write: false, bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: true, minifyWhitespace: true, logLevel: 'warning' };

export async function buildServer() {
  const vendor = await Promise.all(VENDOR.map((name) => build({
    ...common,
    stdin: { contents: `module.exports = require(${JSON.stringify(name)});`, resolveDir: root, sourcefile: `vendor-${name}.cjs` },
    outdir: 'dist/bundle',
    entryNames: `vendor-${name}-[hash]`,
    outExtension: { '.js': '.cjs' },
  })));
  const vendorFiles = new Map(VENDOR.map((name, i) => [name, basename(vendor[i].outputFiles.find((f) => f.path.endsWith('.cjs')).path)]));
  const result = await build({
    ...common,
    entryPoints: ['src/main.ts'],
    outdir: 'dist/bundle',
    entryNames: 'server-[hash]',
    outExtension: { '.js': '.cjs' },
    plugins: [requireDynamicExternals(vendorFiles), patchDependencies],
    // src/ resolves files beside the bundle (migrations/) and requires on demand from import.meta.url
    define: { 'import.meta.url': '__novamock_import_meta_url' },
    // The file is one call of a function that holds the bundle: run as a module by require(), it
    // calls it at once (`this` is the module's exports); compiled as a script by main.mjs (`this` is
    // the global object), its value is the function, which main.mjs then calls. So main.mjs compiles the
    // file's text as read, with no wrapper concatenated: V8 keeps that (external) string as the
    // script's source instead of a 2 MB copy on its heap. 'use strict' first: the bundle's code
    // is ES modules' (strict), and esbuild's own directive comes after this banner (no directive there).
    banner: { js: "(this === globalThis ? (f) => f : (f) => f.call(exports, exports, require, module, __filename, __dirname))(function (exports, require, module, __filename, __dirname) {'use strict';\nvar __novamock_import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
    footer: { js: '})' },
  });
  const dir = join(root, 'dist', 'bundle');
  const server = result.outputFiles.find((f) => f.path.endsWith('.cjs'));
  const main = readFileSync(join(root, 'scripts', 'bundle-main.mjs'), 'utf8').replaceAll('SERVER_FILE', basename(server.path));
  // Write beside, then rename: a server starting meanwhile (tests start several) never
  // loads a half-written file. The map first, so no file points at a stale one; the bundle
  // (named by content hash) before main.mjs, so main.mjs never names a file not yet written.
  const files = [...vendor.flatMap((r) => r.outputFiles), ...result.outputFiles.filter((f) => f !== server), server, { path: join(dir, 'main.mjs'), contents: main }]
    .sort((a, b) => Number(!a.path.endsWith('.map')) - Number(!b.path.endsWith('.map')));
  for (const file of files) {
    mkdirSync(dirname(file.path), { recursive: true });
    const tmp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(tmp, file.contents);
    renameSync(tmp, file.path);
  }
  await writeCodeCache(join(dir, 'main.mjs'), `${server.path}.cache`);
  // Files of earlier builds (bundles, their maps and caches; the chunks of the former split
  // build): removed once they are a minute old (a server started from the previous main.mjs
  // may still be loading them).
  const current = new Set([...files.map((f) => basename(f.path)), `${basename(server.path)}.cache`]);
  for (const name of readdirSync(dir)) {
    if (!/^(chunk|server|vendor)-/.test(name) || current.has(name)) continue;
    const path = join(dir, name);
    if (Date.now() - statSync(path).mtimeMs > 60_000) rmSync(path, { force: true });
  }
}

/**
 * Start the new bundle once (in-memory database, a free port, nothing from the caller's
 * environment but PATH: no NODE_OPTIONS, whose V8 flags would make the cache unusable for a
 * plain `node`), wait for its first 200 on /placement/, then have main.mjs write the code cache
 * (SIGUSR2). No cache (the server did not come up in time) is a warning, not a failed build: the
 * server then only starts slower.
 */
async function writeCodeCache(entry, cacheFile) {
  const port = await freePort();
  const child = spawn(process.execPath, [entry], {
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), NOVAMOCK_WRITE_CODE_CACHE: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  let ready = false;
  for (const deadline = Date.now() + 120_000; !ready && child.exitCode === null && Date.now() < deadline;) {
    ready = await fetch(`http://127.0.0.1:${port}/placement/`).then((r) => r.ok, () => false);
    if (!ready) await new Promise((r) => setTimeout(r, 20));
  }
  if (ready) child.kill('SIGUSR2');
  else child.kill('SIGKILL');
  const status = await exited;
  if (!ready || status !== 0 || !existsSync(cacheFile)) {
    process.stderr.write(`build: no code cache (the server's first start ended with ${status}): later starts compile the bundle\n${stderr}`);
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer().once('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildServer();
