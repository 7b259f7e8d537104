// /volumes, /volumes/detail, /volumes/{id}, /volumes/{id}/metadata (cinder/api/v3/volumes.py,
// v2/volume_metadata.py).
import { ApiError } from '../../http/api-error.js';
import { CinderErrors as E } from '../errors.js';
import { MV } from '../versions.js';
import * as S from '../schemas/volumes.js';
import type { BlockStorageCall, RouteDeclaration } from './route-declaration.js';
import { volumeDetail, volumeSummary, type VolumeViewContext } from '../views/volumes.js';
import type { VolumeRecord } from '../store/records.js';
import { toBool } from '../schemas/parameter-types.js';
import { collectionLinks, paged, sortedBy } from './paging.js';
import { recordSortValue } from './sort-keys.js';

export const viewContext = (call: BlockStorageCall): VolumeViewContext => ({ version: call.version, isAdmin: call.caller.isAdmin, links: call.links });
export const detailOf = (call: BlockStorageCall, v: VolumeRecord, extended = true) =>
  volumeDetail(viewContext(call), v, call.service.volumeTypeOf(v), call.service.attachmentsOfVolume(v.id), extended);

const allTenants = (call: BlockStorageCall) => toBool(call.query.all_tenants ?? 'false');

/** Filters cinder applies to lists (a subset: name, status, bootable, metadata), newest first, limit/offset. */
function listed(call: BlockStorageCall): VolumeRecord[] {
  let vols = call.service.listVolumes(call.caller, allTenants(call));
  const q = call.query;
  if (q.name !== undefined) vols = vols.filter((v) => v.name === q.name);
  if (q.status !== undefined) vols = vols.filter((v) => v.status === q.status);
  if (q.bootable !== undefined) vols = vols.filter((v) => v.bootable === toBool(q.bootable));
  if (q.project_id !== undefined && call.caller.isAdmin) vols = vols.filter((v) => v.projectId === q.project_id);
  return vols;
}
/** The volume model's columns, for sort keys checked on an empty list. */
const VOLUME_MODEL: VolumeRecord = {
  id: '', projectId: '', userId: '', name: null, description: null, size: 0, status: '', attachStatus: '', bootable: false,
  volumeTypeId: '', availabilityZone: '', snapshotId: null, sourceVolid: null, imageId: null, host: null, serviceUuid: null,
  metadata: {}, imageMetadata: null, adminMetadata: {}, multiattach: false, migrationStatus: null, createdAt: '', updatedAt: null,
};

/** The page, its next link when full, and the 3.45 count of everything that matched. */
function listBody(call: BlockStorageCall, render: (v: VolumeRecord) => Record<string, unknown>): Record<string, unknown> {
  const all = sortedBy(call, listed(call), recordSortValue, VOLUME_MODEL);
  const page = paged(call, all, E.volumeNotFound);
  const body: Record<string, unknown> = { volumes: page.map(render) };
  const links = collectionLinks(call, 'volumes', page);
  if (links) body.volumes_links = links;
  if (call.version.atLeast(MV.SUPPORT_COUNT_INFO) && toBool(call.query.with_count ?? 'false')) body.count = all.length;
  return body;
}

/** volume_api.get_volume_summary: count, total size and every distinct metadata value per key (filters are not applied). */
function summaryBody(call: BlockStorageCall): Record<string, unknown> {
  const volumes = call.service.listVolumes(call.caller, allTenants(call));
  const summary: Record<string, unknown> = { total_count: volumes.length, total_size: volumes.reduce((n, v) => n + v.size, 0) };
  if (call.version.atLeast(MV.VOLUME_SUMMARY_METADATA)) {
    const metadata: Record<string, string[]> = {};
    for (const md of call.service.volumeMetadataInCreationOrder(call.caller, allTenants(call))) {
      for (const [k, val] of Object.entries(md)) if (!(metadata[k] ??= []).includes(val)) metadata[k]!.push(val);
    }
    summary.metadata = metadata;
  }
  return { 'volume-summary': summary };
}

export const volumeRoutes: RouteDeclaration[] = [
  {
    path: '/volumes/summary', method: 'GET', minVersion: MV.VOLUME_SUMMARY, summary: 'Summary of volumes (count, size, metadata)', response: S.volumeSummaryResponse,
    handler: (call) => ({ status: 200, body: summaryBody(call) }),
  },
  {
    path: '/volumes', method: 'GET', summary: 'List volumes', response: S.volumeListResponse,
    handler: (call) => ({ status: 200, body: listBody(call, (v) => volumeSummary(viewContext(call), v)) }),
  },
  {
    path: '/volumes/detail', method: 'GET', summary: 'List volumes with details', response: S.volumeDetailListResponse,
    handler: (call) => ({ status: 200, body: listBody(call, (v) => detailOf(call, v)) }),
  },
  {
    path: '/volumes', method: 'POST', summary: 'Create a volume', body: [{ min: '3.0', schema: S.createVolume }], response: S.volumeResponse,
    handler: async (call) => {
      const b = call.body<{ volume: Record<string, unknown> }>(S.createVolume).volume;
      const str = (k: string) => (typeof b[k] === 'string' ? b[k] as string : null);
      const size = b.size === undefined || b.size === null ? null : Number(b.size);
      const v = await call.service.createVolume(call.caller, {
        size, name: str('name') ?? str('display_name'), description: str('description') ?? str('display_description'),
        volumeType: str('volume_type'), metadata: (b.metadata ?? {}) as Record<string, string>,
        snapshotId: str('snapshot_id'), sourceVolid: str('source_volid'), imageRef: str('imageRef') ?? str('image_id'),
        availabilityZone: str('availability_zone'), multiattach: b.multiattach !== undefined && b.multiattach !== null && toBool(b.multiattach),
      });
      return { status: 202, body: { volume: detailOf(call, v, false) } };
    },
  },
  {
    path: '/volumes/{volume_id}', method: 'GET', summary: 'Show a volume', response: S.volumeResponse,
    handler: (call) => ({ status: 200, body: { volume: detailOf(call, call.service.getVolume(call.caller, call.params.volume_id!)) } }),
  },
  {
    path: '/volumes/{volume_id}', method: 'PUT', summary: 'Update a volume', body: [{ min: '3.0', schema: S.updateVolume }], response: S.volumeResponse,
    handler: (call) => {
      const b = call.body<{ volume: Record<string, unknown> }>(S.updateVolume).volume;
      if (!Object.keys(b).length) throw E.badRequest("Missing required element 'volume' in request body.");
      const pick = (a: string, c: string) => (b[a] !== undefined ? b[a] as string | null : b[c] !== undefined ? b[c] as string | null : undefined);
      const v = call.service.updateVolume(call.caller, call.params.volume_id!, {
        name: pick('name', 'display_name'), description: pick('description', 'display_description'),
        metadata: b.metadata as Record<string, string> | undefined,
      });
      return { status: 200, body: { volume: detailOf(call, v, false) } };
    },
  },
  {
    path: '/volumes/{volume_id}', method: 'DELETE', summary: 'Delete a volume', response: null,
    handler: (call) => {
      const cascade = toBool(call.query.cascade ?? 'false');
      const force = call.version.atLeast(MV.VOLUME_DELETE_FORCE) && toBool(call.query.force ?? 'false');
      call.service.deleteVolume(call.caller, call.params.volume_id!, { cascade, force });
      return { status: 202 };
    },
  },
  {
    path: '/volumes/{volume_id}/metadata', method: 'GET', summary: 'Show volume metadata', response: S.metadataResponse,
    handler: (call) => ({ status: 200, body: { metadata: { ...call.service.getVolume(call.caller, call.params.volume_id!).metadata } } }),
  },
  {
    path: '/volumes/{volume_id}/metadata', method: 'POST', summary: 'Add volume metadata', body: [{ min: '3.0', schema: S.metadataBody }], response: S.metadataResponse,
    handler: (call) => {
      const md = call.body<{ metadata: Record<string, string> }>(S.metadataBody).metadata;
      const v = call.service.getVolume(call.caller, call.params.volume_id!);
      const next = call.service.updateVolume(call.caller, v.id, { metadata: { ...v.metadata, ...md } });
      return { status: 200, body: { metadata: { ...next.metadata } } };
    },
  },
  {
    path: '/volumes/{volume_id}/metadata', method: 'PUT', summary: 'Replace volume metadata', body: [{ min: '3.0', schema: S.metadataBody }], response: S.metadataResponse,
    handler: (call) => {
      const md = call.body<{ metadata: Record<string, string> }>(S.metadataBody).metadata;
      const next = call.service.updateVolume(call.caller, call.params.volume_id!, { metadata: { ...md } });
      return { status: 200, body: { metadata: { ...next.metadata } } };
    },
  },
  {
    path: '/volumes/{volume_id}/metadata/{key}', method: 'GET', summary: 'Show a volume metadata item', response: S.metaResponse,
    handler: (call) => {
      const v = call.service.getVolume(call.caller, call.params.volume_id!);
      const key = call.params.key!;
      if (!(key in v.metadata)) throw E.metadataNotFound(v.id, key);
      return { status: 200, body: { meta: { [key]: v.metadata[key]! } } };
    },
  },
  {
    path: '/volumes/{volume_id}/metadata/{key}', method: 'PUT', summary: 'Set a volume metadata item', body: [{ min: '3.0', schema: S.metaItemBody }], response: S.metaResponse,
    handler: (call) => {
      const meta = call.body<{ meta: Record<string, string> }>(S.metaItemBody).meta;
      const key = call.params.key!;
      if (!(key in meta)) throw new ApiError(400, null, 'Request body and URI mismatch');
      const v = call.service.getVolume(call.caller, call.params.volume_id!);
      call.service.updateVolume(call.caller, v.id, { metadata: { ...v.metadata, [key]: meta[key]! } });
      return { status: 200, body: { meta: { [key]: meta[key]! } } };
    },
  },
  {
    path: '/volumes/{volume_id}/metadata/{key}', method: 'DELETE', summary: 'Delete a volume metadata item', response: null,
    handler: (call) => {
      const v = call.service.getVolume(call.caller, call.params.volume_id!);
      const key = call.params.key!;
      if (!(key in v.metadata)) throw E.metadataNotFound(v.id, key);
      const { [key]: _gone, ...rest } = v.metadata;
      call.service.updateVolume(call.caller, v.id, { metadata: rest });
      return { status: 200 };
    },
  },
];
