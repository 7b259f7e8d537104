// Identity's answers (views/entities.ts, views/token-body.ts, routes/catalog.ts ...), for the
// OpenAPI document and the response contract test only: the plugin never serializes with them.
// Domains, projects, users and groups carry the extra attributes a client stored (keystone
// keeps unknown fields), so those objects allow more properties than they name.
import { Type, type TSchema } from 'typebox';

const Str = Type.String();
const NullableStr = Type.Union([Type.String(), Type.Null()]);
const obj = (props: Record<string, TSchema>, description?: string) => Type.Object(props, { additionalProperties: false, ...(description ? { description } : {}) });
const open = (props: Record<string, TSchema>) => Type.Object(props, { additionalProperties: true, description: 'and the extra attributes stored with it' });
const SelfLink = obj({ self: Str });
const CollectionLinks = obj({ self: Str, previous: Type.Null(), next: Type.Null() });
const Options = Type.Record(Type.String(), Type.Unknown());
const collection = (name: string, member: TSchema) => obj({ [name]: Type.Array(member), links: CollectionLinks });
const one = (name: string, member: TSchema) => obj({ [name]: member });

const Domain = open({ id: Str, name: Str, description: Str, enabled: Type.Boolean(), tags: Type.Array(Str), options: Options, links: SelfLink });
const Project = open({
  id: Str, name: Str, domain_id: Str, description: Str, enabled: Type.Boolean(), parent_id: Str, is_domain: Type.Boolean(),
  tags: Type.Array(Str), options: Options, links: SelfLink,
});
const User = open({
  id: Str, name: Str, domain_id: Str, enabled: Type.Boolean(), default_project_id: Type.Optional(Str), description: Type.Optional(Str),
  password_expires_at: Type.Null(), options: Options, links: SelfLink,
});
const Group = open({ id: Str, name: Str, domain_id: Str, description: Str, links: SelfLink });
const Role = obj({ id: Str, name: Str, domain_id: NullableStr, description: NullableStr, options: Options, links: SelfLink });

export const DomainList = collection('domains', Domain);
export const DomainShow = one('domain', Domain);
export const ProjectList = collection('projects', Project);
export const ProjectShow = one('project', Project);
export const UserList = collection('users', User);
export const UserShow = one('user', User);
export const GroupList = collection('groups', Group);
export const GroupShow = one('group', Group);
export const RoleList = collection('roles', Role);
export const RoleShow = one('role', Role);
export const ProjectTags = obj({ tags: Type.Array(Str) });

const AppCredential = obj({
  id: Str, name: Str, description: NullableStr, user_id: Str, project_id: Str, system: Type.Null(), expires_at: NullableStr,
  unrestricted: Type.Union([Type.Literal(true), Type.Null()]),
  roles: Type.Array(obj({ id: Str, name: Str, domain_id: NullableStr, description: NullableStr, options: Options })),
  secret: Type.Optional(Type.String({ description: 'on create only' })), links: SelfLink,
});
export const AppCredentialList = collection('application_credentials', AppCredential);
export const AppCredentialShow = one('application_credential', AppCredential);

const CatalogEndpoint = obj({ id: Str, interface: Str, region_id: Str, url: Str, region: Str });
const CatalogEntry = obj({ endpoints: Type.Array(CatalogEndpoint), id: Str, type: Str, name: Str });
const Ref = obj({ id: Str, name: Str });
export const Token = obj({
  token: obj({
    methods: Type.Array(Str),
    user: obj({ domain: Ref, id: Str, name: Str, password_expires_at: Type.Null() }),
    audit_ids: Type.Array(Str),
    expires_at: Str,
    issued_at: Str,
    project: Type.Optional(obj({ domain: Ref, id: Str, name: Str }, 'project-scoped')),
    is_domain: Type.Optional(Type.Boolean()),
    domain: Type.Optional({ ...Ref, description: 'domain-scoped' } as TSchema),
    system: Type.Optional(obj({ all: Type.Literal(true) }, 'system-scoped')),
    roles: Type.Optional(Type.Array(Ref, { description: 'scoped tokens' })),
    catalog: Type.Optional(Type.Array(CatalogEntry, { description: 'scoped tokens, unless ?nocatalog' })),
    application_credential: Type.Optional(obj({ id: Str, name: Str, restricted: Type.Boolean() })),
  }),
});
export const AuthCatalog = obj({ catalog: Type.Array(CatalogEntry), links: CollectionLinks });
export const AuthSystem = obj({ system: Type.Array(obj({ all: Type.Literal(true) })), links: CollectionLinks });

const Service = obj({ name: Str, id: Str, type: Str, enabled: Type.Boolean(), description: NullableStr, links: SelfLink });
const Endpoint = obj({ id: Str, interface: Str, region_id: Str, service_id: Str, url: Str, enabled: Type.Boolean(), region: Str, links: SelfLink });
const Region = obj({ id: Str, description: Str, parent_region_id: Type.Null(), links: SelfLink });
export const ServiceList = collection('services', Service);
export const ServiceShow = one('service', Service);
export const EndpointList = collection('endpoints', Endpoint);
export const EndpointShow = one('endpoint', Endpoint);
export const RegionList = collection('regions', Region);
export const RegionShow = one('region', Region);

const IdRef = obj({ id: Str });
const NamedRef = Type.Union([IdRef, obj({ id: Str, name: Str, domain: Type.Optional(Ref) })], { description: 'with names when ?include_names' });
export const RoleAssignmentList = obj({
  role_assignments: Type.Array(obj({
    scope: obj({
      project: Type.Optional(NamedRef), domain: Type.Optional(NamedRef), system: Type.Optional(obj({ all: Type.Literal(true) })),
      OS_INHERIT_INHERITED_TO: Type.Optional(Str),
    }),
    user: Type.Optional(NamedRef), group: Type.Optional(NamedRef), role: NamedRef,
    links: obj({ assignment: Str, membership: Type.Optional(Str), prior_role: Type.Optional(Str) }),
  })),
  links: CollectionLinks,
});

const RoleRef = obj({ id: Str, name: Str, links: SelfLink });
export const RoleInferenceList = obj({ role_inferences: Type.Array(obj({ prior_role: RoleRef, implies: Type.Array(RoleRef) })) });
export const RoleImplies = obj({ role_inference: obj({ prior_role: RoleRef, implies: Type.Array(RoleRef) }), links: SelfLink });
export const RoleImply = obj({ role_inference: obj({ prior_role: RoleRef, implies: RoleRef }), links: SelfLink });

const Version = obj({
  id: Str, status: Str, updated: Str,
  links: Type.Array(obj({ rel: Str, href: Str })),
  'media-types': Type.Array(obj({ base: Str, type: Str })),
});
export const Versions = obj({ versions: obj({ values: Type.Array(Version) }) });
export const VersionShow = obj({ version: Version });
