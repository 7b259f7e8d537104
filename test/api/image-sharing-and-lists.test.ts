// Sharing (members: pending -> accepted/rejected, member_status in lists) and the list query:
// filters, sorting, paging and its 400s, as glance's images index.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { ALICE, BOB, createImage, errorMessage, imageCall, uploadImage } from '../helpers/image.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

const ids = (res: { json(): any }) => res.json().images.map((i: { id: string }) => i.id);

describe('members', () => {
  it('shares an image: pending members do not list it, accepted ones do, rejected ones only when asked', async () => {
    const img = await createImage(t.app, ALICE, { name: 'shared-one' });
    expect((await imageCall(t.app, BOB, 'GET', `/v2/images/${img.id}`)).statusCode).toBe(404);
    const add = await imageCall(t.app, ALICE, 'POST', `/v2/images/${img.id}/members`, { body: { member: 'project-b' } });
    expect(add.statusCode).toBe(200);
    expect(add.json()).toMatchObject({ member_id: 'project-b', image_id: img.id, status: 'pending', schema: '/v2/schemas/member' });
    expect(Object.keys(add.json())).toEqual(['member_id', 'image_id', 'status', 'created_at', 'updated_at', 'schema']);
    const dup = await imageCall(t.app, ALICE, 'POST', `/v2/images/${img.id}/members`, { body: { member: 'project-b' } });
    expect(dup.statusCode).toBe(409);
    expect(errorMessage(dup.body)).toBe(`Member project-b is duplicated for image ${img.id}`);
    // the member sees it by id, but not in the default list until accepted
    expect((await imageCall(t.app, BOB, 'GET', `/v2/images/${img.id}`)).statusCode).toBe(200);
    expect(ids(await imageCall(t.app, BOB, 'GET', '/v2/images'))).not.toContain(img.id);
    expect(ids(await imageCall(t.app, BOB, 'GET', '/v2/images?member_status=pending'))).toContain(img.id);
    // only the member accepts
    expect((await imageCall(t.app, ALICE, 'PUT', `/v2/images/${img.id}/members/project-b`, { body: { status: 'accepted' } })).statusCode).toBe(403);
    const bad = await imageCall(t.app, BOB, 'PUT', `/v2/images/${img.id}/members/project-b`, { body: { status: 'maybe' } });
    expect(errorMessage(bad.body)).toBe('Incorrect request: Status must be "pending", "accepted" or "rejected".');
    expect((await imageCall(t.app, BOB, 'PUT', `/v2/images/${img.id}/members/project-b`, { body: { status: 'accepted' } })).json().status).toBe('accepted');
    expect(ids(await imageCall(t.app, BOB, 'GET', '/v2/images'))).toContain(img.id);
    expect((await imageCall(t.app, BOB, 'GET', `/v2/images/${img.id}/members`)).json().members).toHaveLength(1);
    await imageCall(t.app, BOB, 'PUT', `/v2/images/${img.id}/members/project-b`, { body: { status: 'rejected' } });
    expect(ids(await imageCall(t.app, BOB, 'GET', '/v2/images'))).not.toContain(img.id);
    expect(ids(await imageCall(t.app, BOB, 'GET', '/v2/images?member_status=all'))).toContain(img.id);
    // the owner stops sharing
    expect((await imageCall(t.app, BOB, 'DELETE', `/v2/images/${img.id}/members/project-b`)).statusCode).toBe(403);
    expect((await imageCall(t.app, ALICE, 'DELETE', `/v2/images/${img.id}/members/project-b`)).statusCode).toBe(204);
    expect((await imageCall(t.app, BOB, 'GET', `/v2/images/${img.id}`)).statusCode).toBe(404);
  });

  it('has members only for shared images', async () => {
    const img = await createImage(t.app, ALICE, { visibility: 'private' });
    const res = await imageCall(t.app, ALICE, 'GET', `/v2/images/${img.id}/members`);
    expect(res.statusCode).toBe(403);
    expect(errorMessage(res.body)).toBe(`Not allowed to list members for image ${img.id}: Only shared images have members.`);
    expect((await imageCall(t.app, ALICE, 'POST', `/v2/images/${img.id}/members`, { body: {} })).statusCode).toBe(400);
  });
});

describe('list', () => {
  it('filters by name, in:, status, tag, property, size range and created_at', async () => {
    const a = await createImage(t.app, ALICE, { name: 'list-a', tags: ['red'], color: 'blue' });
    const b = await createImage(t.app, ALICE, { name: 'list-b' });
    await uploadImage(t.app, ALICE, b.id, 'twelve bytes');
    const q = async (query: string) => ids(await imageCall(t.app, ALICE, 'GET', `/v2/images?${query}`));
    expect(await q('name=list-a')).toEqual([a.id]);
    expect((await q('name=in:list-a,list-b&sort=name:asc'))).toEqual([a.id, b.id]);
    expect(await q('tag=red')).toEqual([a.id]);
    expect(await q('color=blue')).toEqual([a.id]);
    expect(await q('size_min=12&size_max=12')).toEqual([b.id]);
    expect(await q('status=active&name=list-b')).toEqual([b.id]);
    expect(await q('created_at=lt:2000-01-01T00:00:00Z&owner=project-a')).toEqual([]);
  });

  it('sorts and pages with first/next links as glance writes them', async () => {
    for (const n of ['p3', 'p1', 'p2']) await createImage(t.app, BOB, { name: n, visibility: 'private' });
    const first = (await imageCall(t.app, BOB, 'GET', '/v2/images?visibility=private&sort=name:asc&limit=2')).json();
    expect(first.images.map((i: { name: string }) => i.name)).toEqual(['p1', 'p2']);
    expect(first.first).toBe('/v2/images?visibility=private&sort=name%3Aasc&limit=2');
    expect(first.next).toMatch(/^\/v2\/images\?visibility=private&sort=name%3Aasc&limit=2&marker=/);
    const second = (await imageCall(t.app, BOB, 'GET', first.next)).json();
    expect(second.images.map((i: { name: string }) => i.name)).toEqual(['p3']);
    expect(second.next).toBeUndefined();
    const classic = (await imageCall(t.app, BOB, 'GET', '/v2/images?visibility=private&sort_key=name&sort_dir=desc')).json();
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
      const res = await imageCall(t.app, ALICE, 'GET', `/v2/images?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(errorMessage(res.body)).toBe(msg);
    }
  });
});
