// Server tags (2.26, server_tags.py): answers compared with the real Nova.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { ComputeClient } from '../../helpers/compute.js';

let t: TestApp;
let c: ComputeClient;
beforeAll(async () => { t = await createTestApp({ seed: true }); c = new ComputeClient(t.transport); });
afterAll(async () => { await t.close(); });

describe('server tags', () => {
  test('add, check, replace, delete; answers per nova', async () => {
    const { id } = await c.createServer({ name: 'tagged', extra: { tags: ['a'] } });
    const v = '2.26';
    expect((await c.call('GET', `/servers/${id}/tags`, { version: '2.25' })).status).toBe(404);
    expect((await c.call('GET', `/servers/${id}/tags`, { version: v })).body).toEqual({ tags: ['a'] });

    const added = await c.call('PUT', `/servers/${id}/tags/b`, { version: v });
    expect(added.status).toBe(201);
    expect(added.headers.location).toBe(`http://localhost:80/compute/v2.1/servers/${id}/tags/b`);
    expect((await c.call('PUT', `/servers/${id}/tags/b`, { version: v })).status).toBe(204);
    expect((await c.call('PUT', `/servers/${id}/tags/c`, { version: v, body: { x: 1 } })).body.badRequest.message).toBe("{'x': 1} is not of type 'null'");
    expect((await c.call('GET', `/servers/${id}/tags/b`, { version: v })).status).toBe(204);
    expect((await c.call('GET', `/servers/${id}/tags/zz`, { version: v })).body).toEqual({ itemNotFound: { code: 404, message: `Server ${id} has no tag 'zz'` } });
    expect((await c.call('DELETE', `/servers/${id}/tags/zz`, { version: v })).body).toEqual({ itemNotFound: { code: 404, message: `Instance ${id} has no tag 'zz'` } });
    // an encoded slash splits the segment, as webob decodes before routing
    expect((await c.call('PUT', `/servers/${id}/tags/a%2Fb`, { version: v })).status).toBe(404);

    expect((await c.call('PUT', `/servers/${id}/tags`, { version: v, body: { tags: ['x', 'y', 'x'] } })).body).toEqual({ tags: ['x', 'y'] });
    expect((await c.call('PUT', `/servers/${id}/tags`, { version: v, body: { tags: ['x,'] } })).body.badRequest.message)
      .toBe("Invalid input for field/attribute 0. Value: x,. 'x,' does not match '^[^,/]*$'");
    expect((await c.call('DELETE', `/servers/${id}/tags/x`, { version: v })).status).toBe(204);
    expect((await c.call('GET', `/servers/${id}`, { version: v })).body.server.tags).toEqual(['y']);
    expect((await c.call('DELETE', `/servers/${id}/tags`, { version: v })).status).toBe(204);
    expect((await c.call('GET', `/servers/${id}/tags`, { version: v })).body).toEqual({ tags: [] });
  });

  test('unknown servers and other projects', async () => {
    const unknown = await c.call('GET', '/servers/00000000-0000-0000-0000-000000000000/tags', { version: '2.26' });
    expect(unknown.body).toEqual({ itemNotFound: { code: 404, message: 'Instance 00000000-0000-0000-0000-000000000000 has no mapping to a cell.' } });
    const { id } = await c.createServer({ name: 'admins' });
    const other = await c.call('GET', `/servers/${id}/tags`, { version: '2.26', token: 'u:p' });
    expect(other.body).toEqual({ forbidden: { code: 403, message: "Policy doesn't allow os_compute_api:os-server-tags:index to be performed." } });
  });

  test('list filters tags / tags-any / not-tags / not-tags-any (2.26), as nova\'s JOIN ladders', async () => {
    const token = 'tagger:tp';
    const mk = async (name: string, tags: string[]) => (await c.createServer({ name, token, extra: { tags } })).id as string;
    const ab = await mk('ab', ['a', 'b']);
    const a = await mk('a', ['a']);
    const none = await mk('none', []);
    const names = async (q: string, version = '2.26') => ((await c.call('GET', `/servers?${q}`, { version, token })).body.servers as { name: string }[])
      .map((x) => x.name).sort();
    expect(await names('tags=a,b')).toEqual(['ab']);
    expect(await names('tags=a')).toEqual(['a', 'ab']);
    expect(await names('tags-any=b,zz')).toEqual(['ab']);
    expect(await names('not-tags=a,b')).toEqual(['a', 'none']);
    expect(await names('not-tags-any=a')).toEqual(['none']);
    expect(await names('tags=a&not-tags-any=b')).toEqual(['a']);
    // before 2.26 the options are not a user's to use: dropped
    expect(await names('tags=a,b', '2.25')).toEqual(['a', 'ab', 'none']);
    // no server here has an address: any ip filter matches none
    expect(await names('ip=10.0.0.1')).toEqual([]);
    for (const id of [ab, a, none]) await c.call('DELETE', `/servers/${id}`, { token });
  });
});
