// /v3/users/{user_id}/application_credentials (keystone/api/users.py UserAppCred*Resource).
import { AppCredentialList, AppCredentialShow } from '../schemas/responses.js';
import type { RouteDeclaration, IdentityCall } from './route-declaration.js';
import { AnyObject, ERRORS } from '../schemas/common.js';
import { NoBody } from '../../http/openapi.js';
import { AppCredentialCreate } from '../schemas/resources.js';
import { collection, renderAppCredential } from '../views/entities.js';
import { IdentityError, badRequest, conflict, notFound } from '../identity-errors.js';
import { userOr404 } from './lookups.js';
import { hashPassword } from '../passwords.js';
import type { AppCredentialRow } from '../store/app-credentials-store.js';
import type { RoleRow } from '../store/roles-store.js';

const rolesOf = (c: IdentityCall, cred: AppCredentialRow): RoleRow[] => cred.roles.map((id) => c.core.stores.roles.get(id)).filter((r): r is RoleRow => r !== null);

function credOr404(c: IdentityCall): AppCredentialRow {
  const cred = c.core.stores.appCredentials.get(c.params.application_credential_id!);
  if (!cred || cred.userId !== c.params.user_id) throw notFound('Application Credential', c.params.application_credential_id!);
  return cred;
}

/** A secret as keystone generates one: 64 random bytes, url-safe base64 without padding. */
function generateSecret(c: IdentityCall): string {
  const hex = Array.from({ length: 4 }, () => c.core.runtime.ids.uuid().replace(/-/g, '')).join('');
  return Buffer.from(hex, 'hex').toString('base64url');
}

export const appCredentialRoutes: RouteDeclaration[] = [
  {
    method: 'GET', path: '/v3/users/:user_id/application_credentials', schema: { response: { 200: AppCredentialList, ...ERRORS } },
    handler: (c) => {
      c.can('identity:list_application_credentials', { userId: c.params.user_id });
      userOr404(c.core, c.params.user_id!);
      const rows = c.core.stores.appCredentials.ofUser(c.params.user_id!).filter((r) => c.query.name === undefined || r.name === c.query.name);
      return { status: 200, body: collection('application_credentials', rows.map((r) => renderAppCredential(r, rolesOf(c, r), c.base)), c.selfUrl) };
    },
  },
  {
    method: 'POST', path: '/v3/users/:user_id/application_credentials', schema: { body: AppCredentialCreate, response: { 201: AppCredentialShow, ...ERRORS } },
    handler: (c) => {
      c.can('identity:create_application_credential', { userId: c.params.user_id });
      const user = userOr404(c.core, c.params.user_id!);
      const b = c.body.application_credential as Record<string, any>;
      const projectId = c.caller.projectId;
      if (!c.caller.issued || projectId === '') throw new IdentityError(400, 'Application credentials must be created with a project-scoped token.');
      if (c.caller.issued && c.core.stores.tokens.get(c.caller.token)?.appCredId) {
        throw new IdentityError(403, 'You are not authorized to perform the requested action: Using method \'application_credential\' is not allowed for managing additional application credentials.');
      }
      const tokenRoles = c.core.rolesOn(user.id, 'project', projectId);
      let roles: RoleRow[];
      if (b.roles === undefined) {
        roles = tokenRoles;
      } else {
        roles = (b.roles as { id?: string; name?: string }[]).map((r) => {
          const role = r.id !== undefined ? c.core.stores.roles.get(r.id) : c.core.stores.roles.getByName(r.name!);
          if (!role || !tokenRoles.some((t) => t.id === role.id)) {
            throw new IdentityError(404, `Could not find role assignment with role: ${role?.id ?? r.id ?? r.name}, user or group: ${user.id}, project, domain, or system: ${projectId}.`);
          }
          return role;
        });
      }
      let expiresAt: string | null = null;
      if (typeof b.expires_at === 'string') {
        const ms = Date.parse(b.expires_at.endsWith('Z') || /[+-]\d\d:?\d\d$/.test(b.expires_at) ? b.expires_at : `${b.expires_at}Z`);
        if (Number.isNaN(ms)) throw badRequest(`Invalid input for field 'expires_at': '${b.expires_at}' is not a 'date-time'`);
        if (ms <= c.core.runtime.clock.now().getTime()) {
          throw badRequest("The 'expires_at' must not be before now. The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.");
        }
        // keystone echoes the instant with its microseconds, without a zone
        const micros = (/\.(\d+)/.exec(b.expires_at)?.[1] ?? '').padEnd(6, '0').slice(0, 6);
        expiresAt = `${new Date(ms).toISOString().slice(0, 19)}.${micros}`;
      }
      if (c.core.stores.appCredentials.getByName(user.id, b.name)) throw conflict('application_credential', `Duplicate entry found with name ${b.name}`);
      const secret: string = typeof b.secret === 'string' && b.secret !== '' ? b.secret : generateSecret(c);
      const row: AppCredentialRow = {
        id: c.core.newId(), name: b.name, userId: user.id, projectId, secretHash: hashPassword(secret),
        description: b.description ?? null, expiresAt, unrestricted: b.unrestricted === true, roles: roles.map((r) => r.id),
      };
      c.core.write(() => c.core.stores.appCredentials.insert(row));
      return { status: 201, body: { application_credential: renderAppCredential(row, roles, c.base, secret) } };
    },
  },
  {
    method: 'GET', path: '/v3/users/:user_id/application_credentials/:application_credential_id', schema: { response: { 200: AppCredentialShow, ...ERRORS } },
    handler: (c) => {
      c.can('identity:get_application_credential', { userId: c.params.user_id });
      const cred = credOr404(c);
      return { status: 200, body: { application_credential: renderAppCredential(cred, rolesOf(c, cred), c.base) } };
    },
  },
  {
    method: 'DELETE', path: '/v3/users/:user_id/application_credentials/:application_credential_id', schema: { response: { 204: NoBody, ...ERRORS } },
    handler: (c) => {
      c.can('identity:delete_application_credential', { userId: c.params.user_id });
      const cred = credOr404(c);
      c.core.write(() => c.core.stores.appCredentials.delete(cred.id));
      return { status: 204 };
    },
  },
];
