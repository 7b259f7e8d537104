// Request-by-request comparison of novamock's Identity with the real Keystone (keystone-live):
// the same story is sent to both, each side with its own tokens and ids, and every answer's
// status and normalised body are compared. Ids, tokens, timestamps, hosts and the per-run
// name suffix are normalised; the catalog is compared by shape only (the real one lists
// identity alone).
//   ../shared/reference/keystone-live/run.sh 21550
//   KEYSTONE_URL=http://127.0.0.1:21550 npx tsx scripts/identity-diff.ts
// NOVAMOCK_URL points at a running novamock's /identity; without it one is started in-process.
import { loadConfig } from '../src/config.js';
import { createRuntime } from '../src/runtime/runtime.js';
import { buildApp, createServices } from '../src/app.js';
import { Agent, fetch, type Response } from 'undici';

// a fresh connection per request: keystone-live's uwsgi drops kept-alive ones
const dispatcher = new Agent({ pipelining: 0 });

interface Side { name: string; base: string; vars: Record<string, string> }
interface Answer { status: number; headers: Record<string, string>; body: unknown }

const KEYSTONE = process.env.KEYSTONE_URL ?? 'http://127.0.0.1:21550';
const RUN = Date.now().toString(36);

async function send(side: Side, method: string, path: string, token?: string, body?: unknown, extra: Record<string, string> = {}): Promise<Answer> {
  const url = side.base + path.replace(/\{(\w+)\}/g, (_m, k: string) => side.vars[k] ?? `{${k}}`);
  const headers: Record<string, string> = { ...extra };
  if (token) headers['x-auth-token'] = side.vars[token] ?? token;
  for (const [k, v] of Object.entries(headers)) headers[k] = v.replace(/\{(\w+)\}/g, (_m, name: string) => side.vars[name] ?? name);
  let payload: string | undefined;
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body).replace(/\{(\w+)\}/g, (_m, k: string) => side.vars[k] ?? `{${k}}`);
  }
  let res: Response | null = null;
  let failure = '';
  // uwsgi may drop a kept-alive connection: one retry on a fresh one
  for (let attempt = 0; attempt < 3 && res === null; attempt++) {
    try {
      res = await fetch(url, { method, headers, body: payload, dispatcher });
    } catch (err) {
      failure = (err as Error & { cause?: Error }).cause?.message ?? (err as Error).message;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  if (res === null) return { status: -1, headers: {}, body: `connection failed: ${failure}` };
  const text = await res.text().catch(() => '');
  let parsed: unknown = text;
  try { parsed = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  return { status: res.status, headers: Object.fromEntries(res.headers), body: parsed };
}

/** The seeded entities' ids differ (keystone's are random, the default seed's are their names): one placeholder per name. */
const placeholder = (name: string) => /_(project|id)$/.test(name) ? `<seed:${name.replace(/_(project|id)$/, '')}>` : `<${name}>`;
const ID_KEYS = /^(id|.*_id|self|assignment|membership|prior_role|message)$/;
const escapeRe = (v: string) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Replace what legitimately differs between the two clouds. */
function normalise(v: unknown, side: Side, key = ''): unknown {
  if (Array.isArray(v)) {
    const items = v.map((x) => normalise(x, side));
    // keystone lists in backend order; compare as sets
    return key === 'methods' ? items : items.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  }
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (key === 'catalog' || key === 'endpoints' && Array.isArray(o)) return '<catalog>';
    return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, k === 'catalog' ? (Array.isArray(x) ? '<catalog>' : x) : normalise(x, side, k)]));
  }
  if (typeof v !== 'string') return v;
  let s = v;
  for (const [name, value] of Object.entries(side.vars).sort((a, b) => b[1].length - a[1].length)) {
    if (s === value && ID_KEYS.test(key)) { s = placeholder(name); break; }
    if (value.length >= 20) s = s.split(value).join(placeholder(name));
    else if (ID_KEYS.test(key)) s = s.replace(new RegExp(`(?<=/)${escapeRe(value)}(?=/|$|\\?|&)`, 'g'), placeholder(name));
  }
  return s
    .split(side.base).join('<base>')
    .replace(/^<base>\/v3\/([a-z_]+)\/([a-z_]+)$/, (m, coll: string, id: string) => side.vars[`${id}_id`] !== undefined || side.vars[`${id}_project`] !== undefined ? `<base>/v3/${coll}/<seed:${id}>` : m)
    .split(RUN).join('<run>')
    .replace(/gAAAAA[A-Za-z0-9_-]+/g, '<token>')
    .replace(/\b[0-9a-f]{32}\b/g, '<id>')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?/g, '<time>')
    .replace(/^[A-Za-z0-9_-]{22}$/, '<audit>')
    .replace(/\n\nFailed validating[\s\S]*$/, '');
}

type Step = { name: string; method: string; path: string; token?: string; body?: unknown; headers?: Record<string, string>; save?: (a: Answer, side: Side) => void; compare?: 'status' };

const tokenOf = (key: string) => (a: Answer, s: Side) => { if (a.headers['x-subject-token']) s.vars[key] = a.headers['x-subject-token']; };
const idOf = (key: string, pick: (b: any) => string | undefined) => (a: Answer, s: Side) => { const id = pick(a.body); if (id) s.vars[key] = id; };
const pw = (user: string, password: string, scope?: unknown) => ({ auth: { identity: { methods: ['password'], password: { user: { name: user, domain: { id: 'default' }, password } } }, ...(scope ? { scope } : {}) } });
const proj = (name: string) => ({ project: { name, domain: { id: 'default' } } });

const STEPS: Step[] = [
  { name: 'versions', method: 'GET', path: '/v3' },
  { name: 'admin login', method: 'POST', path: '/v3/auth/tokens', body: pw('admin', 'secret', proj('admin')), save: tokenOf('A') },
  { name: 'demo login', method: 'POST', path: '/v3/auth/tokens', body: pw('demo', 'secret', proj('demo')), save: tokenOf('D') },
  { name: 'wrong password', method: 'POST', path: '/v3/auth/tokens', body: pw('admin', 'nope', proj('admin')) },
  { name: 'unknown project', method: 'POST', path: '/v3/auth/tokens', body: pw('admin', 'secret', proj('nope')) },
  { name: 'demo on alt_demo', method: 'POST', path: '/v3/auth/tokens', body: pw('demo', 'secret', proj('alt_demo')) },
  { name: 'no identity', method: 'POST', path: '/v3/auth/tokens', body: { auth: {} } },
  { name: 'user without domain', method: 'POST', path: '/v3/auth/tokens', body: { auth: { identity: { methods: ['password'], password: { user: { name: 'admin', password: 'secret' } } } } } },
  { name: 'unsupported method', method: 'POST', path: '/v3/auth/tokens', body: { auth: { identity: { methods: ['totp'], totp: {} } } } },
  { name: 'admin system scope', method: 'POST', path: '/v3/auth/tokens', body: pw('admin', 'secret', { system: { all: true } }) },
  { name: 'demo unscoped id', method: 'POST', path: '/v3/auth/tokens', body: { auth: { identity: { methods: ['password'], password: { user: { id: '{demo_id}', password: 'secret' } } }, scope: 'unscoped' } } },
  { name: 'validate demo token', method: 'GET', path: '/v3/auth/tokens', token: 'A', headers: { 'x-subject-token': '{D}' } },
  { name: 'validate bogus', method: 'GET', path: '/v3/auth/tokens', token: 'A', headers: { 'x-subject-token': 'bogus' } },
  { name: 'validate without subject', method: 'GET', path: '/v3/auth/tokens', token: 'A' },
  { name: 'no token', method: 'GET', path: '/v3/projects' },
  { name: 'list projects admin', method: 'GET', path: '/v3/projects', token: 'A' },
  { name: 'list projects demo', method: 'GET', path: '/v3/projects', token: 'D' },
  { name: 'project by name', method: 'GET', path: '/v3/projects?name=demo', token: 'A' },
  { name: 'own project', method: 'GET', path: '/v3/projects/{demo_project}', token: 'D' },
  { name: 'other project', method: 'GET', path: '/v3/projects/{alt_project}', token: 'D' },
  { name: 'missing project', method: 'GET', path: '/v3/projects/nope', token: 'A' },
  { name: 'users by name', method: 'GET', path: '/v3/users?name=demo', token: 'A' },
  { name: 'demo sees itself', method: 'GET', path: '/v3/users/{demo_id}', token: 'D' },
  { name: 'demo lists users', method: 'GET', path: '/v3/users', token: 'D' },
  { name: 'demo own projects', method: 'GET', path: '/v3/users/{demo_id}/projects', token: 'D' },
  { name: 'auth projects', method: 'GET', path: '/v3/auth/projects', token: 'D' },
  { name: 'roles', method: 'GET', path: '/v3/roles?name=member', token: 'A', save: idOf('member', (b) => b.roles?.[0]?.id) },
  { name: 'role inferences', method: 'GET', path: '/v3/role_inferences', token: 'A' },
  { name: 'domains', method: 'GET', path: '/v3/domains', token: 'A' },
  { name: 'domain default as demo', method: 'GET', path: '/v3/domains/default', token: 'D' },
  { name: 'regions', method: 'GET', path: '/v3/regions', token: 'D' },
  { name: 'services as demo', method: 'GET', path: '/v3/services', token: 'D' },
  { name: 'create project', method: 'POST', path: '/v3/projects', token: 'A', body: { project: { name: `diff-p-${RUN}`, description: 'x', tags: ['t1'] } }, save: idOf('P', (b) => b.project?.id) },
  { name: 'duplicate project', method: 'POST', path: '/v3/projects', token: 'A', body: { project: { name: `diff-p-${RUN}` } } },
  { name: 'project bad name', method: 'POST', path: '/v3/projects', token: 'A', body: { project: { name: 1 } } },
  { name: 'project missing name', method: 'POST', path: '/v3/projects', token: 'A', body: { project: {} } },
  { name: 'project bad parent', method: 'POST', path: '/v3/projects', token: 'A', body: { project: { name: `diff-q-${RUN}`, parent_id: 'nope' } } },
  { name: 'child project', method: 'POST', path: '/v3/projects', token: 'A', body: { project: { name: `diff-c-${RUN}`, parent_id: '{P}' } }, save: idOf('C', (b) => b.project?.id) },
  { name: 'delete non-leaf', method: 'DELETE', path: '/v3/projects/{P}', token: 'A' },
  { name: 'project tags filter', method: 'GET', path: `/v3/projects?tags=t1&name=diff-p-${RUN}`, token: 'A' },
  { name: 'update project', method: 'PATCH', path: '/v3/projects/{P}', token: 'A', body: { project: { description: 'y', enabled: false } } },
  { name: 'create project as demo', method: 'POST', path: '/v3/projects', token: 'D', body: { project: { name: `diff-d-${RUN}` } } },
  { name: 'create user', method: 'POST', path: '/v3/users', token: 'A', body: { user: { name: `diff-u-${RUN}`, password: 'pw', email: 'u@example.com' } }, save: idOf('U', (b) => b.user?.id) },
  { name: 'duplicate user', method: 'POST', path: '/v3/users', token: 'A', body: { user: { name: `diff-u-${RUN}` } } },
  { name: 'user bad option', method: 'POST', path: '/v3/users', token: 'A', body: { user: { name: `diff-o-${RUN}`, options: { nope: true } } } },
  { name: 'create role', method: 'POST', path: '/v3/roles', token: 'A', body: { role: { name: `diff-r-${RUN}` } }, save: idOf('R', (b) => b.role?.id) },
  { name: 'duplicate role', method: 'POST', path: '/v3/roles', token: 'A', body: { role: { name: `diff-r-${RUN}` } } },
  { name: 'grant member on child', method: 'PUT', path: '/v3/projects/{C}/users/{U}/roles/{member}', token: 'A' },
  { name: 'check grant', method: 'HEAD', path: '/v3/projects/{C}/users/{U}/roles/{member}', token: 'A' },
  { name: 'check missing grant', method: 'HEAD', path: '/v3/projects/{C}/users/{U}/roles/{R}', token: 'A' },
  { name: 'grant unknown user', method: 'PUT', path: '/v3/projects/{C}/users/nope/roles/{member}', token: 'A' },
  { name: 'list grants', method: 'GET', path: '/v3/projects/{C}/users/{U}/roles', token: 'A' },
  { name: 'assignments direct', method: 'GET', path: '/v3/role_assignments?scope.project.id={C}', token: 'A' },
  { name: 'assignments effective named', method: 'GET', path: '/v3/role_assignments?scope.project.id={C}&effective&include_names', token: 'A' },
  { name: 'assignments user filter', method: 'GET', path: '/v3/role_assignments?user.id={U}&effective', token: 'A' },
  { name: 'assignments as demo', method: 'GET', path: '/v3/role_assignments', token: 'D' },
  { name: 'create group', method: 'POST', path: '/v3/groups', token: 'A', body: { group: { name: `diff-g-${RUN}` } }, save: idOf('G', (b) => b.group?.id) },
  { name: 'add to group', method: 'PUT', path: '/v3/groups/{G}/users/{U}', token: 'A' },
  { name: 'group grant', method: 'PUT', path: '/v3/projects/{C}/groups/{G}/roles/{R}', token: 'A' },
  { name: 'assignments group effective', method: 'GET', path: '/v3/role_assignments?scope.project.id={C}&effective', token: 'A' },
  { name: 'group effective conflict', method: 'GET', path: '/v3/role_assignments?group.id={G}&effective', token: 'A' },
  { name: 'user groups', method: 'GET', path: '/v3/users/{U}/groups', token: 'A' },
  { name: 'new user login', method: 'POST', path: '/v3/auth/tokens', body: pw(`diff-u-${RUN}`, 'pw', proj(`diff-c-${RUN}`)), save: tokenOf('UT') },
  { name: 'app cred create', method: 'POST', path: '/v3/users/{U}/application_credentials', token: 'UT', body: { application_credential: { name: 'ac', roles: [{ id: '{member}' }] } }, save: (a, s) => { const c = (a.body as any)?.application_credential; if (c) { s.vars.AC = c.id; s.vars.ACS = c.secret; } } },
  { name: 'app cred duplicate', method: 'POST', path: '/v3/users/{U}/application_credentials', token: 'UT', body: { application_credential: { name: 'ac' } } },
  { name: 'app cred for another user', method: 'POST', path: '/v3/users/{demo_id}/application_credentials', token: 'UT', body: { application_credential: { name: 'x' } } },
  { name: 'app cred list', method: 'GET', path: '/v3/users/{U}/application_credentials', token: 'UT' },
  { name: 'app cred auth', method: 'POST', path: '/v3/auth/tokens', body: { auth: { identity: { methods: ['application_credential'], application_credential: { id: '{AC}', secret: '{ACS}' } } } } },
  { name: 'app cred bad secret', method: 'POST', path: '/v3/auth/tokens', body: { auth: { identity: { methods: ['application_credential'], application_credential: { id: '{AC}', secret: 'nope' } } } } },
  { name: 'app cred as demo', method: 'GET', path: '/v3/users/{U}/application_credentials', token: 'D' },
  { name: 'app cred delete', method: 'DELETE', path: '/v3/users/{U}/application_credentials/{AC}', token: 'UT' },
  { name: 'revoke grant', method: 'DELETE', path: '/v3/projects/{C}/users/{U}/roles/{member}', token: 'A' },
  { name: 'revoke missing grant', method: 'DELETE', path: '/v3/projects/{C}/users/{U}/roles/{member}', token: 'A' },
  { name: 'delete immutable role', method: 'DELETE', path: '/v3/roles/{member}', token: 'A' },
  { name: 'delete group', method: 'DELETE', path: '/v3/groups/{G}', token: 'A' },
  { name: 'delete role', method: 'DELETE', path: '/v3/roles/{R}', token: 'A' },
  { name: 'delete user', method: 'DELETE', path: '/v3/users/{U}', token: 'A' },
  { name: 'delete child', method: 'DELETE', path: '/v3/projects/{C}', token: 'A' },
  { name: 'delete parent', method: 'DELETE', path: '/v3/projects/{P}', token: 'A' },
  { name: 'revoke demo token', method: 'DELETE', path: '/v3/auth/tokens', token: 'A', headers: { 'x-subject-token': '{D}' } },
  { name: 'validate revoked', method: 'GET', path: '/v3/auth/tokens', token: 'A', headers: { 'x-subject-token': '{D}' } },
];

async function seedVars(side: Side): Promise<void> {
  const login = await send(side, 'POST', '/v3/auth/tokens', undefined, pw('admin', 'secret', proj('admin')));
  const token = login.headers['x-subject-token']!;
  const get = async (p: string) => (await send(side, 'GET', p, token)).body as any;
  side.vars.demo_project = (await get('/v3/projects?name=demo')).projects[0].id;
  side.vars.alt_project = (await get('/v3/projects?name=alt_demo')).projects[0].id;
  side.vars.admin_project = (await get('/v3/projects?name=admin')).projects[0].id;
  side.vars.service_project = (await get('/v3/projects?name=service')).projects[0].id;
  side.vars.demo_id = (await get('/v3/users?name=demo')).users[0].id;
  side.vars.admin_id = (await get('/v3/users?name=admin')).users[0].id;
}

async function main(): Promise<void> {
  let close = async () => {};
  let novamockBase = process.env.NOVAMOCK_URL;
  if (!novamockBase) {
    const services = createServices(createRuntime(loadConfig({ LOG_LEVEL: 'silent', AUTH_MODE: process.env.AUTH_MODE ?? 'keystone' })));
    await services.compute.hosts.start();
    const app = await buildApp(services);
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    novamockBase = `${address}/identity`;
    close = async () => { await app.close(); services.runtime.db.close(); };
  }
  const sides: [Side, Side] = [{ name: 'keystone', base: KEYSTONE, vars: {} }, { name: 'novamock', base: novamockBase, vars: {} }];
  try {
    for (const s of sides) await seedVars(s);
    let same = 0;
    const differences: string[] = [];
    for (const step of STEPS) {
      const answers: Answer[] = [];
      for (const s of sides) {
        const a = await send(s, step.method, step.path, step.token, step.body, step.headers);
        step.save?.(a, s);
        answers.push(a);
      }
      const [k, n] = answers.map((a, i) => JSON.stringify({ status: a.status, body: step.compare === 'status' ? null : normalise(a.body, sides[i]!) }, null, 1)) as [string, string];
      if (k === n) { same++; continue; }
      differences.push(`--- ${step.name}: ${step.method} ${step.path}\n  keystone: ${k.replace(/\n\s*/g, ' ')}\n  novamock: ${n.replace(/\n\s*/g, ' ')}`);
    }
    for (const d of differences) console.log(d);
    console.log(`\nidentity diff against ${KEYSTONE}: ${STEPS.length} steps, ${same} identical, ${differences.length} different`);
    process.exitCode = differences.length === 0 ? 0 : 1;
  } finally {
    await close();
  }
}

void main();
