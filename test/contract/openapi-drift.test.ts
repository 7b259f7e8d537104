import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateOpenApi, generateOpenApiFiles } from '../../scripts/openapi-documents.js';

// openapi/*.json is generated from the route schemas and committed. This fails when a route or
// schema changed without `npm run openapi` (or when someone edited the generated files by hand).
const DIR = join(import.meta.dirname, '..', '..', 'openapi');

describe('openapi/ matches what `npm run openapi` writes', () => {
  it('has the same files with the same content', async () => {
    const generated = await generateOpenApiFiles();
    const committed = existsSync(DIR) ? readdirSync(DIR).filter((f) => f.endsWith('.json')).sort() : [];
    expect(committed, 'run `npm run openapi` and commit openapi/').toEqual(Object.keys(generated).sort());
    const stale = Object.keys(generated).filter((f) => readFileSync(join(DIR, f), 'utf8') !== generated[f]);
    expect(stale, `openapi/ is stale for ${stale.join(', ')}: run \`npm run openapi\` and commit openapi/`).toEqual([]);
  });

  it('documents every service path under its own prefix, once', async () => {
    const docs = Object.fromEntries(Object.entries(await generateOpenApiFiles()).map(([f, t]) => [f, JSON.parse(t) as { paths: Record<string, unknown>; servers: { url: string }[] }]));
    expect(Object.keys(docs).sort()).toEqual(['block-storage.json', 'compute.json', 'identity.json', 'image.json', 'mock-control.json', 'networking.json', 'placement.json']);
    // Placement's version document is at the root of its prefix on the main port.
    expect(docs['placement.json']!.servers[0]!.url).toBe('/placement');
    expect(Object.keys(docs['placement.json']!.paths)).toContain('/');
    for (const doc of Object.values(docs)) {
      for (const path of Object.keys(doc.paths)) expect(path).not.toMatch(/^\/(placement|compute|identity|image|volume|_mock)(\/|$)/);
    }
  });

  it('leaves no route of the main port out (a new prefix needs its entry in OPENAPI_SERVICES)', async () => {
    expect((await generateOpenApi()).uncovered).toEqual([]);
  });
});
