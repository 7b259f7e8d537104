// Template of dist/bundle/main.mjs, the entry `node dist/bundle/main.mjs` and `npm start` run;
// scripts/build.mjs writes it with SERVER_FILE replaced by the bundle's name (server-HASH.cjs).
// The server is one CommonJS file compiled here with a V8 code cache (SERVER_FILE.cache, written
// by the build after the server answered its first request): the cache holds the bytecode of the
// top level and of every function the start-up ran, so neither is parsed or compiled again.
// Node 20 has no code cache for ES modules; vm.Script takes one. The cache is named after the
// bundle's content hash, so it only ever meets the source it was made from (V8 itself checks
// only the source's length, its own version and its flags: a cache from another node or other
// flags is rejected and the script compiled as usual). No cache or a rejected one: a plain compile.
// NODE_OPTIONS=--enable-source-maps: Node's own require(), which maps stacks through
// SERVER_FILE.map (vm.Script does not), without the cache.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const file = fileURLToPath(new URL('./SERVER_FILE', import.meta.url));
const require = createRequire(file);
if (process.sourceMapsEnabled) require(file);
else {
  const cacheFile = `${file}.cache`;
  const writeCache = process.env.NOVAMOCK_WRITE_CODE_CACHE === '1';
  let cachedData;
  if (!writeCache) try { cachedData = readFileSync(cacheFile); } catch { /* no cache: compile */ }
  // the file's value as a script is the function that holds the bundle (scripts/build.mjs banner)
  const script = new Script(readFileSync(file, 'latin1'), { filename: file, cachedData });
  cachedData = undefined;
  if (writeCache) {
    // scripts/build.mjs: SIGUSR2 once the first response has come back
    process.on('SIGUSR2', () => {
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(tmp, script.createCachedData());
      renameSync(tmp, cacheFile);
      process.exit(0);
    });
  }
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, require, module, file, dirname(file));
}
