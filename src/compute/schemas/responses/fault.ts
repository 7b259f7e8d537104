// Response schemas shared by the compute routes: nova's fault envelope (wsgi.Fault) and links
// (views/builder.ViewBuilder._get_links). Documentation and contract test only (see
// ../openapi-schema.ts): nova's answers are serialized by views/py-json.ts.
import { Type } from 'typebox';

/** {"itemNotFound": {"code": 404, "message": "..."}}: one key, named by the status (views/fault.ts). */
export const ComputeFault = Type.Record(Type.String({ pattern: '^[a-zA-Z]+$' }), Type.Object({
  code: Type.Integer(),
  message: Type.String(),
  details: Type.Optional(Type.String()),
}, { additionalProperties: false }), { minProperties: 1, maxProperties: 1, additionalProperties: false, description: "nova's fault envelope (any other status)" });

export const Link = Type.Object({
  rel: Type.String(),
  href: Type.String(),
  type: Type.Optional(Type.String()),
}, { additionalProperties: false });

export const Links = Type.Array(Link);

export { NoBody } from '../../../http/openapi.js';

/** A removed API (nova-network, virtual interfaces): every call answers 410 in the fault envelope. */
export const Gone = { ...ComputeFault, description: 'the API is gone: always 410' };
