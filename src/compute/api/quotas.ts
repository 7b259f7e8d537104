// Quota writes (nova/api/openstack/compute/quota_sets.py update/delete, quota_classes.py update
// over objects/quotas.py): a project's (or a user's) limits, never below what is in use unless
// forced, and the quota classes.
import { ApiError } from '../../http/api-error.js';
import type { ApiContext } from './api-context.js';

/** What a project (or one of its users) uses, by quota resource name. */
export type QuotaUsage = Readonly<Record<string, number>>;

export interface QuotasApi {
  /** PUT /os-quota-sets/{project}[?user_id=]: each limit >= its usage (or -1) unless forced. */
  update(projectId: string, userId: string | null, limits: Readonly<Record<string, number>>, usage: QuotaUsage, force: boolean): void;
  /** DELETE /os-quota-sets/{project}[?user_id=]: back to the defaults. */
  revert(projectId: string, userId: string | undefined): void;
  /** PUT /os-quota-class-sets/{name} */
  updateClass(className: string, limits: Readonly<Record<string, number>>): void;
}

export function createQuotasApi(c: ApiContext): QuotasApi {
  const quotas = c.store.quotas;
  return {
    update(projectId, userId, limits, usage, force) {
      for (const [k, n] of Object.entries(limits)) {
        const used = usage[k] ?? 0;
        if (!force && n !== -1 && n < used) {
          throw new ApiError(400, null, `Quota limit ${n} for ${k} must be greater than or equal to already used and reserved ${used}.`);
        }
      }
      quotas.setLimits(projectId, userId, { ...limits });
    },
    revert(projectId, userId) {
      quotas.deleteLimits(projectId, userId);
    },
    updateClass(className, limits) {
      if (className.length > 255) throw new ApiError(400, null, 'quota_class_name has a maximum length of 255.');
      quotas.setClassLimits(className, { ...limits });
    },
  };
}
