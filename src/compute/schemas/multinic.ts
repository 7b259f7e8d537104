// nova/api/openstack/compute/schemas/multinic.py: addFixedIp and removeFixedIp (up to 2.43).
import { Type } from 'typebox';
import type { VersionedSchema } from '../routes/route-types.js';

const raw = <T = unknown>(schema: Record<string, unknown>) => Type.Unsafe<T>(schema);

export const addFixedIpBody: VersionedSchema[] = [{
  min: '2.1', max: '2.43',
  schema: Type.Object({
    addFixedIp: Type.Object({
      // the maxLength is the networks table's uuid column's
      networkId: raw<string | number>({ type: ['string', 'number'], minLength: 1, maxLength: 36 }),
    }, { additionalProperties: false }),
  }, { additionalProperties: false }),
}];

export const removeFixedIpBody: VersionedSchema[] = [{
  min: '2.1', max: '2.43',
  schema: Type.Object({
    removeFixedIp: Type.Object({
      address: raw<string>({ type: 'string', oneOf: [{ format: 'ipv4' }, { format: 'ipv6' }] }),
    }, { additionalProperties: false }),
  }, { additionalProperties: false }),
}];
