// Shapes shared by Identity's routes: keystone's error envelope and the loose JSON answers.
import { Type } from 'typebox';

export const AnyObject = Type.Object({}, { additionalProperties: true });
export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.Integer(), message: Type.String(), title: Type.String(),
    identity: Type.Optional(Type.Object({ methods: Type.Array(Type.String()) }, { additionalProperties: false })),
  }, { additionalProperties: false }),
}, { additionalProperties: false });

/** Every answer a v3 route may give besides its success (default: any other status, e.g. 413, 500). */
export const ERRORS = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, default: ErrorBody } as const;

export const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
/** keystone's parameter_types.id_string */
export const IdString = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-zA-Z0-9-]+$' });
export const Name = Type.String({ minLength: 1, maxLength: 255, pattern: '[\\S]+' });
export const Description = Type.Union([Type.String(), Type.Null()]);
export const Enabled = Type.Boolean();
export const Tags = Type.Array(Type.String({ minLength: 1, maxLength: 255, pattern: '^[^,/]*$' }), { maxItems: 80, uniqueItems: true });
