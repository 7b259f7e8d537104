// Sharing (members: pending -> accepted/rejected, member_status in lists) and the list query:
// filters, sorting, paging and its 400s, as glance's images index.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { ALICE, BOB, errorMessage, ImageClient } from '../../helpers/image.js';
import type { ApiReply } from '../../helpers/api-transport.js';

let t: TestApp;
let images: ImageClient;
beforeAll(async () => { t = await createTestApp(); images = new ImageClient(t.transport); });
afterAll(async () => { await t.close(); });

const ids = (res: ApiReply) => res.body.images.map((i: { id: string }) => i.id);

describe('members', () => {
  it('shares an image: pending members do not list it, accepted ones do, rejected ones only when asked', async () => {
    const img = await images.as(ALICE).createImage({ name: 'shared-one' });
    expect((await images.call('GET', `/v2/images/${img.id}`, { token: BOB })).status).toBe(404);
    const add = await images.call('POST', `/v2/images/${img.id}/members`, { token: ALICE, body: { member: 'project-b' } });
    expect(add.status).toBe(200);
    expect(add.body).toMatchObject({ member_id: 'project-b', image_id: img.id, status: 'pending', schema: '/v2/schemas/member' });
    expect(Object.keys(add.body)).toEqual(['member_id', 'image_id', 'status', 'created_at', 'updated_at', 'schema']);
    const dup = await images.call('POST', `/v2/images/${img.id}/members`, { token: ALICE, body: { member: 'project-b' } });
    expect(dup.status).toBe(409);
    expect(errorMessage(dup.text)).toBe(`Member project-b is duplicated for image ${img.id}`);
    // the member sees it by id, but not in the default list until accepted
    expect((await images.call('GET', `/v2/images/${img.id}`, { token: BOB })).status).toBe(200);
    expect(ids(await images.call('GET', '/v2/images', { token: BOB }))).not.toContain(img.id);
    expect(ids(await images.call('GET', '/v2/images?member_status=pending', { token: BOB }))).toContain(img.id);
    // only the member accepts
    expect((await images.call('PUT', `/v2/images/${img.id}/members/project-b`, { token: ALICE, body: { status: 'accepted' } })).status).toBe(403);
    const bad = await images.call('PUT', `/v2/images/${img.id}/members/project-b`, { token: BOB, body: { status: 'maybe' } });
    expect(errorMessage(bad.text)).toBe('Incorrect request: Status must be "pending", "accepted" or "rejected".');
    expect((await images.call('PUT', `/v2/images/${img.id}/members/project-b`, { token: BOB, body: { status: 'accepted' } })).body.status).toBe('accepted');
    expect(ids(await images.call('GET', '/v2/images', { token: BOB }))).toContain(img.id);
    expect((await images.call('GET', `/v2/images/${img.id}/members`, { token: BOB })).body.members).toHaveLength(1);
    await images.call('PUT', `/v2/images/${img.id}/members/project-b`, { token: BOB, body: { status: 'rejected' } });
    expect(ids(await images.call('GET', '/v2/images', { token: BOB }))).not.toContain(img.id);
    expect(ids(await images.call('GET', '/v2/images?member_status=all', { token: BOB }))).toContain(img.id);
    // the owner stops sharing
    expect((await images.call('DELETE', `/v2/images/${img.id}/members/project-b`, { token: BOB })).status).toBe(403);
    expect((await images.call('DELETE', `/v2/images/${img.id}/members/project-b`, { token: ALICE })).status).toBe(204);
    expect((await images.call('GET', `/v2/images/${img.id}`, { token: BOB })).status).toBe(404);
  });

  it('has members only for shared images', async () => {
    const img = await images.as(ALICE).createImage({ visibility: 'private' });
    const res = await images.call('GET', `/v2/images/${img.id}/members`, { token: ALICE });
    expect(res.status).toBe(403);
    expect(errorMessage(res.text)).toBe(`Not allowed to list members for image ${img.id}: Only shared images have members.`);
    expect((await images.call('POST', `/v2/images/${img.id}/members`, { token: ALICE, body: {} })).status).toBe(400);
  });
});

describe('list', () => {
  it('filters by name, in:, status, tag, property, size range and created_at', async () => {
    const a = await images.as(ALICE).createImage({ name: 'list-a', tags: ['red'], color: 'blue' });
    const b = await images.as(ALICE).createImage({ name: 'list-b' });
    await images.as(ALICE).uploadImage(b.id, 'twelve bytes');
    const q = async (query: string) => ids(await images.call('GET', `/v2/images?${query}`, { token: ALICE }));
    expect(await q('name=list-a')).toEqual([a.id]);
    expect((await q('name=in:list-a,list-b&sort=name:asc'))).toEqual([a.id, b.id]);
    expect(await q('tag=red')).toEqual([a.id]);
    expect(await q('color=blue')).toEqual([a.id]);
    expect(await q('size_min=12&size_max=12')).toEqual([b.id]);
    expect(await q('status=active&name=list-b')).toEqual([b.id]);
    expect(await q('created_at=lt:2000-01-01T00:00:00Z&owner=project-a')).toEqual([]);
  });

  it('sorts and pages with first/next links as glance writes them', async () => {
    for (const n of ['p3', 'p1', 'p2']) await images.as(BOB).createImage({ name: n, visibility: 'private' });
    const first = (await images.call('GET', '/v2/images?visibility=private&sort=name:asc&limit=2', { token: BOB })).body;
    expect(first.images.map((i: { name: string }) => i.name)).toEqual(['p1', 'p2']);
    expect(first.first).toBe('/v2/images?visibility=private&sort=name%3Aasc&limit=2');
    expect(first.next).toMatch(/^\/v2\/images\?visibility=private&sort=name%3Aasc&limit=2&marker=/);
    const second = (await images.call('GET', first.next, { token: BOB })).body;
    expect(second.images.map((i: { name: string }) => i.name)).toEqual(['p3']);
    expect(second.next).toBeUndefined();
    const classic = (await images.call('GET', '/v2/images?visibility=private&sort_key=name&sort_dir=desc', { token: BOB })).body;
    expect(classic.images.map((i: { name: string }) => i.name)).toEqual(['p3', 'p2', 'p1']);
  });

  it('answers bad list queries with 400 and glance messages', async () => {
    const cases: [string, string][] = [
      ['sort_key=foo', 'Invalid sort key: foo. It must be one of the following: name, status, container_format, disk_format, size, id, created_at, updated_at.'],
      ['sort_dir=up', 'Invalid sort direction: up'],
      ['sort=name&sort_key=id', 'Old and new sorting syntax cannot be combined'],
      ['limit=x', 'limit param must be an integer'],
      ['limit=-1', 'limit param must be positive'],
      ['marker=00000000-0000-0000-0000-000000000000', 'No image found with ID 00000000-0000-0000-0000-000000000000'],
      ['size_min=x', 'Unable to filter on a range with a non-numeric value.'],
      ['created_at=gte:yesterday', 'Bad "created_at" query filter format. Use ISO 8601 DateTime notation.'],
      ['changes-since=2000-01-01', 'The "changes-since" filter is no longer available on v2.'],
      ['visibility=x', 'Invalid visibility value: x'],
      ['member_status=x', 'Invalid status: x'],
    ];
    for (const [query, msg] of cases) {
      const res = await images.call('GET', `/v2/images?${query}`, { token: ALICE });
      expect(res.status, query).toBe(400);
      expect(errorMessage(res.text)).toBe(msg);
    }
  });
});
