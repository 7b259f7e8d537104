// The Fastify route schema of a compute route, for the OpenAPI document and the response
// contract test only: requests are validated by the plugin with nova's own rules and messages,
// per microversion, and answers are serialized by views/py-json.ts (never from these schemas).
import type { ComputeRoute } from '../routes/route-types.js';
import { operationNames } from '../../http/openapi.js';
import { ComputeFault } from './responses/fault.js';

export function openApiSchema(route: ComputeRoute, hide: boolean): Record<string, unknown> {
  const window = route.min || route.max ? ` (microversions ${route.min ?? '2.1'}-${route.max ?? '2.93'})` : '';
  const schema: Record<string, unknown> = { summary: route.summary + window, ...operationNames('compute', route.method, route.url), hide };
  const newestBody = route.body?.[route.body.length - 1];
  if (newestBody) schema.body = newestBody.schema;
  schema.response = { ...route.responses, default: ComputeFault };
  return schema;
}
