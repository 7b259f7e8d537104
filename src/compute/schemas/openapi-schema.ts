// The Fastify route schema of a compute route, for the OpenAPI document only: validation is
// done by the plugin with nova's own rules and messages, per microversion.
import type { ComputeRoute } from '../routes/route-types.js';

export function openApiSchema(route: ComputeRoute, hide: boolean): Record<string, unknown> {
  const window = route.min || route.max ? ` (microversions ${route.min ?? '2.1'}-${route.max ?? '2.93'})` : '';
  const schema: Record<string, unknown> = { summary: route.summary + window, tags: ['compute'], hide };
  const newestBody = route.body?.[route.body.length - 1];
  if (newestBody) schema.body = newestBody.schema;
  return schema;
}
