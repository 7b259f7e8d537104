// Glance v2 image records: create, show, JSON-patch update, delete, visibility and ownership,
// glance's error pages. Behaviour checked against the real glance-api (scripts/image-live-diff.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { ADMIN, ALICE, BOB, errorMessage, ImageClient } from '../../helpers/image.js';

let t: TestApp;
let images: ImageClient;
beforeAll(async () => { t = await createTestApp(); images = new ImageClient(t.transport); });
afterAll(async () => { await t.close(); });

describe('create and show', () => {
  it('creates a queued image owned by the caller, with extra properties and tags', async () => {
    const res = await images.call('POST', '/v2/images', { token: ALICE, body: { name: 'a', disk_format: 'raw', container_format: 'bare', foo: 'bar', tags: ['x', 'x', 'y'] } });
    expect(res.status).toBe(201);
    const img = res.body;
    expect(res.headers.location).toBe(`http://localhost:80/image/v2/images/${img.id}`);
    expect(res.headers['openstack-image-import-methods']).toBe('glance-direct,web-download,copy-image');
    expect(img).toMatchObject({ name: 'a', status: 'queued', visibility: 'shared', owner: 'project-a', size: null, checksum: null, foo: 'bar', tags: ['x', 'y'], protected: false, os_hidden: false, min_ram: 0 });
    expect(Object.keys(img)[0]).toBe('foo');
    expect(img.self).toBe(`/v2/images/${img.id}`);
    const shown = await images.call('GET', `/v2/images/${img.id}`, { token: ALICE });
    expect(shown.body).toEqual(img);
  });

  it('keeps the seeded glance fixture images', async () => {
    const res = await images.call('GET', '/v2/images/155d900f-4e14-4e4c-a73d-069cbf4541e6', { token: BOB });
    expect(res.body).toMatchObject({ status: 'active', visibility: 'public', architecture: 'x86_64', kernel_id: 'nokernel' });
  });

  it('refuses read-only, reserved and invalid attributes as glance does', async () => {
    const cases: [unknown, number, string][] = [
      [{ self: 'x' }, 403, "Attribute 'self' is read-only."],
      [{ status: 'active' }, 403, "Attribute 'status' is read-only."],
      [{ os_glance_x: 'x' }, 403, 'Access was denied to this resource.'],
      [{ disk_format: 'bogus' }, 400, "Provided object does not match schema 'image': 'bogus' is not one of [None, 'ami', 'ari', 'aki', 'vhd', 'vhdx', 'vmdk', 'raw', 'qcow2', 'vdi', 'iso', 'ploop']"],
      [{ foo: 1 }, 400, "Provided object does not match schema 'image': 1 is not of type 'string'"],
      [{ visibility: 'public' }, 403, 'You are not authorized to complete publicize_image action.'],
      [{ owner: 'someone-else' }, 403, "You are not permitted to create images owned by 'someone-else'"],
    ];
    for (const [body, status, message] of cases) {
      const res = await images.call('POST', '/v2/images', { token: ALICE, body });
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(errorMessage(res.text).split('\n')[0]).toBe(message);
    }
  });

  it('answers malformed JSON and a reused id like glance', async () => {
    const bad = await images.call('POST', '/v2/images', { token: ALICE, raw: '{bad', headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
    expect(errorMessage(bad.text)).toBe('Malformed JSON in request body.');
    const id = 'a0d1a077-0707-4600-8935-c2680f4401e0';
    await images.as(ALICE).createImage({ id });
    const again = await images.call('POST', '/v2/images', { token: ALICE, body: { id } });
    expect(again.status).toBe(409);
    expect(errorMessage(again.text)).toBe(`Image ID ${id} already exists!`);
    // a deleted image's id stays taken
    expect((await images.call('DELETE', `/v2/images/${id}`, { token: ALICE })).status).toBe(204);
    expect((await images.call('POST', '/v2/images', { token: ALICE, body: { id } })).status).toBe(409);
  });

  it('renders errors as webob does for HTML, JSON and plain text', async () => {
    const html = await images.call('GET', '/v2/images/nope', { token: ALICE, headers: { accept: 'text/html' } });
    expect(html.headers['content-type']).toBe('text/html; charset=UTF-8');
    expect(html.text).toBe('<html>\n <head>\n  <title>404 Not Found</title>\n </head>\n <body>\n  <h1>404 Not Found</h1>\n  No image found with ID nope<br /><br />\n\n\n\n </body>\n</html>');
    const json = await images.call('GET', '/v2/images/nope', { token: ALICE });
    expect(json.text).toBe('{"message": "No image found with ID nope<br /><br />\\n\\n\\n", "code": "404 Not Found", "title": "Not Found"}');
    const text = await images.call('GET', '/v2/images/nope', { token: ALICE, headers: { accept: 'text/plain' } });
    expect(text.text).toBe('404 Not Found\n\nNo image found with ID nope\n\n   ');
    const notAllowed = await images.call('PATCH', '/v2/images', { token: ALICE });
    expect(notAllowed.status).toBe(405);
    expect(notAllowed.headers.allow).toBe('GET, POST');
    expect((await images.call('GET', '/v2/images', { token: null })).status).toBe(401);
    expect((await images.call('GET', '/', { token: null })).status).toBe(300);
  });
});

describe('JSON patch', () => {
  it('adds, replaces and removes properties and attributes', async () => {
    const img = await images.as(ALICE).createImage();
    const res = await images.as(ALICE).patchImage(img.id, [
      { op: 'add', path: '/name', value: 'n2' }, { op: 'add', path: '/k', value: 'v' }, { op: 'add', path: '/k', value: 'v2' },
      { op: 'replace', path: '/tags', value: ['t'] }, { op: 'replace', path: '/min_ram', value: 512 },
    ]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'n2', k: 'v2', tags: ['t'], min_ram: 512 });
    const removed = await images.as(ALICE).patchImage(img.id, [{ op: 'remove', path: '/k' }]);
    expect(removed.body.k).toBeUndefined();
  });

  it('refuses what glance refuses, with its status and message', async () => {
    const img = await images.as(ALICE).createImage();
    const cases: [unknown[], number, string][] = [
      [[{ op: 'replace', path: '/zz', value: 'v' }], 409, 'There was a conflict when trying to complete your request.'],
      [[{ op: 'remove', path: '/name' }], 403, 'Access was denied to this resource.'],
      [[{ op: 'replace', path: '/status', value: 'active' }], 403, "Attribute 'status' is read-only."],
      [[{ op: 'move', path: '/name' }], 400, 'Invalid operation: `move`. It must be one of the following: add, remove, replace.'],
      [[{ op: 'add', path: 'name', value: 'x' }], 400, 'Pointer `name` does not start with "/".'],
      [[{ op: 'add', path: '/name/x', value: 'x' }], 400, "Invalid JSON pointer for this resource: '/name/x'"],
      [[{ op: 'add', path: '/name' }], 400, 'Operation "add" requires a member named "value".'],
      [[{ op: 'replace', path: '/visibility', value: 'public' }], 403, 'You are not authorized to complete publicize_image action.'],
      [[{ op: 'replace', path: '/owner', value: 'x' }], 403, 'Access was denied to this resource.'],
    ];
    for (const [ops, status, message] of cases) {
      const res = await images.as(ALICE).patchImage(img.id, ops);
      expect(res.status, JSON.stringify(ops)).toBe(status);
      expect(errorMessage(res.text).split('\n')[0]).toBe(message);
    }
    const wrongType = await images.call('PATCH', `/v2/images/${img.id}`, { token: ALICE, body: [] });
    expect(wrongType.status).toBe(415);
    expect(wrongType.headers['accept-patch']).toBe('application/openstack-images-v2.0-json-patch, application/openstack-images-v2.1-json-patch');
    // the draft-4 media type: "add" of an existing attribute is a conflict
    const d4 = await images.call('PATCH', `/v2/images/${img.id}`, { token: ALICE, raw: JSON.stringify([{ add: '/name', value: 'x' }]), headers: { 'content-type': 'application/openstack-images-v2.0-json-patch' } });
    expect(d4.status).toBe(409);
    // nothing of a refused patch was applied
    expect((await images.call('GET', `/v2/images/${img.id}`, { token: ALICE })).body.name).toBe('img');
  });

  it('changes formats only while the image is queued', async () => {
    const img = await images.as(ALICE).createImage();
    expect((await images.as(ALICE).patchImage(img.id, [{ op: 'replace', path: '/disk_format', value: 'qcow2' }])).status).toBe(200);
    await images.call('PUT', `/v2/images/${img.id}/file`, { token: ALICE, raw: 'data', headers: { 'content-type': 'application/octet-stream' } });
    const res = await images.as(ALICE).patchImage(img.id, [{ op: 'replace', path: '/disk_format', value: 'raw' }]);
    expect(res.status).toBe(403);
    expect(errorMessage(res.text)).toBe('Attribute disk_format can be only replaced for a queued image.');
  });
});

describe('ownership, visibility and delete', () => {
  it('hides private images from other projects and lets only the owner change them', async () => {
    const priv = await images.as(ALICE).createImage({ visibility: 'private' });
    expect((await images.call('GET', `/v2/images/${priv.id}`, { token: BOB })).status).toBe(404);
    expect((await images.call('GET', `/v2/images/${priv.id}`, { token: ADMIN })).status).toBe(200);
    const community = await images.as(ALICE).createImage({ visibility: 'community' });
    expect((await images.call('GET', `/v2/images/${community.id}`, { token: BOB })).status).toBe(200);
    const denied = await images.as(BOB).patchImage(community.id, [{ op: 'replace', path: '/name', value: 'x' }]);
    expect(denied.status).toBe(403);
    expect(errorMessage(denied.text)).toBe('You do not own this image');
    expect((await images.call('DELETE', `/v2/images/${community.id}`, { token: BOB })).status).toBe(403);
    // community images are listed only when asked for (or by their owner)
    const bobList = (await images.call('GET', '/v2/images?limit=100', { token: BOB })).body.images.map((i: { id: string }) => i.id);
    expect(bobList).not.toContain(community.id);
    expect(bobList).not.toContain(priv.id);
    const bobCommunity = (await images.call('GET', '/v2/images?visibility=community', { token: BOB })).body.images.map((i: { id: string }) => i.id);
    expect(bobCommunity).toContain(community.id);
  });

  it('protects a protected image from delete, then deletes it', async () => {
    const img = await images.as(ALICE).createImage({ protected: true });
    const refused = await images.call('DELETE', `/v2/images/${img.id}`, { token: ALICE });
    expect(refused.status).toBe(403);
    expect(errorMessage(refused.text)).toBe(`Image ${img.id} is protected and cannot be deleted.`);
    await images.as(ALICE).patchImage(img.id, [{ op: 'replace', path: '/protected', value: false }]);
    expect((await images.call('DELETE', `/v2/images/${img.id}`, { token: ALICE })).status).toBe(204);
    expect((await images.call('GET', `/v2/images/${img.id}`, { token: ALICE })).status).toBe(404);
    const again = await images.call('DELETE', `/v2/images/${img.id}`, { token: ALICE });
    expect(errorMessage(again.text)).toBe(`Failed to find image ${img.id} to delete`);
  });

  it('adds and removes tags', async () => {
    const img = await images.as(ALICE).createImage();
    expect((await images.call('PUT', `/v2/images/${img.id}/tags/blue`, { token: ALICE })).status).toBe(204);
    expect((await images.call('PUT', `/v2/images/${img.id}/tags/blue`, { token: ALICE })).status).toBe(204);
    expect((await images.call('GET', `/v2/images/${img.id}`, { token: ALICE })).body.tags).toEqual(['blue']);
    expect((await images.call('DELETE', `/v2/images/${img.id}/tags/red`, { token: ALICE })).status).toBe(404);
    expect((await images.call('DELETE', `/v2/images/${img.id}/tags/blue`, { token: ALICE })).status).toBe(204);
    expect((await images.call('PUT', `/v2/images/${img.id}/tags/x`, { token: BOB })).status).toBe(404);
  });
});
