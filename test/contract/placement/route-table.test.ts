// Contract of Placement's route table: every route documents its request and response, the
// versioned schema tables have no gap or overlap (nova's validate_schemas idea) and cover the
// route's own window, and overloads of one URL+method never overlap.
import { describe, expect, it } from 'vitest';
import { Microversion } from '../../../src/http/microversion.js';
import { ROUTES } from '../../../src/placement/routes/index.js';
import { groupRoutes } from '../../../src/http/route-table.js';
import type { VersionedSchemas } from '../../../src/placement/schemas/versioned.js';
import { VERSIONS } from '../../../src/placement/versions.js';

const v = (s: string) => Microversion.of(s);
const inWindow = (ver: string, min?: string, max?: string) => v(ver).within(min, max);

/** For every served version in [min, max], exactly one table entry applies. */
function coverage(table: VersionedSchemas, min = '1.0', max = '1.39'): { version: string; hits: number }[] {
  return VERSIONS.filter((ver) => inWindow(ver, min, max))
    .map((ver) => ({ version: ver, hits: table.filter((e) => inWindow(ver, e.min, e.max)).length }))
    .filter((c) => c.hits !== 1);
}

describe('the coverage check itself', () => {
  it('reports gaps and overlaps', async () => {
    const { Type } = await import('typebox');
    const s = Type.Object({});
    expect(coverage([{ min: '1.0', max: '1.3', schema: s }, { min: '1.5', schema: s }]).map((c) => c.version)).toEqual(['1.4']);
    expect(coverage([{ min: '1.0', max: '1.3', schema: s }, { min: '1.3', schema: s }]).map((c) => c.version)).toEqual(['1.3']);
  });
});

describe('Placement route table', () => {
  it('has the routes placement 8.0.0 serves', () => {
    const urls = [...groupRoutes(ROUTES).keys()].sort();
    for (const u of ['/', '/resource_providers', '/resource_providers/{uuid}', '/resource_providers/{uuid}/inventories',
      '/resource_providers/{uuid}/inventories/{resource_class}', '/resource_providers/{uuid}/aggregates', '/resource_providers/{uuid}/traits',
      '/resource_classes', '/resource_classes/{name}', '/traits', '/traits/{name}']) {
      expect(urls).toContain(u);
    }
  });

  for (const r of ROUTES) {
    const name = `${r.method} ${r.path} [${r.minVersion ?? '1.0'}..${r.maxVersion ?? 'latest'}]`;
    describe(name, () => {
      it('documents itself', () => {
        expect(r.summary.length).toBeGreaterThan(0);
        expect(r.schemas.response === null || r.schemas.response.length > 0).toBe(true);
        if (r.requireContent) expect(r.schemas.body, 'a route that takes JSON declares its body schema').toBeDefined();
      });
      for (const [kind, table] of [['body', r.schemas.body], ['query', r.schemas.query], ['response', r.schemas.response]] as const) {
        if (!table) continue;
        it(`${kind} schemas: no gap or overlap within the route's window`, () => {
          const min = table[0]!.min;
          // a response table may start later (e.g. POST /resource_providers has a body from 1.20)
          const from = kind === 'response' && v(min).compare(v(r.minVersion ?? '1.0')) > 0 ? min : r.minVersion;
          expect(coverage(table, from, r.maxVersion)).toEqual([]);
        });
      }
    });
  }

  it('overloads of one URL and method have disjoint windows', () => {
    for (const [path, methods] of groupRoutes(ROUTES)) {
      for (const [method, decls] of methods) {
        for (const ver of VERSIONS) {
          const n = decls.filter((d) => inWindow(ver, d.minVersion, d.maxVersion)).length;
          expect(n, `${method} ${path} @${ver}`).toBeLessThanOrEqual(1);
        }
      }
    }
  });
});
