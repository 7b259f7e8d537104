// How complete the API documents are: per openapi/<service>.json, the operations without a
// tag, an operationId, a response schema for each 2xx answer, or an error response.
// `npx tsx scripts/openapi-coverage.ts [--list]` prints the table (and the operations missing
// something); test/contract/openapi-coverage.test.ts holds the documents to it.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

interface Operation {
  tags?: string[];
  operationId?: string;
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: Record<string, unknown> }> }>;
}

export interface OperationGap {
  readonly file: string;
  readonly method: string;
  readonly path: string;
  readonly operationId: string | undefined;
  readonly missing: readonly ('tag' | 'operationId' | '2xx schema' | 'error responses')[];
}

export interface CoverageRow {
  readonly file: string;
  readonly operations: number;
  readonly tag: number;
  readonly operationId: number;
  readonly success: number;
  readonly errors: number;
}

/** A schema that says nothing: an object with any properties and none named. */
function isOpen(schema: Record<string, unknown> | undefined): boolean {
  if (!schema) return true;
  const keys = Object.keys(schema).filter((k) => !['description', 'title'].includes(k));
  if (keys.length === 0) return true;
  // an object whose extra properties have no schema, and that names none
  const loose = schema.additionalProperties === undefined || schema.additionalProperties === true
    || (typeof schema.additionalProperties === 'object' && Object.keys(schema.additionalProperties as object).length === 0);
  return schema.type === 'object' && loose && Object.keys(schema.properties as object ?? {}).length === 0 && !schema.patternProperties;
}

export function operationGaps(file: string, doc: { paths: Record<string, Record<string, Operation>> }): { row: CoverageRow; gaps: OperationGap[] } {
  const service = file.replace(/\.json$/, '');
  const gaps: OperationGap[] = [];
  let operations = 0;
  let tag = 0;
  let operationId = 0;
  let success = 0;
  let errors = 0;
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      operations++;
      const missing: OperationGap['missing'][number][] = [];
      if (op.tags?.length && op.tags.every((t) => t.startsWith(`${service}: `))) tag++; else missing.push('tag');
      if (op.operationId) operationId++; else missing.push('operationId');
      const responses = op.responses ?? {};
      // a version document may answer 300 Multiple Choices as its success
      const twoXx = Object.entries(responses).filter(([s]) => /^2/.test(s) || s === '300');
      // a 2xx without content is documented only when its schema said so ("No body")
      // an API that is gone (410), or not served by this deployment (404 only), has no 2xx to describe
      const explicit = Object.keys(responses).filter((s) => s !== 'default');
      const onlyFails = twoXx.length === 0 && explicit.length > 0 && explicit.every((s) => s === '410' || s === '404');
      const documented = onlyFails || twoXx.length > 0 && twoXx.every(([, r]) => r.content
        ? Object.values(r.content).every((m) => !isOpen(m.schema))
        : r.description !== undefined && r.description !== 'Default Response');
      if (documented) success++; else missing.push('2xx schema');
      if (Object.keys(responses).some((s) => /^[45]/.test(s) || s === 'default')) errors++; else missing.push('error responses');
      if (missing.length) gaps.push({ file, method: method.toUpperCase(), path, operationId: op.operationId, missing });
    }
  }
  return { row: { file, operations, tag, operationId, success, errors }, gaps };
}

export function documentCoverage(docs: Record<string, string>): { rows: CoverageRow[]; gaps: OperationGap[] } {
  const rows: CoverageRow[] = [];
  const gaps: OperationGap[] = [];
  for (const file of Object.keys(docs).sort()) {
    const r = operationGaps(file, JSON.parse(docs[file]!) as { paths: Record<string, Record<string, Operation>> });
    rows.push(r.row);
    gaps.push(...r.gaps);
  }
  return { rows, gaps };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'openapi');
  const docs = Object.fromEntries(readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
  const { rows, gaps } = documentCoverage(docs);
  console.log('document              operations  tag  operationId  2xx-schema  errors');
  for (const r of rows) console.log(`${r.file.padEnd(22)}${String(r.operations).padStart(10)}${String(r.tag).padStart(5)}${String(r.operationId).padStart(13)}${String(r.success).padStart(12)}${String(r.errors).padStart(8)}`);
  if (process.argv.includes('--list')) for (const g of gaps) console.log(`${g.file} ${g.method} ${g.path} (${g.operationId ?? '-'}): ${g.missing.join(', ')}`);
}
