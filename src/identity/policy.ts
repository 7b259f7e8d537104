// Keystone's default policy (keystone/common/policies/*.py, Zed) as it decides with the
// default enforce_scope = False and enforce_new_defaults = False: the admin role (any scope)
// may administer; a system reader may read; a user may see itself, its projects, its groups,
// its application credentials and its own tokens.
import type { AuthContext } from '../http/auth-context.js';

export interface PolicyTarget {
  /** the user a URL names (/users/{user_id}/...) */
  userId?: string;
  projectId?: string;
  domainId?: string;
  /** the user of the X-Subject-Token */
  tokenUserId?: string;
}

type Rule = (c: AuthContext, t: PolicyTarget) => boolean;

const admin: Rule = (c) => c.roles.includes('admin');
const systemReader: Rule = (c) => c.systemScope === 'all' && c.roles.includes('reader');
const adminOrSystemReader: Rule = (c, t) => admin(c, t) || systemReader(c, t);
const owner: Rule = (c, t) => t.userId !== undefined && c.userId === t.userId;
const domainReader: Rule = (c, t) => c.roles.includes('reader') && c.issued?.domainId != null && c.issued.domainId === t.domainId;
const any: Rule = () => true;

export const IDENTITY_POLICY: Readonly<Record<string, Rule>> = {
  'identity:get_domain': (c, t) => adminOrSystemReader(c, t) || domainReader(c, t)
    || (t.domainId !== undefined && (c.issued?.projectDomainId === t.domainId || c.issued?.domainId === t.domainId)),
  'identity:list_domains': adminOrSystemReader,
  'identity:create_domain': admin, 'identity:update_domain': admin, 'identity:delete_domain': admin,
  'identity:get_project': (c, t) => adminOrSystemReader(c, t) || domainReader(c, t) || (t.projectId !== undefined && c.projectId === t.projectId),
  'identity:list_projects': (c, t) => adminOrSystemReader(c, t) || domainReader(c, t),
  'identity:list_user_projects': (c, t) => adminOrSystemReader(c, t) || owner(c, t),
  'identity:create_project': admin, 'identity:update_project': admin, 'identity:delete_project': admin,
  'identity:list_project_tags': (c, t) => adminOrSystemReader(c, t) || (t.projectId !== undefined && c.projectId === t.projectId),
  'identity:update_project_tags': admin,
  'identity:get_user': (c, t) => adminOrSystemReader(c, t) || owner(c, t),
  'identity:list_users': adminOrSystemReader,
  'identity:create_user': admin, 'identity:update_user': admin, 'identity:delete_user': admin,
  'identity:get_group': adminOrSystemReader, 'identity:list_groups': adminOrSystemReader,
  'identity:list_groups_for_user': (c, t) => adminOrSystemReader(c, t) || owner(c, t),
  'identity:list_users_in_group': adminOrSystemReader, 'identity:check_user_in_group': adminOrSystemReader,
  'identity:create_group': admin, 'identity:update_group': admin, 'identity:delete_group': admin,
  'identity:add_user_to_group': admin, 'identity:remove_user_from_group': admin,
  'identity:get_role': adminOrSystemReader, 'identity:list_roles': adminOrSystemReader,
  'identity:create_role': admin, 'identity:update_role': admin, 'identity:delete_role': admin,
  'identity:list_role_inference_rules': adminOrSystemReader, 'identity:get_implied_role': adminOrSystemReader,
  'identity:list_implied_roles': adminOrSystemReader, 'identity:check_implied_role': adminOrSystemReader,
  'identity:create_implied_role': admin, 'identity:delete_implied_role': admin,
  'identity:list_role_assignments': adminOrSystemReader,
  'identity:check_grant': adminOrSystemReader, 'identity:list_grants': adminOrSystemReader,
  'identity:create_grant': admin, 'identity:revoke_grant': admin,
  'identity:check_system_grant_for_user': adminOrSystemReader, 'identity:list_system_grants_for_user': adminOrSystemReader,
  'identity:create_system_grant_for_user': admin, 'identity:revoke_system_grant_for_user': admin,
  'identity:get_application_credential': (c, t) => adminOrSystemReader(c, t) || owner(c, t),
  'identity:list_application_credentials': (c, t) => adminOrSystemReader(c, t) || owner(c, t),
  'identity:create_application_credential': owner,
  'identity:delete_application_credential': (c, t) => admin(c, t) || owner(c, t),
  'identity:check_token': (c, t) => adminOrSystemReader(c, t) || (t.tokenUserId !== undefined && c.userId === t.tokenUserId),
  'identity:validate_token': (c, t) => adminOrSystemReader(c, t) || (t.tokenUserId !== undefined && c.userId === t.tokenUserId),
  'identity:revoke_token': (c, t) => admin(c, t) || (t.tokenUserId !== undefined && c.userId === t.tokenUserId),
  'identity:get_service': adminOrSystemReader, 'identity:list_services': adminOrSystemReader,
  'identity:get_endpoint': adminOrSystemReader, 'identity:list_endpoints': adminOrSystemReader,
  'identity:get_region': any, 'identity:list_regions': any,
};

export function isAllowed(action: string, caller: AuthContext, target: PolicyTarget = {}): boolean {
  const rule = IDENTITY_POLICY[action];
  if (!rule) throw new Error(`identity policy rule ${action} is not registered`);
  return rule(caller, target);
}
