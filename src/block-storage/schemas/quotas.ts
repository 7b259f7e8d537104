// /os-quota-sets and /limits (cinder/api/schemas/quotas.py) and their views.
import { Type } from 'typebox';
import { AnyObject, Raw } from './parameter-types.js';
import { obj } from './parameter-types.js';

export const updateQuotaSet = obj({
  quota_set: Raw({
    type: 'object',
    // cinder's NON_QUOTA_KEYS (tenant_id, id) are accepted and ignored: cinderclient's update
    // sends `tenant_id` in every body (the openstack CLI's `quota set --volumes`)
    properties: { tenant_id: {}, id: {} },
    patternProperties: { '^(?!(tenant_id|id)$)[a-zA-Z0-9-_:. ]{1,255}$': { type: ['integer', 'string'], pattern: '^-?[0-9]+$', minimum: -1, maximum: 2147483647 } },
    additionalProperties: false,
  }),
}, ['quota_set'], false);
export const quotaSetResponse = Type.Object({ quota_set: AnyObject }, { additionalProperties: false });
export const limitsResponse = Type.Object({
  limits: Type.Object({ rate: Type.Array(AnyObject), absolute: Type.Record(Type.String(), Type.Integer()) }, { additionalProperties: false }),
}, { additionalProperties: false });
