// `npm start`: run the compiled server (dist/main.js) in this process, rebuilding dist/
// first when anything under src/ is newer than the last build. Plain node on compiled JS
// starts in about half the time of transpiling with tsx on every start.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = join(root, 'dist', 'main.js');
const stamp = join(root, 'dist', '.build-stamp');

function newestSourceMtime() {
  let newest = Math.max(...['tsconfig.json', 'tsconfig.build.json'].map((f) => statSync(join(root, f)).mtimeMs));
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  walk(join(root, 'src'));
  return newest;
}

const tsc = join(root, 'node_modules', '.bin', 'tsc');
const stale = !existsSync(entry) || !existsSync(stamp) || statSync(stamp).mtimeMs < newestSourceMtime();
if (stale && existsSync(tsc)) {
  const began = new Date();
  process.stderr.write('novamock: src/ changed, building dist/ (npm run build)\n');
  const r = spawnSync(tsc, ['-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (!existsSync(entry)) process.exit(r.status ?? 1);
  if (r.status !== 0) process.stderr.write('novamock: type errors above (see npm run typecheck); starting the emitted JS anyway\n');
  writeFileSync(stamp, '');
  utimesSync(stamp, began, began); // edits made during the build trigger the next one
} else if (stale) {
  process.stderr.write('novamock: dist/ may be stale and tsc is not installed; starting it as is\n');
}

process.setSourceMapsEnabled(true);
await import(pathToFileURL(entry).href);
