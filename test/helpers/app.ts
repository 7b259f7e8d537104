// Build a fresh in-memory app per test file (fastify/demo style), or a cloud listening on a socket
// for the e2e stories.
import type { FastifyInstance } from 'fastify';
import { httpTransport, injectTransport, type ApiTransport } from './api-transport.js';
import { testConfig, type Config } from '../../src/config.js';
import { createRuntime, type RuntimeOverrides } from '../../src/runtime/runtime.js';
import { responseContractSink } from './response-contract.js';
import { buildApp, buildPlacementApp, createServices, type Services } from '../../src/app.js';

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  /** Requests by inject; settle() waits for the in-process work. */
  transport: ApiTransport;
  close(): Promise<void>;
}

export async function createTestApp(config: Partial<Config> = {}, overrides: RuntimeOverrides = {}): Promise<TestApp> {
  const services = createServices(createRuntime(testConfig(config), overrides));
  await services.compute.hosts.start();
  const app = await buildApp(services, { responseContract: responseContractSink() });
  await app.ready();
  return { app, services, transport: injectTransport({ app, services }), close: async () => { await app.close(); services.runtime.db.close(); } };
}

export async function createPlacementTestApp(config: Partial<Config> = {}): Promise<TestApp> {
  const services = createServices(createRuntime(testConfig(config)));
  const app = await buildPlacementApp(services, { responseContract: responseContractSink() });
  await app.ready();
  return { app, services, transport: injectTransport({ app, services }), close: async () => { await app.close(); services.runtime.db.close(); } };
}

/** progression=manual: release every waiting step until no workflow of the cloud can run. */
export async function runManualToEnd(compute: Services['compute']): Promise<void> {
  await compute.workflows.idle();
  while (compute.progression.waiting().length) {
    compute.progression.advance();
    await compute.workflows.idle();
  }
}

export interface Cloud {
  readonly baseUrl: string;
  readonly services: Services;
  /** Requests over HTTP; settle() is POST /_mock/idle. */
  readonly transport: ApiTransport;
  close(): Promise<void>;
}

/** A seeded cloud (host1 + host2) on a real socket. */
export async function startCloud(config: Partial<Config> = {}): Promise<Cloud> {
  const services = createServices(createRuntime(testConfig({ seed: true, ...config })));
  await services.compute.hosts.start();
  const app = await buildApp(services, { responseContract: responseContractSink() });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl, services, transport: httpTransport(baseUrl),
    async close() { await app.close(); services.runtime.db.close(); },
  };
}
