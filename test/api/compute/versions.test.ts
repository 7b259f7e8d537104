// The wsgi layer of the compute API: version documents, microversion negotiation, request ids,
// auth, nova's fault envelope, body decoding and schema messages (nova-traces/api_basics.json).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { ComputeClient } from '../../helpers/compute.js';
import { InstanceNotFoundError, UnexpectedTaskStateError } from '../../../src/compute-db/instances-store.js';

let t: TestApp;
let c: ComputeClient;
beforeAll(async () => { t = await createTestApp({ seed: true }); c = new ComputeClient(t.transport); });
afterAll(async () => { await t.close(); });

const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers: { 'x-auth-token': 'admin', ...headers } });

describe('version documents', () => {
  test('GET /compute/ lists v2.0 and v2.1 without version headers or request id', async () => {
    const r = await get('/compute/');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({
      versions: [
        { id: 'v2.0', status: 'SUPPORTED', version: '', min_version: '', updated: '2011-01-21T11:33:21Z', links: [{ rel: 'self', href: 'http://localhost:80/compute/v2/' }] },
        { id: 'v2.1', status: 'CURRENT', version: '2.93', min_version: '2.1', updated: '2013-07-23T11:33:21Z', links: [{ rel: 'self', href: 'http://localhost:80/compute/v2.1/' }] },
      ],
    });
    expect(r.headers['openstack-api-version']).toBeUndefined();
    expect(r.headers['x-openstack-request-id']).toBeUndefined();
  });

  test.each(['/compute/v2.1', '/compute/v2.1/'])('GET %s is the v2.1 document with version headers', async (url) => {
    const r = await get(url);
    expect(r.statusCode).toBe(200);
    expect(r.json().version).toEqual({
      id: 'v2.1', status: 'CURRENT', version: '2.93', min_version: '2.1', updated: '2013-07-23T11:33:21Z',
      links: [{ rel: 'self', href: 'http://localhost:80/compute/v2.1/' }, { rel: 'describedby', type: 'text/html', href: 'http://docs.openstack.org/' }],
      'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.compute+json;version=2.1' }],
    });
    expect(r.headers['openstack-api-version']).toBe('compute 2.1');
    expect(r.headers['x-openstack-request-id']).toMatch(/^req-[0-9a-f-]{36}$/);
  });

  test('GET /compute/v2 is the v2.0 document, no version headers', async () => {
    const r = await get('/compute/v2');
    expect(r.json().version.id).toBe('v2.0');
    expect(r.json().version['media-types'][0].type).toBe('application/vnd.openstack.compute+json;version=2');
    expect(r.headers['openstack-api-version']).toBeUndefined();
    expect(r.headers['x-compute-request-id']).toBe(r.headers['x-openstack-request-id']);
  });

  test('GET /compute without a slash answers 300 choices', async () => {
    const r = await get('/compute');
    expect(r.statusCode).toBe(300);
    expect(r.json().choices.map((x: { id: string }) => x.id)).toEqual(['v2.0', 'v2.1']);
  });
});

describe('microversion negotiation', () => {
  test('no header is 2.1; both headers are echoed with Vary', async () => {
    const r = await get('/compute/v2.1/flavors');
    expect(r.headers['openstack-api-version']).toBe('compute 2.1');
    expect(r.headers['x-openstack-nova-api-version']).toBe('2.1');
    expect(r.headers.vary).toBe('OpenStack-API-Version, X-OpenStack-Nova-API-Version');
    expect(r.json().flavors[0]).not.toHaveProperty('description');
  });

  test.each([
    [{ 'x-openstack-nova-api-version': 'latest' }, '2.93'],
    [{ 'openstack-api-version': 'compute latest' }, '2.93'],
    [{ 'openstack-api-version': 'compute 2.60' }, '2.60'],
    // the new header wins over the legacy one
    [{ 'openstack-api-version': 'compute 2.60', 'x-openstack-nova-api-version': '2.10' }, '2.60'],
    // another service's entry is ignored: legacy header, then the default
    [{ 'openstack-api-version': 'placement 1.10', 'x-openstack-nova-api-version': '2.55' }, '2.55'],
  ])('%o negotiates %s', async (headers, version) => {
    const r = await get('/compute/v2.1/flavors', headers);
    expect(r.statusCode).toBe(200);
    expect(r.headers['openstack-api-version']).toBe(`compute ${version}`);
    expect(r.headers['x-openstack-nova-api-version']).toBe(version);
  });

  test.each(['2.94', '2.0', '3.0'])('%s is 406 computeFault echoing the request', async (v) => {
    const r = await get('/compute/v2.1/flavors', { 'x-openstack-nova-api-version': v });
    expect(r.statusCode).toBe(406);
    expect(r.json()).toEqual({ computeFault: { code: 406, message: `Version ${v} is not supported by the API. Minimum is 2.1 and maximum is 2.93.` } });
    expect(r.headers['x-openstack-nova-api-version']).toBe(v);
    expect(r.headers['content-type']).toBe('application/json; charset=UTF-8');
  });

  test('a malformed version is 400 without version headers', async () => {
    const r = await get('/compute/v2.1/flavors', { 'x-openstack-nova-api-version': 'foo' });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toEqual({ badRequest: { code: 400, message: 'API Version String foo is of invalid format. Must be of format MajorNum.MinorNum.' } });
    expect(r.headers['openstack-api-version']).toBeUndefined();
  });

  test('a route below its window answers 404 itemNotFound with version headers', async () => {
    const r = await c.call('PUT', '/flavors/1', { version: '2.54', body: { flavor: { description: 'x' } } });
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ itemNotFound: { code: 404, message: 'The resource could not be found.' } });
    expect(r.headers['openstack-api-version']).toBe('compute 2.54');
  });
});

describe('routing, auth and body decoding', () => {
  test('no token (or an empty one) is 401', async () => {
    const empty = await t.app.inject({ method: 'GET', url: '/compute/v2.1/servers', headers: { 'x-auth-token': '' } });
    expect(empty.statusCode).toBe(401);
    const r = await t.app.inject({ method: 'GET', url: '/compute/v2.1/servers' });
    expect(r.statusCode).toBe(401);
    expect(r.json()).toEqual({ error: { code: 401, message: 'The request you have made requires authentication.' } });
  });

  test('an unknown route or method is webob\'s HTML 404 (for Accept */*) with a request id', async () => {
    for (const [method, url] of [['GET', '/compute/v2.1/nosuch'], ['DELETE', '/compute/v2.1/flavors'], ['PATCH', '/compute/v2.1/flavors/1']]) {
      const r = await t.app.inject({ method: method as 'GET', url, headers: { 'x-auth-token': 'admin', accept: '*/*' } });
      expect(r.statusCode).toBe(404);
      expect(r.headers['content-type']).toBe('text/html; charset=UTF-8');
      expect(r.body).toContain('The resource could not be found.');
      expect(r.headers['x-openstack-request-id']).toMatch(/^req-/);
      expect(r.headers['openstack-api-version']).toBeUndefined();
    }
  });

  test('the double slash of nova\'s test client routes like a single one', async () => {
    const r = await get('/compute/v2.1//flavors/2', { 'x-openstack-nova-api-version': '2.1' });
    expect(r.statusCode).toBe(200);
    expect(r.json().flavor.name).toBe('m1.small');
  });

  test('bad JSON is "Malformed request body"; an empty body fails the schema', async () => {
    const bad = await c.call('POST', '/flavors', { raw: '{bad', contentType: 'application/json' });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ badRequest: { code: 400, message: 'Malformed request body' } });
    const empty = await c.call('POST', '/flavors', { raw: '', contentType: 'application/json' });
    expect(empty.body).toEqual({ badRequest: { code: 400, message: "None is not of type 'object'" } });
  });

  test('an unsupported content type is 415; text/plain is read as JSON', async () => {
    const form = await c.call('POST', '/flavors', { raw: '{"flavor": {}}', contentType: 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    expect(form.body).toEqual({ badMediaType: { code: 415, message: 'Unsupported Content-Type' } });
    const plain = await c.call('POST', '/flavors', { raw: '{"flavor": {}}', contentType: 'text/plain' });
    expect(plain.body.badRequest.message).toBe("Invalid input for field/attribute flavor. Value: {}. 'name' is a required property");
  });

  test('schema failures are worded like python-jsonschema inside nova\'s envelope', async () => {
    const extra = await c.call('POST', '/flavors', { body: { flavor: { name: 'x', ram: 1, vcpus: 1, disk: 1, bogus: 1 } } });
    expect(extra.body.badRequest.message).toBe(
      "Invalid input for field/attribute flavor. Value: {'name': 'x', 'ram': 1, 'vcpus': 1, 'disk': 1, 'bogus': 1}. Additional properties are not allowed ('bogus' was unexpected)");
    const pattern = await c.call('POST', '/flavors', { body: { flavor: { name: 'x', ram: 'abc', vcpus: 1, disk: 1 } } });
    expect(pattern.body.badRequest.message).toBe("Invalid input for field/attribute ram. Value: abc. 'abc' does not match '^[0-9]+$'");
    const minimum = await c.call('POST', '/flavors', { body: { flavor: { name: 'x', ram: 0, vcpus: 1, disk: 1 } } });
    expect(minimum.body.badRequest.message).toBe('Invalid input for field/attribute ram. Value: 0. 0 is less than the minimum of 1');
    const name = await c.call('POST', '/flavors', { body: { flavor: { name: ' x', ram: 1, vcpus: 1, disk: 1 } } });
    expect(name.body.badRequest.message).toBe("An invalid 'name' value was provided. The name must be: printable characters. Can not start or end with whitespace.");
    const root = await c.call('POST', '/flavors', { body: { flavors: {} } });
    expect(root.body.badRequest.message).toBe("'flavor' is a required property");
  });

  test('query schemas reject unknown parameters from 2.75', async () => {
    const old = await c.call('GET', '/flavors?foo=1', { version: '2.74' });
    expect(old.status).toBe(200);
    const strict = await c.call('GET', '/flavors?foo=1', { version: '2.75' });
    expect(strict.body).toEqual({ badRequest: { code: 400, message: "Additional properties are not allowed ('foo' was unexpected)" } });
    const limit = await c.call('GET', '/flavors?limit=abc');
    expect(limit.body.badRequest.message).toBe("Invalid input for query parameters limit. Value: abc. 'abc' does not match '^[0-9]*$'");
  });

  test('action bodies: one key, a known action', async () => {
    const none = await c.call('POST', '/flavors/1/action', { body: { bogus: {} } });
    expect(none.body).toEqual({ badRequest: { code: 400, message: 'There is no such action: bogus' } });
    const two = await c.call('POST', '/flavors/1/action', { body: { a: 1, b: 2 } });
    expect(two.body).toEqual({ badRequest: { code: 400, message: 'Malformed request body' } });
    const list = await c.call('POST', '/flavors/1/action', { body: [1] });
    expect(list.status).toBe(404);
  });
});

describe('content types', () => {
  test('success bodies are application/json without charset, faults carry charset=UTF-8', async () => {
    expect((await get('/compute/v2.1/flavors')).headers['content-type']).toBe('application/json');
    expect((await get('/compute/')).headers['content-type']).toBe('application/json');
    expect((await get('/compute/v2.1/flavors/nope')).headers['content-type']).toBe('application/json; charset=UTF-8');
  });
});

describe('unexpected failures', () => {
  test('an exception inside a handler is a 500 computeFault without a stack trace', async () => {
    const store = t.services.compute.store.flavors;
    const list = store.list;
    store.list = () => { throw new TypeError('boom'); };
    try {
      const r = await c.call('GET', '/flavors');
      expect(r.status).toBe(500);
      expect(r.body).toEqual({ computeFault: { code: 500, message: "Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/ and attach the Nova API log if possible.\n<class 'TypeError'>" } });
      expect(r.text).not.toContain('boom');
      expect(r.headers['openstack-api-version']).toBe('compute 2.1');
    } finally {
      store.list = list;
    }
  });

  test('store errors from the engine are classified: gone instance 404, task-state race 409', async () => {
    const { id } = await c.createServer({ name: 'racing' });
    const api = t.services.compute.api;
    const stop = api.power.stop;
    try {
      api.power.stop = async () => { throw new InstanceNotFoundError(`Instance ${id} could not be found.`); };
      expect((await c.action(id, { 'os-stop': null })).body).toEqual({ itemNotFound: { code: 404, message: `Instance ${id} could not be found.` } });
      api.power.stop = async () => { throw new UnexpectedTaskStateError(id, [null], 'powering-off'); };
      expect((await c.action(id, { 'os-stop': null })).body.conflictingRequest.message)
        .toBe(`Conflict updating instance ${id}. Expected: {'task_state': [None]}. Actual: {'task_state': 'powering-off'}`);
    } finally {
      api.power.stop = stop;
    }
  });

  test('a body over the limit is 413 overLimit', async () => {
    const small = await createTestApp({ seed: true, bodyLimit: 100 });
    try {
      const r = await small.app.inject({ method: 'POST', url: '/compute/v2.1/flavors', headers: { 'x-auth-token': 'admin', 'content-type': 'application/json' }, payload: JSON.stringify({ flavor: { name: 'x'.repeat(200) } }) });
      expect(r.statusCode).toBe(413);
      expect(r.json()).toEqual({ overLimit: { code: 413, message: 'Request is too large.' } });
    } finally {
      await small.close();
    }
  });
});

describe('HEAD', () => {
  test('version documents answer HEAD, API resources do not (nova\'s router has no HEAD)', async () => {
    expect((await t.app.inject({ method: 'HEAD', url: '/compute/v2.1/', headers: { 'x-auth-token': 'admin' } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'HEAD', url: '/compute/v2.1/servers', headers: { 'x-auth-token': 'admin' } })).statusCode).toBe(404);
  });
});
