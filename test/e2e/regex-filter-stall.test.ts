// GET /servers regex filters run in linear time (RE2): a catastrophic-backtracking pattern
// against a matching-prefix name cannot hold the event loop, so a concurrent GET /placement/
// is answered at once. With V8's backtracking engine this name (52 'a's, then '!') keeps the
// loop busy for seconds (about 0.4 s at 46 characters, doubling every character or two).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { ComputeClient, IMAGE } from '../helpers/compute.js';
import { startCloud, type Cloud } from '../helpers/app.js';

let cloud: Cloud;
let c: ComputeClient;
const NAME = `${'a'.repeat(52)}!`;

beforeAll(async () => {
  cloud = await startCloud();
  c = new ComputeClient(cloud.transport, { token: 'alice:proj1', version: '2.93' });
  const r = await c.call('POST', '/servers', { body: { server: { name: NAME, flavorRef: '1', imageRef: IMAGE, networks: 'none' } } });
  expect(r.status).toBe(202);
  await c.call('POST', '/servers', { body: { server: { name: 'web-instance-12', flavorRef: '1', imageRef: IMAGE, networks: 'none' } } });
});
afterAll(async () => { await cloud.close(); });

describe('regex filters cannot stall the server', () => {
  it('a pathological name filter and a concurrent GET /placement/ both answer promptly', async () => {
    const started = performance.now();
    const list = c.call('GET', `/servers?name=${encodeURIComponent('^(a+)+a{25}$')}`);
    const placement = request(`${cloud.baseUrl}/placement/`).then(async (r) => { await r.body.text(); return { status: r.statusCode, at: performance.now() - started }; });
    const [l, p] = await Promise.all([list, placement]);
    expect(l.status).toBe(200);
    expect(l.body.servers).toEqual([]);
    expect(p.status).toBe(200);
    // orders of magnitude below the backtracking cost, far above any scheduling noise
    expect(p.at).toBeLessThan(3000);
  }, 10_000);

  it('Python syntax RE2 shares works, as tempest sends it', async () => {
    const r = await c.call('GET', `/servers?name=${encodeURIComponent('^.*\\-instance\\-[0-9]+$')}`);
    expect(r.status).toBe(200);
    expect(r.body.servers.map((s: { name: string }) => s.name)).toEqual(['web-instance-12']);
    const py = await c.call('GET', `/servers?name=${encodeURIComponent('(?P<w>web)\\-inst')}`);
    expect(py.body.servers.map((s: { name: string }) => s.name)).toEqual(['web-instance-12']);
  });

  it('an invalid pattern is nova\'s 400, valid Python RE2 cannot run is a clear 400', async () => {
    const bad = await c.call('GET', `/servers?name=${encodeURIComponent('[a')}`);
    expect(bad.status).toBe(400);
    expect(bad.body.badRequest.message).toBe("Invalid input for query parameters name. Value: [a. '[a' is not a 'regex'");
    const look = await c.call('GET', `/servers?name=${encodeURIComponent('a(?=a)')}`);
    expect(look.status).toBe(400);
    expect(look.body.badRequest.message).toMatch(/look-around/);
  });
});
