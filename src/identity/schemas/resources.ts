// Request bodies of keystone's admin API (keystone/<resource>/schema.py): TypeBox, the one
// source for validation and the OpenAPI document. Keystone lets extra attributes through on
// most entities (additionalProperties: true); the schemas say so.
import { Type } from 'typebox';
import { Description, Enabled, IdString, Name, Tags } from './common.js';

const ProjectFields = {
  name: Type.String({ minLength: 1, maxLength: 64, pattern: '[\\S]+' }),
  description: Description,
  domain_id: Type.Union([IdString, Type.Null()]),
  parent_id: Type.Union([IdString, Type.Null()]),
  enabled: Enabled,
  is_domain: Type.Boolean(),
  tags: Tags,
  options: Type.Object({}, { additionalProperties: true }),
};
export const ProjectCreate = Type.Object({ project: Type.Object(ProjectFields, { required: ['name'], additionalProperties: true }) }, { additionalProperties: false });
export const ProjectUpdate = Type.Object({ project: Type.Partial(Type.Object(ProjectFields, { additionalProperties: true }), { minProperties: 1 }) }, { additionalProperties: false });

const DomainFields = { name: Type.String({ minLength: 1, maxLength: 64, pattern: '[\\S]+' }), description: Description, enabled: Enabled, tags: Tags, options: Type.Object({}, { additionalProperties: true }) };
export const DomainCreate = Type.Object({ domain: Type.Object(DomainFields, { required: ['name'], additionalProperties: true }) }, { additionalProperties: false });
export const DomainUpdate = Type.Object({ domain: Type.Partial(Type.Object(DomainFields, { additionalProperties: true }), { minProperties: 1 }) }, { additionalProperties: false });

const UserFields = {
  name: Name,
  password: Type.Union([Type.String(), Type.Null()]),
  default_project_id: Type.Union([IdString, Type.Null()]),
  domain_id: IdString,
  enabled: Enabled,
  description: Description,
  email: Type.Union([Type.String(), Type.Null()]),
  options: Type.Object({}, { additionalProperties: true }),
};
export const UserCreate = Type.Object({ user: Type.Object(UserFields, { required: ['name'], additionalProperties: true }) }, { additionalProperties: false });
export const UserUpdate = Type.Object({ user: Type.Partial(Type.Object(UserFields, { additionalProperties: true }), { minProperties: 1 }) }, { additionalProperties: false });
export const PasswordChange = Type.Object({
  user: Type.Object({ password: Type.String(), original_password: Type.String() }, { additionalProperties: false }),
}, { additionalProperties: false });

const GroupFields = { name: Name, description: Description, domain_id: IdString };
export const GroupCreate = Type.Object({ group: Type.Object(GroupFields, { required: ['name'], additionalProperties: true }) }, { additionalProperties: false });
export const GroupUpdate = Type.Object({ group: Type.Partial(Type.Object(GroupFields, { additionalProperties: true }), { minProperties: 1 }) }, { additionalProperties: false });

const RoleFields = { name: Name, description: Description, domain_id: Type.Union([IdString, Type.Null()]), options: Type.Object({}, { additionalProperties: true }) };
export const RoleCreate = Type.Object({ role: Type.Object(RoleFields, { required: ['name'], additionalProperties: true }) }, { additionalProperties: false });
export const RoleUpdate = Type.Object({ role: Type.Partial(Type.Object(RoleFields, { additionalProperties: true }), { minProperties: 1 }) }, { additionalProperties: false });

export const AppCredentialCreate = Type.Object({
  application_credential: Type.Object({
    name: Type.String({ minLength: 1, maxLength: 255 }),
    description: Description,
    secret: Type.Union([Type.String(), Type.Null()]),
    expires_at: Type.Union([Type.String(), Type.Null()]),
    roles: Type.Array(Type.Object({ id: Type.Optional(IdString), name: Type.Optional(Name) }, { minProperties: 1, maxProperties: 1, additionalProperties: false })),
    unrestricted: Type.Union([Type.Boolean(), Type.Null()]),
    access_rules: Type.Array(Type.Object({}, { additionalProperties: true })),
  }, { required: ['name'], additionalProperties: false }),
}, { additionalProperties: false });
