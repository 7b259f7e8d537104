// JSON Schema validation that words its failures exactly like python-jsonschema 4.x, because
// Placement clients (and its gabbits) match substrings of "JSON does not validate: ...".
// The engine is jsonschema.ts, in the latest draft as Placement, glance and cinder run it,
// with best_match picking the failure to report.
import { pyPformat, pyStr } from './repr.js';
import { bestMatch, isValid, LATEST_DRAFT, schemaFailures, type SchemaFailure } from './jsonschema.js';

type Schema = Record<string, unknown>;

function pathText(p: (string | number)[]): string {
  return p.map((x) => `[${typeof x === 'number' ? x : pyStr(x)}]`).join('');
}

/** str(jsonschema.ValidationError): the message, then where in the schema and the instance. */
function describe(f: SchemaFailure, root: Schema): string {
  let parent: unknown = root;
  for (const k of f.schemaPath) parent = (parent as Record<string | number, unknown>)[k];
  const indent = (text: string) => text.split('\n').map((l) => `    ${l}`).join('\n');
  return `${f.message}\n\nFailed validating ${pyStr(f.keyword)} in schema${pathText(f.schemaPath)}:\n${indent(pyPformat(parent))}`
    + `\n\nOn instance${pathText(f.path)}:\n${indent(pyPformat(f.instance))}`;
}

/** null when valid, else the text Placement puts after "JSON does not validate: ". */
export function validateJson(schema: object, value: unknown): string | null {
  if (isValid(schema, value, LATEST_DRAFT)) return null;
  const best = bestMatch(schemaFailures(schema, value, LATEST_DRAFT));
  return best ? describe(best, schema as Schema) : null;
}

/** The same check for a query dict (util.validate_query_params); kept as a name others import. */
export const validateQuery = validateJson;

/**
 * jsonschema's best_match as data (message, instance path, failing instance), for services
 * that word validation errors themselves (cinder: "Invalid input for field/attribute ...").
 */
export function bestFailure(schema: object, value: unknown): { message: string; path: (string | number)[]; instance: unknown } | null {
  if (isValid(schema, value, LATEST_DRAFT)) return null;
  const best = bestMatch(schemaFailures(schema, value, LATEST_DRAFT));
  return best ? { message: best.message, path: best.path, instance: best.instance } : null;
}
