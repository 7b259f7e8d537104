// /snapshots (cinder/api/v3/snapshots.py, contrib/snapshot_actions.py, admin_actions.py).
import { MV } from '../versions.js';
import * as S from '../schemas/snapshots.js';
import { snapshotDetail, snapshotSummary } from '../views/snapshots.js';
import { toBool } from '../schemas/parameter-types.js';
import { CinderErrors as E } from '../errors.js';
import type { BlockStorageCall, RouteDeclaration } from './route-declaration.js';
import type { SnapshotRecord } from '../store/records.js';
import { collectionLinks, paged, sortedBy } from './paging.js';
import { recordSortValue } from './sort-keys.js';
import { bodyEntity, deleteSnapshotMetadataItem, snapshotMetadata, snapshotMetadataItem, updateSnapshotMetadata } from '../snapshot-metadata.js';

const view = (call: BlockStorageCall, s: Parameters<typeof snapshotDetail>[2], extended = true) => snapshotDetail(call.version, call.caller.isAdmin, s, extended);
const listed = (call: BlockStorageCall) => {
  let all = call.service.listSnapshots(call.caller, toBool(call.query.all_tenants ?? 'false'));
  if (call.query.volume_id !== undefined) all = all.filter((s) => s.volumeId === call.query.volume_id);
  if (call.query.status !== undefined) all = all.filter((s) => s.status === call.query.status);
  if (call.query.name !== undefined) all = all.filter((s) => s.name === call.query.name);
  return all;
};

/** The snapshot model's columns, for sort keys checked on an empty list. */
const SNAPSHOT_MODEL: SnapshotRecord = {
  id: '', projectId: '', userId: '', volumeId: '', name: null, description: null, size: 0, status: '', progress: '',
  volumeTypeId: null, metadata: {}, createdAt: '', updatedAt: null,
};

function listBody(call: BlockStorageCall, render: (s: SnapshotRecord) => Record<string, unknown>): Record<string, unknown> {
  const all = sortedBy(call, listed(call), recordSortValue, SNAPSHOT_MODEL);
  const page = paged(call, all, E.snapshotNotFound);
  const body: Record<string, unknown> = { snapshots: page.map(render) };
  const links = collectionLinks(call, 'snapshots', page);
  if (links) body.snapshots_links = links;
  if (call.version.atLeast(MV.SUPPORT_COUNT_INFO) && toBool(call.query.with_count ?? 'false')) body.count = all.length;
  return body;
}

export const snapshotRoutes: RouteDeclaration[] = [
  {
    path: '/snapshots', method: 'GET', summary: 'List snapshots', response: S.snapshotListResponse,
    handler: (call) => ({ status: 200, body: listBody(call, snapshotSummary) }),
  },
  {
    path: '/snapshots/detail', method: 'GET', summary: 'List snapshots with details', response: S.snapshotListResponse,
    handler: (call) => ({ status: 200, body: listBody(call, (s) => view(call, s)) }),
  },
  {
    path: '/snapshots', method: 'POST', summary: 'Create a snapshot', body: [{ min: '3.0', schema: S.createSnapshot }], response: S.snapshotResponse,
    handler: (call) => {
      const b = call.body<{ snapshot: Record<string, unknown> }>(S.createSnapshot).snapshot;
      const str = (k: string) => (typeof b[k] === 'string' ? b[k] as string : null);
      // uuid_allow_null: a null volume_id passes the schema and volume_api.get(None) is VolumeNotFound
      if (b.volume_id === null) throw E.volumeNotFound('None');
      const s = call.service.createSnapshot(call.caller, {
        volumeId: b.volume_id as string, name: str('name') ?? str('display_name'), description: str('description') ?? str('display_description'),
        force: b.force !== undefined && toBool(b.force), metadata: (b.metadata ?? {}) as Record<string, string>,
      }, call.version.atLeast(MV.SNAPSHOT_IN_USE));
      return { status: 202, body: { snapshot: view(call, s, false) } };
    },
  },
  {
    path: '/snapshots/{snapshot_id}', method: 'GET', summary: 'Show a snapshot', response: S.snapshotResponse,
    handler: (call) => ({ status: 200, body: { snapshot: view(call, call.service.getSnapshot(call.caller, call.params.snapshot_id!)) } }),
  },
  {
    path: '/snapshots/{snapshot_id}', method: 'PUT', summary: 'Update a snapshot', body: [{ min: '3.0', schema: S.updateSnapshot }], response: S.snapshotResponse,
    handler: (call) => {
      const b = call.body<{ snapshot: Record<string, string | null | undefined> }>(S.updateSnapshot).snapshot;
      const s = call.service.updateSnapshot(call.caller, call.params.snapshot_id!, {
        name: b.name !== undefined ? b.name : b.display_name, description: b.description !== undefined ? b.description : b.display_description,
      });
      // extended_snapshot_attributes extends show and detail only, not the update's answer
      return { status: 200, body: { snapshot: view(call, s, false) } };
    },
  },
  {
    path: '/snapshots/{snapshot_id}', method: 'DELETE', summary: 'Delete a snapshot', response: null,
    handler: (call) => { call.service.deleteSnapshot(call.caller, call.params.snapshot_id!); return { status: 202 }; },
  },
  {
    path: '/snapshots/{snapshot_id}/action', method: 'POST', summary: 'Snapshot actions: os-reset_status, os-force_delete', body: [{ min: '3.0', schema: S.anyResponse }], response: null,
    handler: (call) => {
      const raw = call.body<Record<string, unknown>>(S.anyResponse);
      const id = call.params.snapshot_id!;
      if ('os-reset_status' in raw) {
        const b = call.body<{ 'os-reset_status': { status: string } }>(S.snapshotActions['os-reset_status']);
        call.service.resetSnapshotStatus(call.caller, id, b['os-reset_status'].status);
        return { status: 202 };
      }
      if ('os-force_delete' in raw) {
        if (!call.caller.isAdmin) throw E.policy('volume_extension:snapshot_admin_actions:force_delete');
        call.service.resetSnapshotStatus(call.caller, id, 'error');
        call.service.deleteSnapshot(call.caller, id);
        return { status: 202 };
      }
      throw E.badRequest(`There is no such action: ${Object.keys(raw)[0] ?? "None"}. Verify the request body and Content-Type header and try again.`);
    },
  },
  {
    path: '/snapshots/{snapshot_id}/metadata', method: 'GET', summary: 'Show snapshot metadata', response: S.metadataResponse,
    handler: (call) => ({ status: 200, body: { metadata: snapshotMetadata(call.service, call.caller, call.params.snapshot_id!) } }),
  },
  {
    path: '/snapshots/{snapshot_id}/metadata', method: 'POST', summary: 'Add snapshot metadata', body: [{ min: '3.0', schema: S.anyResponse }], response: S.metadataResponse,
    handler: (call) => {
      const md = bodyEntity(call.body(S.anyResponse), 'metadata');
      return { status: 200, body: { metadata: updateSnapshotMetadata(call.service, call.caller, call.params.snapshot_id!, md, false) } };
    },
  },
  {
    path: '/snapshots/{snapshot_id}/metadata', method: 'PUT', summary: 'Replace snapshot metadata', body: [{ min: '3.0', schema: S.anyResponse }], response: S.metadataResponse,
    handler: (call) => {
      const md = bodyEntity(call.body(S.anyResponse), 'metadata');
      return { status: 200, body: { metadata: updateSnapshotMetadata(call.service, call.caller, call.params.snapshot_id!, md, true) } };
    },
  },
  {
    path: '/snapshots/{snapshot_id}/metadata/{key}', method: 'GET', summary: 'Show a snapshot metadata item', response: S.metaResponse,
    handler: (call) => ({ status: 200, body: { meta: snapshotMetadataItem(call.service, call.caller, call.params.snapshot_id!, call.params.key!) } }),
  },
  {
    path: '/snapshots/{snapshot_id}/metadata/{key}', method: 'PUT', summary: 'Set a snapshot metadata item', body: [{ min: '3.0', schema: S.anyResponse }], response: S.metaResponse,
    handler: (call) => {
      const meta = bodyEntity(call.body(S.anyResponse), 'meta');
      const key = call.params.key!;
      if (!(key in meta)) throw E.badRequest('Request body and URI mismatch');
      if (Object.keys(meta).length > 1) throw E.badRequest('Request body contains too many items');
      updateSnapshotMetadata(call.service, call.caller, call.params.snapshot_id!, meta, false);
      return { status: 200, body: { meta } };
    },
  },
  {
    path: '/snapshots/{snapshot_id}/metadata/{key}', method: 'DELETE', summary: 'Delete a snapshot metadata item', response: null,
    handler: (call) => { deleteSnapshotMetadataItem(call.service, call.caller, call.params.snapshot_id!, call.params.key!); return { status: 200 }; },
  },
];
