// Whether dist/ is stale: a file under src/ or a build script modified after the bundle was
// written (strictly later). scripts/start.mjs asks before every `npm start`, so this is on the
// start-up's path: see sourcesNewerThan for why find(1) and not a walk in JS.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';

/** What the bundle is built from, relative to the repository's root. */
export const SOURCES = ['src', 'scripts/build.mjs', 'scripts/bundle-main.mjs'];

/**
 * find(1) stats the same files in C and stops at the first newer one (~5 ms of CPU in its own
 * process). The walk in JS cost ~13 ms by itself but ~50 ms in front of the bundle: what it
 * compiled and allocated brought the bundle's start-up to V8's first old-generation limit, and
 * the incremental marking and Mark-Compact that then ran before the first 200 (--trace-gc: 8 GCs
 * instead of 6) took ~23 ms of V8's worker threads and more of the main one. Where find is
 * missing or fails (Windows, a find without -quit), the walk.
 */
export function sourcesNewerThan(root, builtFile, o = {}) {
  if (process.platform !== 'win32' && !o.walk) {
    const r = spawnSync('find', [...SOURCES, '-type', 'f', '-newer', builtFile, '-print', '-quit'],
      { cwd: root, encoding: 'latin1', stdio: ['ignore', 'pipe', 'ignore'] });
    if (r.status === 0) return r.stdout !== '';
  }
  return statSync(builtFile).mtimeMs < newestSourceMtime(root);
}

// One stat per file (~430 under src/): paths joined by hand, since path.join's normalisation was
// half of the walk's CPU.
function newestSourceMtime(root) {
  let newest = 0;
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(p);
      else {
        const mtime = statSync(p).mtimeMs;
        if (mtime > newest) newest = mtime;
      }
    }
  };
  for (const s of SOURCES) {
    const p = `${root}/${s}`;
    if (statSync(p).isDirectory()) walk(p);
    else newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}
