// A live app for latency cases: the real composition (createServices + buildApp +
// buildPlacementApp), in memory, quiet, listening on ephemeral loopback ports.
import type { FastifyInstance } from 'fastify';
import { fileURLToPath } from 'node:url';
import { SETTINGS, testConfig, type Config } from '../../src/config.js';
import { createRuntime } from '../../src/runtime/runtime.js';
import { buildApp, buildPlacementApp, createServices, type Services } from '../../src/app.js';
import type { BenchTarget } from './bench-case.js';
import { createBenchHttp } from './bench-http.js';
import { startServerProcess } from './server-process.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface RunningTarget extends BenchTarget {
  /** A spawned server's CPU time so far (its process tree; 10 ms resolution); absent in-process. */
  readonly serverCpuMs?: () => number;
  close(): Promise<void>;
}

export async function startTarget(config: Partial<Config>, keepAlive: boolean): Promise<RunningTarget> {
  const services = createServices(createRuntime(testConfig(config)));
  await services.compute.hosts.start();
  const apps: FastifyInstance[] = [await buildApp(services), await buildPlacementApp(services)];
  const [mainUrl, placementUrl] = await Promise.all(apps.map((a) => a.listen({ port: 0, host: '127.0.0.1' })));
  const http = createBenchHttp({ mainUrl: mainUrl!, placementUrl: placementUrl!, keepAlive });
  return {
    mainUrl: mainUrl!,
    placementUrl: placementUrl!,
    services,
    http,
    async close() {
      await http.close();
      for (const app of apps.reverse()) await app.close();
      services.runtime.db.close();
    },
  };
}

/**
 * `--spawn`: the server as users run it (`npm start`, its own process, default logging at info),
 * the client in this process: the set-up the real-Placement anchor was measured with. In-process
 * services are not reachable then; cases whose fixtures need them fail and say so.
 */
export async function startSpawnedTarget(config: Partial<Config>, keepAlive: boolean, port: number): Promise<RunningTarget> {
  const full = { ...testConfig(config), logLevel: config.logLevel ?? 'info' } as Record<string, unknown>;
  const env: Record<string, string> = {};
  for (const s of SETTINGS) {
    if (s.key === 'port' || s.key === 'placementStandalonePort' || s.key === 'host') continue;
    const v = full[s.key];
    env[s.env] = v === null ? '' : Array.isArray(v) ? v.join(',') : String(v);
  }
  const server = await startServerProcess({ cwd: ROOT, port, placementStandalonePort: port + 1, env });
  const http = createBenchHttp({ mainUrl: server.mainUrl, placementUrl: server.placementUrl!, keepAlive });
  return {
    mainUrl: server.mainUrl,
    placementUrl: server.placementUrl!,
    get services(): Services { throw new Error('this fixture needs in-process services: run without --spawn'); },
    serverCpuMs: () => server.cpuMs(),
    http,
    async close() {
      await http.close();
      await server.stop();
    },
  };
}
