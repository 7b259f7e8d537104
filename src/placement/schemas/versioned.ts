// Versioned schema tables: [{min, max, schema}] in ascending order, windows adjacent
// (a unit test proves there is no gap or overlap), as nova's validate_schemas does.
import type { TSchema } from 'typebox';
import type { Microversion } from '../../http/microversion.js';

export interface VersionedSchema {
  readonly min: string;
  /** inclusive; absent = latest */
  readonly max?: string;
  readonly schema: TSchema;
}

export type VersionedSchemas = readonly VersionedSchema[];

/** One schema for every version. */
export function always(schema: TSchema): VersionedSchemas {
  return [{ min: '1.0', schema }];
}

/** The schema for this version, or null when the table has no window covering it. */
export function schemaFor(table: VersionedSchemas, version: Microversion): TSchema | null {
  for (const entry of table) if (version.within(entry.min, entry.max)) return entry.schema;
  return null;
}
