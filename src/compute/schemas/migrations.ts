// GET /os-migrations query schemas (nova/api/openstack/compute/schemas/migrations.py).
import { Type } from 'typebox';
import * as p from './parameter-types.js';
import type { VersionedSchema } from '../routes/route-types.js';

const q = () => p.multiParams(Type.String());
const dateTime = p.singleParam(Type.Unsafe<string>({ type: 'string', format: 'date-time' }));
const v20 = { hidden: q(), host: q(), instance_uuid: q(), source_compute: q(), status: q(), migration_type: q() };
const v259 = {
  ...v20, limit: p.singleParam(p.nonNegativeInteger), marker: p.singleParam(Type.String()), 'changes-since': dateTime,
};
const v266 = { ...v259, 'changes-before': dateTime };
const v280 = { ...v266, user_id: p.singleParam(Type.String()), project_id: p.singleParam(Type.String()) };

export const migrationsIndexQuery: VersionedSchema[] = [
  { min: '2.1', max: '2.58', schema: Type.Partial(Type.Object(v20), { additionalProperties: true }) },
  { min: '2.59', max: '2.65', schema: Type.Partial(Type.Object(v259), { additionalProperties: false }) },
  { min: '2.66', max: '2.79', schema: Type.Partial(Type.Object(v266), { additionalProperties: false }) },
  { min: '2.80', schema: Type.Partial(Type.Object(v280), { additionalProperties: false }) },
];
