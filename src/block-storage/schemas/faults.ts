// Cinder's error answers, for the OpenAPI document and the response contract test (errors.ts
// writes them): the fault envelope {"itemNotFound": {"code": 404, "message": ...}}, and
// keystonemiddleware's 401 before cinder sees the request.
import { Type } from 'typebox';

export const CinderFault = Type.Union([
  Type.Record(Type.String({ pattern: '^[a-zA-Z]+$' }), Type.Object({ code: Type.Integer(), message: Type.String() }, { additionalProperties: false }),
    { minProperties: 1, maxProperties: 1, additionalProperties: false }),
  Type.Object({
    error: Type.Object({ code: Type.Literal(401), title: Type.String(), message: Type.String() }, { additionalProperties: false }),
  }, { additionalProperties: false }),
], { description: "cinder's fault envelope (any other status)" });
