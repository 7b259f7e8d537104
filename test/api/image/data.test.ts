// Image data: uploads with checksums, downloads with ranges, the size cap, the status machine
// (queued -> saving -> active, deactivated), stage + import (glance-direct, web-download
// without internet), and the tasks an import leaves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { ADMIN, ALICE, BOB, errorMessage, md5, sha512, ImageClient } from '../../helpers/image.js';

let t: TestApp;
let images: ImageClient;
beforeAll(async () => { t = await createTestApp({ imageSizeCap: 64 * 1024 }); images = new ImageClient(t.transport); });
afterAll(async () => { await t.close(); });

const DATA = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));

describe('upload and download', () => {
  it('stores the data with size, md5 checksum and sha512 multihash, and serves it back', async () => {
    const img = await images.as(ALICE).createImage();
    const up = await images.as(ALICE).uploadImage(img.id, DATA);
    expect(up.status).toBe(204);
    const shown = (await images.call('GET', `/v2/images/${img.id}`, { token: ALICE })).body;
    expect(shown).toMatchObject({ status: 'active', size: 5000, virtual_size: 5000, checksum: md5(DATA), os_hash_algo: 'sha512', os_hash_value: sha512(DATA) });
    const down = await images.call('GET', `/v2/images/${img.id}/file`, { token: ALICE });
    expect(down.status).toBe(200);
    expect(down.headers['content-md5']).toBe(md5(DATA));
    expect(down.headers['content-length']).toBe('5000');
    expect(Buffer.compare(down.payload, DATA)).toBe(0);
  });

  it('serves byte ranges, and 416 outside the data', async () => {
    const img = await images.as(ALICE).createImage();
    await images.as(ALICE).uploadImage(img.id, 'hello world');
    const part = await images.call('GET', `/v2/images/${img.id}/file`, { token: ALICE, headers: { range: 'bytes=2-5' } });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe('bytes 2-5/11');
    expect(part.text).toBe('llo ');
    const suffix = await images.call('GET', `/v2/images/${img.id}/file`, { token: ALICE, headers: { range: 'bytes=-3' } });
    expect(suffix.text).toBe('rld');
    const open = await images.call('GET', `/v2/images/${img.id}/file`, { token: ALICE, headers: { range: 'bytes=6-' } });
    expect(open.text).toBe('world');
    const bad = await images.call('GET', `/v2/images/${img.id}/file`, { token: ALICE, headers: { range: 'bytes=20-25' } });
    expect(bad.status).toBe(416);
    expect(JSON.parse(bad.text).message).toContain('Start position MUST be in the inclusive range [0, 10].');
  });

  it('answers 204 for an image without data, 409 for a second upload, 415 for another media type', async () => {
    const img = await images.as(ALICE).createImage();
    expect((await images.call('GET', `/v2/images/${img.id}/file`, { token: ALICE })).status).toBe(204);
    const wrong = await images.call('PUT', `/v2/images/${img.id}/file`, { token: ALICE, raw: 'x', headers: { 'content-type': 'application/json' } });
    expect(wrong.status).toBe(415);
    expect((await images.call('GET', `/v2/images/${img.id}`, { token: ALICE })).body.status).toBe('queued');
    await images.as(ALICE).uploadImage(img.id, 'abc');
    const again = await images.as(ALICE).uploadImage(img.id, 'abc');
    expect(again.status).toBe(409);
    expect(errorMessage(again.text)).toBe('Image status transition from active to saving is not allowed');
    expect((await images.as(BOB).uploadImage(img.id, 'abc')).status).toBe(404);
  });

  it('refuses data over the size cap with 413 and leaves the image queued for a retry', async () => {
    const img = await images.as(ALICE).createImage();
    const big = await images.as(ALICE).uploadImage(img.id, Buffer.alloc(64 * 1024 + 1));
    expect(big.status).toBe(413);
    expect((await images.call('GET', `/v2/images/${img.id}`, { token: ALICE })).body).toMatchObject({ status: 'queued', size: null });
    expect((await images.as(ALICE).uploadImage(img.id, Buffer.alloc(64 * 1024))).status).toBe(204);
    expect((await images.call('GET', `/v2/images/${img.id}`, { token: ALICE })).body).toMatchObject({ status: 'active', size: 64 * 1024 });
  });
});

describe('status machine', () => {
  it('deactivates and reactivates an active image; data is forbidden to non-admins meanwhile', async () => {
    const img = await images.as(ALICE).createImage({ visibility: 'community' });
    const early = await images.call('POST', `/v2/images/${img.id}/actions/deactivate`, { token: ALICE });
    expect(early.status).toBe(403);
    expect(errorMessage(early.text)).toBe("Not allowed to deactivate image in status 'queued'");
    await images.as(ALICE).uploadImage(img.id, 'abc');
    expect((await images.call('POST', `/v2/images/${img.id}/actions/deactivate`, { token: ALICE })).status).toBe(204);
    expect((await images.call('GET', `/v2/images/${img.id}`, { token: ALICE })).body.status).toBe('deactivated');
    expect((await images.call('GET', `/v2/images/${img.id}/file`, { token: BOB })).status).toBe(403);
    expect((await images.call('GET', `/v2/images/${img.id}/file`, { token: ADMIN })).status).toBe(200);
    expect((await images.call('POST', `/v2/images/${img.id}/actions/reactivate`, { token: ALICE })).status).toBe(204);
    expect((await images.call('GET', `/v2/images/${img.id}/file`, { token: BOB })).text).toBe('abc');
  });

  it('stages and imports with glance-direct: queued -> uploading -> importing -> active', async () => {
    const img = await images.as(ALICE).createImage();
    const notStaged = await images.call('POST', `/v2/images/${img.id}/import`, { token: ALICE, body: { method: { name: 'glance-direct' } } });
    expect(notStaged.status).toBe(409);
    const staged = await images.call('PUT', `/v2/images/${img.id}/stage`, { token: ALICE, raw: 'staged data', headers: { 'content-type': 'application/octet-stream' } });
    expect(staged.status).toBe(204);
    expect((await images.call('GET', `/v2/images/${img.id}`, { token: ALICE })).body).toMatchObject({ status: 'uploading', size: 11, checksum: null });
    const imp = await images.call('POST', `/v2/images/${img.id}/import`, { token: ALICE, body: { method: { name: 'glance-direct' } } });
    expect(imp.status).toBe(202);
    await t.services.image.idle();
    const done = (await images.call('GET', `/v2/images/${img.id}`, { token: ALICE })).body;
    expect(done).toMatchObject({ status: 'active', size: 11, checksum: md5('staged data') });
    expect(done.os_glance_import_task).toBeUndefined();
    expect((await images.call('GET', `/v2/images/${img.id}/file`, { token: ALICE })).text).toBe('staged data');
    const tasks = (await images.call('GET', `/v2/images/${img.id}/tasks`, { token: ALICE })).body.tasks;
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ type: 'api_image_import', status: 'success', image_id: img.id });
  });

  it('web-download: a host name does not pass filtering (no DNS); an address fails in the task and the image goes back to queued', async () => {
    const img = await images.as(ALICE).createImage();
    const named = await images.call('POST', `/v2/images/${img.id}/import`, { token: ALICE, body: { method: { name: 'web-download', uri: 'http://example.com/x.img' } } });
    expect(named.status).toBe(400);
    expect(errorMessage(named.text)).toBe('URI for web-download does not pass filtering: http://example.com/x.img');
    const byAddress = await images.call('POST', `/v2/images/${img.id}/import`, { token: ALICE, body: { method: { name: 'web-download', uri: 'http://192.0.2.1/x.img' } } });
    expect(byAddress.status).toBe(202);
    await t.services.image.idle();
    expect((await images.call('GET', `/v2/images/${img.id}`, { token: ALICE })).body.status).toBe('queued');
    const [task] = (await images.call('GET', `/v2/images/${img.id}/tasks`, { token: ALICE })).body.tasks;
    expect(task.status).toBe('failure');
  });

  it('answers import requests glance refuses', async () => {
    const img = await images.as(ALICE).createImage();
    const cases: [unknown, number, string][] = [
      [{}, 400, "Import request requires a 'method' field."],
      [{ method: {} }, 400, "Import request requires a 'name' field."],
      [{ method: { name: 'bogus' } }, 400, "Unknown import method name 'bogus'."],
    ];
    for (const [body, status, msg] of cases) {
      const res = await images.call('POST', `/v2/images/${img.id}/import`, { token: ALICE, body });
      expect(res.status).toBe(status);
      expect(errorMessage(res.text)).toBe(msg);
    }
    const info = (await images.call('GET', '/v2/info/import', { token: ALICE })).body;
    expect(info['import-methods'].value).toEqual(['glance-direct', 'web-download', 'copy-image']);
  });

  it('deletes the data with the image', async () => {
    const img = await images.as(ALICE).createImage();
    await images.as(ALICE).uploadImage(img.id, 'abc');
    await images.as(ALICE).patchImage(img.id, []);
    expect((await images.call('DELETE', `/v2/images/${img.id}`, { token: ALICE })).status).toBe(204);
    expect(t.services.image.blobs.size('images', img.id)).toBeNull();
  });
});

describe('tasks API', () => {
  it('is admin only; an import task is created pending and fails to fetch (no route out)', async () => {
    const input = { import_from: 'http://download.example.org/x.img', import_from_format: 'raw', image_properties: { disk_format: 'raw', container_format: 'bare' } };
    const denied = await images.call('POST', '/v2/tasks', { token: ALICE, body: { type: 'import', input } });
    expect(denied.status).toBe(403);
    expect(errorMessage(denied.text)).toBe('You are not authorized to complete tasks_api_access action.');
    const bad = await images.call('POST', '/v2/tasks', { token: ADMIN, body: { type: 'bogus', input } });
    expect(bad.status).toBe(400);
    for (const odd of [null, [], 'import', 3]) {
      const notObject = await images.call('POST', '/v2/tasks', { token: ADMIN, body: odd });
      expect(notObject.status).toBe(400);
    }
    const created = await images.call('POST', '/v2/tasks', { token: ADMIN, body: { type: 'import', input } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ type: 'import', status: 'pending', input, schema: '/v2/schemas/task' });
    expect(created.headers.location).toMatch(new RegExp(`/image/v2/tasks/${created.body.id}$`));
    await t.services.image.idle();
    const shown = (await images.call('GET', `/v2/tasks/${created.body.id}`, { token: ADMIN })).body;
    expect(shown.status).toBe('failure');
    const list = (await images.call('GET', '/v2/tasks?limit=1', { token: ADMIN })).body;
    expect(list.tasks).toHaveLength(1);
    expect(list.next).toMatch(/^\/v2\/tasks\?limit=1&marker=/);
    expect((await images.call('GET', '/v2/tasks/00000000-0000-0000-0000-000000000000', { token: ADMIN })).status).toBe(404);
  });
});
