// The server as `npm start` runs it, minus npm: `node dist/bundle/main.mjs` in its own process,
// so that its CPU and RSS can be read from /proc apart from the bench's client. The first call
// builds dist/ when src/ is newer (one untimed `npm start`, which rebuilds it).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServerProcess, type ServerProcess } from './server-process.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let built = false;

/**
 * BENCH_SERVER_NODE_ARGS: node options for every server the benches spawn from the bundle, e.g.
 * "--cpu-prof --cpu-prof-dir=/tmp/prof" (NODE_OPTIONS refuses --cpu-prof), split at whitespace.
 */
export function serverNodeArgs(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter((a) => a !== '');
}

export async function startBundle(port: number, o: { env?: Record<string, string>; placementStandalonePort?: number; nodeArgs?: string[] } = {}): Promise<ServerProcess> {
  if (!built) {
    await (await startServerProcess({ cwd: ROOT, port, timeoutMs: 300_000 })).stop();
    built = true;
  }
  return startServerProcess({
    cwd: ROOT, port, placementStandalonePort: o.placementStandalonePort, env: o.env,
    command: [process.execPath, ...serverNodeArgs(), ...(o.nodeArgs ?? []), join(ROOT, 'dist', 'bundle', 'main.mjs')],
  });
}

/** A bare Fastify hello world (bench/fixtures/fastify-hello.mjs): the same-run baseline of the per-request figures. */
export const BARE_FASTIFY_COMMAND: readonly [string, ...string[]] = [process.execPath, join(ROOT, 'bench', 'fixtures', 'fastify-hello.mjs')];
/** A bare node http server answering {} to everything: the floor of any node server's start and memory. */
export const BARE_NODE_COMMAND: readonly [string, ...string[]] = [process.execPath, '-e', "require('http').createServer((q, s) => { s.setHeader('content-type', 'application/json'); s.end('{}'); }).listen(+process.env.PORT, process.env.HOST)"];

export function startBareFastify(port: number): Promise<ServerProcess> {
  return startServerProcess({ cwd: ROOT, port, command: BARE_FASTIFY_COMMAND });
}

export function startBareNode(port: number): Promise<ServerProcess> {
  return startServerProcess({ cwd: ROOT, port, command: BARE_NODE_COMMAND });
}
