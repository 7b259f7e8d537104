// Request schemas of nova's network proxies that still validate (schemas/security_groups.py
// index_query, schemas/floating_ips.py add/remove_floating_ip); the rest take any body, as
// nova's controllers without @validation.schema do.
import { Type } from 'typebox';
import * as p from './parameter-types.js';
import type { VersionedSchema } from '../routes/route-types.js';

const MAX_PROXY = '2.35';
const raw = <T = unknown>(schema: Record<string, unknown>) => Type.Unsafe<T>(schema);
const ipAddress = raw<string>({ type: 'string', oneOf: [{ format: 'ipv4' }, { format: 'ipv6' }] });

/** A body nova reads with dict.get() and checks itself (no schema). */
export const uncheckedBody: VersionedSchema[] = [{ min: '2.1', max: MAX_PROXY, schema: Type.Unknown({ description: 'checked by the handler, as nova does' }) }];

/** GET /os-security-groups: limit/offset; other parameters kept (additionalProperties true). */
export const securityGroupsQuery: VersionedSchema[] = [{
  min: '2.1', max: MAX_PROXY,
  schema: Type.Object({
    limit: Type.Optional(p.multiParams(p.nonNegativeInteger)),
    offset: Type.Optional(p.multiParams(p.nonNegativeInteger)),
    all_tenants: Type.Optional(p.multiParams(Type.String())),
  }, { additionalProperties: true }),
}];

export const addFloatingIpBody: VersionedSchema[] = [{
  min: '2.1', max: '2.43',
  schema: Type.Object({
    addFloatingIp: Type.Object({ address: ipAddress, fixed_address: Type.Optional(ipAddress) }, { additionalProperties: false }),
  }, { additionalProperties: false }),
}];

export const removeFloatingIpBody: VersionedSchema[] = [{
  min: '2.1', max: '2.43',
  schema: Type.Object({
    removeFloatingIp: Type.Object({ address: ipAddress }, { additionalProperties: false }),
  }, { additionalProperties: false }),
}];
