import { describe, expect, it } from 'vitest';
import type { RouteOptions } from 'fastify';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import { loadConfig } from '../../src/config.js';
import { createRuntime } from '../../src/runtime/runtime.js';
import { buildApp, createServices } from '../../src/app.js';

// Response serializers are compiled at a route's first answer, not at start-up
// (src/http/lazy-schema-compilers.ts): a schema fast-json-stringify cannot compile would then
// fail only when that route first answers. Compile every one here, as Fastify used to at start.
describe('response schemas', () => {
  it('every route\'s response schemas compile with fast-json-stringify', async () => {
    const runtime = createRuntime(loadConfig({ LOG_LEVEL: 'silent' }, []), { pretty: false });
    const routes: RouteOptions[] = [];
    const app = await buildApp(createServices(runtime), { onRoute: (r) => { routes.push(r); } });
    await app.ready();
    const compile = SerializerSelector()({}, {});
    const failures: string[] = [];
    let compiled = 0;
    for (const route of routes) {
      const response = (route.schema as { response?: Record<string, unknown> } | undefined)?.response;
      if (!response) continue;
      for (const [httpStatus, schema] of Object.entries(response)) {
        try {
          compile({ schema: schema as object, method: String(route.method), url: route.url, httpStatus });
          compiled++;
        } catch (err) {
          failures.push(`${String(route.method)} ${route.url} ${httpStatus}: ${(err as Error).message}`);
        }
      }
    }
    await app.close();
    expect(failures).toEqual([]);
    expect(compiled).toBeGreaterThan(100);
  }, 120_000);
});
