// Image data: uploads with checksums, downloads with ranges, the size cap, the status machine
// (queued -> saving -> active, deactivated), stage + import (glance-direct, web-download
// without internet), and the tasks an import leaves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { ADMIN, ALICE, BOB, createImage, errorMessage, imageCall, md5, patchImage, sha512, uploadImage } from '../helpers/image.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp({ imageSizeCap: 64 * 1024 }); });
afterAll(async () => { await t.close(); });

const DATA = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));

describe('upload and download', () => {
  it('stores the data with size, md5 checksum and sha512 multihash, and serves it back', async () => {
    const img = await createImage(t.app, ALICE);
    const up = await uploadImage(t.app, ALICE, img.id, DATA);
    expect(up.statusCode).toBe(204);
    const shown = (await imageCall(t.app, ALICE, 'GET', `/v2/images/${img.id}`)).json();
    expect(shown).toMatchObject({ status: 'active', size: 5000, virtual_size: 5000, checksum: md5(DATA), os_hash_algo: 'sha512', os_hash_value: sha512(DATA) });
    const down = await imageCall(t.app, ALICE, 'GET', `/v2/images/${img.id}/file`);
    expect(down.statusCode).toBe(200);
    expect(down.headers['content-md5']).toBe(md5(DATA));
    expect(down.headers['content-length']).toBe('5000');
    expect(Buffer.compare(down.rawPayload, DATA)).toBe(0);
  });

  it('serves byte ranges, and 416 outside the data', async () => {
    const img = await createImage(t.app, ALICE);
    await uploadImage(t.app, ALICE, img.id, 'hello world');
    const part = await imageCall(t.app, ALICE, 'GET', `/v2/images/${img.id}/file`, { headers: { range: 'bytes=2-5' } });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe('bytes 2-5/11');
    expect(part.body).toBe('llo ');
    const suffix = await imageCall(t.app, ALICE, 'GET', `/v2/images/${img.id}/file`, { headers: { range: 'bytes=-3' } });
    expect(suffix.body).toBe('rld');
    const open = await imageCall(t.app, ALICE, 'GET', `/v2/images/${img.id}/file`, { headers: { range: 'bytes=6-' } });
    expect(open.body).toBe('world');
    const bad = await imageCall(t.app, ALICE, 'GET', `/v2/images/${img.id}/file`, { headers: { range: 'bytes=20-25' } });
    expect(bad.statusCode).toBe(416);
    expect(JSON.parse(bad.body).message).toContain('Start position MUST be in the inclusive range [0, 10].');
  });

  it('answers 204 for an image without data, 409 for a second upload, 415 for another media type', async () => {
    const img = await createImage(t.app, ALICE);
    expect((await imageCall(t.app, ALICE, 'GET', `/v2/images/${img.id}/file`)).statusCode).toBe(204);
    const wrong = await imageCall(t.app, ALICE, 'PUT', `/v2/images/${img.id}/file`, { raw: 'x', headers: { 'content-type': 'application/json' } });
    expect(wrong.statusCode).toBe(415);
    expect((await imageCall(t.app, ALICE, 'GET', `/v2/images/${img.id}`)).json().status).toBe('queued');
    await uploadImage(t.app, ALICE, img.id, 'abc');
    const again = await uploadImage(t.app, ALICE, img.id, 'abc');
    expect(again.statusCode).toBe(409);
    expect(errorMessage(again.body)).toBe('Image status transition from active to saving is not allowed');
    expect((await uploadImage(t.app, BOB, img.id, 'abc')).statusCode).toBe(404);
  });

  it('refuses data over the size cap with 413 and leaves the image queued for a retry', async () => {
    const img = await createImage(t.app, ALICE);
    const big = await uploadImage(t.app, ALICE, img.id, Buffer.alloc(64 * 1024 + 1));
    expect(big.statusCode).toBe(413);
    expect((await imageCall(t.app, ALICE, 'GET', `/v2/images/${img.id}`)).json()).toMatchObject({ status: 'queued', size: null });
    expect((await uploadImage(t.app, ALICE, img.id, Buffer.alloc(64 * 1024))).statusCode).toBe(204);
    expect((await imageCall(t.app, ALICE, 'GET', `/v2/images/${img.id}`)).json()).toMatchObject({ status: 'active', size: 64 * 1024 });
  });
});

describe('status machine', () => {
  it('deactivates and reactivates an active image; data is forbidden to non-admins meanwhile', async () => {
    const img = await createImage(t.app, ALICE, { visibility: 'community' });
    const early = await imageCall(t.app, ALICE, 'POST', `/v2/images/${img.id}/actions/deactivate`);
    expect(early.statusCode).toBe(403);
    expect(errorMessage(early.body)).toBe("Not allowed to deactivate image in status 'queued'");
    await uploadImage(t.app, ALICE, img.id, 'abc');
    expect((await imageCall(t.app, ALICE, 'POST', `/v2/images/${img.id}/actions/deactivate`)).statusCode).toBe(204);
    expect((await imageCall(t.app, ALICE, 'GET', `/v2/images/${img.id}`)).json().status).toBe('deactivated');
    expect((await imageCall(t.app, BOB, 'GET', `/v2/images/${img.id}/file`)).statusCode).toBe(403);
    expect((await imageCall(t.app, ADMIN, 'GET', `/v2/images/${img.id}/file`)).statusCode).toBe(200);
    expect((await imageCall(t.app, ALICE, 'POST', `/v2/images/${img.id}/actions/reactivate`)).statusCode).toBe(204);
    expect((await imageCall(t.app, BOB, 'GET', `/v2/images/${img.id}/file`)).body).toBe('abc');
  });

  it('stages and imports with glance-direct: queued -> uploading -> importing -> active', async () => {
    const img = await createImage(t.app, ALICE);
    const notStaged = await imageCall(t.app, ALICE, 'POST', `/v2/images/${img.id}/import`, { body: { method: { name: 'glance-direct' } } });
    expect(notStaged.statusCode).toBe(409);
    const staged = await imageCall(t.app, ALICE, 'PUT', `/v2/images/${img.id}/stage`, { raw: 'staged data', headers: { 'content-type': 'application/octet-stream' } });
    expect(staged.statusCode).toBe(204);
    expect((await imageCall(t.app, ALICE, 'GET', `/v2/images/${img.id}`)).json()).toMatchObject({ status: 'uploading', size: 11, checksum: null });
    const imp = await imageCall(t.app, ALICE, 'POST', `/v2/images/${img.id}/import`, { body: { method: { name: 'glance-direct' } } });
    expect(imp.statusCode).toBe(202);
    await t.services.image.idle();
    const done = (await imageCall(t.app, ALICE, 'GET', `/v2/images/${img.id}`)).json();
    expect(done).toMatchObject({ status: 'active', size: 11, checksum: md5('staged data') });
    expect(done.os_glance_import_task).toBeUndefined();
    expect((await imageCall(t.app, ALICE, 'GET', `/v2/images/${img.id}/file`)).body).toBe('staged data');
    const tasks = (await imageCall(t.app, ALICE, 'GET', `/v2/images/${img.id}/tasks`)).json().tasks;
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ type: 'api_image_import', status: 'success', image_id: img.id });
  });

  it('web-download: a host name does not pass filtering (no DNS); an address fails in the task and the image goes back to queued', async () => {
    const img = await createImage(t.app, ALICE);
    const named = await imageCall(t.app, ALICE, 'POST', `/v2/images/${img.id}/import`, { body: { method: { name: 'web-download', uri: 'http://example.com/x.img' } } });
    expect(named.statusCode).toBe(400);
    expect(errorMessage(named.body)).toBe('URI for web-download does not pass filtering: http://example.com/x.img');
    const byAddress = await imageCall(t.app, ALICE, 'POST', `/v2/images/${img.id}/import`, { body: { method: { name: 'web-download', uri: 'http://192.0.2.1/x.img' } } });
    expect(byAddress.statusCode).toBe(202);
    await t.services.image.idle();
    expect((await imageCall(t.app, ALICE, 'GET', `/v2/images/${img.id}`)).json().status).toBe('queued');
    const [task] = (await imageCall(t.app, ALICE, 'GET', `/v2/images/${img.id}/tasks`)).json().tasks;
    expect(task.status).toBe('failure');
  });

  it('answers import requests glance refuses', async () => {
    const img = await createImage(t.app, ALICE);
    const cases: [unknown, number, string][] = [
      [{}, 400, "Import request requires a 'method' field."],
      [{ method: {} }, 400, "Import request requires a 'name' field."],
      [{ method: { name: 'bogus' } }, 400, "Unknown import method name 'bogus'."],
    ];
    for (const [body, status, msg] of cases) {
      const res = await imageCall(t.app, ALICE, 'POST', `/v2/images/${img.id}/import`, { body });
      expect(res.statusCode).toBe(status);
      expect(errorMessage(res.body)).toBe(msg);
    }
    const info = (await imageCall(t.app, ALICE, 'GET', '/v2/info/import')).json();
    expect(info['import-methods'].value).toEqual(['glance-direct', 'web-download', 'copy-image']);
  });

  it('deletes the data with the image', async () => {
    const img = await createImage(t.app, ALICE);
    await uploadImage(t.app, ALICE, img.id, 'abc');
    await patchImage(t.app, ALICE, img.id, []);
    expect((await imageCall(t.app, ALICE, 'DELETE', `/v2/images/${img.id}`)).statusCode).toBe(204);
    expect(t.services.image.blobs.size('images', img.id)).toBeNull();
  });
});

describe('tasks API', () => {
  it('is admin only; an import task is created pending and fails to fetch (no route out)', async () => {
    const input = { import_from: 'http://download.example.org/x.img', import_from_format: 'raw', image_properties: { disk_format: 'raw', container_format: 'bare' } };
    const denied = await imageCall(t.app, ALICE, 'POST', '/v2/tasks', { body: { type: 'import', input } });
    expect(denied.statusCode).toBe(403);
    expect(errorMessage(denied.body)).toBe('You are not authorized to complete tasks_api_access action.');
    const bad = await imageCall(t.app, ADMIN, 'POST', '/v2/tasks', { body: { type: 'bogus', input } });
    expect(bad.statusCode).toBe(400);
    for (const odd of [null, [], 'import', 3]) {
      const notObject = await imageCall(t.app, ADMIN, 'POST', '/v2/tasks', { body: odd });
      expect(notObject.statusCode).toBe(400);
    }
    const created = await imageCall(t.app, ADMIN, 'POST', '/v2/tasks', { body: { type: 'import', input } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ type: 'import', status: 'pending', input, schema: '/v2/schemas/task' });
    expect(created.headers.location).toMatch(new RegExp(`/image/v2/tasks/${created.json().id}$`));
    await t.services.image.idle();
    const shown = (await imageCall(t.app, ADMIN, 'GET', `/v2/tasks/${created.json().id}`)).json();
    expect(shown.status).toBe('failure');
    const list = (await imageCall(t.app, ADMIN, 'GET', '/v2/tasks?limit=1')).json();
    expect(list.tasks).toHaveLength(1);
    expect(list.next).toMatch(/^\/v2\/tasks\?limit=1&marker=/);
    expect((await imageCall(t.app, ADMIN, 'GET', '/v2/tasks/00000000-0000-0000-0000-000000000000')).statusCode).toBe(404);
  });
});
