// An unexpected failure is a 500 in Placement's envelope (fault_wrap.py), with the request id
// and no stack trace, and the error is logged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlacementTestApp, type TestApp } from '../../helpers/app.js';
import { PlacementClient } from '../../helpers/placement.js';

let t: TestApp;
let pc: PlacementClient;
beforeAll(async () => { t = await createPlacementTestApp(); pc = new PlacementClient(t.transport, ''); });
afterAll(async () => { await t.close(); });

describe('500', () => {
  it('renders a broken store as a 500 envelope', async () => {
    const rp = await pc.createProvider('doomed');
    // Break the database under the running service: the aggregates query now fails.
    t.services.runtime.db.exec('ALTER TABLE placement_aggregates RENAME TO placement_aggregates_gone');
    try {
      const r = await pc.call('GET', `/resource_providers/${rp.uuid}/aggregates`, { version: '1.23' });
      expect(r.status).toBe(500);
      const e = r.body.errors[0];
      expect(e).toMatchObject({ status: 500, title: 'Internal Server Error', code: 'placement.undefined_code' });
      expect(e.detail).toContain('The server has either erred or is incapable of performing the requested operation.');
      expect(e.detail).not.toMatch(/\n\s+at /);
      expect(e.request_id).toBe(r.headers['x-openstack-request-id']);
    } finally {
      t.services.runtime.db.exec('ALTER TABLE placement_aggregates_gone RENAME TO placement_aggregates');
    }
  });
});
