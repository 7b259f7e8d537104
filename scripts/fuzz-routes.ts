// A bounded, deterministic fuzz of every route of every service registered in buildApp: the
// routes come from Fastify's route table (onRoute), so a service added later is covered too.
// Each request bends one thing: the body (not JSON, wrong types, deep nesting, huge numbers,
// invalid UTF-8, prototype keys), a path parameter (empty, long, escapes, unicode), the query,
// a header (content type, accept, microversion, token, encodings) or the method. Over real
// loopback sockets it reports
//   - unanswered requests (no answer within --timeout-ms, or the connection dropped), and
//   - answers outside the service's own envelope (and every 5xx),
//   - answers outside the response schema their route declares (src/http/response-contract.ts),
// grouped by service, route and problem, with one example each.
//
//   npx tsx scripts/fuzz-routes.ts [--seed N] [--requests N] [--max-seconds S] [--concurrency N] [--timeout-ms MS] [--json FILE]
//
// Exit code 1 when anything was found. The cloud is reset (seeded) every 500 requests.
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import type { RouteOptions } from 'fastify';
import { Agent, request } from 'undici';
import { testConfig } from '../src/config.js';
import { createRuntime } from '../src/runtime/runtime.js';
import { seededRandom } from '../src/runtime/seeded-random.js';
import { buildApp, createServices } from '../src/app.js';
import type { ContractViolation } from '../src/http/response-contract.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '15' },
    requests: { type: 'string', default: '6000' },
    'max-seconds': { type: 'string', default: '240' },
    concurrency: { type: 'string', default: '4' },
    'timeout-ms': { type: 'string', default: '5000' },
    json: { type: 'string' },
  },
});
const SEED = Number(values.seed);
const REQUESTS = Number(values.requests);
const MAX_MS = Number(values['max-seconds']) * 1000;
const CONCURRENCY = Number(values.concurrency);
const TIMEOUT = Number(values['timeout-ms']);

function rng(seed: number) {
  const next = seededRandom(seed);
  return { next, pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!, chance: (p: number) => next() < p };
}
const r = rng(SEED);

// ---- the app, its route table ----
const routes: Array<{ method: string; url: string }> = [];
const services = createServices(createRuntime(testConfig({ seed: true, logLevel: 'silent' })));
await services.compute.hosts.start();
const contractViolations: ContractViolation[] = [];
const app = await buildApp(services, {
  responseContract: (v) => { contractViolations.push(v); },
  onRoute: (route: RouteOptions) => {
    for (const m of [route.method].flat()) if (m !== 'HEAD') routes.push({ method: m, url: route.url });
  },
});
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
const agent = new Agent({ connections: CONCURRENCY * 2, headersTimeout: TIMEOUT, bodyTimeout: TIMEOUT });
const fuzzable = routes.filter((x) => !x.url.startsWith('/docs'));

// ---- values to bend things with ----
const PARAMS = ['1', 'host1', '00000000-0000-0000-0000-000000000000', 'nope', '', ' ', '..', '%2F', '%ff', '%00', 'a'.repeat(300),
  '%E2%98%83', '-1', '0', '99999999999999999999', 'null', '%20x%20', 'x%3Fy', '[', '{}'];
const QUERIES = ['', '?limit=-1', '?limit=abc', '?limit=1&limit=2', '?marker=x', '?%ff=1', '?a=%ff', '?name=%5B', '?sort_key=x&sort_dir=sideways',
  '?resources=VCPU:1', '?resources=VCPU:abc', '?all_tenants=maybe', '?changes-since=yesterday', `?x=${'y'.repeat(3000)}`, '?deleted=true', '?member_of=in:', '?required=!'];
const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
const BODIES: Array<string | Buffer | undefined> = [undefined, '', 'null', '[]', '{}', '"s"', '1', 'true', '{"x":', '{"a":1}{', deep(5000), '1e999',
  '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"p":1}}}', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
  '{"server":{"name":1,"flavorRef":[],"imageRef":{}}}', '{"server":null}', '{"flavor":{"name":"x","ram":"1","vcpus":-1,"disk":1e400}}',
  '{"name":"\\ud800"}', '{"resource_provider_generation":"0","inventories":[]}', '{"allocations":{"x":{"resources":{"VCPU":1e308}}}}',
  '{"keypair":{"name":"k","type":"x509","public_key":7}}', '{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"a\\r\\nb","password":1}}}}}',
  JSON.stringify({ a: 'x'.repeat(200_000) })];
const CONTENT_TYPES = ['application/json', 'text/plain', 'application/json; charset=latin1', 'multipart/form-data; boundary=x', '', 'application/xml', 'application/x-www-form-urlencoded', 'application/json;;;'];
const ACCEPTS = [undefined, 'application/json', 'text/html', 'text/plain', '*/*', 'application/xml', 'garbage', 'application/json;q=0'];
const VERSIONS = [undefined, 'compute 2.999', 'placement 1.999', 'compute latest', 'placement latest', 'garbage', 'compute 2.1, compute 2.93', 'placement 1.a', 'volume 3.70', 'network 2.0', 'identity 3.14', 'image 2.16'];
const TOKENS: Array<string | undefined> = ['admin', 'admin', 'admin', 'alice:proj1', undefined, '', 'admin:projX', 'x'.repeat(5000), 'é:ü'];
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];

interface Case { method: string; path: string; route: string; headers: Record<string, string>; body: string | Buffer | undefined; what: string }

function makeCase(): Case {
  const route = r.pick(fuzzable);
  let method = route.method;
  let what = 'as routed';
  const headers: Record<string, string> = {};
  let body: string | Buffer | undefined;
  const token = r.pick(TOKENS);
  if (token !== undefined) headers['x-auth-token'] = token;
  const fill = (p: string) => p.replace(/:[A-Za-z_]+|\*/g, () => r.pick(PARAMS));
  let path = route.url.replace(/:[A-Za-z_]+|\*/g, () => r.pick(['1', 'host1', '00000000-0000-0000-0000-000000000000']));
  switch (Math.floor(r.next() * 6)) {
    case 0: path = fill(route.url); what = 'path parameter'; break;
    case 1: path += r.pick(QUERIES); what = 'query'; break;
    case 2: method = r.pick(METHODS); what = 'method'; break;
    case 3: {
      const v = r.pick(VERSIONS);
      if (v) headers['openstack-api-version'] = v;
      const a = r.pick(ACCEPTS);
      if (a) headers.accept = a;
      what = 'headers';
      break;
    }
    case 4: headers['content-encoding'] = r.pick(['gzip', 'br', 'identity', 'x-bogus']); what = 'content-encoding'; break;
    default: what = 'body';
  }
  if (method === 'POST' || method === 'PUT' || method === 'PATCH' || r.chance(0.1)) {
    body = r.pick(BODIES);
    const ct = r.pick(CONTENT_TYPES);
    if (body !== undefined && ct) headers['content-type'] = ct;
  }
  return { method, path, route: `${route.method} ${route.url}`, headers, body, what };
}

// ---- what each service's envelope looks like ----
type Check = (status: number, contentType: string, text: string) => string | null;
const json = (text: string): any => { try { return JSON.parse(text); } catch { return undefined; } };
const isPage = (status: number, text: string) => text.includes(`${status}`);
/** webob's error page as JSON (what glance, and nova's router, answer when JSON is accepted). */
const isWebobJson = (status: number, b: any) => typeof b?.message === 'string' && typeof b?.code === 'string' && b.code.startsWith(`${status} `);
const ENVELOPES: Array<{ prefix: string; name: string; check: Check }> = [
  { prefix: '/compute', name: 'compute', check: (s, ct, t) => {
    const b = json(t);
    if (b && typeof b === 'object') {
      const keys = Object.keys(b);
      if (keys.length === 1 && typeof b[keys[0]!]?.message === 'string' && b[keys[0]!]?.code === s) return null;
      // webob's JSON 404/405 page (nova's unrouted answer) and the version choices
      if ((s === 404 || s === 405) && typeof b.message === 'string' && typeof b.title === 'string') return null;
    }
    if ((s === 404 || s === 405) && /text\/(html|plain)/.test(ct) && isPage(s, t)) return null;
    return 'not a nova fault body';
  } },
  { prefix: '/placement', name: 'placement', check: (s, ct, t) => {
    const b = json(t);
    if (b && Array.isArray(b.errors) && b.errors[0]?.status === s) return null;
    // the auth middleware's 401 is webob's JSON page, as the real Placement's
    if (s === 401 && b?.code === '401 Unauthorized' && typeof b.message === 'string') return null;
    if (/text\/(html|plain)/.test(ct) && isPage(s, t)) return null;
    return 'not a placement errors body';
  } },
  { prefix: '/identity', name: 'identity', check: (s, _ct, t) => {
    const b = json(t);
    return b?.error?.code === s && typeof b.error.title === 'string' && typeof b.error.message === 'string' ? null : 'not a keystone error body';
  } },
  { prefix: '/image', name: 'image', check: (s, ct, t) => {
    const b = json(t);
    if (/text\/(plain|html)/.test(ct) && isPage(s, t)) return null;
    if (isWebobJson(s, b)) return null;
    if (b && (b.code === s || b.error?.code === s || Object.values(b).some((v: any) => v?.code === s))) return null;
    return 'not a glance error body';
  } },
  { prefix: '/networking', name: 'networking', check: (s, ct, t) => {
    const b = json(t);
    if (b?.NeutronError && typeof b.NeutronError.message === 'string') return null;
    // keystonemiddleware's 401 (the same for every service behind it) and webob's unrouted page
    if (s === 401 && b?.error?.code === 401 && typeof b.error.message === 'string') return null;
    if ((s === 404 || s === 405) && /text\/(html|plain)/.test(ct) && isPage(s, t)) return null;
    if (isWebobJson(s, b)) return null;
    return 'not a NeutronError body';
  } },
  { prefix: '/volume', name: 'volume', check: (s, ct, t) => {
    const b = json(t);
    if (b && typeof b === 'object') {
      const keys = Object.keys(b);
      if (keys.length === 1 && typeof b[keys[0]!]?.message === 'string' && b[keys[0]!]?.code === s) return null;
    }
    // cinder's unrouted answer is webob's 404/405 page, as nova's
    if ((s === 404 || s === 405) && /text\/(html|plain)/.test(ct) && isPage(s, t)) return null;
    return 'not a cinder fault body';
  } },
  { prefix: '/_mock', name: 'control plane', check: (_s, _ct, t) => (typeof json(t)?.error === 'string' ? null : 'not a control-plane error body') },
];
const serviceOf = (path: string) => ENVELOPES.find((e) => path === e.prefix || path.startsWith(`${e.prefix}/`) || path.startsWith(`${e.prefix}?`));

// ---- run ----
interface Finding { service: string; route: string; problem: string; count: number; example: string }
const findings = new Map<string, Finding>();
const note = (c: Case, service: string, problem: string, detail: string) => {
  const key = `${service}|${c.route}|${problem}`;
  const f = findings.get(key);
  if (f) { f.count++; return; }
  const body = c.body === undefined ? '' : ` body=${JSON.stringify(String(c.body).slice(0, 120))}`;
  findings.set(key, { service, route: c.route, problem, count: 1, example: `${c.method} ${c.path.slice(0, 200)} (${c.what}) headers=${JSON.stringify(c.headers).slice(0, 200)}${body} -> ${detail.slice(0, 300)}` });
};

let sent = 0;
let unanswered = 0;
let offEnvelope = 0;
let serverErrors = 0;
const statuses = new Map<number, number>();
const started = Date.now();

async function one(c: Case): Promise<void> {
  const svc = serviceOf(c.path);
  try {
    const res = await request(`${base}${c.path}`, {
      method: c.method as 'GET', headers: c.headers, body: c.body, dispatcher: agent,
      signal: AbortSignal.timeout(TIMEOUT),
    });
    const text = await res.body.text();
    statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
    // 501 is an answer nova gives on purpose (a driver without the feature); any other 5xx is a defect
    if (res.statusCode >= 500 && res.statusCode !== 501) {
      serverErrors++;
      note(c, svc?.name ?? 'outside', `${res.statusCode}`, text);
    }
    if (res.statusCode >= 400 && svc) {
      const problem = svc.check(res.statusCode, String(res.headers['content-type'] ?? ''), text);
      if (problem) { offEnvelope++; note(c, svc.name, `${res.statusCode} ${problem}`, `${res.headers['content-type']} ${text}`); }
    }
  } catch (err) {
    // undici refuses some inputs before sending (e.g. a header it cannot encode): not the server's
    const code = (err as { code?: string; name?: string }).code ?? (err as Error).name;
    if (code === 'UND_ERR_INVALID_ARG' || code === 'ERR_INVALID_CHAR' || code === 'ERR_INVALID_ARG_TYPE' || code === 'UND_ERR_NOT_SUPPORTED') return;
    unanswered++;
    note(c, svc?.name ?? 'outside', `unanswered (${code})`, (err as Error).message);
  }
}

async function reset(): Promise<void> {
  const res = await request(`${base}/_mock/reset`, { method: 'POST', headers: { 'x-auth-token': 'admin' }, dispatcher: agent });
  await res.body.text();
}

await reset();
while (sent < REQUESTS && Date.now() - started < MAX_MS) {
  const batch: Promise<void>[] = [];
  for (let i = 0; i < CONCURRENCY && sent < REQUESTS; i++, sent++) batch.push(one(makeCase()));
  await Promise.all(batch);
  if (sent % 500 < CONCURRENCY) await reset();
}

// answers outside their route's declared response schema, grouped by route, status and problem
const offSchema = contractViolations.length;
for (const v of contractViolations) {
  const svc = serviceOf(v.url)?.name ?? 'outside';
  const key = `${svc} ${v.route} schema ${v.status} ${v.problems[0]}`;
  const f = findings.get(key);
  if (f) f.count++;
  else findings.set(key, { service: svc, route: v.route, problem: `${v.status} outside its response schema: ${v.problems.slice(0, 3).join('; ')}`, count: 1, example: `${v.method} ${v.url.slice(0, 200)}` });
}
const list = [...findings.values()].sort((a, b) => a.service.localeCompare(b.service) || b.count - a.count);
console.log(`fuzz seed ${SEED}: ${fuzzable.length} routes, ${sent} requests in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`statuses: ${[...statuses.entries()].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}:${n}`).join(' ')}`);
console.log(`unanswered: ${unanswered}, outside the service's envelope: ${offEnvelope}, outside the response schema: ${offSchema}, 5xx: ${serverErrors}`);
for (const f of list) console.log(`- [${f.service}] ${f.route}: ${f.problem} (x${f.count})\n    ${f.example}`);
if (values.json) writeFileSync(values.json, JSON.stringify({ seed: SEED, routes: fuzzable.length, sent, unanswered, offEnvelope, offSchema, serverErrors, findings: list }, null, 1));
await agent.close();
await app.close();
services.runtime.db.close();
process.exit(unanswered + offEnvelope + offSchema + serverErrors > 0 ? 1 : 0);
