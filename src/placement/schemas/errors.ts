// Placement's error answers, for the OpenAPI document and the response contract test
// (error-response.ts writes them): util.json_error_formatter's envelope, and webob's own JSON
// for noauth2's 401. HTML and plain-text forms (by Accept) are not JSON and not described here.
import { Type } from 'typebox';

const PlacementError = Type.Object({
  status: Type.Integer(),
  title: Type.String(),
  detail: Type.String(),
  code: Type.Optional(Type.String({ description: 'from microversion 1.23' })),
  request_id: Type.String(),
  max_version: Type.Optional(Type.String({ description: '406 when the version could not be negotiated' })),
  min_version: Type.Optional(Type.String()),
}, { additionalProperties: false });

export const PlacementErrors = Type.Union([
  Type.Object({ errors: Type.Array(PlacementError, { minItems: 1, maxItems: 1 }) }, { additionalProperties: false }),
  Type.Object({ message: Type.String(), code: Type.String(), title: Type.String() }, { additionalProperties: false, description: "noauth2's 401 (webob's JSON)" }),
], { description: "placement's error envelope (any other status)" });
