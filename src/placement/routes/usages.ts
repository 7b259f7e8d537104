// GET /resource_providers/{uuid}/usages and GET /usages (placement/handlers/usage.py).
import { ApiError } from '../../http/api-error.js';
import { allocationStoresOf } from '../allocations/allocation-stores.js';
import { providerUsagesView, totalUsagesView, typedUsagesView } from '../allocations/allocation-views.js';
import { usagesByConsumerType } from '../allocations/total-usages.js';
import { GET_USAGES_QUERY_SCHEMAS, PROVIDER_USAGES_RESPONSE, TOTAL_USAGES_RESPONSES } from '../schemas/usages.js';
import { always } from '../schemas/versioned.js';
import { cacheHeaders } from '../views/cache-headers.js';
import type { PlacementCall, PlacementResponse, RouteDeclaration } from './route-declaration.js';

function listUsages(call: PlacementCall): PlacementResponse {
  call.can('placement:resource_providers:usages');
  const uuid = call.params.uuid;
  const { usages } = allocationStoresOf(call.service);
  const provider = call.service.stores.providers.byUuid(uuid);
  if (!provider) throw new ApiError(404, null, `No resource provider with uuid ${uuid} found: No resource provider with uuid ${uuid} found`);
  return { status: 200, body: providerUsagesView(usages.forProvider(provider.id), provider.generation), headers: cacheHeaders(call.version, call.service.runtime.clock.now()) };
}

function totalUsages(call: PlacementCall): PlacementResponse {
  const projectId = call.query.project_id;
  const userId = call.query.user_id;
  const consumerType = call.query.consumer_type;
  // The policy target is the project asked about: a project reader may see its own only.
  call.can('placement:usages', { project_id: projectId });
  call.validateQuery(GET_USAGES_QUERY_SCHEMAS);
  const { usages } = allocationStoresOf(call.service);
  const body = call.version.atLeast('1.38')
    ? typedUsagesView(usagesByConsumerType(usages, projectId, userId, consumerType))
    : totalUsagesView(usages.forProjectUser(projectId, userId, false));
  return { status: 200, body, headers: cacheHeaders(call.version, call.service.runtime.clock.now()) };
}

export const usageRoutes: readonly RouteDeclaration[] = [
  {
    path: '/resource_providers/{uuid}/usages', method: 'GET', checkAccept: true,
    schemas: { response: always(PROVIDER_USAGES_RESPONSE) },
    summary: 'Usage of each resource class in a provider inventory', handler: listUsages,
  },
  {
    path: '/usages', method: 'GET', minVersion: '1.9', outsideWindow: 404, checkAccept: true,
    schemas: { query: GET_USAGES_QUERY_SCHEMAS, response: TOTAL_USAGES_RESPONSES },
    summary: 'Total usage of a project, or of a user in it', handler: totalUsages,
  },
];
