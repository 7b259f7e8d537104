// Request-by-request comparison of the image service with the real glance-api (Zed), run as
// glance-live in noauth mode (every request is an admin with no project):
//   /work/shared/reference/glance-live/run.sh 21692   (GLANCE_LIVE_AUTH=noauth)
//   REAL_URL=http://127.0.0.1:21692 MOCK_URL=http://127.0.0.1:21610/image npx tsx scripts/image-live-diff.ts
// Both sides get the same steps; ids, timestamps and request ids are normalised, `owner` too
// (noauth glance has no project; novamock's admin token has one). Prints each difference and
// a count; exits 1 when a step differs.
import { request } from 'undici';

const REAL = process.env.REAL_URL ?? 'http://127.0.0.1:21692';
const MOCK = process.env.MOCK_URL ?? 'http://127.0.0.1:21610/image';
const MOCK_TOKEN = process.env.MOCK_TOKEN ?? 'admin';

interface Step {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** `{a}` is replaced by the id the step named `a` created (on each side its own). */
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
  raw?: string;
  /** remember the created image's id under this name */
  save?: string;
  /** wait for background work (imports) before the step */
  settle?: boolean;
}

const J = { 'content-type': 'application/json', accept: 'application/json' };
const PATCH = { 'content-type': 'application/openstack-images-v2.1-json-patch', accept: 'application/json' };
const PATCH4 = { 'content-type': 'application/openstack-images-v2.0-json-patch', accept: 'application/json' };
const OCTET = { 'content-type': 'application/octet-stream', accept: 'application/json' };
const HTML = { accept: 'text/html' };
const TEXT = { accept: 'text/plain' };

const STEPS: Step[] = [
  { name: 'versions', method: 'GET', path: '/versions' },
  { name: 'schema image', method: 'GET', path: '/v2/schemas/image' },
  { name: 'schema images', method: 'GET', path: '/v2/schemas/images' },
  { name: 'schema member', method: 'GET', path: '/v2/schemas/member' },
  { name: 'schema members', method: 'GET', path: '/v2/schemas/members' },
  { name: 'info import', method: 'GET', path: '/v2/info/import' },
  { name: 'info stores', method: 'GET', path: '/v2/info/stores', headers: { accept: 'application/json' } },
  { name: 'create a', method: 'POST', path: '/v2/images', headers: J, body: { name: 'diff-a', disk_format: 'raw', container_format: 'bare', foo: 'bar', tags: ['t1'] }, save: 'a' },
  { name: 'create b', method: 'POST', path: '/v2/images', headers: J, body: { name: 'diff-b', disk_format: 'qcow2', container_format: 'bare', min_ram: 512 }, save: 'b' },
  { name: 'create with id', method: 'POST', path: '/v2/images', headers: J, body: { id: 'a0d1a077-0707-4600-8935-c2680f4401e0', name: 'fixed' }, save: 'c' },
  { name: 'create same id', method: 'POST', path: '/v2/images', headers: J, body: { id: 'a0d1a077-0707-4600-8935-c2680f4401e0', name: 'fixed' } },
  { name: 'create bad disk_format (html)', method: 'POST', path: '/v2/images', headers: { 'content-type': 'application/json', ...HTML }, body: { name: 'x', disk_format: 'bogus' } },
  { name: 'create bad disk_format (json)', method: 'POST', path: '/v2/images', headers: J, body: { name: 'x', disk_format: 'bogus' } },
  { name: 'create read-only self', method: 'POST', path: '/v2/images', headers: J, body: { self: 'x' } },
  { name: 'create read-only status', method: 'POST', path: '/v2/images', headers: J, body: { status: 'active' } },
  { name: 'create reserved', method: 'POST', path: '/v2/images', headers: J, body: { deleted: 'x' } },
  { name: 'create reserved ns', method: 'POST', path: '/v2/images', headers: J, body: { os_glance_x: 'x' } },
  { name: 'create non-string prop', method: 'POST', path: '/v2/images', headers: J, body: { foo: 1 } },
  { name: 'create malformed', method: 'POST', path: '/v2/images', headers: J, raw: '{bad' },
  { name: 'create no body', method: 'POST', path: '/v2/images', headers: J },
  { name: 'show a', method: 'GET', path: '/v2/images/{a}' },
  { name: 'show missing (html)', method: 'GET', path: '/v2/images/00000000-0000-0000-0000-000000000000', headers: HTML },
  { name: 'show missing (text)', method: 'GET', path: '/v2/images/nope', headers: TEXT },
  { name: 'unknown url', method: 'GET', path: '/v2/imagesx', headers: HTML },
  { name: '405', method: 'PATCH', path: '/v2/images', headers: HTML },
  { name: 'download queued', method: 'GET', path: '/v2/images/{a}/file' },
  { name: 'deactivate queued', method: 'POST', path: '/v2/images/{a}/actions/deactivate', headers: J },
  { name: 'upload wrong type', method: 'PUT', path: '/v2/images/{a}/file', headers: { 'content-type': 'application/json', accept: 'application/json' }, raw: 'abc' },
  { name: 'upload', method: 'PUT', path: '/v2/images/{a}/file', headers: OCTET, raw: 'hello world' },
  { name: 'show a active', method: 'GET', path: '/v2/images/{a}' },
  { name: 'upload again', method: 'PUT', path: '/v2/images/{a}/file', headers: OCTET, raw: 'hello world' },
  { name: 'download', method: 'GET', path: '/v2/images/{a}/file' },
  { name: 'download range', method: 'GET', path: '/v2/images/{a}/file', headers: { range: 'bytes=2-5' } },
  { name: 'download suffix range', method: 'GET', path: '/v2/images/{a}/file', headers: { range: 'bytes=-3' } },
  { name: 'download bad range', method: 'GET', path: '/v2/images/{a}/file', headers: { range: 'bytes=20-25', accept: 'application/json' } },
  { name: 'stage active', method: 'PUT', path: '/v2/images/{a}/stage', headers: OCTET, raw: 'x' },
  { name: 'deactivate', method: 'POST', path: '/v2/images/{a}/actions/deactivate', headers: J },
  { name: 'show deactivated', method: 'GET', path: '/v2/images/{a}' },
  { name: 'reactivate', method: 'POST', path: '/v2/images/{a}/actions/reactivate', headers: J },
  { name: 'patch wrong type', method: 'PATCH', path: '/v2/images/{a}', headers: J, body: [] },
  { name: 'patch not a list', method: 'PATCH', path: '/v2/images/{a}', headers: PATCH, body: {} },
  { name: 'patch bad op', method: 'PATCH', path: '/v2/images/{a}', headers: PATCH, body: [{ op: 'move', path: '/name' }] },
  { name: 'patch no value', method: 'PATCH', path: '/v2/images/{a}', headers: PATCH, body: [{ op: 'add', path: '/name' }] },
  { name: 'patch bad pointer', method: 'PATCH', path: '/v2/images/{a}', headers: PATCH, body: [{ op: 'add', path: 'name', value: 'x' }] },
  { name: 'patch deep pointer', method: 'PATCH', path: '/v2/images/{a}', headers: PATCH, body: [{ op: 'add', path: '/name/x', value: 'x' }] },
  { name: 'patch add props', method: 'PATCH', path: '/v2/images/{a}', headers: PATCH, body: [{ op: 'add', path: '/name', value: 'n2' }, { op: 'add', path: '/k', value: 'v' }, { op: 'add', path: '/k', value: 'v2' }] },
  { name: 'patch replace missing', method: 'PATCH', path: '/v2/images/{a}', headers: PATCH, body: [{ op: 'replace', path: '/zz', value: 'v' }] },
  { name: 'patch remove missing', method: 'PATCH', path: '/v2/images/{a}', headers: PATCH, body: [{ op: 'remove', path: '/nope' }] },
  { name: 'patch remove base', method: 'PATCH', path: '/v2/images/{a}', headers: PATCH, body: [{ op: 'remove', path: '/name' }] },
  { name: 'patch status', method: 'PATCH', path: '/v2/images/{a}', headers: PATCH, body: [{ op: 'replace', path: '/status', value: 'active' }] },
  { name: 'patch disk_format active', method: 'PATCH', path: '/v2/images/{a}', headers: PATCH, body: [{ op: 'replace', path: '/disk_format', value: 'qcow2' }] },
  { name: 'patch bad min_ram', method: 'PATCH', path: '/v2/images/{a}', headers: PATCH, body: [{ op: 'replace', path: '/min_ram', value: 'x' }] },
  { name: 'patch locations', method: 'PATCH', path: '/v2/images/{a}', headers: PATCH, body: [{ op: 'add', path: '/locations/-', value: { url: 'file:///x', metadata: {} } }] },
  { name: 'patch draft 4 add existing', method: 'PATCH', path: '/v2/images/{a}', headers: PATCH4, body: [{ add: '/k', value: 'v3' }] },
  { name: 'patch draft 4 replace', method: 'PATCH', path: '/v2/images/{a}', headers: PATCH4, body: [{ replace: '/k', value: 'v3' }] },
  { name: 'patch remove prop + tags', method: 'PATCH', path: '/v2/images/{a}', headers: PATCH, body: [{ op: 'remove', path: '/k' }, { op: 'replace', path: '/tags', value: ['z'] }] },
  { name: 'protect', method: 'PATCH', path: '/v2/images/{a}', headers: PATCH, body: [{ op: 'replace', path: '/protected', value: true }] },
  { name: 'delete protected', method: 'DELETE', path: '/v2/images/{a}', headers: { accept: 'application/json' } },
  { name: 'unprotect', method: 'PATCH', path: '/v2/images/{a}', headers: PATCH, body: [{ op: 'replace', path: '/protected', value: false }] },
  { name: 'tag add', method: 'PUT', path: '/v2/images/{b}/tags/blue' },
  { name: 'tag add again', method: 'PUT', path: '/v2/images/{b}/tags/blue' },
  { name: 'tag remove missing', method: 'DELETE', path: '/v2/images/{b}/tags/red', headers: { accept: 'application/json' } },
  { name: 'tag remove', method: 'DELETE', path: '/v2/images/{b}/tags/blue' },
  { name: 'members of shared', method: 'GET', path: '/v2/images/{b}/members' },
  { name: 'member add', method: 'POST', path: '/v2/images/{b}/members', headers: J, body: { member: 'proj-x' } },
  { name: 'member add again', method: 'POST', path: '/v2/images/{b}/members', headers: J, body: { member: 'proj-x' } },
  { name: 'member add no body', method: 'POST', path: '/v2/images/{b}/members', headers: J, body: {} },
  { name: 'member show', method: 'GET', path: '/v2/images/{b}/members/proj-x' },
  { name: 'member show missing', method: 'GET', path: '/v2/images/{b}/members/proj-y', headers: { accept: 'application/json' } },
  { name: 'member update', method: 'PUT', path: '/v2/images/{b}/members/proj-x', headers: J, body: { status: 'accepted' } },
  { name: 'member update bad', method: 'PUT', path: '/v2/images/{b}/members/proj-x', headers: J, body: { status: 'maybe' } },
  { name: 'member list', method: 'GET', path: '/v2/images/{b}/members' },
  { name: 'member delete', method: 'DELETE', path: '/v2/images/{b}/members/proj-x' },
  { name: 'make b private', method: 'PATCH', path: '/v2/images/{b}', headers: PATCH, body: [{ op: 'replace', path: '/visibility', value: 'private' }] },
  { name: 'members of private', method: 'GET', path: '/v2/images/{b}/members', headers: { accept: 'application/json' } },
  { name: 'import no method', method: 'POST', path: '/v2/images/{b}/import', headers: J, body: {} },
  { name: 'import unknown', method: 'POST', path: '/v2/images/{b}/import', headers: J, body: { method: { name: 'bogus' } } },
  { name: 'import not staged', method: 'POST', path: '/v2/images/{b}/import', headers: J, body: { method: { name: 'glance-direct' } } },
  { name: 'web-download (no DNS)', method: 'POST', path: '/v2/images/{b}/import', headers: J, body: { method: { name: 'web-download', uri: 'http://example.com/x.img' } } },
  { name: 'stage', method: 'PUT', path: '/v2/images/{b}/stage', headers: OCTET, raw: 'staged data' },
  { name: 'show staged', method: 'GET', path: '/v2/images/{b}' },
  { name: 'list', method: 'GET', path: '/v2/images?sort=name:asc' },
  { name: 'list limit', method: 'GET', path: '/v2/images?limit=1&sort=name:desc' },
  { name: 'list sort name', method: 'GET', path: '/v2/images?sort=name:asc' },
  { name: 'list sort_key', method: 'GET', path: '/v2/images?sort_key=name&sort_dir=asc&sort_key=size' },
  { name: 'list bad sort key', method: 'GET', path: '/v2/images?sort_key=foo', headers: { accept: 'application/json' } },
  { name: 'list bad sort dir', method: 'GET', path: '/v2/images?sort_dir=up', headers: { accept: 'application/json' } },
  { name: 'list mixed sort', method: 'GET', path: '/v2/images?sort=name&sort_key=id', headers: { accept: 'application/json' } },
  { name: 'list bad limit', method: 'GET', path: '/v2/images?limit=x', headers: { accept: 'application/json' } },
  { name: 'list negative limit', method: 'GET', path: '/v2/images?limit=-1', headers: { accept: 'application/json' } },
  { name: 'list bad marker', method: 'GET', path: '/v2/images?marker=00000000-0000-0000-0000-000000000000', headers: { accept: 'application/json' } },
  { name: 'list by name', method: 'GET', path: '/v2/images?name=diff-a' },
  { name: 'list name in', method: 'GET', path: '/v2/images?name=in:diff-a,fixed&sort=name:asc' },
  { name: 'list by status', method: 'GET', path: '/v2/images?status=uploading' },
  { name: 'list by tag', method: 'GET', path: '/v2/images?tag=z' },
  { name: 'list by property', method: 'GET', path: '/v2/images?foo=bar' },
  { name: 'list size range', method: 'GET', path: '/v2/images?size_min=5&size_max=20' },
  { name: 'list bad size range', method: 'GET', path: '/v2/images?size_min=x', headers: { accept: 'application/json' } },
  { name: 'list created_at', method: 'GET', path: '/v2/images?created_at=gte:2000-01-01T00:00:00Z&sort=name:asc' },
  { name: 'list bad created_at', method: 'GET', path: '/v2/images?created_at=gte:yesterday', headers: { accept: 'application/json' } },
  { name: 'list changes-since', method: 'GET', path: '/v2/images?changes-since=2000-01-01', headers: { accept: 'application/json' } },
  { name: 'list bad visibility', method: 'GET', path: '/v2/images?visibility=x', headers: { accept: 'application/json' } },
  { name: 'list private', method: 'GET', path: '/v2/images?visibility=private' },
  { name: 'delete a', method: 'DELETE', path: '/v2/images/{a}' },
  { name: 'show deleted', method: 'GET', path: '/v2/images/{a}', headers: { accept: 'application/json' } },
  { name: 'delete again', method: 'DELETE', path: '/v2/images/{a}', headers: { accept: 'application/json' } },
  { name: 'create deleted id', method: 'POST', path: '/v2/images', headers: J, body: { id: '{a}' } },
];

interface Answer { status: number; contentType: string; body: string; headers: Record<string, string> }

async function send(base: string, step: Step, ids: Map<string, string>, token: string | null): Promise<Answer> {
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (_, n: string) => ids.get(n) ?? n);
  const headers: Record<string, string> = { ...(step.headers ?? {}) };
  if (token) headers['x-auth-token'] = token;
  const body = step.raw ?? (step.body === undefined ? undefined : fill(JSON.stringify(step.body)));
  // uwsgi's http-socket closes connections: one connection per request
  const res = await request(`${base}${fill(step.path)}`, { method: step.method, headers, body, reset: true });
  const text = await res.body.text();
  const h: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) h[k.toLowerCase()] = String(v);
  return { status: res.statusCode, contentType: (h['content-type'] ?? '').split(';')[0]!, body: text, headers: h };
}

function normalise(text: string, ids: Map<string, string>): string {
  let out = text;
  for (const [name, id] of ids) out = out.split(id).join(`<${name}>`);
  return out
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/g, '<ts>')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')
    .replace(/http:\/\/[^/"]+(\/image)?\/v2\//g, 'http://<host>/v2/');
}

function comparable(a: Answer, ids: Map<string, string>): unknown {
  const text = normalise(a.body, ids);
  if (a.contentType === 'application/json') {
    try {
      const v = JSON.parse(text) as unknown;
      const strip = (x: unknown): unknown => {
        if (Array.isArray(x)) return x.map(strip);
        if (x && typeof x === 'object') {
          const o: Record<string, unknown> = {};
          for (const [k, val] of Object.entries(x)) if (k !== 'owner') o[k] = strip(val);
          return o;
        }
        return x;
      };
      return strip(v);
    } catch { return text; }
  }
  return text;
}

async function main(): Promise<void> {
  const realIds = new Map<string, string>();
  const mockIds = new Map<string, string>();
  let differences = 0;
  for (const step of STEPS) {
    if (step.settle) await new Promise((r) => setTimeout(r, 1500));
    const real = await send(REAL, step, realIds, null);
    const mock = await send(MOCK, step, mockIds, MOCK_TOKEN);
    if (step.save && real.status === 201) realIds.set(step.save, (JSON.parse(real.body) as { id: string }).id);
    if (step.save && mock.status === 201) mockIds.set(step.save, (JSON.parse(mock.body) as { id: string }).id);
    // seeded images (the nova fixture) exist only on novamock: leave them out of lists
    const drop = (a: Answer) => {
      if (a.contentType !== 'application/json' || !a.body.includes('"images"')) return a;
      const v = JSON.parse(a.body) as { images?: { name: string }[] };
      if (!v.images) return a;
      v.images = v.images.filter((i) => !/^fakeimage/.test(i.name ?? ''));
      return { ...a, body: JSON.stringify(v) };
    };
    const r = comparable(drop(real), realIds);
    const m = comparable(drop(mock), mockIds);
    const problems: string[] = [];
    if (real.status !== mock.status) problems.push(`status ${real.status} vs ${mock.status}`);
    if (real.contentType !== mock.contentType) problems.push(`content-type ${real.contentType} vs ${mock.contentType}`);
    if (JSON.stringify(r) !== JSON.stringify(m)) problems.push(`body\n    real: ${JSON.stringify(r).slice(0, 600)}\n    mock: ${JSON.stringify(m).slice(0, 600)}`);
    for (const h of ['location', 'content-range', 'content-md5', 'allow', 'accept-patch', 'openstack-image-import-methods']) {
      const rv = real.headers[h] === undefined ? undefined : normalise(real.headers[h]!, realIds);
      const mv = mock.headers[h] === undefined ? undefined : normalise(mock.headers[h]!, mockIds);
      if (rv !== mv) problems.push(`header ${h}: ${rv} vs ${mv}`);
    }
    if (problems.length) {
      differences++;
      console.log(`DIFF ${step.method} ${step.path} (${step.name}):\n  ${problems.join('\n  ')}`);
    }
  }
  console.log(`${STEPS.length} steps, ${STEPS.length - differences} identical, ${differences} different`);
  process.exitCode = differences ? 1 : 0;
}

await main();
