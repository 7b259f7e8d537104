// Build a fresh in-memory app per test file (fastify/demo style).
import type { FastifyInstance } from 'fastify';
import { testConfig, type Config } from '../../src/config.js';
import { createRuntime, type RuntimeOverrides } from '../../src/runtime/runtime.js';
import { responseContractSink } from './response-contract.js';
import { buildApp, buildPlacementApp, createServices, type Services } from '../../src/app.js';

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  close(): Promise<void>;
}

export async function createTestApp(config: Partial<Config> = {}, overrides: RuntimeOverrides = {}): Promise<TestApp> {
  const services = createServices(createRuntime(testConfig(config), overrides));
  await services.compute.hosts.start();
  const app = await buildApp(services, { responseContract: responseContractSink() });
  await app.ready();
  return { app, services, close: async () => { await app.close(); services.runtime.db.close(); } };
}

export async function createPlacementTestApp(config: Partial<Config> = {}): Promise<TestApp> {
  const services = createServices(createRuntime(testConfig(config)));
  const app = await buildPlacementApp(services, { responseContract: responseContractSink() });
  await app.ready();
  return { app, services, close: async () => { await app.close(); services.runtime.db.close(); } };
}

/** progression=manual: release every waiting step until no workflow of the cloud can run. */
export async function runManualToEnd(compute: Services['compute']): Promise<void> {
  await compute.workflows.idle();
  while (compute.progression.waiting().length) {
    compute.progression.advance();
    await compute.workflows.idle();
  }
}
