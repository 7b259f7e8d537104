// Checks both services' validators share: JSON Schema's type test and oslo's is_uuid_like,
// which nova and placement use wherever they accept a uuid.

/** JSON Schema `type` membership (python-jsonschema's Draft 4 TypeChecker on JSON values). */
export function jsonTypeOk(t: string, v: unknown): boolean {
  switch (t) {
    case 'object': return v !== null && typeof v === 'object' && !Array.isArray(v);
    case 'array': return Array.isArray(v);
    case 'string': return typeof v === 'string';
    case 'integer': return typeof v === 'number' && Number.isInteger(v);
    case 'number': return typeof v === 'number';
    case 'boolean': return typeof v === 'boolean';
    case 'null': return v === null;
    default: return true;
  }
}

/** oslo_utils.uuidutils.is_uuid_like: 32 hex digits once urn:/uuid: prefixes, braces and dashes go. */
export function isUuidLike(v: string): boolean {
  const hex = v.toLowerCase().replace(/urn:|uuid:/g, '').replace(/^\{+|\}+$/g, '').replace(/-/g, '');
  return /^[0-9a-f]{32}$/.test(hex);
}
