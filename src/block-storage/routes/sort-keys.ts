// A cinder sort key read from a stored record: the model's column names (snake_case) on the
// record's camelCase fields; `name`/`display_name` and `display_description` are the columns the
// API calls name and description (v3 volumes.py and snapshots.py rename `name` to display_name).
const ALIASES: Readonly<Record<string, string>> = { display_name: 'name', display_description: 'description', volume_type: 'volumeTypeId' };

export function recordSortValue(record: object, key: string): unknown {
  const field = ALIASES[key] ?? key.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
  return Object.prototype.hasOwnProperty.call(record, field) ? (record as Record<string, unknown>)[field] : undefined;
}
