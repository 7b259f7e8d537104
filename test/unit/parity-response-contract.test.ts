// The parity run checks novamock's answers (received over HTTP) against the response schemas
// their routes declare: the checker finds the route as Fastify would and applies its schema.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerContract, type AnswerContract } from '../parity/lib/response-contract.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

let contract: AnswerContract;
let t: TestApp;
beforeAll(async () => { contract = await answerContract(); t = await createTestApp({ seed: true }); });
afterAll(async () => { await contract.close(); await t.close(); });

/** A real answer of novamock, recorded as the parity target records it. */
async function recorded(method: 'GET' | 'POST', url: string, headers: Record<string, string> = {}) {
  const r = await t.app.inject({ method, url, headers: { 'x-auth-token': 'admin', ...headers } });
  const ct = r.headers['content-type'];
  const v = r.headers['openstack-api-version'];
  return { method, url, status: r.statusCode, contentType: typeof ct === 'string' ? ct : undefined, apiVersion: typeof v === 'string' ? v : undefined, text: r.body };
}

describe('parity answer contract', () => {
  it('passes novamock\'s own answers', async () => {
    for (const [url, v] of [['/compute/v2.1/flavors/detail', '2.93'], ['/compute/v2.1/os-hypervisors/detail', '2.1'], ['/compute/v2.1/servers/nope', '2.93']] as const) {
      await contract.check(await recorded('GET', url, { 'openstack-api-version': `compute ${v}` }));
    }
    await contract.check(await recorded('GET', '/placement/resource_providers', { 'openstack-api-version': 'placement 1.39' }));
    expect(contract.take()).toEqual([]);
    expect(contract.counts).toEqual({ answers: 4, checked: 4 });
  });

  it('fails an answer its route does not declare, naming the route', async () => {
    const good = await recorded('GET', '/compute/v2.1/flavors/1', { 'openstack-api-version': 'compute 2.93' });
    const body = JSON.parse(good.text);
    delete body.flavor.ram;
    await contract.check({ ...good, text: JSON.stringify(body) });
    await contract.check({ ...good, status: 418 });
    const seen = contract.take();
    expect(seen.map((v) => [v.route, v.status])).toEqual([['/compute/v2.1/flavors/:flavor_id', 200], ['/compute/v2.1/flavors/:flavor_id', 418]]);
    expect(seen[0]!.problems.join(' ')).toMatch(/ram/);
  });

  it('checks a field against the answer\'s microversion', async () => {
    const show = await recorded('GET', '/compute/v2.1/flavors/1', { 'openstack-api-version': 'compute 2.54' });
    expect(JSON.parse(show.text).flavor.description).toBeUndefined();
    const body = JSON.parse(show.text);
    body.flavor.description = null; // a 2.55 field in a 2.54 answer
    await contract.check({ ...show, text: JSON.stringify(body) });
    expect(contract.take().flatMap((v) => v.problems)).toEqual(['/flavor/description is there from 2.55 only; the answer is 2.54']);
  });
});
