// The control plane's bodies are validated by the schemas that document them (mock-control/
// schemas.ts): a field they do not declare is refused (not stripped), a wrong value is a 400 in
// the control plane's {"error": ...} envelope that names the field, and nothing changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp({ seed: true }); });
afterAll(async () => { await t.close(); });

const call = async (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) => {
  const r = await t.app.inject({ method, url, headers: { 'x-auth-token': 'admin' }, ...(payload === undefined ? {} : { payload: payload as object }) });
  return { status: r.statusCode, body: r.body ? r.json() : undefined };
};
const hostNames = () => t.services.compute.hosts.list().map((h) => h.name);

describe('/_mock bodies', () => {
  it.each<[string, string, unknown, string]>([
    ['/_mock/hosts', 'an unknown field', { name: 'h9', extra: 1 }, "body must NOT have additional properties ('extra')"],
    ['/_mock/hosts', 'a non-positive size', { name: 'h9', vcpus: 0 }, 'body/vcpus must be >= 1'],
    ['/_mock/hosts', 'a string for a number (no coercion)', { name: 'h9', vcpus: '2' }, 'body/vcpus must be integer'],
    ['/_mock/hosts', 'an unknown driver', { name: 'h9', driver: 'fake' }, 'body/driver must be equal to one of the allowed values: FakeDriver, SmallFakeDriver, MediumFakeDriver'],
    ['/_mock/hosts', 'no body', undefined, 'body must be object'],
    ['/_mock/reset', 'a host with a bad trait', { hosts: [{ name: 'h9', traits: ['lower'] }] }, 'body/hosts/0/traits/0 must match pattern "^[A-Z0-9_]+$"'],
    ['/_mock/reset', 'an unknown profile', { profile: 'nope' }, 'body/profile must be equal to one of the allowed values: default, legacy-rbac, secure-rbac, open-policy, cors'],
    ['/_mock/reset', 'a non-boolean config switch', { config: { allow_resize_to_same_host: 'yes' } }, 'body/config/allow_resize_to_same_host must be boolean'],
    ['/_mock/reset', 'a fractional interval', { config: { periodic_interval: 1.5 } }, 'body/config/periodic_interval must be integer'],
    ['/_mock/reset', 'networking without routers', { networking: { networks: [] } }, "body/networking must have required property 'routers'"],
    ['/_mock/reset', 'a list body', [], 'body must be object'],
    ['/_mock/faults', 'an unknown operation', { operation: 'nope' }, 'body/operation must be equal to one of the allowed values: '],
    ['/_mock/faults', 'a negative count', { operation: 'spawn', times: -1 }, 'body/times must be >= 0'],
    ['/_mock/faults', 'an unknown error field', { operation: 'spawn', error: { other: 1 } }, "body/error must NOT have additional properties ('other')"],
    ['/_mock/progress', 'zero steps', { steps: 0 }, 'body/steps must be >= 1'],
  ])('POST %s with %s: 400 naming the field, nothing changed', async (url, _what, payload, message) => {
    const before = hostNames();
    const r = await call('POST', url, payload);
    expect(r.status).toBe(400);
    expect(Object.keys(r.body)).toEqual(['error']);
    expect(r.body.error.startsWith(message)).toBe(true);
    expect(hostNames()).toEqual(before);
    expect((await call('GET', '/_mock/faults')).body.faults).toEqual([]);
  });

  it('reset and progress take no body at all, or null; a fault takes null for its optional members', async () => {
    expect((await call('POST', '/_mock/reset')).status).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/_mock/reset', headers: { 'x-auth-token': 'admin', 'content-type': 'application/json' }, payload: 'null' })).statusCode).toBe(200);
    expect((await call('POST', '/_mock/progress')).status).toBe(409); // valid, but progression is immediate
    const f = await call('POST', '/_mock/faults', { operation: 'spawn', host: null, server: null, times: null, error: null });
    expect(f.status).toBe(201);
    expect(f.body.fault).toMatchObject({ operation: 'spawn', host: null, server: null, times: null, error: { type: 'TestingException', message: null }, fired: 0 });
    expect((await call('DELETE', '/_mock/faults')).status).toBe(204);
  });

  it('checks what no schema can: unique host names, a fault on an unknown host', async () => {
    expect(await call('POST', '/_mock/reset', { hosts: [{ name: 'a' }, { name: 'a' }] })).toEqual({ status: 400, body: { error: 'host names must be unique' } });
    expect(await call('POST', '/_mock/faults', { operation: 'spawn', host: 'nohost' })).toEqual({ status: 404, body: { error: 'no host nohost' } });
  });

  it('a valid host is added with what was given', async () => {
    const r = await call('POST', '/_mock/hosts', { name: 'h9', vcpus: 4, memory_mb: 2048, local_gb: 10, traits: ['CUSTOM_X'], driver: 'SmallFakeDriver' });
    expect(r.status).toBe(201);
    expect(r.body.host).toMatchObject({ name: 'h9', vcpus: 4, memory_mb: 2048, local_gb: 10, traits: ['CUSTOM_X'], driver: 'SmallFakeDriver' });
  });
});
