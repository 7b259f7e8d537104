// Placement's policy rules (placement/policies/*.py) evaluated the way oslo.policy does for
// the server profiles the conformance kit knows:
//   default / legacy-rbac / cors: enforce_new_defaults=False, enforce_scope=False, so each base
//     rule is "new check OR its deprecated check (role:admin)" and scope is not checked;
//   secure-rbac: enforce_new_defaults=True, enforce_scope=True (new checks + scope_types);
//   open-policy: every rule except admin_api is "@".
import type { PolicyProfile } from '../config.js';
import type { AuthContext } from '../http/auth-context.js';
import { RaisedError } from './raised-error.js';

interface Rule {
  check: string;
  /** oslo DeprecatedRule check string, OR-ed in while new defaults are not enforced. */
  deprecated?: string;
  scopeTypes?: readonly ('system' | 'project')[];
}

const SYSTEM = ['system'] as const;
const READER = 'rule:system_reader_api';
const ADMIN = 'rule:system_admin_api';

/** Rule name -> rule, as placement.policies.list_rules(). */
export const POLICY_RULES: Readonly<Record<string, Rule>> = {
  admin_api: { check: 'role:admin', scopeTypes: SYSTEM },
  system_admin_api: { check: 'role:admin and system_scope:all', deprecated: 'role:admin' },
  system_reader_api: { check: 'role:reader and system_scope:all', deprecated: 'role:admin' },
  project_reader_api: { check: 'role:reader and project_id:%(project_id)s', deprecated: 'role:admin' },
  system_or_project_reader: { check: 'rule:system_reader_api or rule:project_reader_api', deprecated: 'role:admin' },
  'placement:resource_providers:list': { check: READER, scopeTypes: SYSTEM },
  'placement:resource_providers:create': { check: ADMIN, scopeTypes: SYSTEM },
  'placement:resource_providers:show': { check: READER, scopeTypes: SYSTEM },
  'placement:resource_providers:update': { check: ADMIN, scopeTypes: SYSTEM },
  'placement:resource_providers:delete': { check: ADMIN, scopeTypes: SYSTEM },
  'placement:resource_classes:list': { check: READER, scopeTypes: SYSTEM },
  'placement:resource_classes:create': { check: ADMIN, scopeTypes: SYSTEM },
  'placement:resource_classes:show': { check: READER, scopeTypes: SYSTEM },
  'placement:resource_classes:update': { check: ADMIN, scopeTypes: SYSTEM },
  'placement:resource_classes:delete': { check: ADMIN, scopeTypes: SYSTEM },
  'placement:resource_providers:inventories:list': { check: READER, scopeTypes: SYSTEM },
  'placement:resource_providers:inventories:create': { check: ADMIN, scopeTypes: SYSTEM },
  'placement:resource_providers:inventories:show': { check: READER, scopeTypes: SYSTEM },
  'placement:resource_providers:inventories:update': { check: ADMIN, scopeTypes: SYSTEM },
  'placement:resource_providers:inventories:delete': { check: ADMIN, scopeTypes: SYSTEM },
  'placement:resource_providers:aggregates:list': { check: READER, scopeTypes: SYSTEM },
  'placement:resource_providers:aggregates:update': { check: ADMIN, scopeTypes: SYSTEM },
  'placement:resource_providers:usages': { check: READER, scopeTypes: SYSTEM },
  'placement:usages': { check: 'rule:system_or_project_reader', scopeTypes: ['system', 'project'] },
  'placement:traits:list': { check: READER, scopeTypes: SYSTEM },
  'placement:traits:show': { check: READER, scopeTypes: SYSTEM },
  'placement:traits:update': { check: ADMIN, scopeTypes: SYSTEM },
  'placement:traits:delete': { check: ADMIN, scopeTypes: SYSTEM },
  'placement:resource_providers:traits:list': { check: READER, scopeTypes: SYSTEM },
  'placement:resource_providers:traits:update': { check: ADMIN, scopeTypes: SYSTEM },
  'placement:resource_providers:traits:delete': { check: ADMIN, scopeTypes: SYSTEM },
  'placement:allocations:manage': { check: ADMIN, scopeTypes: SYSTEM },
  'placement:allocations:list': { check: READER, scopeTypes: SYSTEM },
  'placement:allocations:update': { check: ADMIN, scopeTypes: SYSTEM },
  'placement:allocations:delete': { check: ADMIN, scopeTypes: SYSTEM },
  'placement:resource_providers:allocations:list': { check: READER, scopeTypes: SYSTEM },
  'placement:allocation_candidates:list': { check: READER, scopeTypes: SYSTEM },
  'placement:reshaper:reshape': { check: ADMIN, scopeTypes: SYSTEM },
};

export type PolicyTarget = Record<string, string | null | undefined>;

interface Creds {
  roles: readonly string[];
  systemScope: string | null;
  projectId: string | null;
}

function credsOf(auth: AuthContext): Creds {
  return { roles: auth.roles, systemScope: auth.systemScope, projectId: auth.systemScope ? null : auth.projectId };
}

function checkString(profile: PolicyProfile, name: string): string {
  const rule = POLICY_RULES[name];
  if (!rule) throw new Error(`policy rule ${name} is not registered`);
  if (profile === 'open-policy' && name !== 'admin_api') return '@';
  if (profile !== 'secure-rbac' && rule.deprecated) return `(${rule.check}) or (${rule.deprecated})`;
  return rule.check;
}

type Check = (creds: Creds, target: PolicyTarget) => boolean;

/**
 * Compile an oslo.policy check string (and/or/not, parentheses, @, !, rule:, role:, key:value)
 * into a predicate, once per profile and string: requests only run the closures.
 */
function compile(profile: PolicyProfile, text: string): Check {
  // Substitutions like %(project_id)s hold parentheses: hide them from the tokenizer.
  const tokens = text.replace(/%\((\w+)\)s/g, '%{$1}s').match(/\(|\)|[^\s()]+/g) ?? [];
  let pos = 0;
  const peek = () => tokens[pos];
  const orExpr = (): Check => {
    let v = andExpr();
    while (peek() === 'or') { pos++; const l = v; const r = andExpr(); v = (c, t) => l(c, t) || r(c, t); }
    return v;
  };
  const andExpr = (): Check => {
    let v = notExpr();
    while (peek() === 'and') { pos++; const l = v; const r = notExpr(); v = (c, t) => l(c, t) && r(c, t); }
    return v;
  };
  const notExpr = (): Check => {
    if (peek() === 'not') { pos++; const inner = notExpr(); return (c, t) => !inner(c, t); }
    if (peek() === '(') { pos++; const v = orExpr(); pos++; return v; }
    return atom(tokens[pos++] ?? '!');
  };
  const atom = (tok: string): Check => {
    if (tok === '@') return () => true;
    if (tok === '!') return () => false;
    const i = tok.indexOf(':');
    const kind = tok.slice(0, i);
    const value = tok.slice(i + 1);
    if (kind === 'rule') {
      // Resolved lazily: a rule may be referenced before it is compiled.
      return (c, t) => compiled(profile, checkString(profile, value))(c, t);
    }
    if (kind === 'role') {
      const want = value.toLowerCase();
      return (c) => c.roles.some((r) => r.toLowerCase() === want);
    }
    const sub = /^%\{(\w+)\}s$/.exec(value);
    const resolve = sub ? (t: PolicyTarget) => t[sub[1]!] ?? '' : () => value;
    if (kind === 'system_scope') return (c, t) => c.systemScope === resolve(t);
    if (kind === 'project_id') return (c, t) => c.projectId !== null && c.projectId === resolve(t);
    return () => false;
  };
  return orExpr();
}

const COMPILED = new Map<string, Check>();
function compiled(profile: PolicyProfile, text: string): Check {
  const key = `${profile}\u0000${text}`;
  let check = COMPILED.get(key);
  if (!check) { check = compile(profile, text); COMPILED.set(key, check); }
  return check;
}

/** True when the caller may perform `action` under `profile`. */
export function isAllowed(profile: PolicyProfile, action: string, auth: AuthContext, target: PolicyTarget = {}): boolean {
  const rule = POLICY_RULES[action];
  if (!rule) throw new Error(`policy rule ${action} is not registered`);
  const creds = credsOf(auth);
  if (profile === 'secure-rbac' && rule.scopeTypes) {
    const tokenScope = creds.systemScope ? 'system' : 'project';
    if (!rule.scopeTypes.includes(tokenScope)) return false;
  }
  const fullTarget: PolicyTarget = { project_id: creds.projectId, user_id: auth.userId, ...target };
  return compiled(profile, checkString(profile, action))(creds, fullTarget);
}

/** context.can(action): a 403 in Placement's words when not allowed. */
export function authorize(profile: PolicyProfile, action: string, auth: AuthContext, target: PolicyTarget = {}): void {
  if (!isAllowed(profile, action, auth, target)) {
    throw new RaisedError(403, null, `Policy does not allow ${action} to be performed.`);
  }
}
