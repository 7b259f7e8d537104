// `npm run openapi`: build the app as the server does (in memory, no seed), ask
// @fastify/swagger for the documents and write openapi/<service>.json. Run it after changing
// routes or schemas and commit the result: test/contract/openapi-drift.test.ts compares.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateOpenApiFiles } from './openapi-documents.js';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'openapi');

const files = await generateOpenApiFiles();
mkdirSync(OUT, { recursive: true });
for (const stale of readdirSync(OUT).filter((f) => f.endsWith('.json') && !(f in files))) rmSync(join(OUT, stale));
for (const [file, text] of Object.entries(files)) {
  writeFileSync(join(OUT, file), text);
  const paths = Object.keys((JSON.parse(text) as { paths: object }).paths).length;
  console.log(`openapi/${file}: ${paths} paths`);
}
