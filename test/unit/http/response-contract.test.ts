import { describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { Type } from 'typebox';
import { ResponseContract, installResponseContract, type ContractViolation } from '../../../src/http/response-contract.js';
import { operationNames } from '../../../src/http/openapi.js';

const Server = Type.Object({ server: Type.Object({ id: Type.String(), status: Type.String() }, { additionalProperties: false }) }, { additionalProperties: false });
const Fault = Type.Object({ itemNotFound: Type.Object({ code: Type.Integer(), message: Type.String() }, { additionalProperties: false }) }, { additionalProperties: false });

describe('ResponseContract', () => {
  const contract = new ResponseContract();
  const json = 'application/json';

  it('accepts an answer that matches the schema of its status', () => {
    expect(contract.check({ 200: Server }, 200, json, '{"server":{"id":"a","status":"ACTIVE"}}')).toEqual([]);
    expect(contract.check({ 200: Server, default: Fault }, 404, json, '{"itemNotFound":{"code":404,"message":"x"}}')).toEqual([]);
    expect(contract.check({ '2XX': Server }, 202, json, '{"server":{"id":"a","status":"BUILD"}}')).toEqual([]);
  });

  it('reports a field the schema does not declare, a missing one, a wrong type', () => {
    expect(contract.check({ 200: Server }, 200, json, '{"server":{"id":"a","status":"ACTIVE","extra":1}}').join()).toMatch(/additional properties: extra/);
    expect(contract.check({ 200: Server }, 200, json, '{"server":{"id":"a"}}').join()).toMatch(/required property 'status'/);
    expect(contract.check({ 200: Server }, 200, json, '{"server":{"id":1,"status":"ACTIVE"}}').join()).toMatch(/\/server\/id must be string/);
  });

  it('reports an undeclared status, and a body where none is declared (and the reverse)', () => {
    expect(contract.check({ 200: Server }, 201, json, '{}')).toEqual([expect.stringMatching(/status 201 is not declared/)]);
    expect(contract.check({ 204: Type.Null() }, 204, undefined, '')).toEqual([]);
    expect(contract.check({ 204: Type.Null() }, 204, json, '{}')).toEqual([expect.stringMatching(/declares no body/)]);
    expect(contract.check({ 200: Server }, 200, json, '')).toEqual([expect.stringMatching(/has no body/)]);
  });

  it('does not read bodies that are not JSON (HTML error pages)', () => {
    expect(contract.check({ 200: Server, default: Fault }, 404, 'text/html; charset=UTF-8', '<html></html>')).toEqual([]);
  });
});

describe('installResponseContract', () => {
  it('sees the answers of routes registered after it, encapsulated ones included, and can fail', async () => {
    const app = Fastify();
    app.setSerializerCompiler(() => (data) => JSON.stringify(data));
    const seen: ContractViolation[] = [];
    installResponseContract(app, (v) => seen.push(v));
    await app.register(async (svc) => {
      // a deliberately wrong schema: the route answers a status field the schema calls an integer
      svc.get('/wrong', { schema: { response: { 200: Type.Object({ server: Type.Object({ id: Type.String(), status: Type.Integer() }) }) } } }, async () => ({ server: { id: 'a', status: 'ACTIVE' } }));
      svc.get('/right', { schema: { response: { 200: Server } } }, async () => ({ server: { id: 'a', status: 'ACTIVE' } }));
      svc.get('/undocumented', async () => ({ anything: true }));
    }, { prefix: '/svc' });
    await app.ready();
    expect((await app.inject({ url: '/svc/right' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/svc/undocumented' })).statusCode).toBe(200);
    expect(seen).toEqual([]);
    const wrong = await app.inject({ url: '/svc/wrong' });
    // the answer itself is untouched: the check only reports
    expect(wrong.json()).toEqual({ server: { id: 'a', status: 'ACTIVE' } });
    expect(seen).toEqual([{ method: 'GET', url: '/svc/wrong', route: '/svc/wrong', status: 200, problems: ['/server/status must be integer'] }]);
    await app.close();
  });
});

describe('operationNames', () => {
  it('tags by service and resource and names by method and path', () => {
    expect(operationNames('compute', 'GET', '/servers/:server_id/os-instance-actions/:request_id'))
      .toEqual({ tags: ['compute: servers/os-instance-actions'], operationId: 'compute.getServerInstanceAction' });
    expect(operationNames('placement', 'PUT', '/resource_providers/{uuid}/inventories/{resource_class}'))
      .toEqual({ tags: ['placement: resource_providers/inventories'], operationId: 'placement.putResourceProviderInventory' });
    expect(operationNames('compute', 'POST', '/servers/:server_id/action').operationId).toBe('compute.postServerAction');
    expect(operationNames('identity', 'GET', '/v3/auth/tokens')).toEqual({ tags: ['identity: auth'], operationId: 'identity.getAuthTokens' });
    expect(operationNames('compute', 'GET', '/v2.1').operationId).toBe('compute.getVersionV21');
    expect(operationNames('compute', 'GET', '/')).toEqual({ tags: ['compute: versions'], operationId: 'compute.getRoot' });
  });
});
