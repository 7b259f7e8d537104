// A live app for latency cases: the real composition (createServices + buildApp +
// buildPlacementApp), in memory, quiet, listening on ephemeral loopback ports.
import type { FastifyInstance } from 'fastify';
import { testConfig, type Config } from '../../src/config.js';
import { createRuntime } from '../../src/runtime/runtime.js';
import { buildApp, buildPlacementApp, createServices } from '../../src/app.js';
import type { BenchTarget } from './bench-case.js';
import { createBenchHttp } from './bench-http.js';

export interface RunningTarget extends BenchTarget {
  close(): Promise<void>;
}

export async function startTarget(config: Partial<Config>, keepAlive: boolean): Promise<RunningTarget> {
  const services = createServices(createRuntime(testConfig(config)));
  await services.compute.start();
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
