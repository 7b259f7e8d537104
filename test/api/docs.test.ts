import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

// Swagger UI and the live OpenAPI document on the main port.
describe('GET /docs', () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(); });
  afterAll(async () => { await t.close(); });

  it('serves the Swagger UI page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('swagger-ui');
    const css = await t.app.inject({ method: 'GET', url: '/docs/static/swagger-ui.css' });
    expect(css.statusCode).toBe(200);
  });

  it('serves the combined OpenAPI document, with every service under its prefix', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/placement/');
    expect(Object.keys(doc.paths).some((p) => p.startsWith('/_mock/'))).toBe(true);
    expect(Object.keys(doc.paths).some((p) => p.startsWith('/docs'))).toBe(false);
  });

  it('lists every operation under its service and resource tag (none under "default")', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, Record<string, { tags?: string[]; operationId?: string }>> };
    const untagged: string[] = [];
    const tags = new Set<string>();
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (!op.tags?.length || !op.operationId || op.tags.some((tag) => !/^[a-z-]+: \S+$/.test(tag))) untagged.push(`${method} ${path}`);
        for (const tag of op.tags ?? []) tags.add(tag);
      }
    }
    expect(untagged).toEqual([]);
    expect(tags).toContain('compute: servers');
    expect(tags).toContain('placement: resource_providers/inventories');
    expect(tags).toContain('identity: auth');
  });
});
