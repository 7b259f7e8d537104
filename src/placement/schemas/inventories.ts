// Inventory schemas (placement/schemas/inventory.py).
import { Type } from 'typebox';
import { always, type VersionedSchemas } from './versioned.js';
import { RC_PATTERN } from './common.js';

const MAX_INT = 0x7fffffff;
/** db constants SQL_SP_FLOAT_MAX */
const SQL_SP_FLOAT_MAX = 3.40282e38;

const fields = () => ({
  total: Type.Integer({ maximum: MAX_INT, minimum: 1 }),
  reserved: Type.Optional(Type.Integer({ maximum: MAX_INT, minimum: 0 })),
  min_unit: Type.Optional(Type.Integer({ maximum: MAX_INT, minimum: 1 })),
  max_unit: Type.Optional(Type.Integer({ maximum: MAX_INT, minimum: 1 })),
  step_size: Type.Optional(Type.Integer({ maximum: MAX_INT, minimum: 1 })),
  allocation_ratio: Type.Optional(Type.Number({ maximum: SQL_SP_FLOAT_MAX })),
});

/** BASE_INVENTORY_SCHEMA: PUT /resource_providers/{uuid}/inventories/{rc} */
export const updateInventoryBody: VersionedSchemas = always(Type.Object({
  resource_provider_generation: Type.Integer(),
  ...fields(),
}, { additionalProperties: false }));

/** POST_INVENTORY_SCHEMA */
export const createInventoryBody: VersionedSchemas = always(Type.Object({
  resource_provider_generation: Type.Optional(Type.Integer()),
  ...fields(),
  resource_class: Type.String({ pattern: RC_PATTERN }),
}, { additionalProperties: false }));

/** PUT_INVENTORY_SCHEMA */
export const setInventoriesBody: VersionedSchemas = always(Type.Object({
  resource_provider_generation: Type.Integer(),
  inventories: Type.Object({}, {
    patternProperties: {
      [RC_PATTERN]: Type.Object({ resource_provider_generation: Type.Optional(Type.Integer()), ...fields() }, { additionalProperties: false }),
    },
  }),
}, { additionalProperties: false }));

const InventoryOut = {
  total: Type.Integer(), reserved: Type.Integer(), min_unit: Type.Integer(), max_unit: Type.Integer(),
  step_size: Type.Integer(), allocation_ratio: Type.Number(),
};
export const inventoryResponse: VersionedSchemas = always(Type.Object({
  ...InventoryOut, resource_provider_generation: Type.Integer(),
}, { additionalProperties: false }));
export const inventoriesResponse: VersionedSchemas = always(Type.Object({
  resource_provider_generation: Type.Integer(),
  inventories: Type.Record(Type.String(), Type.Object(InventoryOut, { additionalProperties: false })),
}, { additionalProperties: false }));
