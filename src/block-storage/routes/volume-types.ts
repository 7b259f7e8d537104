// /types (cinder/api/v2/types.py, contrib/types_manage.py): devstack's two types are seeded.
import * as S from '../schemas/volume-types.js';
import { volumeTypeView } from '../views/volume-types.js';
import { toBool } from '../schemas/parameter-types.js';
import type { RouteDeclaration } from './route-declaration.js';

export const volumeTypeRoutes: RouteDeclaration[] = [
  {
    path: '/types', method: 'GET', summary: 'List volume types', response: S.volumeTypeListResponse,
    handler: (call) => ({
      status: 200,
      body: { volume_types: call.service.listVolumeTypes().filter((t) => t.isPublic || call.caller.isAdmin).map((t) => volumeTypeView(t, call.caller.isAdmin, true)) },
    }),
  },
  {
    path: '/types/{type_id}', method: 'GET', summary: 'Show a volume type (or "default")', response: S.volumeTypeResponse,
    handler: (call) => ({ status: 200, body: { volume_type: volumeTypeView(call.service.getVolumeType(call.params.type_id!), call.caller.isAdmin, false) } }),
  },
  {
    path: '/types', method: 'POST', summary: 'Create a volume type (admin)', body: [{ min: '3.0', schema: S.createVolumeType }], response: S.volumeTypeResponse,
    handler: (call) => {
      const b = call.body<{ volume_type: { name: string; description?: string | null; 'os-volume-type-access:is_public'?: unknown; extra_specs?: Record<string, string> } }>(S.createVolumeType).volume_type;
      const t = call.service.createVolumeType(call.caller, {
        name: b.name, description: b.description ?? null, extraSpecs: b.extra_specs ?? {},
        isPublic: b['os-volume-type-access:is_public'] === undefined ? true : toBool(b['os-volume-type-access:is_public']),
      });
      return { status: 200, body: { volume_type: volumeTypeView(t, true, true) } };
    },
  },
  {
    path: '/types/{type_id}', method: 'DELETE', summary: 'Delete a volume type (admin)', response: null,
    handler: (call) => { call.service.deleteVolumeType(call.caller, call.params.type_id!); return { status: 202 }; },
  },
];
