// `npm start`: run the bundled server (dist/bundle/main.mjs, see scripts/build.mjs) in this
// process, rebuilding it first when anything under src/ is newer than the bundle
// (source-freshness.mjs). Loading one bundled file starts in about half the time of
// transpiling every file with tsx.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sourcesNewerThan } from './source-freshness.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = join(root, 'dist', 'bundle', 'main.mjs');

const built = statSync(entry, { throwIfNoEntry: false });
if (built === undefined || sourcesNewerThan(root, entry)) {
  // In a child process: esbuild's service and its outputs would otherwise stay in this one.
  process.stderr.write('novamock: src/ changed, building dist/ (npm run build)\n');
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  if (r.status !== 0) {
    // A production install has no esbuild: run what was built, if anything was.
    if (!existsSync(entry)) { console.error('novamock: no dist/ and the build failed: run npm ci && npm run build'); process.exit(1); }
    process.stderr.write('novamock: build failed; starting the previous dist/bundle/main.mjs\n');
  }
}

// No source maps by default: loading the bundle's map costs ~20 MB of RSS. For stack traces
// with src/ lines: NODE_OPTIONS=--enable-source-maps npm start.
await import(pathToFileURL(entry).href);
