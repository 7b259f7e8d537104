// /types (cinder/api/v2/types.py, contrib/types_manage.py): devstack's two types are seeded.
import * as S from '../schemas/volume-types.js';
import { volumeTypeView } from '../views/volume-types.js';
import { toBool } from '../schemas/parameter-types.js';
import type { BlockStorageCall, RouteDeclaration } from './route-declaration.js';
import { deleteExtraSpec, listExtraSpecs, setExtraSpecs, showExtraSpec } from '../volume-type-extra-specs.js';

/** types.py _get_volume_types: public ones only, unless an admin asks is_public=false or None. */
function listed(call: BlockStorageCall, isPublic: boolean): boolean {
  const q = call.query.is_public;
  if (!call.caller.isAdmin || q === undefined) return isPublic;
  if (q.toLowerCase() === 'none') return true;
  return isPublic === toBool(q);
}

export const volumeTypeRoutes: RouteDeclaration[] = [
  {
    path: '/types', method: 'GET', summary: 'List volume types', response: S.volumeTypeListResponse,
    handler: (call) => ({
      status: 200,
      body: { volume_types: call.service.listVolumeTypes().filter((t) => listed(call, t.isPublic)).map((t) => volumeTypeView(t, call.caller.isAdmin, { qos: true, access: true })) },
    }),
  },
  {
    path: '/types/{type_id}', method: 'GET', summary: 'Show a volume type (or "default")', response: S.volumeTypeResponse,
    handler: (call) => {
      const id = call.params.type_id!;
      return { status: 200, body: { volume_type: volumeTypeView(call.service.getVolumeType(id), call.caller.isAdmin, { qos: true, access: id !== 'default' }) } };
    },
  },
  {
    path: '/types', method: 'POST', summary: 'Create a volume type (admin)', body: [{ min: '3.0', schema: S.createVolumeType }], response: S.volumeTypeResponse,
    handler: (call) => {
      const b = call.body<{ volume_type: { name: string; description?: string | null; 'os-volume-type-access:is_public'?: unknown; extra_specs?: Record<string, string> } }>(S.createVolumeType).volume_type;
      const t = call.service.createVolumeType(call.caller, {
        name: b.name, description: b.description ?? null, extraSpecs: b.extra_specs ?? {},
        isPublic: b['os-volume-type-access:is_public'] === undefined ? true : toBool(b['os-volume-type-access:is_public']),
      });
      return { status: 200, body: { volume_type: volumeTypeView(t, true, { qos: false, access: true }) } };
    },
  },
  {
    path: '/types/{type_id}', method: 'PUT', summary: 'Update a volume type (admin)', body: [{ min: '3.0', schema: S.updateVolumeType }], response: S.volumeTypeResponse,
    handler: (call) => {
      const b = call.body<{ volume_type: { name?: string | null; description?: string | null; is_public?: unknown } }>(S.updateVolumeType).volume_type;
      const t = call.service.updateVolumeType(call.caller, call.params.type_id!, {
        ...(b.name !== undefined && b.name !== null ? { name: b.name } : {}),
        ...(b.description !== undefined ? { description: b.description } : {}),
        ...(b.is_public !== undefined ? { isPublic: toBool(b.is_public) } : {}),
      });
      return { status: 200, body: { volume_type: volumeTypeView(t, true, { qos: false, access: false }) } };
    },
  },
  {
    path: '/types/{type_id}', method: 'DELETE', summary: 'Delete a volume type (admin)', response: null,
    handler: (call) => { call.service.deleteVolumeType(call.caller, call.params.type_id!); return { status: 202 }; },
  },
  {
    path: '/types/{type_id}/extra_specs', method: 'GET', summary: "List a volume type's extra specs", response: S.extraSpecsResponse,
    handler: (call) => ({ status: 200, body: { extra_specs: listExtraSpecs(call.service, call.caller, call.params.type_id!) } }),
  },
  {
    path: '/types/{type_id}/extra_specs', method: 'POST', summary: 'Create or update extra specs (admin)', body: [{ min: '3.0', schema: S.createExtraSpecs }], response: S.extraSpecsResponse,
    handler: (call) => {
      const b = call.body<{ extra_specs: Record<string, string | null> }>(S.createExtraSpecs);
      setExtraSpecs(call.service, call.caller, call.params.type_id!, b.extra_specs);
      // cinder answers with the request's body
      return { status: 200, body: b };
    },
  },
  {
    path: '/types/{type_id}/extra_specs/{key}', method: 'GET', summary: 'Show an extra spec', response: S.extraSpecResponse,
    handler: (call) => ({ status: 200, body: showExtraSpec(call.service, call.caller, call.params.type_id!, call.params.key!) }),
  },
  {
    path: '/types/{type_id}/extra_specs/{key}', method: 'PUT', summary: 'Update an extra spec (admin)', body: [{ min: '3.0', schema: S.updateExtraSpec }], response: S.extraSpecResponse,
    handler: (call) => {
      const b = call.body<Record<string, string | null>>(S.updateExtraSpec);
      setExtraSpecs(call.service, call.caller, call.params.type_id!, b, call.params.key!);
      return { status: 200, body: b };
    },
  },
  {
    path: '/types/{type_id}/extra_specs/{key}', method: 'DELETE', summary: 'Delete an extra spec (admin)', response: null,
    handler: (call) => { deleteExtraSpec(call.service, call.caller, call.params.type_id!, call.params.key!); return { status: 202 }; },
  },
];
