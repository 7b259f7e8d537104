// GET /_mock/audit reports images left in a transient status (a crash mid-upload leaves one in
// `saving`), but not an upload that is still running nor staged data waiting for its import.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { ALICE, ImageClient } from '../../helpers/image.js';

let t: TestApp;
let images: ImageClient;
beforeAll(async () => { t = await createTestApp(); images = new ImageClient(t.transport); });
afterAll(async () => { await t.close(); });

const audit = async () => (await t.app.inject({ method: 'GET', url: '/_mock/audit', headers: { 'x-auth-token': 'admin' } })).json().audit as { kind: string; consumer: string; detail: string }[];

it('reports an image stranded in saving, not one whose upload is running', async () => {
  const running = await images.as(ALICE).createImage();
  const data = new PassThrough();
  const upload = t.services.image.upload({ owner: 'project-a', isAdmin: false }, running.id, data);
  data.write('partial');
  await new Promise((r) => setImmediate(r));
  expect((await images.call('GET', `/v2/images/${running.id}`, { token: ALICE })).body.status).toBe('saving');
  expect(await audit()).toEqual([]);
  data.end('rest');
  await upload;
  expect((await images.call('GET', `/v2/images/${running.id}`, { token: ALICE })).body.status).toBe('active');

  // what a process killed mid-upload leaves behind
  const stranded = await images.as(ALICE).createImage();
  t.services.image.images.transition(stranded.id, 'queued', 'saving');
  const staged = await images.as(ALICE).createImage();
  await images.call('PUT', `/v2/images/${staged.id}/stage`, { token: ALICE, raw: 'x', headers: { 'content-type': 'application/octet-stream' } });
  expect(await audit()).toEqual([{ kind: 'image_stranded', consumer: stranded.id, detail: `image ${stranded.id} left in status saving` }]);
});
