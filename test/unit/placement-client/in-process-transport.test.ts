// The in-process Placement transport calls the route table's handlers directly for the calls it
// can; every answer must be the one app.inject on the Placement plugin gives (status and body,
// request ids included: both sides draw them from the same seeded sequence).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../../src/config.js';
import { createRuntime } from '../../../src/runtime/runtime.js';
import { seededIds } from '../../../src/runtime/id-source.js';
import { createServices, type Services } from '../../../src/app.js';
import { createInProcessTransport } from '../../../src/placement-client/in-process-transport.js';
import { inProcessApp, type InProcessApp } from '../../../src/http/in-process-app.js';
import { placementPlugin } from '../../../src/placement/plugin.js';
import { parseJson, placementHeaders, type PlacementTransport } from '../../../src/placement-client/transport.js';

const RP = 'a3a5b3a0-1c1e-4c8e-9a57-3c4b1d2e9f01';
const CONSUMER = 'b0c1d2e3-f405-4617-8829-3a4b5c6d7e8f';
const MISSING = 'c0c1d2e3-f405-4617-8829-3a4b5c6d7e8f';
const owner = { project_id: 'p1', user_id: 'u1' };

// [method, path, version, body]
const CALLS: [string, string, string | null, unknown?][] = [
  ['GET', '/resource_providers', '1.14'],
  ['POST', '/resource_providers', '1.20', { uuid: RP, name: 'rp-one' }],
  ['POST', '/resource_providers', '1.20', { uuid: RP, name: 'rp-one' }],
  ['POST', '/resource_providers', '1.20', {}],
  ['PUT', `/resource_providers/${RP}/inventories`, '1.26', { resource_provider_generation: 7, inventories: { VCPU: { total: 8 } } }],
  ['PUT', `/resource_providers/${RP}/inventories`, '1.26', { resource_provider_generation: 0, inventories: { VCPU: { total: 8 }, MEMORY_MB: { total: 4096 } } }],
  ['GET', `/resource_providers/${RP}/inventories`, '1.26'],
  ['GET', '/allocation_candidates?resources=VCPU:1,MEMORY_MB:512&limit=10', '1.36'],
  ['GET', '/allocation_candidates?resources=BOGUS:1', '1.36'],
  ['GET', '/allocation_candidates?resources=VCPU:1&nonsense=1', '1.36'],
  ['PUT', `/allocations/${CONSUMER}`, '1.36', { allocations: { [RP]: { resources: { VCPU: 1 } } }, ...owner }],
  ['PUT', `/allocations/${CONSUMER}`, '1.36', { allocations: { [RP]: { resources: { VCPU: 1 } } }, ...owner, consumer_generation: null }],
  ['PUT', `/allocations/${CONSUMER}`, '1.36', { allocations: { [RP]: { resources: { VCPU: 1 } } }, ...owner, consumer_generation: null }],
  ['PUT', `/allocations/${MISSING}`, '1.36', { allocations: { [RP]: { resources: { VCPU: 100 } } }, ...owner, consumer_generation: null }],
  ['GET', `/allocations/${CONSUMER}`, '1.28'],
  ['GET', `/resource_providers/${RP}/allocations`, '1.14'],
  ['GET', `/resource_providers/${RP}/usages`, '1.14'],
  ['GET', `/resource_providers/${RP}/aggregates`, '1.19'],
  ['PUT', `/resource_providers/${RP}/aggregates`, '1.19', { aggregates: [MISSING], resource_provider_generation: 99 }],
  ['GET', '/traits?name=in:HW_CPU_X86_AVX2,CUSTOM_X', '1.6'],
  ['PUT', '/traits/CUSTOM_X', '1.6'],
  ['GET', `/resource_providers/${MISSING}`, '1.14'],
  ['GET', `/resource_providers?in_tree=${RP}`, '1.14'],
  ['GET', '/usages?project_id=p1', '1.9'],
  ['POST', '/allocations', '1.36', { [CONSUMER]: { allocations: {}, ...owner, consumer_generation: 1 } }],
  ['DELETE', `/allocations/${CONSUMER}`, null],
  ['DELETE', `/allocations/${CONSUMER}`, null],
  // off the direct path: these go through inject either way
  ['GET', '/resource_providers', '9.99'],
  ['GET', '/nowhere', '1.14'],
  ['PATCH', '/resource_providers', '1.14'],
  ['GET', '/resource_providers?name=a%20b', '1.14'],
  ['GET', '/usages', '1.8'],
  ['DELETE', `/resource_providers/${RP}`, '1.14'],
  ['GET', `/resource_providers/${RP}`, '1.14'],
];

let direct: Services;
let viaInject: Services;
let transport: PlacementTransport;
let app: InProcessApp;

beforeAll(() => {
  direct = createServices(createRuntime(testConfig({ seed: true }), { ids: seededIds(7) }));
  viaInject = createServices(createRuntime(testConfig({ seed: true }), { ids: seededIds(7) }));
  transport = createInProcessTransport(direct.placement);
  app = inProcessApp(viaInject.placement.runtime, 'placement-in-process', (a) => a.register(placementPlugin, { prefix: '', linkPrefix: '', service: viaInject.placement }));
});
afterAll(async () => {
  await transport.close();
  await app.close();
  direct.runtime.db.close();
  viaInject.runtime.db.close();
});

describe('in-process placement transport', () => {
  it('answers every call as app.inject on the Placement plugin does', async () => {
    const a = await app.get();
    for (const [method, path, version, body] of CALLS) {
      const got = await transport.request(method, path, version, body);
      const res = await a.inject({ method: method as 'GET', url: path, headers: placementHeaders(version, body !== undefined), ...(body !== undefined ? { payload: JSON.stringify(body) } : {}) });
      expect({ call: `${method} ${path} ${version}`, status: got.status, body: got.body })
        .toEqual({ call: `${method} ${path} ${version}`, status: res.statusCode, body: parseJson(res.body) });
    }
  });
});
