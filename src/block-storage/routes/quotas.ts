// /os-quota-sets and /limits (cinder/api/contrib/quotas.py, v3/limits.py).
import * as S from '../schemas/quotas.js';
import { toBool } from '../schemas/parameter-types.js';
import { CinderErrors as E } from '../errors.js';
import { QUOTA_DEFAULTS } from '../block-storage-service.js';
import type { BlockStorageCall, RouteDeclaration } from './route-declaration.js';

/** keys of a quota_set body that are not quotas (cinder/quota.py NON_QUOTA_KEYS) */
const NON_QUOTA_KEYS = new Set(['tenant_id', 'id']);

/** The caller may read this project's quotas: admins any, others their own. */
function readable(call: BlockStorageCall, project: string): void {
  if (!call.caller.isAdmin && call.caller.projectId !== project) throw E.policy('volume_extension:quotas:show');
}

function quotaSetBody(call: BlockStorageCall, project: string, usage: boolean): Record<string, unknown> {
  const { limits, used } = call.service.quotaSet(project);
  const out: Record<string, unknown> = {};
  for (const [k, limit] of limits) out[k] = usage ? { limit, in_use: used.get(k) ?? 0, reserved: 0 } : limit;
  out.id = project;
  return out;
}

export const quotaRoutes: RouteDeclaration[] = [
  {
    path: '/os-quota-sets/{target_project}', method: 'GET', summary: "Show a project's quotas (usage=True for usage)", response: S.quotaSetResponse,
    handler: (call) => {
      const p = call.params.target_project!;
      readable(call, p);
      return { status: 200, body: { quota_set: quotaSetBody(call, p, toBool(call.query.usage ?? 'false')) } };
    },
  },
  {
    path: '/os-quota-sets/{target_project}/defaults', method: 'GET', summary: 'Show the default quotas', response: S.quotaSetResponse,
    handler: (call) => {
      const p = call.params.target_project!;
      readable(call, p);
      const out: Record<string, unknown> = {};
      for (const [k, v] of call.service.quotaSet('\u0000defaults').limits) out[k] = QUOTA_DEFAULTS[k] ?? v;
      out.id = p;
      return { status: 200, body: { quota_set: out } };
    },
  },
  {
    path: '/os-quota-sets/{target_project}', method: 'PUT', summary: "Update a project's quotas (admin)", body: [{ min: '3.0', schema: S.updateQuotaSet }], response: S.quotaSetResponse,
    handler: (call) => {
      const b = call.body<{ quota_set: Record<string, number | string> }>(S.updateQuotaSet).quota_set;
      const p = call.params.target_project!;
      const values = Object.entries(b).filter(([k]) => !NON_QUOTA_KEYS.has(k)).map(([k, v]) => [k, Number(v)]);
      call.service.updateQuotas(call.caller, p, Object.fromEntries(values));
      const body = quotaSetBody(call, p, false);
      delete body.id;
      return { status: 200, body: { quota_set: body } };
    },
  },
  {
    path: '/os-quota-sets/{target_project}', method: 'DELETE', summary: "Reset a project's quotas to the defaults (admin)", response: null,
    handler: (call) => {
      if (!call.caller.isAdmin) throw E.policy('volume_extension:quotas:delete');
      call.service.store.deleteQuotas(call.params.target_project!);
      return { status: 200 };
    },
  },
  {
    path: '/limits', method: 'GET', summary: 'Absolute limits and usage of the caller\'s project', response: S.limitsResponse,
    handler: (call) => {
      const { limits, used } = call.service.quotaSet(call.caller.projectId);
      const l = (k: string) => limits.get(k) ?? -1;
      const u = (k: string) => used.get(k) ?? 0;
      return {
        status: 200,
        body: {
          limits: {
            rate: [],
            absolute: {
              maxTotalVolumes: l('volumes'), maxTotalSnapshots: l('snapshots'), maxTotalVolumeGigabytes: l('gigabytes'),
              maxTotalBackups: l('backups'), maxTotalBackupGigabytes: l('backup_gigabytes'),
              totalVolumesUsed: u('volumes'), totalGigabytesUsed: u('gigabytes'), totalSnapshotsUsed: u('snapshots'),
              totalBackupsUsed: 0, totalBackupGigabytesUsed: 0,
            },
          },
        },
      };
    },
  },
];
